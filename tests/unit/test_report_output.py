"""The four formats of `stagepipe check` over one hand-built result: JSON contract, text grouping, HTML escaping and
highlights (overlapping spans, spans at a block's end), JUnit XML that parses."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import msg, verbatim
from pipeline.output import FORMATTERS, FormatOptions
from pipeline.output.json_format import document as json_document
from pipeline.output.report_html import Note, Span, opening, pieces
from pipeline.report.document import Block, BlockKind, Document, Layout, Part
from pipeline.results import (
    FormatSummary,
    LanguageSummary,
    LengthSummary,
    ReportResult,
    ReportSummaries,
    SectionRef,
    SectionsSummary,
)


def render_html(result: ReportResult, lang: str = "nl") -> str:
    return FORMATTERS["html"](result, FormatOptions(lang=lang))


def render_junit(result: ReportResult) -> str:
    return FORMATTERS["junit"](result, FormatOptions())


def format_report(result: ReportResult, lang: str = "nl", colour: bool = False) -> str:
    return FORMATTERS["text"](result, FormatOptions(lang=lang, colour=colour))

FILE = "verslag-jana.docx"
ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

TEXTS: list[tuple[BlockKind, str, int, int | None]] = [  # kind, text, page, heading level
    (BlockKind.HEADING, "Stageverslag bij Mediahuis", 1, 1),
    (BlockKind.PARAGRAPH, "Jana Peeters — 3 OM, academiejaar 2021-2022", 1, None),
    (BlockKind.HEADING, "Inleiding", 2, 1),
    (BlockKind.PARAGRAPH, "Ik liep stage bij de HR-afdeling. Mijn mentor Jan Peeters (jan.peeters@mediahuis.be) "
                          "hielp mij elke dag. Hij vind het belangrijk dat ik zelfstandig werk.", 2, None),
    (BlockKind.HEADING, "Conclusie", 3, 1),
    (BlockKind.PARAGRAPH, "Ik heb veel geleerd. Soms schreef ik <script>alert('x')</script> in een mail & dat "
                          "was onmiddelijk fout.", 3, None),
    (BlockKind.HEADING, "Uitgangspunten en eerste indrukken", 4, 1),
    (BlockKind.PARAGRAPH, "De eerste week vind ik moeilijk", 4, None),
    (BlockKind.TABLE_CELL, "Taak: rekrutering", 4, None),
    (BlockKind.HEADING, "Bijlage", 5, 1),
    (BlockKind.FOOTER, "Pagina 5", 5, None),
]


def blocks() -> list[Block]:
    out = []
    for i, (kind, text, page, level) in enumerate(TEXTS):
        part = Part.TITLE_PAGE if page == 1 else Part.APPENDIX if i >= 9 else Part.BODY
        table = (0, 0, 0) if kind is BlockKind.TABLE_CELL else None
        out.append(Block(i, kind, text, page=page, level=level, part=part, table=table))
    return out


BLOCKS = blocks()


def at(index: int, needle: str, length: int | None = None, nth: int = 0) -> Location:
    """The location of the ``nth`` occurrence of ``needle`` in block ``index``."""
    text = BLOCKS[index].text
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    return BLOCKS[index].location(FILE, offset, len(needle) if length is None else length)


def finding(check: str, rule: str, severity: Severity, message: str, location: Location | None = None,
            text: str | None = None, **extra: Any) -> Finding:
    return Finding(check=check, rule=rule, severity=severity, message=verbatim(message),
                   location=location or Location(file=FILE), text=text, **extra)


FINDINGS = [
    finding("sections", "missing-section", ERR, "sectie 'Tussentijdse evaluatie' ontbreekt (verwacht na 'Conclusie')",
            BLOCKS[6].location(FILE), hint="voeg een kop 'Tussentijdse evaluatie' toe"),
    finding("sections", "section-order", ERR, "sectie 'Conclusie' staat vóór 'Uitgangspunten en eerste indrukken'",
            at(4, "Conclusie"), "Conclusie", hint="de volgorde is: Inleiding → ... → Bijlage"),
    finding("length", "pages-min", ERR, "het verslag telt 5 pagina's; het programma vraagt er minstens 16",
            Location(file=FILE, page=5)),
    finding("length", "length-min", ERR, "het verslag telt 61 woorden (tekst, bijlagen); het programma vraagt er "
                                       "minstens 5000"),
    finding("anonymity", "person-name", ERR, "naam van een persoon: Jan Peeters", at(3, "Jan Peeters"), "Jan Peeters"),
    finding("anonymity", "email", WARN, "e-mailadres in het verslag", at(3, "jan.peeters@mediahuis.be"),
            "jan.peeters@mediahuis.be"),
    finding("anonymity", "organisation", ERR, "naam van de stageplaats: Mediahuis", at(0, "Mediahuis"), "Mediahuis"),
    # "vind" overlaps the grammar remark on "Hij vind het"; repeated on block 7 (related)
    finding("language", "NL_DT_VIND", ERR, "dt-fout: bedoelt u 'vindt'? (2× in het verslag)", at(3, "vind"), "vind",
            category="dt", hint="vindt", related=(at(7, "vind"),)),
    finding("language", "NL_GRAMMAR_X", INFO, "Deze zin is moeilijk te lezen.", at(3, "Hij vind het"), "Hij vind het",
            category="grammar"),
    finding("language", "MORFOLOGIK_RULE_NL_NL", WARN, "Mogelijke spelfout gevonden.", at(5, "onmiddelijk"),
            "onmiddelijk", category="spelling", hint="onmiddellijk | onmiddellijke"),
    finding("language", "SCRIPT_<b>", WARN, "Let op <script>alert('m')</script>", at(5, "<script>alert('x')</script>"),
            "<script>alert('x')</script>", category="other"),
    # a span that ends exactly at the end of the block, and one that starts past it (clamped)
    finding("language", "PUNCTUATION_END", INFO, "Zin zonder punt aan het einde.", at(7, "moeilijk"), "moeilijk",
            category="grammar"),
    finding("language", "PAST_END", INFO, "Voorbij het einde.", BLOCKS[8].location(FILE, 400, 5), "?", category="style"),
    finding("format", "page-numbers", INFO, "paginanummers: kan niet nagaan in een docx-bestand"),
    finding("format", "heading-consistency", WARN, "kop 'Bijlage' is gewone vetgedrukte tekst", at(9, "Bijlage"),
            "Bijlage"),
]

def summaries() -> ReportSummaries:
    required = (SectionRef("inleiding", "Inleiding"), SectionRef("uitgangspunten", "Uitgangspunten en eerste indrukken"),
                SectionRef("tussentijds", "Tussentijdse evaluatie"), SectionRef("conclusie", "Conclusie"),
                SectionRef("bijlage", "Bijlage"))
    found = (SectionRef("inleiding", "Inleiding", "Inleiding", 2, 2), SectionRef("conclusie", "Conclusie", "Conclusie", 3, 4),
             SectionRef("uitgangspunten", "Uitgangspunten en eerste indrukken", "Uitgangspunten en eerste indrukken", 4, 6),
             SectionRef("bijlage", "Bijlage", "Bijlage", 5, 9))
    return ReportSummaries(
        sections=SectionsSummary(required=required, found=found, missing=(required[2],), out_of_order=True),
        length=LengthSummary(pages=5, pages_source="libreoffice", pages_min=16, pages_max=20, characters=402,
                             characters_no_spaces=341, words=61, unit="words", min=5000, max=5500,
                             parts=("body", "appendix")),
        language=LanguageSummary(language="nl-BE", characters_checked=380),
        format=FormatSummary(title_page=True, toc=False, page_numbers=None, header_footer=True,
                             heading_consistency=False, checked=("title-page", "toc", "page-numbers",
                                                                 "heading-consistency")),
    )


def sample_result(findings: list[Finding] | None = None, summary: ReportSummaries | None = None,
                  checks: tuple[str, ...] = ("sections", "length", "anonymity", "language", "format")) -> ReportResult:
    document = Document(path=FILE, format="docx", blocks=list(BLOCKS), pages=5, pages_source="libreoffice",
                        layout=Layout(title_page=True, toc=False))
    return ReportResult(document=document, program="tm-om", findings=FINDINGS if findings is None else findings,
                        checks=list(checks), summaries=summaries() if summary is None else summary)


SKIPPED = ReportSummaries(language=LanguageSummary(skipped=msg("language.skipped")))


# --- JSON -----------------------------------------------------------------------------------------------------

def test_json_has_the_design_shape_with_types() -> None:
    doc = json.loads(FORMATTERS["json"](sample_result(), FormatOptions()))
    assert list(doc)[:9] == ["report", "program", "pages", "characters", "characters_no_spaces", "words", "sections",
                             "findings", "passed"]
    assert doc["report"] == FILE and doc["program"] == "tm-om"
    assert (doc["pages"], doc["characters"], doc["characters_no_spaces"], doc["words"]) == (5, 402, 341, 61)
    assert doc["sections"] == {"found": ["Inleiding", "Conclusie", "Uitgangspunten en eerste indrukken", "Bijlage"],
                               "missing": ["Tussentijdse evaluatie"], "out_of_order": True}
    assert doc["passed"] is False
    assert doc["summary"] == {"errors": 7, "warnings": 4, "infos": 4}
    assert doc["checks"] == ["sections", "length", "anonymity", "language", "format"]
    assert doc["details"]["length"]["unit"] == "words"
    assert len(doc["findings"]) == len(FINDINGS)
    for item in doc["findings"]:
        assert {"check", "rule", "severity", "message", "location", "text"} <= set(item)
    dt = next(f for f in doc["findings"] if f["rule"] == "NL_DT_VIND")
    assert dt["location"] == {"file": FILE, "page": 2, "paragraph": 3, "offset": dt["location"]["offset"], "length": 4}
    assert dt["category"] == "dt" and dt["related"] == [at(7, "vind").to_dict()]


def test_json_without_facts_keeps_the_shape() -> None:
    doc = json_document(sample_result(findings=[], summary=ReportSummaries(), checks=("language",)),
                        FormatOptions().tr)
    assert doc["sections"] == {"found": [], "missing": [], "out_of_order": False}
    assert doc["words"] is None and doc["characters"] is None and doc["pages"] == 5  # pages from the reader
    assert doc["passed"] is True and doc["summary"] == {"errors": 0, "warnings": 0, "infos": 0}


# --- text -----------------------------------------------------------------------------------------------------

def test_text_groups_by_check_in_order_with_counts() -> None:
    text = format_report(sample_result())
    headers = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headers == [
        f"Controle van {FILE} (opleiding tm-om)",
        "Secties: 2 fout(en), 0 waarschuwing(en), 0 opmerking(en)",
        "Lengte: 2 fout(en), 0 waarschuwing(en), 0 opmerking(en)",
        "Anonimiteit: 2 fout(en), 1 waarschuwing(en), 0 opmerking(en)",
        "Taal: 1 fout(en), 2 waarschuwing(en), 3 opmerking(en)",
        "Opmaak: 0 fout(en), 1 waarschuwing(en), 1 opmerking(en)",
        "Samenvatting: 7 fout(en), 4 waarschuwing(en), 4 opmerking(en) — niet geslaagd",
    ]


def test_text_finding_lines_quote_hint_and_places() -> None:
    result = sample_result()
    text = format_report(result)
    dt = next(f for f in result.findings if f.rule == "NL_DT_VIND")
    assert dt.location.offset is not None  # the column is the character in the paragraph, from 1
    assert f"  {FILE}:p2:¶4:{dt.location.offset + 1}: fout [NL_DT_VIND] dt-fout: bedoelt u 'vindt'? (2× in het verslag)" in text
    other = dt.related[0]
    column = "" if other.offset is None else f":{other.offset + 1}"
    assert f"      “vind”\n      suggesties: vindt\n      ook op: p4:¶8{column}\n" in text
    assert f"  {FILE}: fout [length-min] het verslag telt 61 woorden" in text
    assert "      tip: voeg een kop 'Tussentijdse evaluatie' toe" in text


def test_text_checklist_counts_and_verdict() -> None:
    text = format_report(sample_result())
    assert "  ✓ Inleiding, p. 2\n" in text and "  ✗ Tussentijdse evaluatie — ontbreekt\n" in text
    assert "  ✗ volgorde: niet zoals gevraagd" in text
    assert "  pagina's: 5 — gevraagd: 16–20" in text
    assert "  woorden: 61 — gevraagd: 5.000–5.500" in text
    assert "  tekens: 402 (zonder spaties 341)" in text
    assert "  380 tekens nagekeken (nl-BE)" in text
    assert "  ✗ inhoudstafel: ontbreekt" in text and "  ? paginanummers: niet na te gaan in dit bestand" in text
    assert "header-footer" not in text and "kop- of voettekst" not in text  # not asked by the program


def test_text_in_english_and_passed() -> None:
    text = format_report(sample_result(findings=[], summary=SKIPPED, checks=("language",)), lang="en")
    assert text.splitlines() == [f"Check of {FILE} (programme tm-om)", "", "Language: skipped",
                                 "  language check skipped (--no-language)", "",
                                 "Summary: 0 error(s), 0 warning(s), 0 remark(s) — passed "
                                 "(not checked: sections, length, anonymity, language, layout)"]


def test_text_colours_only_when_asked() -> None:
    assert "\033[" not in format_report(sample_result())
    coloured = format_report(sample_result(), colour=True)
    assert "\033[31mfout\033[0m" in coloured and "\033[31mniet geslaagd\033[0m" in coloured


def test_groups_follow_check_order_and_keep_unknown_groups() -> None:
    notice = finding("reader", "pdf-scanned", WARN, "gescande pagina's")
    result = sample_result(findings=[notice, *FINDINGS], checks=("sections", "length", "format"))
    assert [g.id for g in result.groups()] == ["sections", "length", "anonymity", "language", "format", "reader"]


# --- HTML -----------------------------------------------------------------------------------------------------

def marks(page: str) -> list[str]:
    return re.findall(r"<mark [^>]*>(.*?)</mark>", page, flags=re.S)


def test_html_escapes_report_text_messages_and_rule_ids() -> None:
    page = render_html(sample_result())
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page  # the student's text, shown as text
    assert "Let op &lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;" in page  # a message
    assert "SCRIPT_&lt;b&gt;" in page
    assert "mail &amp; dat" in page


def test_html_is_self_contained() -> None:
    page = render_html(sample_result())
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "@import" not in page and "url(" not in page
    assert 'name="viewport"' in page


def test_html_highlights_the_exact_text_with_classes() -> None:
    page = render_html(sample_result())
    assert re.search(r'<mark class="hl sev-error hl-anonymity"[^>]*>Jan Peeters</mark>', page)
    assert re.search(r'<mark class="hl sev-warning hl-anonymity"[^>]*>jan.peeters@mediahuis.be</mark>', page)
    assert re.search(r'<mark class="hl sev-warning hl-language"[^>]*>onmiddelijk</mark>', page)
    assert "Mogelijke spelfout gevonden." in page and '<span class="chip">onmiddellijk</span>' in page
    assert 'href="#f-' in page and 'id="f-1"' in page and 'id="b-3"' in page


def test_html_overlapping_spans_keep_the_text_whole() -> None:
    page = render_html(sample_result())
    paragraph = re.search(r'<div class="block kind-paragraph" id="b-3">\s*<p>(.*?)</p>', page, flags=re.S)
    assert paragraph is not None
    visible = re.sub(r"<a class=\"ref[^>]*>\d+</a>", "", paragraph.group(1))
    assert re.sub(r"<[^>]+>", "", visible) == BLOCKS[3].text
    # "Hij " only the grammar remark, "vind" both (worst severity wins, marked as overlap), " het" grammar again
    assert re.search(r'<mark class="hl sev-info hl-language"[^>]*>Hij </mark>'
                     r'<mark class="hl sev-error hl-language overlap"[^>]*>vind</mark>'
                     r'<a class="ref sev-error"[^>]*>\d+</a>'
                     r'<mark class="hl sev-info hl-language"[^>]*> het</mark><a class="ref sev-info"', visible + page)


def test_html_span_at_block_end_and_past_it() -> None:
    page = render_html(sample_result())
    block7 = re.search(r'id="b-7">\s*<p>(.*?)</p>', page, flags=re.S)
    assert block7 is not None
    assert re.search(r'<mark class="hl sev-info hl-language"[^>]*>moeilijk</mark><a class="ref sev-info"[^>]*>\d+</a>$',
                     block7.group(1))
    assert re.search(r"<mark [^>]*>vind</mark>", block7.group(1))  # the repeated dt-error (a related place)
    block8 = re.search(r'id="b-8">\s*<span class="block-label">tabel 1, rij 1, kolom 1</span>\s*<p>(.*?)</p>', page,
                       flags=re.S)
    assert block8 is not None
    assert re.match(r'Taak: rekrutering<a class="ref sev-info"[^>]*>\d+</a>$', block8.group(1))


def test_pieces_cut_overlaps_and_clamp() -> None:
    def note(n: int, severity: Severity = ERR) -> Note:
        return Note(n, finding("language", "r", severity, "m"), None, "", "m", "")

    a, b, c = note(1), note(2, WARN), note(3, INFO)
    out = pieces("abcdef", [Span(1, 4, a), Span(2, 6, b), Span(5, 99, c), Span(-3, 0, c)])
    assert [(p.text, [n.number for n in p.notes], p.marker.number if p.marker else None) for p in out] == [
        (None, [], 3), ("a", [], None), ("b", [1], None), ("cd", [1, 2], None), (None, [], 1), ("e", [2], None),
        ("f", [2, 3], None), (None, [], 2), (None, [], 3)]
    assert "".join(p.text for p in out if p.text is not None) == "abcdef"
    assert pieces("", [Span(0, 3, a)])[0].marker is a


def test_html_page_markers_headings_summary_and_checklist() -> None:
    page = render_html(sample_result())
    for number in (1, 2, 3, 4, 5):
        assert f'role="separator">pagina {number}</div>' in page
    assert "<h3>Inleiding</h3>" in page and "<h3><mark" in page  # headings as headings (Conclusie is marked)
    assert "Nog niet klaar om in te dienen" in page and "Los eerst 7 fouten op." in page
    assert "Kijk ook 4 waarschuwingen en 4 opmerkingen na." in page
    assert "Tussentijdse evaluatie — <strong>ontbreekt</strong>" in page
    assert "gevraagd: 16–20" in page and "te weinig" in page and "5.000–5.500" in page
    assert "het hele verslag" in page  # findings without a place are listed in their group
    # places by their opening words (found with Ctrl+F), not by a block number the student cannot count
    assert "Komt ook voor op: <a href=\"#b-7\">pagina 4 · alinea “De eerste week vind ik moeilijk”</a>" in page
    assert "pagina 2 · alinea “Ik liep stage bij de HR-afdeling. Mijn…” · <a href=\"#b-3\">" in page
    assert "pagina 3 · kop “Conclusie”" in page


def test_opening_words_cut_at_a_word() -> None:
    assert opening("Ik liep stage bij de HR-afdeling. Mijn mentor Jan") == "Ik liep stage bij de HR-afdeling. Mijn…"
    assert opening("Kort.\x0bNieuwe regel") == "Kort. Nieuwe regel"
    assert opening("x" * 80) == "x" * 40 + "…"


def test_html_says_a_skipped_check_is_not_all_good() -> None:
    result = sample_result(findings=[], summary=SKIPPED, checks=("language",))
    page = render_html(result)
    assert "Klaar om in te dienen" in page and "Niet gecontroleerd: secties, lengte, anonimiteit, taal, opmaak." in page
    assert page.count("</span> overgeslagen</span>") == 2 and "in orde" not in page
    assert "taalcontrole overgeslagen (--no-language)" in page


def test_html_in_english() -> None:
    page = render_html(sample_result(findings=[], summary=ReportSummaries()), lang="en")
    assert '<html lang="en">' in page and "Ready to submit" in page and "Nothing found. Well done!" in page


# --- JUnit ----------------------------------------------------------------------------------------------------

def test_junit_parses_and_counts_failures() -> None:
    result = sample_result(checks=("sections", "length", "anonymity", "language", "format"))
    root = ET.fromstring(render_junit(result).encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "7" and root.get("errors") == "0"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["sections", "length", "anonymity", "language", "format"]
    assert [len(list(s.iter("failure"))) for s in suites.values()] == [2, 2, 2, 1, 0]
    assert [s.get("tests") for s in suites.values()] == ["2", "2", "3", "3", "1"]  # errors and warnings only
    props = {p.get("name"): p.get("value") for p in suites["language"].iter("property")}
    assert props["errors"] == "1" and props["warnings"] == "2" and props["infos"] == "3" and props["report"] == FILE
    failure = next(suites["language"].iter("failure"))
    assert failure.get("type") == "NL_DT_VIND" and "suggesties: vindt" in (failure.text or "")
    assert int(root.get("tests") or 0) == sum(int(s.get("tests") or 0) for s in suites.values())


def test_junit_escapes_and_passes_groups_without_findings() -> None:
    nasty = finding("language", "X", ERR, "a <b> & \"c\" \x0c d", BLOCKS[5].location(FILE, 0, 3), "<x>\x0b")
    xml = render_junit(sample_result(findings=[nasty], checks=("sections", "language")))
    root = ET.fromstring(xml)
    names = [case.get("name") for case in root.iter("testcase")]
    assert names[0] == "Secties: in orde"
    assert names[1] == f"{FILE}:p3:¶6:1 [X] a <b> & \"c\"   d"
    assert next(root.iter("failure")).get("message") == "a <b> & \"c\"   d"


@pytest.mark.parametrize("name", ["text", "json", "html", "junit"])
def test_every_format_by_name(name: str) -> None:
    output = FORMATTERS[name](sample_result(), FormatOptions(lang="nl", colour=False))
    assert isinstance(output, str) and FILE in output


def test_html_marks_nothing_when_offsets_are_missing() -> None:
    def no_span(location: Location) -> Location:
        return replace(location, offset=None, length=None)

    only_place = [replace(f, location=no_span(f.location), related=tuple(map(no_span, f.related))) for f in FINDINGS]
    page = render_html(sample_result(findings=only_place))
    assert marks(page) == [] and page.count('class="note ') == 2 * len(FINDINGS) - 3 + 1  # 3 without a paragraph, 1 related place
