"""The DOCX reader over real files built with python-docx: headings however the author made them, tables, headers and
footers, fields, pages, title page, parts. (The page count: test_report_pages.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.report.document import Block, BlockKind, Container, Document, HeadingSource, Part
from pipeline.report.errors import ReportError
from pipeline.report.readers.docx import read_docx
from tests import report_files as rf
from tests.helpers import TM_OM_SECTIONS


def read(doc: DocxDocument, tmp_path: Path, name: str = "verslag.docx") -> Document:
    path = tmp_path / name
    doc.save(str(path))
    return read_docx(path)


def block(document: Document, text: str) -> Block:
    return next(b for b in document.blocks if b.text == text)


def heading(document: Document, text: str) -> tuple[BlockKind, HeadingSource | None, int | None]:
    b = block(document, text)
    return b.kind, b.heading_source, b.level


H = BlockKind.HEADING
SHAPES = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')


# --- headings


def test_builtin_heading_styles_give_their_level(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_heading("Inleiding", level=1)
    doc.add_paragraph(rf.LOREM)
    doc.add_heading("De eerste week", level=2)
    document = read(doc, tmp_path)
    assert heading(document, "Inleiding") == (H, HeadingSource.STYLE, 1)
    assert heading(document, "De eerste week") == (H, HeadingSource.STYLE, 2)
    assert block(document, "Inleiding").style == "Heading 1"


@pytest.mark.parametrize("name, style_id, level", [
    ("Kop 1", None, 1),  # a style named as Dutch Word shows it
    ("Titre 2", None, 2),
    ("Überschrift 3", None, 3),
    ("Mijn eigen kop", "Kop1", 1),  # Dutch Word's style id for "heading 1", whatever the name
    ("Eigen titel", "Heading2", 2),
])
def test_heading_styles_in_other_locales_by_name_or_id(tmp_path: Path, name: str, style_id: str | None,
                                                         level: int) -> None:
    doc = rf.new_document()
    rf.paragraph_style(doc, name, style_id=style_id)
    doc.add_paragraph("Tussentijdse evaluatie", style=name)
    doc.add_paragraph(rf.LOREM)
    document = read(doc, tmp_path)
    assert heading(document, "Tussentijdse evaluatie") == (H, HeadingSource.STYLE, level)
    assert block(document, "Tussentijdse evaluatie").style == name


def test_custom_style_based_on_a_heading_style_is_a_heading(tmp_path: Path) -> None:
    doc = rf.new_document()
    rf.paragraph_style(doc, "Hoofdstuktitel", based_on="Heading 2")
    rf.paragraph_style(doc, "Hoofdstuktitel groen", based_on="Hoofdstuktitel")
    doc.add_paragraph("Conclusie", style="Hoofdstuktitel groen")
    document = read(doc, tmp_path)
    assert heading(document, "Conclusie") == (H, HeadingSource.STYLE, 2)
    assert block(document, "Conclusie").style == "Hoofdstuktitel groen"


def test_outline_level_on_the_paragraph_or_its_style(tmp_path: Path) -> None:
    doc = rf.new_document()
    direct = doc.add_paragraph("Inleiding")
    rf.set_outline_level(direct, 0)
    rf.paragraph_style(doc, "Sectie", outline=1)
    doc.add_paragraph("Eerste indrukken", style="Sectie")
    body_text = doc.add_heading("Geen kop meer", level=1)
    rf.set_outline_level(body_text, 9)  # "Plain text" in Word's paragraph dialog overrides the style
    document = read(doc, tmp_path)
    assert heading(document, "Inleiding") == (H, HeadingSource.OUTLINE, 1)
    assert heading(document, "Eerste indrukken") == (H, HeadingSource.STYLE, 2)
    assert block(document, "Geen kop meer").kind is BlockKind.PARAGRAPH


def test_numbered_paragraphs_are_headings_with_the_depth_of_their_number(tmp_path: Path) -> None:
    doc = rf.new_document()
    for text in ("2. Tussentijdse evaluatie", rf.LOREM, "2.1 De eerste weken", rf.LOREM, "A day at the office",
                 "3. Ik heb veel geleerd."):
        doc.add_paragraph(text)
    document = read(doc, tmp_path)
    assert heading(document, "2. Tussentijdse evaluatie") == (H, HeadingSource.NUMBERED, 1)
    assert heading(document, "2.1 De eerste weken") == (H, HeadingSource.NUMBERED, 2)
    assert block(document, "A day at the office").kind is BlockKind.PARAGRAPH  # "A" is a word, not a number
    assert block(document, "3. Ik heb veel geleerd.").kind is BlockKind.PARAGRAPH  # a sentence


def test_all_caps_text_or_caps_formatting(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("CONCLUSIE")
    doc.add_paragraph(rf.LOREM)
    formatted = doc.add_paragraph()
    formatted.add_run("Uitgangspunten ").font.all_caps = True
    formatted.add_run("en eerste indrukken").font.all_caps = True
    doc.add_paragraph(rf.LOREM)
    document = read(doc, tmp_path)
    assert heading(document, "CONCLUSIE") == (H, HeadingSource.CAPS, None)
    assert heading(document, "Uitgangspunten en eerste indrukken") == (H, HeadingSource.CAPS, None)


def test_bold_short_paragraphs_directly_or_by_style_but_never_a_bold_sentence(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph().add_run("Inleiding").bold = True
    doc.add_paragraph(rf.LOREM)
    bold_char = doc.styles.add_style("Vet", WD_STYLE_TYPE.CHARACTER)
    bold_char.font.bold = True
    doc.add_paragraph().add_run("Tussentijdse evaluatie", style="Vet")
    doc.add_paragraph(rf.LOREM)
    rf.paragraph_style(doc, "Vette alinea", bold=True)
    doc.add_paragraph("Conclusie", style="Vette alinea")
    doc.add_paragraph(rf.LOREM)
    doc.add_paragraph().add_run("Ik heb veel geleerd tijdens deze stage.").bold = True
    mixed = doc.add_paragraph()
    mixed.add_run("Half").bold = True
    mixed.add_run(" vet")
    unbolded = doc.add_paragraph("Niet vet", style="Vette alinea")
    unbolded.runs[0].bold = False  # <w:b w:val="0"/> beats the style
    document = read(doc, tmp_path)
    for text in ("Inleiding", "Tussentijdse evaluatie", "Conclusie"):
        assert heading(document, text) == (H, HeadingSource.BOLD, None), text
    for text in ("Ik heb veel geleerd tijdens deze stage.", "Half vet", "Niet vet"):
        assert block(document, text).kind is BlockKind.PARAGRAPH, text


def test_list_items_are_not_headings_but_a_lone_numbered_item_is(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Inleiding", style="List Number")  # numbered by Word's list, standing alone: a heading
    doc.add_paragraph(rf.LOREM)
    for item in ("Communicatie", "Teamwork", "Planning"):
        doc.add_paragraph(item, style="List Number")
    doc.add_paragraph(rf.LOREM)
    doc.add_paragraph("Verantwoordelijkheid", style="List Bullet").runs[0].bold = True
    doc.add_paragraph(rf.LOREM)
    document = read(doc, tmp_path)
    assert heading(document, "Inleiding") == (H, HeadingSource.NUMBERED, 1)
    for text in ("Communicatie", "Teamwork", "Planning", "Verantwoordelijkheid"):
        assert block(document, text).kind is BlockKind.PARAGRAPH, text


def test_title_style_is_title_page_material_not_a_section_heading(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Stageverslag", style="Title")
    doc.add_paragraph(rf.LOREM)
    document = read(doc, tmp_path)
    assert block(document, "Stageverslag").kind is BlockKind.PARAGRAPH
    assert block(document, "Stageverslag").style == "Title"


# --- reading order, tables, text


def test_tables_interleave_with_paragraphs_and_nested_tables_follow_their_cell(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Voor de tabel")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Week"
    table.cell(0, 1).text = "Taak"
    table.cell(1, 0).text = "1"
    inner_cell = table.cell(1, 1)
    inner_cell.text = "Taken:"
    inner = inner_cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Tellen", "Bestellen"
    doc.add_paragraph("Na de tabel")
    document = read(doc, tmp_path)
    texts = [(b.kind, b.text, b.table) for b in document.blocks]
    assert texts == [
        (BlockKind.PARAGRAPH, "Voor de tabel", None),
        (BlockKind.TABLE_CELL, "Week", (0, 0, 0)), (BlockKind.TABLE_CELL, "Taak", (0, 0, 1)),
        (BlockKind.TABLE_CELL, "1", (0, 1, 0)), (BlockKind.TABLE_CELL, "Taken:", (0, 1, 1)),
        (BlockKind.TABLE_CELL, "Tellen", (1, 0, 0)), (BlockKind.TABLE_CELL, "Bestellen", (1, 0, 1)),
        (BlockKind.PARAGRAPH, "Na de tabel", None),
    ]
    assert [b.index for b in document.blocks] == list(range(len(document.blocks)))
    assert {b.part for b in document.blocks if b.table} == {Part.TABLES}


def test_bold_table_cells_stay_table_cells(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph(rf.LOREM)
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("Naam").bold = True
    document = read(doc, tmp_path)
    assert block(document, "Naam").kind is BlockKind.TABLE_CELL


def test_tracked_deletions_and_text_box_copies_are_not_text(tmp_path: Path) -> None:
    doc = rf.new_document()
    paragraph = doc.add_paragraph("Mijn mentor ")
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>oud</w:delText></w:r>'
                                  "</w:del>"))
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x"><w:r><w:t>hielp</w:t></w:r></w:ins>'))
    box = ("<w:txbxContent><w:p><w:r><w:t>Tekst in een kader</w:t></w:r></w:p></w:txbxContent>")
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} {SHAPES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f"<wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"))
    document = read(doc, tmp_path)
    assert [b.text for b in document.blocks if b.part is not Part.METADATA] == ["Mijn mentor hielp",
                                                                                 "Tekst in een kader"]
    assert block(document, "Tekst in een kader").container is Container.TEXT_BOX
    assert [(b.label, b.text) for b in document.blocks if b.part is Part.METADATA] == [("revision-author", "x"),
                                                                                        ("deleted-text", "oud")]


# --- headers, footers, fields


def test_headers_and_footers_of_every_kind_once_each(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph(rf.LOREM)
    rf.header_footer(doc, header="Stageverslag Jana Peeters", footer="Thomas More", first_page_header="Titelblad")
    rf.section_break(doc)
    doc.add_paragraph(rf.LOREM)  # the second section's header is linked to the first: no copy
    section = doc.sections[1]
    section.even_page_footer.paragraphs[0].text = "Even pagina"
    document = read(doc, tmp_path)
    hf = [(b.kind, b.text, b.part, b.page) for b in document.blocks if b.part is Part.HEADERS_FOOTERS]
    assert sorted(hf) == sorted([
        (BlockKind.HEADER, "Stageverslag Jana Peeters", Part.HEADERS_FOOTERS, None),
        (BlockKind.HEADER, "Titelblad", Part.HEADERS_FOOTERS, None),
        (BlockKind.FOOTER, "Thomas More", Part.HEADERS_FOOTERS, None),
        (BlockKind.FOOTER, "Even pagina", Part.HEADERS_FOOTERS, None),
    ])
    assert document.blocks[-1].kind in (BlockKind.HEADER, BlockKind.FOOTER)  # after the body
    assert document.layout.header is True and document.layout.footer is True
    assert document.layout.page_numbers is False


def test_page_field_in_a_footer_means_page_numbers(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph(rf.LOREM)
    rf.header_footer(doc, footer_page=True)
    document = read(doc, tmp_path)
    assert document.layout.page_numbers is True and document.layout.footer is True
    assert document.layout.header is False


def test_simple_page_field_and_no_headers_at_all(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph(rf.LOREM)
    plain = read(doc, tmp_path, "plain.docx")
    assert (plain.layout.header, plain.layout.footer, plain.layout.page_numbers) == (False, False, False)
    rf.add_simple_field(doc.sections[0].header.paragraphs[0], "PAGE \\* MERGEFORMAT", "3")
    numbered = read(doc, tmp_path, "numbered.docx")
    assert numbered.layout.page_numbers is True and numbered.layout.header is True


def test_pageref_in_the_body_is_not_a_page_number(tmp_path: Path) -> None:
    doc = rf.new_document()
    rf.add_field(doc.add_paragraph("Zie pagina "), "PAGEREF _Toc1 \\h", "4")
    assert read(doc, tmp_path).layout.page_numbers is False


def test_toc_field_lines_become_toc_blocks(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Inhoudstafel", style="TOC Heading")
    rf.add_toc_field(doc, [("Inleiding", 3), ("Conclusie", 9)])
    doc.add_heading("Inleiding", level=1)
    doc.add_paragraph(rf.LOREM)
    document = read(doc, tmp_path)
    assert document.layout.toc is True
    toc = [b.text for b in document.blocks if b.kind is BlockKind.TOC]
    assert toc == ["Inhoudstafel", "Inleiding\t3", "Conclusie\t9"]
    assert {b.part for b in document.blocks if b.kind is BlockKind.TOC} == {Part.TOC}
    assert heading(document, "Inleiding") == (H, HeadingSource.STYLE, 1)
    assert block(document, "Inleiding").part is Part.BODY


def test_toc_content_control_and_dutch_toc_styles(tmp_path: Path) -> None:
    doc = rf.new_document()
    rf.add_toc_sdt(doc, "Inhoudsopgave", [("Inleiding", 2)])
    rf.paragraph_style(doc, "Inhopg 1", style_id="Inhopg1")
    doc.add_paragraph("Conclusie\t8", style="Inhopg 1")  # a TOC line typed by hand in Dutch Word's TOC style
    doc.add_heading("Inleiding", level=1)
    document = read(doc, tmp_path)
    assert document.layout.toc is True
    assert [b.text for b in document.blocks if b.kind is BlockKind.TOC] == ["Inhoudsopgave", "Inleiding\t2",
                                                                           "Conclusie\t8"]


def test_no_toc(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_heading("Inleiding", level=1)
    assert read(doc, tmp_path).layout.toc is False


# --- pages and the title page


def test_pages_follow_page_breaks_sections_and_rendered_breaks(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Een")
    rf.page_break(doc)
    after_break = doc.add_paragraph("Twee")
    rf.rendered_break(after_break)  # Word also marks the same page start: still page 2
    rf.page_break_before(doc.add_paragraph("Drie"))
    rf.section_break(doc)  # next page
    doc.add_paragraph("Vier")
    rendered = doc.add_paragraph("Vijf")
    rf.rendered_break(rendered)  # Word's own lay-out broke the page here
    doc.add_paragraph("Zes").add_run().add_break()  # a line break is no page break
    document = read(doc, tmp_path)
    assert [(b.text, b.page) for b in document.blocks] == [("Een", 1), ("Twee", 2), ("Drie", 3), ("Vier", 4),
                                                           ("Vijf", 5), ("Zes", 5)]


def test_continuous_section_break_stays_on_the_page(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Een")
    rf.section_break(doc, "continuous")
    doc.add_paragraph("Twee")
    assert [b.page for b in read(doc, tmp_path).blocks] == [1, 1]


def test_title_page_with_bold_and_capital_lines(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("STAGEVERSLAG")
    doc.add_paragraph().add_run("Jana Peeters").bold = True
    doc.add_paragraph("Thomas More, 2021-2022")
    rf.page_break(doc)
    doc.add_heading("Inleiding", level=1)
    doc.add_paragraph(rf.LOREM)
    document = read(doc, tmp_path)
    assert document.layout.title_page is True
    first = [b for b in document.blocks if b.page == 1]
    assert all(b.kind is BlockKind.PARAGRAPH and b.part is Part.TITLE_PAGE for b in first)  # not headings there
    assert block(document, "Inleiding").part is Part.BODY


@pytest.mark.parametrize("case", ["no-break", "heading-first", "long-first-page", "toc-first"])
def test_no_title_page(tmp_path: Path, case: str) -> None:
    doc = rf.new_document()
    if case == "heading-first":
        doc.add_heading("Inleiding", level=1)
    elif case == "long-first-page":
        doc.add_paragraph(rf.LOREM * 10)
    elif case == "toc-first":
        rf.add_toc_field(doc, [("Inleiding", 2)])
    else:
        doc.add_paragraph("Stageverslag")
    if case != "no-break":
        rf.page_break(doc)
    doc.add_paragraph(rf.LOREM)
    assert read(doc, tmp_path).layout.title_page is False


def test_parts_of_a_full_report(tmp_path: Path) -> None:
    document = read_docx(rf.full_report(tmp_path / "verslag.docx"))
    parts = {p: [b.text for b in document.blocks if b.part is p] for p in Part}
    assert parts[Part.TITLE_PAGE] == ["Stageverslag", "Jana Peeters", "Bachelor Organisatie en Management, 2021-2022"]
    assert parts[Part.TOC][0] == "Inhoudstafel" and len(parts[Part.TOC]) == 8
    assert [b.text for b in document.headings if b.part is Part.BODY] == list(TM_OM_SECTIONS[:-1])
    assert parts[Part.TABLES] == ["Week", "Taak", "1", "Voorraad tellen"]
    assert parts[Part.APPENDIX] == ["Bijlage", "Het logboek van de eerste week."]
    assert parts[Part.HEADERS_FOOTERS] == ["Stageverslag Jana Peeters", "1"]
    assert document.layout.title_page and document.layout.toc and document.layout.page_numbers
    assert document.format == "docx" and document.pages is None


def test_an_empty_document_is_refused(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("   ")
    rf.header_footer(doc, footer_page=True)  # a page number alone is no text
    with pytest.raises(ReportError) as caught:
        read(doc, tmp_path)
    assert caught.value.key == "read.empty" and caught.value.exit_code == 1
    assert "leeg" in str(caught.value)


# --- code


def test_code_styles_and_monospace_fonts_are_code(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_heading("Installatie", level=1)
    source = doc.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)  # pandoc's and many templates' name
    doc.add_paragraph("apiVersion: v1", style=source)
    listing = doc.add_paragraph()
    listing.add_run("kubectl get pods").font.name = "Consolas"  # a paragraph typed in a monospace font
    prose = doc.add_paragraph("Ik voer ")
    prose.add_run("kubectl apply").font.name = "Courier New"
    prose.add_run(" uit en lees ")
    verbatim = doc.styles.add_style("Verbatim Char", WD_STYLE_TYPE.CHARACTER)
    prose.add_run("deployment.yaml", style=verbatim)
    prose.add_run(" na.")
    doc.add_paragraph("Een gewone zin zonder code.")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("ls -la").font.name = "Courier New"
    table.cell(0, 1).text = "toont de bestanden"
    document = read(doc, tmp_path)
    assert block(document, "apiVersion: v1").code and block(document, "kubectl get pods").code
    assert block(document, "apiVersion: v1").kind is BlockKind.PARAGRAPH
    line = block(document, "Ik voer kubectl apply uit en lees deployment.yaml na.")
    assert not line.code and [line.text[a:b] for a, b in line.code_spans] == ["kubectl apply", "deployment.yaml"]
    plain = block(document, "Een gewone zin zonder code.")
    assert not plain.code and plain.code_spans == ()
    assert block(document, "ls -la").code and not block(document, "toont de bestanden").code


def test_a_barcode_or_postcode_style_is_not_code(tmp_path: Path) -> None:
    doc = rf.new_document()
    doc.add_paragraph("Stationsstraat 12", style=doc.styles.add_style("Postcode", WD_STYLE_TYPE.PARAGRAPH))
    assert not block(read(doc, tmp_path), "Stationsstraat 12").code
