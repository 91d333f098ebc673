"""Lay out parsed report text as a student's Word report: title page, TOC field, headings, tables, header and footer.

Layout only; the words come from tools/report_text/ (see report_markup.py) and the choices from make_reports.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docx_builder as B  # noqa: E402
from report_markup import Heading, Item, Paragraph, Table, TitlePage  # noqa: E402

# a Sunday evening before the deadline of 13 June 2022: the reports' created/modified date (no build timestamps)
FIXED_TIME = dt.datetime(2022, 6, 12, 20, 30, 0)
TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '


@dataclass(frozen=True)
class Look:
    """A student's house style. The defaults give the good tm-om report 16-20 pages in LibreOffice."""

    font: str = "Arial"
    size: float = 11
    line_spacing: float = 1.5
    space_after: float = 6
    heading_color: RGBColor = RGBColor(0x1F, 0x4E, 0x79)
    chapter_on_new_page: bool = True
    heading_style_ids: tuple[str, str] = ("Heading1", "Heading2")  # a Dutch Word saves them as Kop1, Kop2
    text_width_cm: float = 16.0


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    bookmark: str
    page: int


def toc_entries(items: Iterable[Item], pages: Sequence[int] | None = None, max_level: int = 3) -> list[TocEntry]:
    """One entry per styled heading (manual bold/caps headings are not in a Word TOC), with its cached page."""
    headings = [i for i in items if isinstance(i, Heading) and i.manual is None and i.level <= max_level]
    known = list(pages or [])
    return [TocEntry(h.level, h.text, f"_Toc{101_000_000 + n}", known[n] if n < len(known) else 0)
            for n, h in enumerate(headings)]


