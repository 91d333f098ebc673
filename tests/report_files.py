"""Builders of real report files for the tests: DOCX with python-docx plus the raw XML Word writes, and hostile zips."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from tests.helpers import TM_OM_SECTIONS

LOREM = ("Tijdens de stage werkte ik mee aan de planning van het magazijn en leerde ik hoe een klein team de "
         "bestellingen van klanten opvolgt. ")


def new_document() -> DocxDocument:
    """python-docx's empty document, without the author and comment its template stores ('python-docx')."""
    doc = docx.Document()
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    return doc


def _el(tag: str, **attrs: str) -> OxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def _run(paragraph: Paragraph, *children: OxmlElement) -> OxmlElement:
    run = _el("w:r")
    for child in children:
        run.append(child)
    paragraph._p.append(run)
    return run


def _text(value: str) -> OxmlElement:
    t = _el("w:t")
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def add_field(paragraph: Paragraph, instr: str, result: str = "") -> None:
    """A complex field as Word writes it: begin, instruction, separate, result, end."""
    instr_el = _el("w:instrText")
    instr_el.text = f" {instr} "
    _run(paragraph, _el("w:fldChar", **{"w:fldCharType": "begin"}))
    _run(paragraph, instr_el)
    _run(paragraph, _el("w:fldChar", **{"w:fldCharType": "separate"}))
    if result:
        _run(paragraph, _text(result))
    _run(paragraph, _el("w:fldChar", **{"w:fldCharType": "end"}))


def add_simple_field(paragraph: Paragraph, instr: str, result: str) -> None:
    field = _el("w:fldSimple", **{"w:instr": f" {instr} "})
    run = _el("w:r")
    run.append(_text(result))
    field.append(run)
    paragraph._p.append(field)


def paragraph_style(doc: DocxDocument, name: str, *, style_id: str | None = None, based_on: str | None = None,
                    bold: bool | None = None, caps: bool | None = None, outline: int | None = None) -> ParagraphStyle:
    """A custom paragraph style; ``style_id`` overrides python-docx's id (Dutch Word writes 'Kop1' for 'heading 1')."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    if style_id:
        style.element.set(qn("w:styleId"), style_id)
    if based_on:
        style.base_style = doc.styles[based_on]
    if bold is not None:
        style.font.bold = bold
    if caps is not None:
        style.font.all_caps = caps
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        ppr.append(_el("w:outlineLvl", **{"w:val": str(outline)}))
    return style


def set_outline_level(paragraph: Paragraph, level: int) -> None:
    """w:outlineLvl on the paragraph itself (0 = level 1), as 'Niveau 1' in Word's paragraph dialog writes it."""
    paragraph._p.get_or_add_pPr().append(_el("w:outlineLvl", **{"w:val": str(level)}))


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def rendered_break(paragraph: Paragraph) -> None:
    """Where Word's last lay-out started a new page: at the start of this paragraph's text."""
    run = _el("w:r")
    run.append(_el("w:lastRenderedPageBreak"))
    paragraph._p.insert(len(paragraph._p.xpath("./w:pPr")), run)


