"""What the anonymity check finds that it did not before: identity numbers with their checksums, dates of birth,
addresses by their structure, and what a file stores but does not show (document properties, image paths, the
authors of comments). deduce is replaced by nothing here, as in test_report_anonymity.py."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.findings import Finding, Severity
from pipeline.messages import translate
from pipeline.report import addresses, deid, identifiers
from pipeline.report.checks import anonymity
from pipeline.report.checks.anonymity import check_anonymity
from pipeline.report.document import Block, BlockKind, Document, Part
from pipeline.report.runner import stamp_severity
from tests import profiles
from tests.helpers import input_yaml
from tests.profiles import report_context


@pytest.fixture(autouse=True)
def no_deduce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deid, "model", lambda: None)
    monkeypatch.setattr(anonymity, "deduce_hits", lambda text, people=(): ([], 0))


@pytest.mark.parametrize(("text", "found", "kind"), [
    ("Samen met Tim (r0812345) maakte ik de planning.", "r0812345", "student-number"),
    ("De groep: Lotte s1234567 en Ruben.", "s1234567", "student-number"),
    ("Ruben zat in 6ITN, nr. 10 en vroeg veel uitleg.", "6ITN, nr. 10", "pupil-number"),
    ("Mijn OV-chipkaart 3528 0123 4567 8901 lag thuis.", "3528 0123 4567 8901", "card-number"),
    ("Rijksregisternummer: 85.07.30-033.28", "85.07.30-033.28", "national-number"),
    ("RRN 85073003328", "85073003328", "national-number"),
    ("BSN 111222333", "111222333", "bsn"),
    ("De patiënt, geboren op 12 maart 2003, kwam binnen.", "12 maart 2003", "birth-date"),
    ("Jan (°12/03/2003) speelt links.", "12/03/2003", "birth-date"),
])
def test_identifiers_found(text: str, found: str, kind: str) -> None:
    assert [(text[f.start:f.end], f.kind) for f in identifiers.find(text)] == [(found, kind)]


@pytest.mark.parametrize("text", [
    "Rijksregisternummer: 85.07.30-033.29",  # a wrong check digit
    "BSN 111222334",
    "Het project liep van 12/03/2020 tot 15/06/2020.",  # dates without a birth
    "Factuur 2024-000123, versie 1.2.3, hoofdstuk 3, nr. 2",
    "Het bestelnummer 85073003328 staat op de bon.",  # a valid check digit, but no label nor separators
    "In 2019 werd 12.3 gemeten.",
    "De betaling met testkaart 4111 1111 1111 1111 lukte.",  # a Luhn-valid test card, no card label
    "Het serienummer C1234567 staat op het toestel.",
])
def test_numbers_that_identify_no_one(text: str) -> None:
    assert identifiers.find(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("Het adres is Meir 34, 2000 Antwerpen.", ["Meir 34, 2000 Antwerpen"]),
    ("Bist 12 bus 3, 2610 Wilrijk", ["Bist 12 bus 3, 2610 Wilrijk"]),
    ("Achter de Dom 7, 3512 JP Utrecht", ["Achter de Dom 7, 3512 JP Utrecht"]),
    ("De praktijk ligt aan de Kouter 7.", ["Kouter 7"]),
    ("B-3001 Heverlee", ["B-3001 Heverlee"]),
    ("Windows 2019 Server draaide er.", []),
    ("In 2020 Gent bezocht ik een congres.", []),  # 2020 is a postal code, but not Gent's
    ("zie op de Figuur 3.", []),
    ("de 2468 MB/s schijf", []),
])
def test_addresses_by_structure(text: str, found: list[str]) -> None:
    assert [text[a.start:a.end] for a in addresses.find(text)] == found


def P(text: str, part: Part = Part.BODY, kind: BlockKind = BlockKind.PARAGRAPH, **extra: Any) -> Block:
    return Block(0, kind, text, page=None if part is Part.METADATA else 2, part=part, **extra)


def run(*blocks: Block, program: str = "ugent-dgk", fmt: str = "docx", the_case: Any = None) -> list[Finding]:
    document = Document(path="verslag.docx", format=fmt,
                        blocks=[Block(i, b.kind, b.text, page=b.page, part=b.part, label=b.label, table=b.table)
                                for i, b in enumerate(blocks)])
    ctx = report_context(document, input_yaml("programs", program), input_yaml("institutions", "ugent"),
                         case=the_case)
    return stamp_severity(check_anonymity(ctx), "anonymity", ctx.report)


def M(label: str, value: str) -> Block:
    return P(value, Part.METADATA, BlockKind.METADATA, label=label)


def test_every_metadata_field_gives_a_finding_with_where_to_remove_it() -> None:
    findings = run(P("Stageverslag", Part.TITLE_PAGE), P("De stage verliep goed."),
                   M("creator", "Lotte Vermeulen"), M("last-modified-by", "lvermeulen"), M("manager", "Koen Janssens"),
                   M("company", "Dierenkliniek Lier"), M("title", "Verslag bij Dierenkliniek Lier"),
                   M("image", r"C:\Users\lvermeulen\Pictures\praktijk.jpg"))
    by_text = {f.text: f for f in findings}
    for text in ("Lotte Vermeulen", "lvermeulen", "Koen Janssens", "Dierenkliniek Lier"):
        assert by_text[text].severity is Severity.ERROR  # ugent-dgk: anonymity errors
        assert by_text[text].location.where is not None
        assert "Document controleren" in translate(by_text[text].hint or "") or \
            "Alternatieve tekst" in translate(by_text[text].hint or "")
    assert [f.rule for f in findings if f.text == "lvermeulen"] == ["metadata", "metadata"]  # editor, image path
    assert translate(by_text["Koen Janssens"].location.where or "") == "documenteigenschap 'Manager'"


def test_a_user_name_in_the_properties_counts_only_where_the_scope_says_metadata() -> None:
    assert [f.text for f in run(M("last-modified-by", "lvermeulen"), program="tm-om")] == []
    assert [f.text for f in run(M("last-modified-by", "Lotte Vermeulen"), program="tm-om")] == ["Lotte Vermeulen"]
    assert [f.text for f in run(M("last-modified-by", "lvermeulen"))] == ["lvermeulen"]


def test_the_students_own_name_as_author_counts_only_where_the_report_must_be_anonymous() -> None:
    lotte = profiles.case(student={"id": "r0812345", "first_name": "Lotte", "last_name": "Vermeulen",
                                   "email": "lotte.vermeulen@student.example.be"})
    stored = M("creator", "Lotte Vermeulen")
    assert [f.text for f in run(stored, program="tm-om", the_case=lotte)] == []
    assert [f.text for f in run(stored, the_case=lotte)] == ["Lotte Vermeulen"]  # ugent-dgk: strictly anonymous


def test_placeholders_and_the_institution_in_the_properties_pass() -> None:
    assert run(M("creator", "Microsoft Office-gebruiker"), M("company", "HP Inc."), M("company", "Universiteit Gent"),
               M("creator", "python-docx"), M("title", "Stageverslag")) == []


def test_pdf_properties_say_to_export_again() -> None:
    [finding] = run(M("pdf-author", "Lotte Vermeulen"), fmt="pdf")
    assert "exporteer opnieuw" in translate(finding.hint or "")


def test_the_students_own_number_on_the_title_page_passes_elsewhere_it_is_a_leak() -> None:
    findings = run(P("Student: Lotte Vermeulen (r0812345)", Part.TITLE_PAGE),
                   P("Ik werkte samen met Tim (r0823456)."))
    assert [(f.rule, f.text) for f in findings] == [("id-number", "r0823456")]


def test_dates_of_birth_next_to_a_name_or_in_a_birth_date_column() -> None:
    table = [P("Naam", Part.TABLES, BlockKind.TABLE_CELL, table=(0, 0, 0)),
             P("Geboortedatum", Part.TABLES, BlockKind.TABLE_CELL, table=(0, 0, 1)),
             P("Speler A", Part.TABLES, BlockKind.TABLE_CELL, table=(0, 1, 0)),
             P("04/05/2009", Part.TABLES, BlockKind.TABLE_CELL, table=(0, 1, 1))]
    findings = run(*table, P("Het project startte op 04/05/2023."), P("Speler A, 12/03/2008, speelt links."),
                   P("Overleg met Speler A, 12/03/2024."))  # a year no one in a report is born in: a meeting
    assert [(f.rule, f.text) for f in findings] == [("birth-date", "04/05/2009")]


def test_a_street_on_the_line_before_its_postal_code_and_town() -> None:
    findings = run(P("Meir 34", Part.TITLE_PAGE), P("2000 Antwerpen", Part.TITLE_PAGE), P("Inleiding"))
    assert [(f.rule, f.text) for f in findings] == [("address", "Meir 34"), ("address", "2000 Antwerpen")]


def test_comments_are_checked_with_their_own_advice() -> None:
    [finding] = run(P("Bel Koen op 0470 12 34 56.", Part.COMMENTS, BlockKind.COMMENT, label="Koen Janssens"))
    assert finding.rule == "phone"
    assert "opmerkingen" in translate(finding.hint or "")
