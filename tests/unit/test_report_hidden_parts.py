"""The readers over what Word and PDF files hold besides plain paragraphs: cover pages of text boxes and content
controls (DrawingML with a VML copy, VML alone, grouped shapes), text boxes in headers, footnotes and endnotes,
comments, SmartArt, images with a path, tracked changes and document properties; a PDF's information, XMP and
comments. Each is a located block of its own part or container, read once."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pipeline.report.document import Block, BlockKind, Container, Document, Part
from pipeline.report.errors import ReportError
from pipeline.report.readers import read_report
from pipeline.report.readers.docx import read_docx
from pipeline.report.readers.hidden import parse_part
from pipeline.results import PART_NAMES
from tests import pdf_files as pf
from tests import report_files as rf
from tests import word_files as wf

COVER = wf.lines("[Titel] Stageverslag kennismakingsstage\n[Auteur] Lotte Vermeulen\nr0812345")
CONTACT = wf.lines("lotte.v@gmail.com\nOV-chipkaart 3528 0123 4567 8901")


def texts(document: Document, part: Part | None = None) -> list[str]:
    return [b.text for b in document.blocks if part is None or b.part is part]


def only(document: Document, text: str) -> Block:
    found = [b for b in document.blocks if b.text == text]
    assert len(found) == 1, f"{text!r} read {len(found)} times"
    return found[0]


def cover_report(tmp_path: Path, kind: str) -> Document:
    doc = wf.new_document()
    wf.cover_page(doc, [COVER, CONTACT], kind=kind, plain=wf.lines("[Datum] 3 maart 2024"))
    doc.add_heading("Inleiding", 1)
    doc.add_paragraph(rf.LOREM)
    return read_docx(wf.save(doc, tmp_path / f"cover-{kind}.docx"))


@pytest.mark.parametrize("kind", ["drawingml", "vml", "group"])
def test_cover_page_text_boxes_are_read_once_on_the_title_page(tmp_path: Path, kind: str) -> None:
    document = cover_report(tmp_path, kind)
    for line in (*COVER, *CONTACT):
        block = only(document, line.text)
        assert block.container is Container.TEXT_BOX
        assert block.part is Part.TITLE_PAGE and block.page == 1
        assert block.kind is BlockKind.PARAGRAPH  # a text box never makes a heading
    assert only(document, "Lotte Vermeulen").label == "Auteur"
    assert str(only(document, "Lotte Vermeulen").where()) == "invulveld 'Auteur' in een tekstvak"
    date = only(document, "3 maart 2024")
    assert (date.container, date.label, date.part) == (Container.CONTENT_CONTROL, "Datum", Part.TITLE_PAGE)
    assert only(document, "Inleiding").is_heading


def test_the_cover_page_building_block_is_no_content_control(tmp_path: Path) -> None:
    doc = wf.new_document()
    wf.cover_page(doc, [], plain=wf.plain("Stageverslag"))
    doc.add_paragraph(rf.LOREM)
    document = read_docx(wf.save(doc, tmp_path / "cover.docx"))
    assert only(document, "Stageverslag").container is None


def test_text_boxes_in_the_body_and_in_headers(tmp_path: Path) -> None:
    doc = wf.new_document()
    paragraph = doc.add_paragraph("De praktijk telt vier dierenartsen.")
    wf.add_textbox(paragraph, wf.plain("Kader: mentor Koen Janssens"), kind="vml")
    rf.header_footer(doc, header="Stageverslag")
    wf.add_textbox(doc.sections[0].header.paragraphs[0], wf.plain("Logo Dierenkliniek Lier"))
    document = read_docx(wf.save(doc, tmp_path / "boxes.docx"))
    body_box = only(document, "Kader: mentor Koen Janssens")
    assert (body_box.part, body_box.container, body_box.page) == (Part.BODY, Container.TEXT_BOX, 1)
    header_box = only(document, "Logo Dierenkliniek Lier")
    assert (header_box.kind, header_box.container) == (BlockKind.HEADER, Container.TEXT_BOX)


def test_content_controls_in_the_body_keep_their_part_and_title(tmp_path: Path) -> None:
    doc = wf.new_document()
    doc.add_heading("Inleiding", 1)
    wf.add_block_control(doc, "Stageplaats", "Dierenkliniek Lier")
    paragraph = doc.add_paragraph("Mentor: ")
    wf.add_inline_control(paragraph, "Mentor", "Koen Janssens")
    document = read_docx(wf.save(doc, tmp_path / "controls.docx"))
    block = only(document, "Dierenkliniek Lier")
    assert (block.part, block.container, block.label) == (Part.BODY, Container.CONTENT_CONTROL, "Stageplaats")
    assert only(document, "Mentor: Koen Janssens").label == "Mentor"


def notes_report(tmp_path: Path) -> Document:
    doc = wf.new_document()
    extra = wf.Extra()
    doc.add_heading("Inleiding", 1)
    first = doc.add_paragraph("De eerste alinea.")
    wf.add_note_reference(first, 2)  # Word numbers notes in the order the text refers to them, not by id
    rf.page_break(doc)
    second = doc.add_paragraph("De tweede alinea.")
    wf.add_note_reference(second, 1)
    wf.add_note_reference(second, 1, endnote=True)
    wf.notes(extra, footnotes=["Volgens dr. Pieter Claeys.", "Zie www.dierenkliniek.be."],
             endnotes=["Een eindnoot."])
    wf.add_comment(doc, second, "Noem de praktijk niet.", author="Koen Janssens", initials="KJ")
    return read_docx(wf.save(doc, tmp_path / "notes.docx", extra))


def test_footnotes_endnotes_and_comments_are_numbered_as_printed_on_the_page_of_their_reference(
        tmp_path: Path) -> None:
    document = notes_report(tmp_path)
    footnotes = [(b.text, b.number, b.page, b.kind) for b in document.blocks if b.part is Part.FOOTNOTES]
    assert footnotes == [("Zie www.dierenkliniek.be.", 1, 1, BlockKind.FOOTNOTE),
                         ("Volgens dr. Pieter Claeys.", 2, 2, BlockKind.FOOTNOTE)]
    endnote = only(document, "Een eindnoot.")
    assert (endnote.part, endnote.number, endnote.page) == (Part.ENDNOTES, 1, 2)
    comment = only(document, "Noem de praktijk niet.")
    assert (comment.part, comment.label, comment.kind) == (Part.COMMENTS, "Koen Janssens", BlockKind.COMMENT)
    assert str(comment.where()) == "opmerking van Koen Janssens"
    assert str(only(document, "Volgens dr. Pieter Claeys.").where()) == "voetnoot 2"
    assert [(b.label, b.text) for b in document.blocks if b.part is Part.METADATA] == \
        [("comment-author", "Koen Janssens")]
    assert only(document, "De tweede alinea.").part is Part.BODY  # the reference marks add no text


def test_smartart_text_is_read_once_from_its_data_part(tmp_path: Path) -> None:
    doc = wf.new_document()
    extra = wf.Extra()
    doc.add_paragraph(rf.LOREM)
    wf.diagram(doc.add_paragraph(), extra, ["Intake", "Behandeling door dr. Vermeulen"])
    document = read_docx(wf.save(doc, tmp_path / "smartart.docx", extra))
    block = only(document, "Behandeling door dr. Vermeulen")
    assert (block.container, block.part, block.page) == (Container.DIAGRAM, Part.BODY, 1)
    assert str(block.where()) == "SmartArt-afbeelding"


def test_document_properties_images_and_tracked_changes_are_metadata(tmp_path: Path) -> None:
    doc = wf.new_document()
    extra = wf.Extra()
    paragraph = doc.add_paragraph(rf.LOREM)
    wf.track_insertion(paragraph, " Ingevoegd.", author="Koen Janssens")
    wf.add_image(doc, tmp_path / "foto", description=r"C:\Users\lvermeulen\Pictures\praktijk.jpg")
    wf.properties(doc, extra, author="Lotte Vermeulen", last_modified_by="lvermeulen", title="Stageverslag",
                  company="Dierenkliniek Lier", manager="Koen Janssens", custom=[("Student", "Lotte Vermeulen")])
    document = read_docx(wf.save(doc, tmp_path / "properties.docx", extra))
    stored = {(b.label, b.text) for b in document.blocks if b.part is Part.METADATA}
    assert {("creator", "Lotte Vermeulen"), ("last-modified-by", "lvermeulen"), ("title", "Stageverslag"),
            ("company", "Dierenkliniek Lier"), ("manager", "Koen Janssens"), ("custom:Student", "Lotte Vermeulen"),
            ("revision-author", "Koen Janssens")} <= stored
    image = next(b for b in document.blocks if b.label == "image")
    assert r"C:\Users\lvermeulen\Pictures\praktijk.jpg" in image.text and image.page == 1
    assert all(b.kind is BlockKind.METADATA for b in document.blocks if b.part is Part.METADATA)


def test_a_missing_core_properties_part_invents_no_author(tmp_path: Path) -> None:
    source = rf.simple_docx(tmp_path / "plain.docx", "Inleiding", "Een alinea.")
    with zipfile.ZipFile(source) as z:
        rels = re.sub(rb'<Relationship [^>]*core-properties"[^>]*/>', b"", z.read("_rels/.rels"))
    target = rf.rewrite_zip(source, tmp_path / "no-core.docx", {"_rels/.rels": rels}, drop=["docProps/core.xml"])
    # python-docx's core_properties would invent a title and the author 'python-docx' here
    assert [b for b in read_docx(target).blocks if b.label in ("creator", "title", "last-modified-by")] == []


def test_a_dtd_in_a_footnotes_part_is_refused(tmp_path: Path) -> None:
    doc = wf.new_document()
    extra = wf.Extra()
    wf.add_note_reference(doc.add_paragraph("Tekst."), 1)
    wf.notes(extra, footnotes=["noot"])
    path = wf.save(doc, tmp_path / "notes.docx", extra)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/footnotes.xml")
    hostile = rf.rewrite_zip(path, tmp_path / "dtd.docx",
                             {"word/footnotes.xml": rf.BILLION_LAUGHS + xml.split(b"?>", 1)[1]})
    with pytest.raises(ReportError) as caught:
        read_report(hostile)
    assert caught.value.key == "read.xml-dtd"
    with pytest.raises(ReportError):
        parse_part("word/footnotes.xml", rf.BILLION_LAUGHS + b"<w:footnotes/>")


def test_comments_and_metadata_are_never_counted_and_have_part_names(tmp_path: Path) -> None:
    from pipeline.load.models import LengthRule
    from pipeline.report.checks.length import LengthOptions, counted_parts

    options = LengthOptions(length=LengthRule(include=("body", "footnotes")))
    assert counted_parts(options) == ["body", "footnotes"]
    for part in (*Part, "text-box", "content-control", "diagram"):
        assert str(part) in PART_NAMES


def test_language_checks_footnotes_but_not_comments_or_metadata(tmp_path: Path) -> None:
    from pipeline.report.checks.language import checked_blocks

    document = notes_report(tmp_path)
    checked = {b.text for b in checked_blocks(document.blocks)}
    assert "Volgens dr. Pieter Claeys." in checked and "Een eindnoot." in checked
    assert "Noem de praktijk niet." not in checked and "Koen Janssens" not in checked


def test_pdf_information_xmp_and_comments(tmp_path: Path) -> None:
    source = pf.text_pdf(tmp_path / "plain.pdf", [pf.page(pf.H("Inleiding"), *pf.paragraph_lines(pf.body(1), 700))])
    path = pf.with_metadata(source, tmp_path / "meta.pdf",
                            info={"/Author": "Lotte Vermeulen", "/Creator": "Microsoft® Word voor Microsoft 365",
                                  "/Title": "Stageverslag"},
                            xmp_creator="Lotte Vermeulen", xmp_title="Verslag",
                            comments=[(1, "Koen Janssens", "Noem mevrouw Claes niet.")])
    document = read_report(path)
    stored = {(b.label, b.text) for b in document.blocks if b.part is Part.METADATA}
    assert stored == {("pdf-author", "Lotte Vermeulen"), ("pdf-creator", "Microsoft® Word voor Microsoft 365"),
                      ("pdf-title", "Stageverslag"), ("xmp-creator", "Lotte Vermeulen"), ("xmp-title", "Verslag"),
                      ("comment-author", "Koen Janssens")}
    comment = only(document, "Noem mevrouw Claes niet.")
    assert (comment.part, comment.label, comment.page) == (Part.COMMENTS, "Koen Janssens", 1)


def test_pdf_xmp_with_a_dtd_is_left_unread(tmp_path: Path) -> None:
    source = pf.text_pdf(tmp_path / "plain.pdf", [pf.page(pf.H("Inleiding"), *pf.paragraph_lines(pf.body(1), 700))])
    hostile = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&a;'
               "</x:xmpmeta>")
    document = read_report(pf.with_metadata(source, tmp_path / "dtd.pdf", info={"/Title": "Verslag"}, xmp=hostile))
    assert {b.label for b in document.blocks if b.part is Part.METADATA} == {"pdf-title"}
