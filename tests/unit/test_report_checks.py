"""Report checks over hand-built documents and the real program profiles: sections, length, lay-out, reflections,
grouping of language findings, severity stamping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import ReportRules
from pipeline.messages import verbatim
from pipeline.report.checks.base import ReportContext
from pipeline.report.checks.language import checked_blocks, group_repeats
from pipeline.report.checks.layout import check_layout
from pipeline.report.checks.length import check_length, count_text
from pipeline.report.checks.reflection import check_weekly_reflections
from pipeline.report.checks.sections import check_sections, normalize_heading, similarity
from pipeline.report.document import Block, BlockKind, Document, HeadingSource, Layout, Part, renumber
from pipeline.report.parts import assign_parts
from pipeline.report.runner import stamp_severity
from tests import profiles
from tests.helpers import TM_OM_SECTIONS, program_profile
from tests.profiles import report_context


def H(text: str, level: int = 1, source: HeadingSource = HeadingSource.STYLE, style: str | None = "Heading 1",
      page: int | None = None) -> Block:
    return Block(0, BlockKind.HEADING, text, level=level, heading_source=source, style=style, page=page)


def P(text: str, page: int | None = None) -> Block:
    return Block(0, BlockKind.PARAGRAPH, text, page=page)


def doc(*blocks: Block, layout: Layout | None = None, pages: int | None = None, fmt: str = "docx") -> Document:
    return Document(path="verslag.docx", format=fmt, blocks=assign_parts(renumber(blocks)), layout=layout or Layout(),
                    pages=pages, pages_source="libreoffice" if pages else None)


def run(check: Any, document: Document, program: dict[str, Any] | None) -> tuple[list[Finding], dict[str, Any]]:
    ctx = report_context(document, program)
    return list(check(ctx)), ctx.summaries.as_dict(str)


def tm_om_body(titles: Sequence[str]) -> list[Block]:
    blocks: list[Block] = []
    for title in titles:
        blocks += [H(title), P("Ik beschrijf hier wat ik tijdens de stage heb gedaan en geleerd.")]
    return blocks


# --- sections -------------------------------------------------------------------------------------------------

def test_tm_om_report_with_all_seven_sections_in_order_passes() -> None:
    findings, facts = run(check_sections, doc(*tm_om_body(TM_OM_SECTIONS)), program_profile("tm-om"))
    assert findings == []
    assert [f["title"] for f in facts["sections"]["found"]] == list(TM_OM_SECTIONS)
    assert facts["sections"]["missing"] == [] and facts["sections"]["out_of_order"] is False


@pytest.mark.parametrize("heading", [
    "2. Uitgangspunten en eerste indrukken",  # numbered
    "UITGANGSPUNTEN EN EERSTE INDRUKKEN",  # all caps
    "Hoofdstuk 2: Uitgangspunten en eerste indrukken",
    "II. Uitgangspunten en eerste indrukken:",
    "Uitgangspunten & eerste indrukken",  # small wording variant
    "Uitgangspunten",  # synonym from the profile
])
def test_tm_om_section_matching_is_tolerant(heading: str) -> None:
    titles = [heading if t.startswith("Uitgangspunten") else t for t in TM_OM_SECTIONS]
    findings, facts = run(check_sections, doc(*tm_om_body(titles)), program_profile("tm-om"))
    assert findings == [], findings
    assert facts["sections"]["found"][1]["heading"] == heading


def test_tm_om_missing_section_names_where_it_belongs() -> None:
    titles = [t for t in TM_OM_SECTIONS if t != "Tussentijdse evaluatie"]
    document = doc(*tm_om_body(titles))
    findings, facts = run(check_sections, document, program_profile("tm-om"))
    assert [(f.rule, f.severity) for f in findings] == [("missing-section", Severity.ERROR)]
    message = str(findings[0].message)
    assert "Tussentijdse evaluatie" in message and "Leerervaringen in het eerste deel" in message
    # it points at the next section found, where the missing one should have come
    following = next(b for b in document.blocks if b.text.startswith("Leerervaringen in het tweede"))
    assert findings[0].location.paragraph == following.index
    assert facts["sections"]["missing"] == [{"id": "tussentijdse-evaluatie", "title": "Tussentijdse evaluatie"}]


def test_tm_om_sections_out_of_order_are_reported_at_the_misplaced_heading() -> None:
    titles = ["Inleiding", "Conclusie", *TM_OM_SECTIONS[1:5], "Bijlage"]
    document = doc(*tm_om_body(titles))
    findings, facts = run(check_sections, document, program_profile("tm-om"))
    assert [f.rule for f in findings] == ["section-order"]
    assert findings[0].text == "Conclusie"
    message = str(findings[0].message)
    assert "Conclusie" in message and "na 'Leerervaringen in het tweede deel van de stage'" in message
    assert facts["sections"]["out_of_order"] is True


def test_a_sentence_that_starts_with_a_section_name_is_not_a_section() -> None:
    blocks = tm_om_body([t for t in TM_OM_SECTIONS if t != "Conclusie"])
    blocks.insert(-2, P("Conclusie van die week: ik moet beter plannen en vaker om feedback vragen."))
    findings, _ = run(check_sections, doc(*blocks), program_profile("tm-om"))
    assert [f.rule for f in findings] == ["missing-section"]


def test_a_title_without_heading_style_is_explained() -> None:
    blocks = tm_om_body([t for t in TM_OM_SECTIONS if t != "Conclusie"])
    blocks.insert(-2, P("Conclusie"))
    blocks.insert(-2, P("Ik neem veel mee uit deze stage."))
    findings, _ = run(check_sections, doc(*blocks), program_profile("tm-om"))
    assert [f.rule for f in findings] == ["not-a-heading"]
    assert "kopstijl" in str(findings[0].message)


def test_ugent_dgk_sections_with_synonyms_and_a_toc_that_does_not_count() -> None:
    blocks = [P("Kennismakingsstage", page=1), H("Inhoudstafel", page=2),
              P("1. Logboek ........ 3", page=2), P("2. Casusbespreking ........ 5", page=2),
              H("1. Stagelogboek", page=3), P("Maandag: consultaties.", page=3),
              H("2. Casus", page=5), P("Een hond met braken.", page=5),
              H("3. Werking van de praktijk", page=6), P("Drie dierenartsen en twee assistenten.", page=6),
              H("4. Persoonlijke reflectie", page=7), P("Ik kies voor gezelschapsdieren.", page=7)]
    document = doc(*blocks)
    findings, facts = run(check_sections, document, program_profile("ugent-dgk"))
    assert findings == []
    assert [f["page"] for f in facts["sections"]["found"]] == [3, 5, 6, 7]
    assert [b.kind for b in document.blocks[2:4]] == [BlockKind.TOC, BlockKind.TOC]


def test_a_program_without_sections_finds_nothing() -> None:
    findings, facts = run(check_sections, doc(H("Inleiding"), P("Tekst.")), program_profile("vub-gnk"))
    assert findings == [] and facts["sections"]["required"] == []


def test_similarity_and_normalisation() -> None:
    assert normalize_heading("2.1 Tussentijdse évaluatie ......... 12") == "tussentijdse evaluatie"
    assert similarity("tussentijds evaluatie", "tussentijdse evaluatie") > 0.9
    assert similarity("evaluatie", "tussentijdse evaluatie") < 0.86


# --- length ---------------------------------------------------------------------------------------------------

def test_count_text_counts_words_like_word() -> None:
    counts = count_text([P("Dit is een zin – met 'n streepje, en 3 cijfers.")])
    assert counts.words == 10  # the lone dash is not a word
    assert counts.characters == len("Dit is een zin – met 'n streepje, en 3 cijfers.")
    assert counts.characters_no_spaces == counts.characters - 10


def test_tm_om_too_few_pages_and_words_counted_over_the_parts_that_count() -> None:
    document = doc(P("Verslag stage", page=1), H("Inleiding", page=2), P("woord " * 300, page=2),
                   H("Bijlage", page=3), P("bijlage " * 4000, page=3), pages=12)
    findings, facts = run(check_length, document, program_profile("tm-om"))
    assert {f.rule for f in findings} == {"pages-min", "length-min"}
    # tm-om counts title page, toc, body and tables, not the appendix
    assert facts["length"]["words"] == 2 + 1 + 300
    assert facts["length"]["unit"] == "words" and facts["length"]["min"] == 5000
    pages = next(f for f in findings if f.rule == "pages-min")
    assert "12" in str(pages.message) and "16" in str(pages.message)


def test_too_many_pages() -> None:
    findings, _ = run(check_length, doc(H("Inleiding"), P("woord " * 5200), pages=23), program_profile("tm-om"))
    assert [f.rule for f in findings] == ["pages-max"]


def test_pages_unknown_for_text_is_a_remark() -> None:
    findings, _ = run(check_length, doc(H("Inleiding"), P("woord " * 5200), fmt="text"), program_profile("tm-om"))
    assert [(f.rule, f.severity) for f in findings] == [("pages-unknown", Severity.INFO)]


# --- lay-out --------------------------------------------------------------------------------------------------

def test_tm_om_layout_basics_missing() -> None:
    document = doc(*tm_om_body(TM_OM_SECTIONS), layout=Layout(title_page=False, toc=False, page_numbers=False,
                                                            header=False, footer=False))
    findings, facts = run(check_layout, document, program_profile("tm-om"))
    assert {f.rule for f in findings} == {"title-page", "toc", "page-numbers", "header-footer"}
    assert all(f.severity is Severity.WARNING for f in findings)
    assert facts["format"]["toc"] is False


def test_tm_om_layout_complete_passes() -> None:
    document = doc(*tm_om_body(TM_OM_SECTIONS), layout=Layout(title_page=True, toc=True, page_numbers=True,
                                                            header=True, footer=True))
    findings, _ = run(check_layout, document, program_profile("tm-om"))
    assert findings == []


def test_bold_heading_among_styled_headings_is_inconsistent() -> None:
    blocks = tm_om_body(TM_OM_SECTIONS)
    blocks[10] = H("Conclusie", source=HeadingSource.BOLD, style="Normal")
    document = doc(*blocks, layout=Layout(title_page=True, toc=True, page_numbers=True, header=True, footer=True))
    findings, facts = run(check_layout, document, program_profile("tm-om"))
    assert [(f.rule, f.text) for f in findings] == [("heading-consistency", "Conclusie")]
    assert "vetgedrukte" in str(findings[0].message) and "'Heading 1'" in str(findings[0].message)
    assert facts["format"]["heading-consistency"] is False


def test_layout_unknown_in_text_files_is_a_remark() -> None:
    findings, _ = run(check_layout, doc(*tm_om_body(TM_OM_SECTIONS), fmt="text"), program_profile("tm-om"))
    assert findings and all(f.severity is Severity.INFO for f in findings)


# --- weekly reflections ---------------------------------------------------------------------------------------

def week(number: int, answers: dict[int, str]) -> list[Block]:
    questions = program_profile("tm-ims")["report"]["weekly_reflection"]["questions"]
    blocks = [H(f"Week {number}", level=2, style="Heading 2")]
    for i, question in enumerate(questions):
        if i in answers:
            blocks += [P(question), P(answers[i])] if answers[i] else [P(question)]
    return blocks


FULL = {0: "Ik leerde een offerte opmaken.", 1: "Ik maakte een planning.", 2: "De planning liep uit.",
        3: "Ik vroeg hulp aan een collega.", 4: "Moe, trots, leergierig."}


def test_tm_ims_weekly_reflections_answer_the_five_questions() -> None:
    findings, facts = run(check_weekly_reflections, doc(*week(1, FULL), *week(2, FULL)), program_profile("tm-ims"))
    assert findings == []
    assert [w["answered"] for w in facts["reflection"]["weeks"]] == [5, 5]


def test_tm_ims_empty_answer_and_missing_question_are_errors() -> None:
    empty = {**FULL, 2: ""}
    missing = {k: v for k, v in FULL.items() if k != 3}
    findings, facts = run(check_weekly_reflections, doc(*week(1, FULL), *week(2, empty), *week(3, missing)),
                          program_profile("tm-ims"))
    assert [(f.rule, f.severity) for f in findings] == [("reflection-empty-answer", Severity.ERROR),
                                                         ("reflection-missing-question", Severity.ERROR)]
    assert "week 2" in str(findings[0].message) and "moeilijkheden" in str(findings[0].message)
    assert "week 3" in str(findings[1].message) and "Hoe heb ik deze moeilijkheden opgelost?" in str(findings[1].message)


def test_tm_ims_answer_on_the_same_line_as_the_question() -> None:
    questions = program_profile("tm-ims")["report"]["weekly_reflection"]["questions"]
    blocks = [H("Week 1", level=2)] + [P(f"{q} {FULL[i]}") for i, q in enumerate(questions)]
    findings, _ = run(check_weekly_reflections, doc(*blocks), program_profile("tm-ims"))
    assert findings == []


def test_tm_ims_without_weeks() -> None:
    findings, _ = run(check_weekly_reflections, doc(H("Inleiding"), P("Tekst.")), program_profile("tm-ims"))
    assert [f.rule for f in findings] == ["reflection-no-weeks"]


def test_feeling_in_more_than_three_words_is_a_remark() -> None:
    long = {**FULL, 4: "Ik voelde me deze week best wel moe maar ook trots."}
    findings, _ = run(check_weekly_reflections, doc(*week(1, long)), program_profile("tm-ims"))
    assert [(f.rule, f.severity) for f in findings] == [("reflection-three-words", Severity.INFO)]


# --- language grouping, body only -----------------------------------------------------------------------------

def test_language_checks_body_text_only() -> None:
    document = doc(P("Verslag van Jana", page=1), H("Inhoudstafel", page=2), P("Inleiding ..... 3", page=2),
                   H("Inleiding", page=3), P("Hij vind het fijn.", page=3),
                   Block(0, BlockKind.FOOTER, "Pagina 3"), Block(0, BlockKind.TABLE_CELL, "Taak", page=3))
    texts = [b.text for b in checked_blocks(document.blocks)]
    assert texts == ["Inleiding", "Hij vind het fijn.", "Taak"]


def test_repeated_identical_errors_are_one_finding_with_the_other_places() -> None:
    def f(paragraph: int, text: str) -> Finding:
        return Finding(check="language", rule="NL_DT", severity=Severity.ERROR, message=verbatim("dt-fout"),
                       location=Location(file="v.docx", paragraph=paragraph, offset=4, length=len(text)), text=text)
    grouped = group_repeats([f(7, "vind"), f(2, "vind"), f(5, "Vind"), f(3, "word")])
    assert [(g.text, g.location.paragraph, len(g.related)) for g in grouped] == [("vind", 2, 2), ("word", 3, 0)]
    assert "(3× in het verslag)" in str(grouped[0].message)
    assert [loc.paragraph for loc in grouped[0].related] == [5, 7]


# --- severities from the profile ------------------------------------------------------------------------------

def test_runner_stamps_the_profile_severity_but_keeps_remarks() -> None:
    findings = [Finding(check="x", rule="person", severity=Severity.WARNING, message=verbatim("m")),
                Finding(check="x", rule="note", severity=Severity.INFO, message=verbatim("m"))]
    stamped = stamp_severity(findings, "anonymity", ReportRules.model_validate(program_profile("ugent-dgk")["report"]))
    assert [(f.check, f.severity) for f in stamped] == [("anonymity", Severity.ERROR), ("anonymity", Severity.INFO)]
    overridden = stamp_severity(findings, "format", ReportRules.model_validate({"severity": {"format": "error"}}))
    assert overridden[0].severity is Severity.ERROR


def test_parts_title_page_toc_body_appendix_tables() -> None:
    document = doc(P("Stageverslag", page=1), P("Jana Peeters", page=1), H("Inhoudsopgave", page=2),
                   P("Inleiding\t3", page=2), H("Inleiding", page=3), P("Tekst.", page=3),
                   Block(0, BlockKind.TABLE_CELL, "cel", page=3), H("Bijlagen", page=9), P("Logboek.", page=9),
                   Block(0, BlockKind.HEADER, "Stageverslag"))
    assert [b.part for b in document.blocks] == [Part.TITLE_PAGE, Part.TITLE_PAGE, Part.TOC, Part.TOC, Part.BODY,
                                                 Part.BODY, Part.TABLES, Part.APPENDIX, Part.APPENDIX,
                                                 Part.HEADERS_FOOTERS]


class _FakeChecker:
    """A LanguageTool stand-in that flags every 'des' (unit test of what the check does with the matches)."""

    language = "nl-BE"

    def __enter__(self) -> _FakeChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def check_paragraphs(self, paragraphs: list[Any]) -> list[Finding]:
        out = []
        for p in paragraphs:
            start = p.text.find("des ")
            while start >= 0:
                out.append(Finding(check="language", rule="DES", severity=Severity.WARNING, message=verbatim("des"),
                                   location=replace(p.location, offset=start, length=3), text="des"))
                start = p.text.find("des ", start + 1)
        return out


def test_language_errors_inside_a_name_the_case_knows_are_dropped() -> None:
    from pipeline.report.checks.language import check_language

    document = doc(H("Inleiding"), P("Ik liep stage bij Clinique Vétérinaire des Ardennes. De kat des huizes sliep."))
    case = profiles.case(placement={"name": "Clinique Vétérinaire des Ardennes"})
    ctx = ReportContext(document=document, case=case, language_checker=_FakeChecker)  # type: ignore[arg-type]
    findings = list(check_language(ctx))
    assert [(f.text, f.location.offset) for f in findings] == [("des", document.blocks[1].text.index("des huizes"))]