class ReportDocument:
    """A python-docx Document with the report's styles, filled item by item, saved without timestamps."""

    def __init__(self, title: str, author: str, look: Look = Look()):
        self.look = look
        self.doc: Any = B.new_document("nl", title)
        self._toc: list[TocEntry] = []
        self._next_bookmark = 0
        self._style_setup(title, author)

    # ---------------------------------------------------------------- styles and properties

    def _style_setup(self, title: str, author: str) -> None:
        look, doc = self.look, self.doc
        section = doc.sections[0]
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)
        styles = doc.styles
        normal = styles["Normal"]
        B._set_fonts(normal.element, look.font)
        normal.font.size = Pt(look.size)
        normal.paragraph_format.line_spacing = look.line_spacing
        normal.paragraph_format.space_after = Pt(look.space_after)
        for name, size, before, after in (("Title", 26, 0, 12), ("Heading 1", 16, 0, 12), ("Heading 2", 12.5, 12, 4)):
            style = styles[name]
            B._set_fonts(style.element, look.font)
            style.font.size = Pt(size)
            style.font.color.rgb = look.heading_color
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            style.paragraph_format.line_spacing = 1.15
        styles["Heading 1"].paragraph_format.page_break_before = look.chapter_on_new_page
        for name, style_id in zip(("Heading 1", "Heading 2"), look.heading_style_ids, strict=True):
            styles[name].style_id = style_id
        for level in (1, 2, 3):
            toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            toc.style_id = f"TOC{level}"
            toc.base_style = normal
            toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            toc.paragraph_format.space_after = Pt(3 if level == 1 else 1)
            toc.paragraph_format.line_spacing = 1.15
            toc.font.bold = level == 1
            toc.paragraph_format.tab_stops.add_tab_stop(Cm(look.text_width_cm), WD_TAB_ALIGNMENT.RIGHT,
                                                        WD_TAB_LEADER.DOTS)
        props = doc.core_properties
        props.author = props.last_modified_by = author
        props.title = title
        props.comments = ""
        props.created = props.modified = FIXED_TIME

    # ---------------------------------------------------------------- blocks

    def paragraph(self, text: str, *, style: str | None = None, bold: bool = False, size: float | None = None,
                  after: float | None = None, align: str | None = None) -> object:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        if align:
            B.align(paragraph, align)
        return paragraph

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def title_page(self, title: str, subtitle: str | None, lines: Sequence[str]) -> None:
        """Title, subtitle and a few lines; what follows (the TOC, or a page break) starts the next page."""
        self.paragraph("", after=120)  # the title sits a third down the page
        self.paragraph(title, style="Title")
        if subtitle:
            self.paragraph(subtitle, size=15, after=60)
        for line in lines:
            self.paragraph(line, after=2)

    def toc(self, entries: Sequence[TocEntry], heading: str = "Inhoudsopgave") -> None:
        """A real Word TOC field (TOC \\o "1-3" \\h \\z \\u) with cached entries, hyperlinks and PAGEREF fields."""
        self._toc = list(entries)
        self._next_bookmark = 0
        toc_heading = self.paragraph(heading, style="TOC Heading")
        toc_heading.paragraph_format.page_break_before = True  # type: ignore[attr-defined]
        for index, entry in enumerate(entries):
            paragraph = self.doc.add_paragraph(style=f"toc {entry.level}")
            p = paragraph._p
            if index == 0:
                p.append(_field_char("begin"))
                p.append(_instr(TOC_INSTRUCTION))
                p.append(_field_char("separate"))
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), entry.bookmark)
            link.set(qn("w:history"), "1")
            link.append(_text_run(entry.text))
            link.append(_tab_run())
            link.append(_field_char("begin"))
            link.append(_instr(f" PAGEREF {entry.bookmark} \\h "))
            link.append(_field_char("separate"))
            link.append(_text_run(str(entry.page)))
            link.append(_field_char("end"))
            p.append(link)
            if index == len(entries) - 1:
                p.append(_field_char("end"))

    def heading(self, item: Heading) -> None:
        if item.manual is None:
            paragraph = self.paragraph(item.text, style=f"Heading {item.level}")
            if self._next_bookmark < len(self._toc) and self._toc[self._next_bookmark].text == item.text:
                _bookmark(paragraph, self._toc[self._next_bookmark].bookmark, 100 + self._next_bookmark)
                self._next_bookmark += 1
            return
        text = item.text.upper() if item.manual == "caps" else item.text
        paragraph = self.paragraph(text, bold=True, size=self.look.size + (1 if item.level == 1 else 0))
        paragraph.paragraph_format.space_before = Pt(12)  # type: ignore[attr-defined]
        paragraph.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]

    def table(self, item: Table, widths: Sequence[float] | None = None) -> None:
        rows = item.rows
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        B.table_borders(table)
        B.header_row(table.rows[0])
        for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            B.no_split(row)
            for cell, value in zip(row.cells, values, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.line_spacing = 1.15
                run = paragraph.add_run(value)
                run.font.size = Pt(self.look.size - 1)
                if r == 0:
                    run.bold = True
                    B.set_cell_fill(cell, "DCE6F0")
        if widths:
            B.set_widths(table, widths)
        self.paragraph("", after=0)  # air after the table (and Word needs a paragraph between two tables)

    def add(self, items: Iterable[Item], widths: Mapping[int, Sequence[float]] | None = None) -> None:
        """Every item in order; ``widths`` gives column widths (cm) by number of columns."""
        for item in items:
            if isinstance(item, Heading):
                self.heading(item)
            elif isinstance(item, Paragraph):
                self.paragraph(item.text, style="List Bullet" if item.bullet else None)
            elif isinstance(item, TitlePage):
                self.title_page(item.lines[0], item.lines[1] if len(item.lines) > 1 else None, item.lines[2:])
            else:
                self.table(item, (widths or {}).get(len(item.rows[0])))

    def header_footer(self, header: str | None, *, page_numbers: bool, first_page_blank: bool = True) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = first_page_blank
        if header:
            paragraph = section.header.paragraphs[0]
            run = paragraph.add_run(header)
            run.font.size = Pt(9)
            run.font.color.rgb = B.GREY
            B.bottom_border(paragraph)
        if page_numbers:
            paragraph = section.footer.paragraphs[0]
            B.align(paragraph, "right")
            for text, field in (("Pagina ", "PAGE"), (" van ", "NUMPAGES")):
                run = paragraph.add_run(text)
                run.font.size = Pt(9)
                B.add_field(paragraph, field, size=9)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        B.save_deterministic(self.doc, str(path))


def _field_char(kind: str) -> object:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instr(instruction: str) -> object:
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run.append(instr)
    return run


def _text_run(text: str) -> object:
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def _tab_run() -> object:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def _bookmark(paragraph: object, name: str, bookmark_id: int) -> None:
    p = paragraph._p  # type: ignore[attr-defined]
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = p.find(qn("w:pPr"))
    p.insert(1 if ppr is not None else 0, start)
    p.append(end)
