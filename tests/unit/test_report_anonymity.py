"""The anonymity check over hand-built documents, cases as data; name variants of people and organisations.

deduce is replaced by nothing here (its own tests are tests/integration/test_deduce.py), so these tests show
exactly what the case file's names and our patterns find."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.findings import Finding, Severity
from pipeline.load.project import Case
from pipeline.report import deid, names
from pipeline.report.checks import anonymity
from pipeline.report.checks.anonymity import check_anonymity, pattern_hits
from pipeline.report.document import Block, BlockKind, Document, Part
from pipeline.report.runner import stamp_severity
from tests import profiles
from tests.helpers import input_yaml
from tests.profiles import report_context


@pytest.fixture(autouse=True)
def no_deduce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deid, "model", lambda: None)
    monkeypatch.setattr(anonymity, "deduce_hits", lambda text, people=(): ([], 0))


def case(**data: Any) -> Case:
    return profiles.case(**data)


UGENT_CASE = case(
    student={"id": "01900001", "first_name": "Wout", "last_name": "Vermeulen", "email": "wout.vermeulen@ugent.be"},
    placement={"name": "Dierenkliniek Vandamme", "legal_form": "BV", "enterprise_number": "0460.763.955",
               "address": {"street": "Brugsesteenweg 230", "postal_code": "9900", "city": "Eeklo"},
               "representative": {"name": "An Dhaenens", "title": "dr."}},
    mentors=[{"name": "Jana Peeters", "title": "dr.", "email": "jana.peeters@vandamme.example.be",
              "phone": "+32 9 377 88 99"}],
    supervisor={"name": "Geert Opsomer", "title": "prof. dr.", "email": "geert.opsomer@ugent.be"},
    other_people=["familie Van den Broeck", "Roos Moens"],
)


def P(text: str, part: Part = Part.BODY, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    return Block(0, kind, text, page=2, part=part)


def doc(*blocks: Block) -> Document:
    return Document(path="verslag.docx", format="docx",
                    blocks=[Block(i, b.kind, b.text, page=b.page, part=b.part) for i, b in enumerate(blocks)])


def run(document: Document, program: str | None = "ugent-dgk", the_case: Case | None = UGENT_CASE,
        institution: str | None = "ugent") -> tuple[list[Finding], dict[str, Any]]:
    ctx = report_context(document, input_yaml("programs", program) if program else None,
                         input_yaml("institutions", institution) if institution else None, case=the_case)
    findings = stamp_severity(check_anonymity(ctx), "anonymity", ctx.report)
    return findings, ctx.summaries.as_dict(str)


def texts(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.rule, f.text) for f in findings]


# --- name variants ---------------------------------------------------------------------------------------------

def found(name: str, text: str, **kwargs: Any) -> list[str]:
    known = [names.KnownName("mentor", "person", name, names.person_variants(name, **kwargs))]
    matches = names.find(known, text)  # overlaps are kept; the check keeps the longest, so do we
    outer = [m for m in matches if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and o.end - o.start > m.end - m.start for o in matches)]
    return [m.text for m in sorted(outer, key=lambda m: (m.start, -m.end))]


@pytest.mark.parametrize("text", ["Lars Van den Broeck", "van den broeck", "Van Den Broeck", "VAN DEN BROECK",
                                  "Vandenbroeck", "Vanden Broeck"])
def test_surname_with_particles_matches_its_spellings(text: str) -> None:
    assert found("Lars Van den Broeck", f"Ik sprak met {text} over de planning.")[0] == text


def test_vander_elst_also_matches_van_der_elst() -> None:
    assert found("Marie Vander Elst", "Mevrouw Van der Elst kwam langs.") == ["Mevrouw Van der Elst"]


def test_surname_matches_whole_words_only() -> None:
    assert found("Thomas Claes", "Claessens en Nicolaes en claes-achtig") == []


@pytest.mark.parametrize("text, expected", [
    ("Ik liep mee met dr. Peeters.", "dr. Peeters"),
    ("Dr Peeters legde het uit.", "Dr Peeters"),
    ("Prof. dr. Peeters kwam.", "Prof. dr. Peeters"),
    ("Mevr. Peeters belde.", "Mevr. Peeters"),
    ("Ik vroeg het aan dhr. Peeters.", "dhr. Peeters"),
    ("Mme Peeters a appelé.", "Mme Peeters"),
    ("Getekend: J. Peeters.", "J. Peeters"),
    ("Getekend: Peeters Jana.", "Peeters Jana"),
    ("Getekend: J.P.", "J.P."),
])
def test_titles_initials_and_reversed_names_belong_to_the_match(text: str, expected: str) -> None:
    assert expected in found("Jana Peeters", text)


@pytest.mark.parametrize("text, expected", [("In Peeters' praktijk", "Peeters"), ("Peeters's hond", "Peeters"),
                                            ("Jana's uitleg", "Jana"), ("Jana’s uitleg", "Jana")])
def test_possessives_are_found_without_their_ending(text: str, expected: str) -> None:
    assert found("Jana Peeters", text) == [expected]


def test_first_name_that_is_a_word_counts_only_capitalised_mid_sentence() -> None:
    assert found("Roos Moens", "Roos is giftig voor katten. Een rode roos.") == []
    assert found("Roos Moens", "Ik sprak met Roos over haar kat.") == ["Roos"]
    assert found("Roos Moens", "Mevrouw Roos kwam terug.") == ["Mevrouw Roos"]


def test_first_name_alone_can_be_switched_off() -> None:
    assert found("Lotte Maes", "Ik hielp Lotte.", first_name_alone=False) == []
    assert found("Lotte Maes", "Ik hielp Lotte.") == ["Lotte"]


def test_accents_are_folded_both_ways() -> None:
    assert found("Zoë Hélène Dubois", "Zoe en Helene Dubois") == ["Zoe", "Helene Dubois"]
    assert found("Zoe Dubois", "Zoë kwam") == ["Zoë"]


@pytest.mark.parametrize("name, first, surname", [
    ("Jana Peeters", ["Jana"], "Peeters"), ("Lars Van den Broeck", ["Lars"], "Van den Broeck"),
    ("dr. Claire Dubois", ["Claire"], "Dubois"), ("Yasmina El Amrani", ["Yasmina"], "El Amrani"),
    ("familie Van de Velde", [], "Van de Velde"), ("Anna Maria de Vos", ["Anna", "Maria"], "de Vos"),
    ("Marie Vander Elst", ["Marie"], "Vander Elst"), ("Peeters", [], "Peeters")])
def test_split_name_keeps_particles_with_the_surname(name: str, first: list[str], surname: str) -> None:
    assert names.split_name(name) == (first, surname)


def org_found(text: str) -> list[str]:
    known = [names.KnownName("placement", "organisation", "x",
                             names.organisation_variants("Dierenkliniek Vandamme BV", "BV"))]
    return sorted({m.text for m in names.find(known, text)})


def test_placement_name_with_and_without_legal_form_and_its_distinctive_word() -> None:
    assert org_found("bij Dierenkliniek Vandamme BV") == ["Dierenkliniek Vandamme BV", "Vandamme"]
    assert org_found("bij dierenkliniek Vandamme") == ["Vandamme", "dierenkliniek Vandamme"]
    assert org_found("Dokter Vandamme") == ["Vandamme"]
    assert org_found("een dierenkliniek in de buurt") == []


def test_generic_words_of_an_organisation_are_not_searched_alone() -> None:
    variants = names.organisation_variants("Brabo Logistics International", "BV")
    assert [v.form for v in variants] == ["name", "distinctive"]
    known = [names.KnownName("placement", "organisation", "x", variants)]
    assert [m.text for m in names.find(known, "Brabo groeit; logistics international is een sector.")] == ["Brabo"]


@pytest.mark.parametrize("text", ["09 377 88 99", "09/377.88.99", "+32 9 377 88 99", "+32 (0)9 377 88 99",
                                  "0032 9 3778899"])
def test_known_phone_number_in_any_belgian_format(text: str) -> None:
    known = [names.KnownName("mentor", "phone", "x", names.phone_variants("+32 9 377 88 99"))]
    assert [m.text for m in names.find(known, f"Bel {text}.")] == [text]


def test_enterprise_number_with_or_without_dots_and_be() -> None:
    known = [names.KnownName("placement", "enterprise-number", "x", names.enterprise_number_variants("0460.763.955"))]
    assert [m.text for m in names.find(known, "BE 0460.763.955 en 0460763955")] == ["BE 0460.763.955", "0460763955"]


def test_address_street_number_box_and_city() -> None:
    known = [names.KnownName("placement", "address", "x", names.address_variants("Kerkstraat 12 bus 3", "2800",
                                                                              "Mechelen"))]
    matches = {m.text for m in names.find(known, "Kerkstraat 12 bus 3, 2800 Mechelen")}
    assert "Kerkstraat 12 bus 3, 2800 Mechelen" in matches


# --- the check with a case file ---------------------------------------------------------------------------------

def test_ugent_report_naming_the_mentor_is_an_error_with_a_dutch_fix() -> None:
    findings, _ = run(doc(P("Mijn stagementor dr. Jana Peeters liet me zelf een hond onderzoeken.")))
    assert texts(findings) == [("known-name", "dr. Jana Peeters")]
    finding = findings[0]
    assert finding.check == "anonymity" and finding.severity is Severity.ERROR
    assert str(finding.message) == "naam van je stagementor (Jana Peeters): vervang door 'de mentor'"
    assert finding.hint and "de mentor" in str(finding.hint)
    assert (finding.location.paragraph, finding.location.offset, finding.location.length) == (0, 17, 16)


def test_every_occurrence_is_its_own_finding() -> None:
    findings, facts = run(doc(P("Jana toonde het. Later deed Peeters het opnieuw."), P("Ik bedankte Jana.")))
    assert texts(findings) == [("known-name", "Jana"), ("known-name", "Peeters"), ("known-name", "Jana")]
    assert facts["anonymity"]["counts"] == {"known-name": 3}


def test_placement_its_address_contacts_and_people_are_leaks_for_ugent() -> None:
    text = ("Ik liep stage bij Dierenkliniek Vandamme BV aan de Brugsesteenweg 230, 9900 Eeklo (BE 0460.763.955). "
            "Dr. Dhaenens is de zaakvoerder; bel 09 377 88 99 of mail jana.peeters@vandamme.example.be. "
            "De familie Van den Broeck bracht hun kat; Roos Moens ook.")
    findings, _ = run(doc(P(text)))
    assert texts(findings) == [
        ("known-name", "Dierenkliniek Vandamme BV"), ("address", "Brugsesteenweg 230, 9900 Eeklo"),
        ("organisation", "BE 0460.763.955"), ("known-name", "Dr. Dhaenens"), ("phone", "09 377 88 99"),
        ("email", "jana.peeters@vandamme.example.be"), ("known-name", "familie Van den Broeck"),
        ("known-name", "Roos Moens")]
    assert all(f.severity is Severity.ERROR for f in findings)
    assert "vertegenwoordiger van je stageplaats" in str(findings[3].message)
    assert "ondernemingsnummer van je stageplaats" in str(findings[2].message)


def test_placement_website_from_the_mentors_mail_domain() -> None:
    findings, _ = run(doc(P("Zie https://www.vandamme.example.be/team voor de openingsuren.")))
    assert texts(findings) == [("url", "https://www.vandamme.example.be/team")]
    assert findings[0].severity is Severity.ERROR and "website van je stageplaats" in str(findings[0].message)


def test_students_own_name_is_fine_on_the_title_page_and_in_footers_and_a_remark_elsewhere() -> None:
    findings, _ = run(doc(P("Wout Vermeulen", Part.TITLE_PAGE), P("Stageverslag Wout Vermeulen", Part.HEADERS_FOOTERS,
                                                                  BlockKind.FOOTER),
                          P("Ik, Wout Vermeulen, verklaar dat dit verslag mijn eigen werk is.")))
    assert texts(findings) == [("own-name", "Wout Vermeulen")]
    assert findings[0].severity is Severity.INFO and findings[0].location.paragraph == 2


def test_placement_name_on_the_title_page_is_still_a_leak() -> None:
    findings, _ = run(doc(P("Stage bij Dierenkliniek Vandamme", Part.TITLE_PAGE)))
    assert texts(findings) == [("known-name", "Dierenkliniek Vandamme")]


def test_table_of_contents_is_skipped() -> None:
    findings, _ = run(doc(P("Casus bij Jana Peeters ........ 4", Part.TOC, BlockKind.TOC)))
    assert findings == []


def test_school_side_people_and_institution_names_are_allowed() -> None:
    text = ("Prof. dr. Opsomer en stagecoördinator Lotte Deschepper (stage.di@ugent.be, +32 9 264 00 00) van de "
            "Universiteit Gent en de Faculteit Diergeneeskunde; zie www.ugent.be/di.")
    findings, _ = run(doc(P(text)))
    assert findings == []


def test_tm_om_scope_people_counts_mentors_but_lets_the_company_and_its_contacts_be_named() -> None:
    the_case = case(student={"first_name": "Lars", "last_name": "Van den Broeck"},
                    placement={"name": "Brabo Logistics International", "legal_form": "BV",
                               "address": {"street": "Noorderlaan 147", "postal_code": "2030", "city": "Antwerpen"},
                               "representative": {"name": "Katrien Verlinden"}},
                    mentors=[{"name": "Thomas Claes", "email": "thomas.claes@brabo.example.be"}],
                    other_people=["Sofie De Smet"])
    text = ("Bij Brabo Logistics International BV (Noorderlaan 147) begeleidde Thomas Claes mij; "
            "klant Sofie De Smet belde op 03 540 12 12.")
    findings, facts = run(doc(P(text)), program="tm-om", the_case=the_case, institution="thomas-more")
    assert texts(findings) == [("known-name", "Thomas Claes"), ("known-name", "Sofie De Smet")]
    assert {f.severity for f in findings} == {Severity.WARNING}
    assert facts["anonymity"]["scope"] == ["clients", "people"]


def test_a_company_named_after_an_in_scope_person_still_shows_the_person() -> None:
    the_case = case(placement={"name": "Janssens & Zonen", "representative": {"name": "Luc Janssens"}},
                    mentors=[{"name": "Sarah De Smet", "email": "sarah@janssens.example.be"}])
    findings, _ = run(doc(P("Ik liep stage bij Janssens & Zonen.")), program="tm-om", the_case=the_case,
                      institution="thomas-more")
    assert texts(findings) == [("known-name", "Janssens")]
    assert "Luc Janssens" in str(findings[0].message)


def test_profile_allow_list_and_course_words_are_allowed() -> None:
    program = input_yaml("programs", "ugent-dgk")
    program["report"]["anonymity"]["allow"] = ["Dierenkliniek Vandamme"]
    ctx = report_context(doc(P("Dierenkliniek Vandamme is de naam van de casus in het handboek.")), program,
                         case=UGENT_CASE)
    assert list(check_anonymity(ctx)) == []


# --- the check without a case file or program -------------------------------------------------------------------

def test_without_case_and_program_patterns_find_everything_as_warnings() -> None:
    text = ("Ik werkte bij Dierenkliniek Het Hoefijzer BV, Stationsstraat 45, 8800 Roeselare; "
            "bel 0470 12 34 56 of mail info@hethoefijzer.be.")
    findings, facts = run(doc(P(text)), program=None, the_case=None, institution=None)
    assert texts(findings) == [("organisation", "Dierenkliniek Het Hoefijzer BV"),
                               ("address", "Stationsstraat 45, 8800 Roeselare"), ("phone", "0470 12 34 56"),
                               ("email", "info@hethoefijzer.be")]
    assert {f.severity for f in findings} == {Severity.WARNING}
    assert facts["anonymity"]["known_names"] == 0


@pytest.mark.parametrize("text", [
    "De praktijk telt drie dierenartsen en twee assistenten.",
    "Op 03.12.2024 14 katten gevaccineerd.",
    "Een BV heeft een zaakvoerder; mijn CV stuurde ik op voorhand.",
    "In week 12 lag de nadruk op het logboek (zie bijlage 3, verslag.docx).",
])
def test_ordinary_sentences_have_no_findings(text: str) -> None:
    findings, _ = run(doc(P(text)), program=None, the_case=None, institution=None)
    assert findings == []


@pytest.mark.parametrize("text, rule", [("+32 51 22 33 44", "phone"), ("0499/12.34.56", "phone"),
                                        ("+32 (0)477 98 76 54", "phone"), ("03/540 12 12", "phone"),
                                        ("AZ Sint-Jan", "organisation"), ("Apotheek Verbeke", "organisation"),
                                        ("Vandamme & Zonen VOF", "organisation"), ("Rue de la Gare 8", "address")])
def test_patterns_recognise_belgian_formats(text: str, rule: str) -> None:
    findings, _ = run(doc(P(f"Zie {text} voor meer.")), program=None, the_case=None, institution=None)
    assert texts(findings) == [(rule, text)]


def test_unknown_website_is_a_remark_not_a_leak() -> None:
    findings, _ = run(doc(P("Bron: https://www.ordedierenartsen.be/richtlijnen.")), program=None, the_case=None,
                      institution=None)
    assert texts(findings) == [("url", "https://www.ordedierenartsen.be/richtlijnen")]
    assert findings[0].severity is Severity.INFO


def test_scope_filters_detected_kinds() -> None:
    findings, _ = run(doc(P("Bel 0470 12 34 56 of kom naar de Kerkstraat 12.")), program="tm-om", the_case=None,
                      institution=None)
    assert findings == []


def test_without_deduce_the_case_names_still_count_and_a_remark_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise deid.DeidUnavailable("ModuleNotFoundError: No module named 'deduce'")

    monkeypatch.setattr(deid, "model", broken)
    findings, facts = run(doc(P("Jana Peeters hielp me.")))
    assert texts(findings) == [("deduce-unavailable", None), ("known-name", "Jana Peeters")]
    assert findings[0].severity is Severity.INFO
    assert facts["anonymity"]["deduce"] is False


# --- what is no name, and the title page (deduce replaced by a list of what it would call a person) -------------

def deduce_finds(monkeypatch: pytest.MonkeyPatch, *persons: str) -> None:
    """deduce's stand-in: every occurrence of ``persons`` is a person, as deduce would say (tests/integration has
    the real one)."""
    import re

    def hits(text: str, people: object = ()) -> tuple[list[anonymity.Hit], int]:
        return [anonymity.Hit(m.start(), m.end(), m.group(), "person", "person", "deduce")
                for name in persons for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)], 0

    monkeypatch.setattr(anonymity, "deduce_hits", hits)


def test_places_breeds_bodies_products_and_anonymised_references_are_no_leaks(monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "van Oost-Vlaanderen", "Holstein", "Dierengezondheidszorg Vlaanderen",
                 "Hybride Cloud Management Tool", "mevrouw Z", "meneer Wouters")
    text = ("De praktijk ligt in het zuiden van Oost-Vlaanderen, waar veel Holstein-koeien staan. We volgen "
            "Dierengezondheidszorg Vlaanderen en bouwden de Hybride Cloud Management Tool. In praktijk A vertelde "
            "mevrouw Z dat meneer Wouters zijn stier wilde verkopen.")
    findings, facts = run(doc(P(text)), the_case=None)
    assert texts(findings) == [("person", "meneer Wouters")]
    assert facts["anonymity"]["not_names"] == {"anonymised": 2, "breed": 1, "place": 1, "product": 1,
                                               "public-body": 1}


def test_the_case_files_names_win_over_the_place_and_breed_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "Van Brugge", "Holstein")
    the_case = case(placement={"name": "Dierenkliniek Lier", "address": {"street": "Kerkstraat 1",
                                                                          "postal_code": "2500", "city": "Lier"}},
                    mentors=[{"name": "Jeroen Van Brugge", "email": "jeroen@lier.example.be"}],
                    other_people=["Marie Holstein"])
    text = "In Dierenkliniek Lier leerde Van Brugge me veel; Holstein kwam met haar kat."
    findings, _ = run(doc(P(text)), the_case=the_case)
    assert texts(findings) == [("known-name", "Dierenkliniek Lier"), ("known-name", "Van Brugge"),
                               ("known-name", "Holstein")]


def test_without_a_case_the_title_page_tells_the_students_own_name(monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "Lotte Vermeulen", "Pieter Claeys", "Vermeulen")
    findings, facts = run(doc(P("Student: Lotte Vermeulen", Part.TITLE_PAGE),
                              P("Lotte Vermeulen - r0812345", Part.HEADERS_FOOTERS, BlockKind.FOOTER),
                              P("Ik, Lotte Vermeulen, liep stage bij Pieter Claeys. Meneer Vermeulen is een klant.")),
                          the_case=None)
    assert texts(findings) == [("own-name", "Lotte Vermeulen"), ("person", "Pieter Claeys"), ("person", "Vermeulen")]
    assert findings[0].severity is Severity.INFO and str(findings[0].message).startswith("je eigen naam")
    assert facts["anonymity"]["title_page_names"] == {"student": 1}
    assert facts["anonymity"]["known_names"] == 0


def test_the_title_pages_mentor_stays_a_leak_and_its_promotor_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "Hanne Wouters", "prof. dr. Hilde Wauters", "Pieter Claeys", "prof. Wauters")
    findings, facts = run(doc(P("Student: Hanne Wouters", Part.TITLE_PAGE),
                              P("Promotor: prof. dr. Hilde Wauters", Part.TITLE_PAGE),
                              P("Stagementor: Pieter Claeys", Part.TITLE_PAGE),
                              P("Volgens prof. Wauters is dat normaal.")), the_case=None)
    assert texts(findings) == [("person", "Pieter Claeys")]
    assert findings[0].location.paragraph == 2
    assert facts["anonymity"]["title_page_names"] == {"school": 1, "student": 1}


def test_with_a_case_the_title_page_does_not_replace_the_students_name(monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "Jana Peeters")
    findings, facts = run(doc(P("Student: Jana Peeters", Part.TITLE_PAGE)))
    assert texts(findings) == [("known-name", "Jana Peeters")]  # the case's mentor, whatever the label says
    assert "student" not in facts["anonymity"]["title_page_names"]


def test_short_lines_before_the_first_heading_are_a_title_page_when_the_reader_found_none(
        monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "Lotte Vermeulen", "Pieter Claeys")
    findings, _ = run(doc(P("Stageverslag"), P("Student: Lotte Vermeulen"), P("Inleiding", kind=BlockKind.HEADING),
                          P("Mijn mentor Pieter Claeys en ik, Lotte Vermeulen.")), the_case=None)
    assert texts(findings) == [("person", "Pieter Claeys"), ("own-name", "Lotte Vermeulen")]


def test_without_a_heading_after_them_short_lines_are_no_title_page(monkeypatch: pytest.MonkeyPatch) -> None:
    deduce_finds(monkeypatch, "Lotte Vermeulen")
    findings, _ = run(doc(P("Student: Lotte Vermeulen"), P("Lotte Vermeulen")), the_case=None)
    assert texts(findings) == [("person", "Lotte Vermeulen"), ("person", "Lotte Vermeulen")]


@pytest.mark.parametrize("text", ["Vergadering 4 ging over de planning.", "Verbetering 2 werd uitgerold.",
                                  "In Aflevering 3 zag je dat.", "Levering 2 kwam te laat.", "During 2007 it changed."])
def test_a_noun_that_ends_like_a_street_is_no_address(text: str) -> None:
    assert [h.text for h in pattern_hits(text) if h.kind == "address"] == []


@pytest.mark.parametrize("text", ["Zuidring 4, 9000 Gent", "Binnenring 3", "Kerkstraat 5", "Ploegweg 15"])
def test_a_street_that_ends_in_ring_or_weg_is_an_address(text: str) -> None:
    assert [h.text for h in pattern_hits(text) if h.kind == "address"]