def page_break_before(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True


def section_break(doc: DocxDocument, kind: str = "nextPage") -> None:
    """End the current section in a paragraph; the section after it starts as ``kind`` says."""
    paragraph = doc.add_paragraph()
    sect = _el("w:sectPr")
    paragraph._p.get_or_add_pPr().append(sect)
    final = doc.element.body.sectPr
    if kind != "nextPage":
        final.insert(0, _el("w:type", **{"w:val": kind}))


def add_toc_field(doc: DocxDocument, entries: Iterable[tuple[str, int]], *, style: str = "TOC 1") -> None:
    """A table of contents as Word inserts it: a TOC field whose result spans one paragraph per entry."""
    if style not in [s.name for s in doc.styles]:
        paragraph_style(doc, style, style_id=style.replace(" ", ""))
    entries = list(entries)
    first = doc.add_paragraph(style=style)
    instr = _el("w:instrText")
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    _run(first, _el("w:fldChar", **{"w:fldCharType": "begin"}))
    _run(first, instr)
    _run(first, _el("w:fldChar", **{"w:fldCharType": "separate"}))
    for i, (title, page) in enumerate(entries):
        paragraph = first if i == 0 else doc.add_paragraph(style=style)
        _run(paragraph, _text(title), _el("w:tab"), _text(str(page)))
    last = doc.add_paragraph()
    _run(last, _el("w:fldChar", **{"w:fldCharType": "end"}))


def add_toc_sdt(doc: DocxDocument, title: str, entries: Iterable[tuple[str, int]]) -> None:
    """A table of contents in a content control with docPartGallery 'Table of Contents' (Word 2007 and later)."""
    sdt = _el("w:sdt")
    pr = _el("w:sdtPr")
    obj = _el("w:docPartObj")
    obj.append(_el("w:docPartGallery", **{"w:val": "Table of Contents"}))
    pr.append(obj)
    sdt.append(pr)
    content = _el("w:sdtContent")
    sdt.append(content)
    for text in [title, *(f"{t}\t{p}" for t, p in entries)]:
        paragraph = doc.add_paragraph(text)
        content.append(paragraph._p)  # moves it from the body into the control
    doc.element.body.insert(len(doc.element.body) - 1, sdt)


def header_footer(doc: DocxDocument, *, header: str | None = None, footer_page: bool = False,
                  footer: str | None = None, first_page_header: str | None = None) -> None:
    section = doc.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None or footer_page:
        paragraph = section.footer.paragraphs[0]
        if footer:
            paragraph.add_run(footer)
        if footer_page:
            add_field(paragraph, "PAGE", "1")
    if first_page_header is not None:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = first_page_header


def body_pages(doc: DocxDocument, pages: int, words_per_page: int = 330) -> None:
    """Enough plain text to fill about ``pages`` A4 pages in LibreOffice's lay-out."""
    sentences = max(1, words_per_page // len(LOREM.split()))
    for _ in range(pages):
        for _ in range(4):
            doc.add_paragraph(LOREM * (sentences // 4 + 1))


def full_report(path: Path, *, body_paragraphs: int = 2) -> Path:
    """A report as a student hands it in: title page, contents, seven sections, a table, an appendix, header and
    footer with a page number."""
    doc = new_document()
    doc.add_paragraph("Stageverslag", style="Title")
    doc.add_paragraph("Jana Peeters")
    doc.add_paragraph("Bachelor Organisatie en Management, 2021-2022")
    page_break(doc)
    doc.add_paragraph("Inhoudstafel", style="TOC Heading")
    add_toc_field(doc, [(title, 3 + i) for i, title in enumerate(TM_OM_SECTIONS)])
    page_break(doc)
    for title in TM_OM_SECTIONS[:-1]:
        doc.add_heading(title, level=1)
        for _ in range(body_paragraphs):
            doc.add_paragraph(LOREM * 3)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Week", "Taak"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "Voorraad tellen"
    doc.add_heading("Bijlage", level=1)
    doc.add_paragraph("Het logboek van de eerste week.")
    header_footer(doc, header="Stageverslag Jana Peeters", footer_page=True)
    doc.save(str(path))
    return path


# --- hostile and broken files


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes] | None = None,
                drop: Iterable[str] = ()) -> Path:
    """A copy of a zip with some entries replaced (or added) and some dropped."""
    replace = dict(replace or {})
    dropped = set(drop)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in dropped:
                continue
            zout.writestr(info.filename, replace.pop(info.filename, None) or zin.read(info.filename))
        for name, data in replace.items():
            zout.writestr(name, data)
    return target


def simple_docx(path: Path, *texts: str) -> Path:
    doc = new_document()
    for text in texts:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def with_document_xml(path: Path, transform: Callable[[bytes], bytes]) -> Path:
    """A valid DOCX whose word/document.xml went through ``transform``."""
    source = simple_docx(path.with_name(path.stem + "-source.docx"), "Inleiding", "Een gewone alinea.")
    with zipfile.ZipFile(source) as z:
        xml = z.read("word/document.xml")
    return rewrite_zip(source, path, {"word/document.xml": transform(xml)})


BILLION_LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<!DOCTYPE w:document [\n <!ENTITY lol "lol">\n'
                  + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b"]>\n")


def billion_laughs_docx(path: Path) -> Path:
    def inject(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1]
        return BILLION_LAUGHS + body.replace(b"Een gewone alinea.", b"&lol9;")
    return with_document_xml(path, inject)


def xxe_docx(path: Path) -> Path:
    def inject(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1]
        dtd = b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        return dtd + body.replace(b"Een gewone alinea.", b"&xxe;")
    return with_document_xml(path, inject)


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A zip with word/document.xml and one entry of ``megabytes`` zeros (about 1/1000 of that compressed)."""
    block = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          b'package/2006/content-types"/>')
        z.writestr("word/document.xml", b"<w:document/>")
        with z.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(block)
    return path


def xlsx_like(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          b'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><worksheet/>')
    return path


def odt_like(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b'<?xml version="1.0"?><office:document-content/>')
    return path


def ole_doc(path: Path) -> Path:
    """The first bytes of an old binary Word file (OLE2 compound document)."""
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1024))
    return path


def encrypted_ooxml(path: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE2 file holding an EncryptedPackage stream."""
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "EncryptedPackage".encode("utf-16-le")
                     + bytes(1024))
    return path


def encrypted_zip_entry(path: Path) -> Path:
    """A DOCX whose entries carry the 'encrypted' flag (traditional PKWARE encryption), in both zip headers."""
    source = simple_docx(path.with_name(path.stem + "-source.docx"), "Tekst")
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as z:
        for info in z.infolist():
            data[info.header_offset + 6] |= 0x1  # local file header: general purpose flags
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        data[central + 8] |= 0x1  # central directory entry: general purpose flags
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def truncated_docx(path: Path) -> Path:
    source = simple_docx(path.with_name(path.stem + "-source.docx"), "Tekst")
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def bad_crc_docx(path: Path) -> Path:
    """A DOCX whose word/document.xml is damaged inside the compressed data (the CRC no longer matches)."""
    source = simple_docx(path.with_name(path.stem + "-source.docx"), "Tekst " * 200)
    with zipfile.ZipFile(source) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(source.read_bytes())
    header = 30 + len(info.filename.encode()) + len(info.extra)
    start = info.header_offset + header
    data[start + info.compress_size // 2] ^= 0x01  # one bit flipped: a zlib error or a bad CRC, either is damage
    path.write_bytes(bytes(data))
    return path


def empty_docx(path: Path) -> Path:
    new_document().save(str(path))
    return path


def sparse_file(path: Path, megabytes: int) -> Path:
    with open(path, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(megabytes * 1024 * 1024)
    return path


# --- what real-world files hold that ours did not (issue 12)

_TRANSITIONAL_TO_STRICT = (
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships", b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
    (b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/", b"http://purl.oclc.org/ooxml/officeDocument/"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/", b"http://purl.oclc.org/ooxml/drawingml/"),
)


def strict_docx(path: Path, *texts: str) -> Path:
    """A DOCX saved as 'Strict Open XML Document': every namespace and relationship type under purl.oclc.org."""
    source = simple_docx(path.with_name(path.stem + "-transitional.docx"), *texts)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                for transitional, strict in _TRANSITIONAL_TO_STRICT:
                    data = data.replace(transitional, strict)
            zout.writestr(info.filename, data)
    return path


def comments_in_xml_docx(path: Path) -> Path:
    """XML comments and processing instructions directly in <w:body>, in a paragraph and in a run."""
    def inject(xml: bytes) -> bytes:
        xml = xml.replace(b"<w:body>", b"<w:body><!-- made by a converter --><?converter step=1?>", 1)
        xml = xml.replace(b"<w:p>", b"<w:p><!-- p -->", 1)
        return xml.replace(b"<w:r>", b"<w:r><?pi run?><!-- r -->", 1)
    return with_document_xml(path, inject)


def ruby_docx(path: Path) -> Path:
    """Japanese text with ruby (furigana) and a symbol character: the only text of the document."""
    doc = new_document()
    paragraph = doc.add_paragraph()
    ruby = _el("w:ruby")
    ruby.append(_el("w:rubyPr"))
    rt, base = _el("w:rt"), _el("w:rubyBase")
    reading, kanji = _el("w:r"), _el("w:r")
    reading.append(_text("かんじ"))
    kanji.append(_text("漢字"))
    rt.append(reading)
    base.append(kanji)
    ruby.append(rt)
    ruby.append(base)
    _run(paragraph, ruby)
    _run(paragraph, _text("を"), _el("w:sym", **{"w:font": "Wingdings", "w:char": "F04A"}))
    doc.save(str(path))
    return path
