"""PDF reports drawn line by line, and broken, protected and scanned files, read in this process. (Real exports from
LibreOffice: tests/integration/test_report_pdf_libreoffice.py; the sandbox in a fresh process:
tests/acceptance/test_report_bad_input.py.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from pipeline.report.document import BlockKind, Document, HeadingSource, Part
from pipeline.report.errors import ReportError
from pipeline.report.readers.pdf import join_lines, read_pdf
from tests import helpers
from tests.pdf_files import BODY, H, Text, blank_pdf, body, garbage_pdf, image_pdf, page, text_pdf, truncated_copy


def read(path: Path) -> Document:
    return helpers.quickly(read_pdf, path)


def refused(path: Path) -> ReportError:
    return helpers.refused(read_pdf, path)


def kinds(document: Document) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in document.blocks]


# --- PDFs drawn line by line ---------------------------------------------------------------------------------------


def test_pdf_font_headings_levels_and_paragraphs(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [
        page(H("1. Inleiding"), body(1), body(2), H("1.1 Het bedrijf", 13), body(3)),
        page(H("Tussentijdse evaluatie"), body(4), H("Mijn taken", 11), body(5)),
    ])
    document = read(path)
    assert [(b.text, b.level, b.heading_source) for b in document.headings] == [
        ("1. Inleiding", 1, HeadingSource.FONT), ("1.1 Het bedrijf", 2, HeadingSource.FONT),
        ("Tussentijdse evaluatie", 1, HeadingSource.FONT), ("Mijn taken", 3, HeadingSource.FONT)]
    paragraphs = [b for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert [p.text for p in paragraphs] == [" ".join(body(n).split()) for n in range(1, 6)]
    assert [p.page for p in paragraphs] == [1, 1, 1, 2, 2]
    assert document.pages == 2 and document.pages_source == "pdf" and document.format == "pdf"
    assert [b.index for b in document.blocks] == list(range(len(document.blocks)))


def test_pdf_outline_gives_headings_and_levels(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [
        page(H("Inleiding"), body(1), H("Een grote zin in een groot lettertype", 16), body(2)),
        page(H("Het bedrijf", 13), body(3), H("Conclusie"), body(4)),
    ], outline=[("Inleiding", 1, 1), ("Het bedrijf", 2, 2), ("Conclusie", 1, 2)])
    document = read(path)
    assert [(b.text, b.level, b.heading_source, b.page) for b in document.headings] == [
        ("Inleiding", 1, HeadingSource.PDF_OUTLINE, 1), ("Het bedrijf", 2, HeadingSource.PDF_OUTLINE, 2),
        ("Conclusie", 1, HeadingSource.PDF_OUTLINE, 2)]
    # with bookmarks, a large line that is not one is a paragraph
    assert (BlockKind.PARAGRAPH, "Een grote zin in een groot lettertype") in kinds(document)


def test_pdf_with_bookmarks_still_sees_a_heading_typed_in_capitals(tmp_path: Path) -> None:
    # Word and LibreOffice bookmark heading styles only: a numbered title in capitals made by hand has none
    path = text_pdf(tmp_path / "v.pdf", [
        page(H("1. Logboek"), body(1), H("3. STRUCTUUR EN WERKING VAN DE PRAKTIJK", 11, bold=False), body(2)),
    ], outline=[("1. Logboek", 1, 1)])
    document = read(path)
    assert [(b.text, b.level, b.heading_source) for b in document.headings] == [
        ("1. Logboek", 1, HeadingSource.PDF_OUTLINE),
        ("3. STRUCTUUR EN WERKING VAN DE PRAKTIJK", 1, HeadingSource.CAPS)]


def test_pdf_bookmarks_that_are_not_the_headings_fall_back_to_fonts(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [page(H("Inleiding"), body(1), H("Conclusie"), body(2))],
                    outline=[("Bladwijzer 1", 1, 1), ("Bladwijzer 2", 1, 1)])
    assert [(b.text, b.heading_source) for b in read(path).headings] == [
        ("Inleiding", HeadingSource.FONT), ("Conclusie", HeadingSource.FONT)]


def test_pdf_wrapped_heading_is_one_heading(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [[
        Text("3. Leerervaringen in het eerste deel", 760, 16, True), Text("van de stage", 740, 16, True),
        *page(body(1), top=715)]])
    assert [b.text for b in read(path).headings] == ["3. Leerervaringen in het eerste deel van de stage"]


def test_pdf_numbered_short_line_in_body_font_is_a_heading_but_a_list_is_not(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [page(
        "2. Tussentijdse evaluatie", body(1), "Ik deed drie dingen:", "1. Onthaal", "2. Rondleiding", body(2),
        "Ik heb veel geleerd.", body(3))])
    document = read(path)
    assert [(b.text, b.heading_source, b.level) for b in document.headings] == [
        ("2. Tussentijdse evaluatie", HeadingSource.NUMBERED, 1)]
    assert (BlockKind.PARAGRAPH, "Ik heb veel geleerd.") in kinds(document)
    assert (BlockKind.PARAGRAPH, "2. Rondleiding") in kinds(document)


def test_pdf_bold_sentence_is_not_a_heading(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [page(H("Inleiding"), H("Ik heb veel geleerd.", 11), body(1))])
    assert [b.text for b in read(path).headings] == ["Inleiding"]


def test_pdf_lines_join_into_paragraphs_and_hyphenated_words_are_whole(tmp_path: Path) -> None:
    lines = [Text("De stage was voor mij een belangrijke stap in de verslag-", 760),
             Text("geving over het werk van een team in een grote organisatie en", 746),
             Text("ook een kans om te leren.", 732),
             Text("Een nieuwe alinea na een grotere witruimte, die hier ook weer", 700),
             Text("verder loopt op een tweede regel van de pagina.", 686)]
    document = read(text_pdf(tmp_path / "v.pdf", [lines]))
    assert [b.text for b in document.blocks] == [
        "De stage was voor mij een belangrijke stap in de verslaggeving over het werk van een team in een grote "
        "organisatie en ook een kans om te leren.",
        "Een nieuwe alinea na een grotere witruimte, die hier ook weer verder loopt op een tweede regel van de pagina."]


def test_pdf_paragraph_running_over_a_page_break_is_one_paragraph(tmp_path: Path) -> None:
    first = page(body(1, repeat=3))
    last_line = first[-1]
    first[-1] = replace(last_line, text=last_line.text + " en daarna ging ik met de mentor naar")
    pages = [[*first, Text("Pagina 1", 40, 9)], [Text("een overleg met de klant.", 760), Text("Pagina 2", 40, 9)]]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    paragraphs = [b for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 1 and paragraphs[0].page == 1
    assert paragraphs[0].text.endswith("ging ik met de mentor naar een overleg met de klant.")


@pytest.mark.parametrize(("lines", "joined"), [
    (["verslag-", "geving"], "verslaggeving"),
    (["Oost-", "Vlaanderen"], "Oost-Vlaanderen"),
    (["een auto-", "ongeluk"], "een auto-ongeluk"),
    (["beleids-", "en planningsdocumenten"], "beleids- en planningsdocumenten"),
    (["stage\u00ad", "plaats"], "stageplaats"),
    (["een  zin  ", "  en  nog  een"], "een zin en nog een"),
    (["pagina 3 -", "de mentor"], "pagina 3 - de mentor"),
])
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


@pytest.mark.parametrize(("label", "offset"), [
    ("{n}", 0), ("Pagina {n}", 0), ("{n} / 4", 0), ("- {n} -", 0), ("Pagina {n} van 4", 0), ("{n}", -1)])
def test_pdf_page_numbers_in_any_form_are_seen_and_removed(tmp_path: Path, label: str, offset: int) -> None:
    pages = [page(H(f"Hoofdstuk {n}"), body(n), footer=label.format(n=n + offset)) for n in range(1, 5)]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert document.layout.page_numbers is True
    assert document.layout.footer is True and document.layout.header is False
    assert not any(b.kind is BlockKind.FOOTER for b in document.blocks)  # only a number: no footer text
    assert not any(label.format(n=2 + offset) == b.text for b in document.blocks)


def test_pdf_header_and_footer_are_one_block_each_and_not_body(tmp_path: Path) -> None:
    pages = [page(H("Titel"), "Jana Peeters")] + [
        page(H(f"Hoofdstuk {n}"), body(n), header="Stageverslag 2021-2022 – Thomas More",
             footer=f"Jana Peeters – pagina {n}") for n in range(2, 6)]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    furniture = [(b.kind, b.text, b.page, b.part) for b in document.blocks if b.kind in (BlockKind.HEADER, BlockKind.FOOTER)]
    assert furniture == [(BlockKind.HEADER, "Stageverslag 2021-2022 – Thomas More", 2, Part.HEADERS_FOOTERS),
                         (BlockKind.FOOTER, "Jana Peeters – pagina 2", 2, Part.HEADERS_FOOTERS)]
    assert document.layout.header and document.layout.footer and document.layout.page_numbers
    body_text = document.body_text
    assert "Stageverslag 2021" not in body_text and "pagina" not in body_text


def test_pdf_same_digits_on_every_page_are_a_footer(tmp_path: Path) -> None:
    pages = [page(H(f"Hoofdstuk {n}"), body(n), footer="2021-2022") for n in range(1, 4)]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert (document.layout.footer, document.layout.page_numbers) == (True, False)
    assert [(b.kind, b.text) for b in document.blocks if b.part is Part.HEADERS_FOOTERS] == [
        (BlockKind.FOOTER, "2021-2022")]


def test_pdf_numbers_at_the_bottom_that_are_not_page_numbers_stay(tmp_path: Path) -> None:
    pages = [page(H(f"Hoofdstuk {n}"), body(n), footer=str(n * 7)) for n in range(1, 4)]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert (document.layout.footer, document.layout.page_numbers) == (False, False)
    assert [b.text for b in document.blocks if b.text in ("7", "14", "21")] == ["7", "14", "21"]


def test_pdf_no_furniture_when_nothing_repeats(tmp_path: Path) -> None:
    pages = [page(H(f"Hoofdstuk {n}"), body(n)) for n in range(1, 4)]
    layout = read(text_pdf(tmp_path / "v.pdf", pages)).layout
    assert (layout.header, layout.footer, layout.page_numbers) == (False, False, False)


def test_pdf_repeated_line_below_a_changing_top_line_is_body(tmp_path: Path) -> None:
    pages = [page(H(f"Week {n + 3}"), BODY * 2) for n in range(1, 4)]  # every page starts with the same sentence
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert document.layout.header is False
    assert [b.kind for b in document.blocks].count(BlockKind.PARAGRAPH) == 3


def test_pdf_title_page_and_contents_page(tmp_path: Path) -> None:
    pages = [
        [Text("Stageverslag", 600, 26, True), Text("Jana Peeters", 560), Text("Organisatie en Management", 540)],
        [Text("Inhoudstafel", 760, 16, True), Text("1. Inleiding ........................ 3", 730),
         Text("2. Uitgangspunten en eerste indrukken ........ 3", 716),
         Text("3. Leerervaringen in het eerste deel van de stage", 702), Text("(week 1 tot 7) ............ 4", 688)],
        page(H("1. Inleiding"), body(1), H("2. Uitgangspunten en eerste indrukken"), body(2)),
        page(H("3. Leerervaringen in het eerste deel van de stage"), body(3)),
    ]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert document.layout.title_page is True and document.layout.toc is True
    by_part = [(b.part, b.kind, b.text) for b in document.blocks]
    assert by_part[:3] == [(Part.TITLE_PAGE, BlockKind.PARAGRAPH, "Stageverslag"),
                           (Part.TITLE_PAGE, BlockKind.PARAGRAPH, "Jana Peeters"),
                           (Part.TITLE_PAGE, BlockKind.PARAGRAPH, "Organisatie en Management")]
    assert [(b.text, b.page) for b in document.of_kind(BlockKind.TOC)] == [
        ("1. Inleiding\t3", 2), ("2. Uitgangspunten en eerste indrukken\t3", 2),
        ("3. Leerervaringen in het eerste deel van de stage (week 1 tot 7)\t4", 2)]
    assert {b.part for b in document.of_kind(BlockKind.TOC)} == {Part.TOC}
    assert [b.part for b in document.headings] == [Part.TOC, Part.BODY, Part.BODY, Part.BODY]


def test_pdf_first_page_with_running_text_is_no_title_page(tmp_path: Path) -> None:
    pages = [page(H("Inleiding"), body(1)), page(H("Conclusie"), body(2))]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert document.layout.title_page is False and document.layout.toc is False
    assert document.headings[0].part is Part.BODY


def test_pdf_short_first_chapter_on_page_one_is_no_title_page(tmp_path: Path) -> None:
    short = "Ik liep stage bij een bank in Mechelen, op de afdeling die kredieten aan bedrijven verleent."
    pages = [page(H("1. Inleiding"), short, short.replace("bank", "verzekeraar")), page(H("2. Conclusie"), body(2))]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert document.layout.title_page is False
    assert [(b.text, b.part) for b in document.headings] == [("1. Inleiding", Part.BODY), ("2. Conclusie", Part.BODY)]


def test_pdf_contents_without_heading_after_it_ends_at_the_first_paragraph(tmp_path: Path) -> None:
    pages = [[Text("Inhoud", 760), Text("Inleiding ........ 2", 740), Text("Conclusie ........ 2", 726)],
             page(body(1), body(2))]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert document.layout.toc is True
    assert [b.part for b in document.blocks if b.kind is BlockKind.PARAGRAPH] == [Part.TOC, Part.BODY, Part.BODY]


def test_pdf_every_block_has_its_page(tmp_path: Path) -> None:
    pages = [page(H(f"Hoofdstuk {n}"), body(n), header="Stageverslag", footer=str(n)) for n in range(1, 4)]
    document = read(text_pdf(tmp_path / "v.pdf", pages))
    assert all(b.page is not None for b in document.blocks)


# --- bad files ---------------------------------------------------------------------------------------------------


@pytest.fixture
def simple_pdf(tmp_path: Path) -> Path:
    return text_pdf(tmp_path / "simpel.pdf", [page(H("Inleiding"), body(1)), page(H("Conclusie"), body(2))])


@pytest.mark.parametrize("algorithm", [None, "AES-128", "AES-256"])
def test_pdf_with_a_password_is_refused(tmp_path: Path, algorithm: str | None) -> None:
    path = text_pdf(tmp_path / "geheim.pdf", [page(H("Inleiding"), body(1))], password="geheim", algorithm=algorithm)
    e = refused(path)
    assert (e.key, e.exit_code) == ("read.pdf.password", 1)
    assert e.message("nl") == "het PDF-bestand is beveiligd met een wachtwoord; bewaar het zonder beveiliging"


@pytest.mark.parametrize("algorithm", [None, "AES-128", "AES-256"])
def test_pdf_encrypted_with_an_empty_user_password_reads_fine(tmp_path: Path, algorithm: str | None) -> None:
    path = text_pdf(tmp_path / "beperkt.pdf", [page(H("Inleiding"), body(1))], password="", algorithm=algorithm)
    assert PdfReader(path).is_encrypted
    assert [b.text for b in read(path).headings] == ["Inleiding"]


def test_pdf_truncated_is_refused(simple_pdf: Path, tmp_path: Path) -> None:
    e = refused(truncated_copy(simple_pdf, tmp_path / "half.pdf"))
    assert (e.key, e.exit_code) == ("read.pdf.truncated", 1)


def test_pdf_garbage_after_the_signature_is_refused_saying_what_broke(tmp_path: Path) -> None:
    e = refused(garbage_pdf(tmp_path / "kapot.pdf"))
    assert (e.key, e.exit_code) == ("read.pdf.broken", 1)
    assert "startxref" in e.values["reason"]


def test_pdf_without_pages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.pdf"
    with path.open("wb") as fh:
        PdfWriter().write(fh)
    assert refused(path).key == "read.pdf.broken"


def test_pdf_scan_without_text_layer_is_refused(tmp_path: Path) -> None:
    e = refused(image_pdf(tmp_path / "scan.pdf"))
    assert (e.key, e.exit_code) == ("read.pdf.scanned", 1)
    assert "geen tekstlaag" in e.message("nl") and "no text layer" in e.message("en")


def test_pdf_blank_pages_are_an_empty_document(tmp_path: Path) -> None:
    e = refused(blank_pdf(tmp_path / "blanco.pdf", pages=2))
    assert (e.key, e.exit_code) == ("read.pdf.empty", 1)
    assert e.message("nl") == "het document is leeg"


def test_pdf_scanned_page_among_text_pages_is_a_notice(simple_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=simple_pdf)
    writer.append(image_pdf(tmp_path / "scan.pdf"))
    path = tmp_path / "deels-gescand.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    document = read(path)
    assert document.pages == 3
    assert [(n.rule, n.location.page) for n in document.notices] == [("pdf-pages-without-text", 3)]


def test_pdf_missing_file_cannot_run(tmp_path: Path) -> None:
    e = refused(tmp_path / "weg.pdf")
    assert (e.key, e.exit_code) == ("read.pdf.unreadable", 2)


# --- code and ligatures ------------------------------------------------------------------------------------------


def test_pdf_monospace_lines_are_a_code_block_and_monospace_words_code_spans(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [page(H("1. Installatie"), body(1)) + [
        Text("Voer het commando `kubectl get pods` uit en kijk naar de uitvoer van de", 500),
        Text("cluster.", 486),
        Text("apiVersion: v1", 450, mono=True), Text("kind: Pod", 436, mono=True), Text("metadata:", 422, mono=True),
        Text("Daarna volgt weer gewone tekst in een zin die lang genoeg is om door te lopen.", 390)]])
    blocks = {b.text: b for b in read(path).blocks}
    prose = blocks["Voer het commando kubectl get pods uit en kijk naar de uitvoer van de cluster."]
    assert not prose.code and [prose.text[a:b] for a, b in prose.code_spans] == ["kubectl get pods"]
    listing = blocks["apiVersion: v1 kind: Pod metadata:"]  # short lines of code stay one block
    assert listing.code and listing.kind is BlockKind.PARAGRAPH
    after = blocks["Daarna volgt weer gewone tekst in een zin die lang genoeg is om door te lopen."]
    assert not after.code and after.code_spans == ()


def test_pdf_ligatures_become_letters_before_offsets_are_counted() -> None:
    from pipeline.report.readers.code import expand_ligatures
    from pipeline.report.readers.pdf import _make_line, join_marked

    assert expand_ligatures("identiﬁceren, eﬃciënt, ĳs, e\u0308en") == "identificeren, efficiënt, ijs, ëen"
    assert expand_ligatures("resultaat¹ in m²") == "resultaat¹ in m²"  # footnote marks and units keep their form
    line = _make_line([("De ﬁguur toont ", 700.0, 11.0, False, False), ("ﬁle.txt", 700.0, 11.0, False, True)], 1)
    assert line.text == "De figuur toont file.txt" and line.code == [(16, 24)]
    text, spans = join_marked([line])
    assert [text[a:b] for a, b in spans] == ["file.txt"]


def test_pdf_a_sentence_goes_on_after_a_short_line_and_in_the_next_column(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "v.pdf", [page(H("1. Inleiding"), body(1)) + [
        Text("In dit hoofdstuk wordt een in-", 500), Text("troductie gegeven op het onderwerp.", 486),
        Text("Hier staat een zin die verder", 300), Text("loopt in de tweede kolom van de pagina.", 700, x=320)]])
    texts = [b.text for b in read(path).blocks]
    assert "In dit hoofdstuk wordt een introductie gegeven op het onderwerp." in texts
    assert "Hier staat een zin die verder loopt in de tweede kolom van de pagina." in texts
