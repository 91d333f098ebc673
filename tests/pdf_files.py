"""Builders for test PDFs: reports as DOCX (for LibreOffice to export), text PDFs drawn line by line, and bad files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from tests.helpers import TM_OM_SECTIONS
from tests.report_files import add_simple_field, page_break

BODY = ("Tijdens de eerste weken van mijn stage leerde ik de werking van de afdeling kennen. Ik volgde de planning op, "
        "nam deel aan het overleg met het team en hielp bij de voorbereiding van de maandelijkse rapportering. ")
CHAPTERS = TM_OM_SECTIONS[:-1]  # tm-om's numbered sections; the appendix (Bijlage) comes after them


# --- DOCX reports for LibreOffice ----------------------------------------------------------------------------------


def _contents(document: docx.document.Document, entries: Sequence[tuple[str, int]]) -> None:
    """A typed table of contents with dot leaders, as Word's TOC field shows it."""
    document.add_paragraph("Inhoudstafel", style="TOC Heading" if "TOC Heading" in document.styles else None)
    for title, page in entries:
        paragraph = document.add_paragraph(f"{title}\t{page}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def styled_report(path: Path) -> Path:
    """tm-om report with Heading 1/2 styles (LibreOffice writes them as bookmarks), title page, contents, a header,
    a footer 'Pagina N van M' (not on the title page), a table and an appendix."""
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Stageverslag Organisatie en Management"
    footer = section.footer.paragraphs[0]
    footer.text = "Pagina "
    add_simple_field(footer, "PAGE", "1")  # LibreOffice fills in each page's number
    footer.add_run(" van ")
    add_simple_field(footer, "NUMPAGES", "1")
    document.add_paragraph("Stageverslag", style="Title")
    for line in ("Jana Peeters", "Bachelor Organisatie en Management", "Academiejaar 2021-2022"):
        document.add_paragraph(line)
    page_break(document)
    _contents(document, [(f"{n}. {title}", 3 + n // 2) for n, title in enumerate(CHAPTERS, start=1)])
    page_break(document)
    for number, title in enumerate(CHAPTERS, start=1):
        document.add_heading(f"{number}. {title}", level=1)
        document.add_paragraph(BODY * 3)
        if number == 2:
            document.add_heading(f"{number}.1 Het bedrijf", level=2)
            document.add_paragraph(BODY * 2)
            table = document.add_table(rows=2, cols=2)
            for (row, cell), text in {(0, 0): "Week", (0, 1): "Taak", (1, 0): "1", (1, 1): "Onthaal"}.items():
                table.cell(row, cell).text = text
        document.add_paragraph(BODY * 2)
    document.add_paragraph("Ik heb veel geleerd.")
    document.add_heading("Bijlage", level=1)
    document.add_paragraph("Het logboek van week 1 tot en met week 14.")
    document.save(str(path))
    return path


def _manual_heading(document: docx.document.Document, text: str, size: int) -> None:
    """A heading typed as a Normal paragraph in a bigger bold font: no style, so no bookmark in the PDF."""
    run = document.add_paragraph().add_run(text)
    run.bold = True
    run.font.size = Pt(size)


def manual_report(path: Path) -> Path:
    """A report whose headings are only bigger and bold (no heading styles): the PDF has no outline. Bare page
    numbers in the footer, no header, no title page."""
    document = docx.Document()
    footer = document.sections[0].footer.paragraphs[0]
    add_simple_field(footer, "PAGE", "1")
    for number, title in enumerate(CHAPTERS[:4], start=1):
        _manual_heading(document, f"{number}. {title}", 16)
        document.add_paragraph(BODY * 4)
        if number == 3:
            _manual_heading(document, "Mijn taken", 13)
            document.add_paragraph(BODY * 2)
    document.save(str(path))
    return path


# --- text PDFs drawn line by line (Helvetica, no LibreOffice) ------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One line on a page: baseline y from the bottom (A4 is 842 high), font size, bold or not; ``mono`` sets it in
    Courier, and `backticks` in ``text`` set the words between them in Courier (inline code)."""

    text: str
    y: float
    size: float = 11
    bold: bool = False
    x: float = 72
    mono: bool = False


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def _font(name: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject(f"/{name}"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})


def _line_ops(line: Text) -> bytes:
    font = b"F3" if line.mono else b"F2" if line.bold else b"F1"
    if "`" not in line.text:
        return b"BT /%s %g Tf %g %g Td (%s) Tj ET\n" % (font, line.size, line.x, line.y, _escape(line.text))
    shows = b"".join(b"/%s %g Tf (%s) Tj " % (b"F3" if i % 2 else font, line.size, _escape(part))
                     for i, part in enumerate(line.text.split("`")) if part)
    return b"BT %g %g Td %sET\n" % (line.x, line.y, shows)


def text_pdf(path: Path, pages: Sequence[Sequence[Text]], *, outline: Sequence[tuple[str, int, int]] = (),
             password: str | None = None, algorithm: str | None = None) -> Path:
    """A PDF with these lines on these pages; ``outline``: (title, level 1|2, page) bookmarks."""
    writer = PdfWriter()
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(_font("Helvetica")),
                              NameObject("/F2"): writer._add_object(_font("Helvetica-Bold")),
                              NameObject("/F3"): writer._add_object(_font("Courier"))})
    for lines in pages:
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        ops = b"".join(_line_ops(line) for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(ops)
        page[NameObject("/Contents")] = writer._add_object(stream)
    parents: dict[int, object] = {}
    for title, level, page_number in outline:
        parents[level] = writer.add_outline_item(title=title, page_number=page_number - 1, parent=parents.get(level - 1))
    if password is not None:
        writer.encrypt(password, owner_password="eigenaar", algorithm=algorithm)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def wrap(text: str, width: int = 80) -> list[str]:
    """Break running text into lines of at most ``width`` characters, like a word processor."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def paragraph_lines(text: str, top: float, *, size: float = 11, pitch: float = 14, width: int = 80) -> list[Text]:
    return [Text(line, top - i * pitch, size) for i, line in enumerate(wrap(text, width))]


def H(text: str, size: float = 16, bold: bool = True) -> Text:
    """A heading line (its y is set by ``page``)."""
    return Text(text, 0, size, bold)


def page(*items: Text | str, header: str | None = None, footer: str | None = None, top: float = 760) -> list[Text]:
    """A page: headings (Text) and paragraphs (str, wrapped at 80 characters, 14 pt apart, 10 pt between them)."""
    lines: list[Text] = [Text(header, 805, 9)] if header else []
    y = top
    for item in items:
        if isinstance(item, Text):
            lines.append(replace(item, y=y))
            y -= 2 * item.size
        else:
            for line in wrap(item):
                lines.append(Text(line, y))
                y -= 14
            y -= 10
    if footer:
        lines.append(Text(footer, 40, 9))
    return lines


def body(n: int, repeat: int = 2) -> str:
    """Running text that differs from paragraph to paragraph."""
    return f"In week {n} van de stage werkte ik verder aan het dossier. " + BODY * repeat


# --- bad files -------------------------------------------------------------------------------------------------------


def image_pdf(path: Path) -> Path:
    """A 'scan': one page holding only an image, no text."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = StreamObject()
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(2), NameObject("/Height"): NumberObject(2),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8)})
    image._data = b"\x00\xff\xff\x00"
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)})})
    content = DecodedStreamObject()
    content.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/MediaBox")] = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(595), NumberObject(842)])
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def blank_pdf(path: Path, pages: int = 1) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def truncated_copy(source: Path, target: Path) -> Path:
    """The first half of a PDF, as an interrupted download leaves it."""
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def garbage_pdf(path: Path) -> Path:
    """Starts like a PDF, then nonsense (and an end marker, so it is damaged rather than cut off)."""
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\nthis is no pdf\n%%EOF\n")
    return path


# --- what real-world files hold that ours did not (issue 12)


def raw_pdf(path: Path, contents: Sequence[bytes], *, rotate: int = 0) -> Path:
    """A PDF with these content streams as its pages (font /F1 is Helvetica), each page turned by ``rotate``."""
    writer = PdfWriter()
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(_font("Helvetica"))})
    for ops in contents:
        new_page = writer.add_blank_page(595, 842)
        new_page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(ops)
        new_page[NameObject("/Contents")] = writer._add_object(stream)
        if rotate:
            new_page.rotate(rotate)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def rotated_pdf(path: Path, matrix: tuple[int, int, int, int], *, pages: int = 3, rotate: int = 0) -> Path:
    """Running text drawn with a rotated text matrix (90°: 0 1 -1 0), different on each page."""
    words = BODY.split()
    contents = []
    for number in range(pages):
        lines = [" ".join(words[(number * 7 + i + k) % len(words)] for k in range(10)) for i in range(8)]
        shown = (b"BT /F1 11 Tf %d %d %d %d %d %d Tm (%s) Tj ET\n" % (*matrix, 300 + 14 * i, 300 + 14 * i, _escape(line))
                 for i, line in enumerate(lines))
        contents.append(b"".join(shown))
    return raw_pdf(path, contents, rotate=rotate)


def one_line_pages_pdf(path: Path, pages: int = 5) -> Path:
    """Every page holds one line, 'Document 1: Page N', at the top: all a running-header rule would see."""
    return raw_pdf(path, [b"BT /F1 11 Tf 72 760 Td (Document 1: Page %d) Tj ET\n" % n for n in range(1, pages + 1)])


def inline_image_page_pdf(path: Path) -> Path:
    """A text page, then a page holding only a small inline image (BI ... ID ... EI): listing it needs no Pillow."""
    text = b"".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (700 - 14 * i, _escape(line))
                    for i, line in enumerate(wrap(BODY * 2)))
    image = b"q 20 0 0 20 100 100 cm BI /W 2 /H 2 /CS /G /BPC 8 /F /AHx ID 00ffff00> EI Q\n"
    return raw_pdf(path, [text, image])


XMP = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq>'
       '</dc:creator><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
       '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def with_metadata(source: Path, target: Path, *, info: dict[str, str], xmp_creator: str = "", xmp_title: str = "",
                  comments: Sequence[tuple[int, str, str]] = (), xmp: str | None = None) -> Path:
    """A copy of a PDF with document information (/Author, /Creator, ...), an XMP packet (dc:creator, dc:title) and
    sticky-note comments ((page, author, text)), as Word's or Acrobat's export leaves them."""
    from pypdf import PdfReader
    from pypdf.annotations import Text as Note

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata(info)
    packet = xmp if xmp is not None else (XMP.format(creator=xmp_creator, title=xmp_title)
                                          if xmp_creator or xmp_title else None)
    if packet is not None:
        stream = StreamObject()
        stream.set_data(packet.encode("utf-8"))
        stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    for page, author, text in comments:
        note = Note(rect=(50, 550, 200, 650), text=text)
        note[NameObject("/T")] = TextStringObject(author)
        writer.add_annotation(page_number=page - 1, annotation=note)
    with target.open("wb") as fh:
        writer.write(fh)
    return target
