"""DOCX → Document with python-docx: blocks in reading order, headings however the author made them, pages, lay-out.

Code is what the author typeset as code: a paragraph in a code style ("Source Code", "HTML Preformatted", "Code")
or with all its text in a monospace font is a code block; monospace runs or a code character style ("Verbatim
Char", "HTML Code") inside a paragraph are its code spans.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.styles import BabelFish
from lxml import etree

from pipeline.messages import msg
from pipeline.report.document import (
    NOTE_PARTS,
    Block,
    BlockKind,
    Container,
    Document,
    HeadingSource,
    Layout,
    merge_spans,
    renumber,
)
from pipeline.report.errors import ReportError
from pipeline.report.headings import has_numbering, looks_like_heading
from pipeline.report.parts import TITLE_PAGE_MAX_WORDS, assign_parts
from pipeline.report.readers import safety
from pipeline.report.readers.code import CODE_STYLE, MONOSPACE_FONT
from pipeline.report.readers.hidden import (
    Image,
    NoteRef,
    authors_of_revisions,
    deleted_texts,
    diagram_texts,
    image_of,
    metadata_blocks,
    parse_part,
)

MAX_PART = 4 * 1024**2  # the package relationships part is a few hundred bytes

# --- the WordprocessingML tags the reader looks at
W_P, W_R, W_T, W_TBL, W_TR, W_TC = (qn(f"w:{t}") for t in ("p", "r", "t", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_PSTYLE, W_RSTYLE = (qn(f"w:{t}") for t in ("pPr", "rPr", "pStyle", "rStyle"))
W_SDT, W_SDTPR, W_SDTCONTENT, W_CUSTOMXML = (qn(f"w:{t}") for t in ("sdt", "sdtPr", "sdtContent", "customXml"))
W_TAB, W_BR, W_CR, W_NBHYPHEN, W_RENDERED = (qn(f"w:{t}") for t in ("tab", "br", "cr", "noBreakHyphen",
                                                                     "lastRenderedPageBreak"))
W_FLDCHAR, W_INSTR, W_FLDSIMPLE, W_TXBX = (qn(f"w:{t}") for t in ("fldChar", "instrText", "fldSimple", "txbxContent"))
W_SECTPR, W_TYPE, W_OUTLINE, W_PAGEBREAKBEFORE = (qn(f"w:{t}") for t in ("sectPr", "type", "outlineLvl",
                                                                         "pageBreakBefore"))
W_NUMPR, W_NUMID, W_ILVL, W_B, W_CAPS = (qn(f"w:{t}") for t in ("numPr", "numId", "ilvl", "b", "caps"))
W_RFONTS, W_ASCII, W_HANSI, W_ASCII_THEME = qn("w:rFonts"), qn("w:ascii"), qn("w:hAnsi"), qn("w:asciiTheme")
W_VAL, W_FLDCHARTYPE, W_INSTR_ATTR = qn("w:val"), qn("w:fldCharType"), qn("w:instr")
W_DOCPARTOBJ, W_GALLERY, W_ALIAS, W_TAG = qn("w:docPartObj"), qn("w:docPartGallery"), qn("w:alias"), qn("w:tag")
W_FOOTNOTEREF, W_ENDNOTEREF, W_COMMENTREF, W_ID = (qn(f"w:{t}") for t in ("footnoteReference", "endnoteReference",
                                                                         "commentReference", "id"))
W_CUSTOMMARK = qn("w:customMarkFollows")
_NOTE_REFS = {W_FOOTNOTEREF: BlockKind.FOOTNOTE, W_ENDNOTEREF: BlockKind.ENDNOTE, W_COMMENTREF: BlockKind.COMMENT}
_NOT_A_NOTE = ("separator", "continuationSeparator", "continuationNotice")
_MAX_BOX_DEPTH = 8  # text boxes in text boxes: Word allows a few levels, a hostile file more
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
R_ID = qn("r:id")
# inline containers whose children are read as if they stood in the paragraph itself
_INLINE_WRAPPERS = {qn(f"w:{t}") for t in ("hyperlink", "smartTag", "ins", "moveTo", "customXml", "sdtContent",
                                           "bdo", "dir")} | {W_SDT}
# never text: properties, deleted and moved-away text, field data, the other copy of a drawing
_SKIPPED = {W_PPR, W_RPR, W_SDTPR, qn("w:del"), qn("w:moveFrom"), qn("w:fldData"), MC_FALLBACK,
            qn("w:proofErr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")}

# heading style names and ids in the locales students write in ("Kop1" is Dutch Word's id for "heading 1")
_HEADING_STYLE = re.compile(
    r"^(?:heading|kop|titre|[üu]berschrift|ueberschrift|berschrift|titolo|t[íi]tulo|encabezado|rubrik|overskrift|"
    r"otsikko|nadpis|nag[łl][óo]wek|cabe[çc]alho)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel|titre|titolo|t[íi]tulo|tytu[łl])$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|inhopg|inhoudsopgave|tm|verzeichnis|tdc|innehåll)\s*[1-9]$|"
                        r"^(?:toc\s*heading|kop\s*van\s*inhoudsopgave|kopvaninhoudsopgave)$", re.IGNORECASE)
# "2.", "2.1", "3 ", "IV.", "B)": a number a heading starts with ("A day at work" and "I think" are not numbered)
_NUMBERED_TEXT = re.compile(r"^\s*(?:(\d{1,2}(?:\.\d{1,2})*)[.)]?|[IVXLC]+[.)]|[A-Za-z][.)])\s+\S")
_TOC_FIELD = re.compile(r"^\s*TOC\b")
_PAGE_FIELD = re.compile(r"^\s*PAGE\b")
_NEW_PAGE_SECTIONS = {"nextPage", "oddPage", "evenPage"}
_FALSE = {"0", "false", "off"}
_MAX_STYLE_DEPTH = 20
_MAX_FIELD_DEPTH = 64


def _on(element: etree._Element | None) -> bool | None:
    """A toggle property (<w:b/>, <w:caps w:val="0"/>): None when absent."""
    if element is None:
        return None
    return element.get(W_VAL, "true").lower() not in _FALSE


@dataclass(frozen=True)
class _Code:
    """What of a paragraph is code: all of it (a listing, a command) or the spans of inline code."""

    block: bool = False
    spans: tuple[tuple[int, int], ...] = ()

    def fields(self) -> dict[str, object]:
        """The block's code fields."""
        if self.block:
            return {"code": True}
        return {"code_spans": self.spans} if self.spans else {}


@dataclass(frozen=True)
class _Style:
    id: str
    name: str
    based_on: str | None
    outline: int | None
    bold: bool | None
    caps: bool | None
    page_break_before: bool | None
    numbering: tuple[str, int] | None  # (numId, level) of a list style such as "List Number" or "List Bullet"
    font: str | None  # the Latin font the style sets ("" for a theme font)


class _Styles:
    """The document's styles by id, with the inheritance (``basedOn``) python-docx leaves to its caller."""

    def __init__(self, styles_element: etree._Element | None) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold: bool | None = None
        self.default_caps: bool | None = None
        self.default_font: str | None = None
        self._inherited: dict[tuple[str | None, str], bool | None] = {}
        self._fonts: dict[str | None, str | None] = {}
        self._code: dict[str | None, bool] = {}
        self._numberings: dict[str | None, tuple[str, int] | None] = {}
        self.headings: dict[str | None, tuple[str, int | None] | None] = {}  # _Reader._style_heading, per style
        if styles_element is None:
            return
        for element in styles_element.iter(qn("w:style")):
            style_id = element.get(qn("w:styleId")) or ""
            name_el, based_el = element.find(qn("w:name")), element.find(qn("w:basedOn"))
            ppr, rpr = element.find(W_PPR), element.find(W_RPR)
            outline = ppr.find(W_OUTLINE) if ppr is not None else None
            self.by_id[style_id] = _Style(
                id=style_id,
                name=BabelFish.internal2ui(name_el.get(W_VAL, style_id)) if name_el is not None else style_id,
                based_on=based_el.get(W_VAL) if based_el is not None else None,
                outline=_int(outline.get(W_VAL)) if outline is not None else None,
                bold=_on(rpr.find(W_B)) if rpr is not None else None,
                caps=_on(rpr.find(W_CAPS)) if rpr is not None else None,
                page_break_before=_on(ppr.find(W_PAGEBREAKBEFORE)) if ppr is not None else None,
                numbering=_numbering(ppr),
                font=_font(rpr))
            if element.get(qn("w:type")) == "paragraph" and element.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph = style_id
        defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{W_RPR}")
        if defaults is not None:
            self.default_bold, self.default_caps = _on(defaults.find(W_B)), _on(defaults.find(W_CAPS))
            self.default_font = _font(defaults)

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """The style and the styles it is based on, nearest first (a cycle in a hostile file ends the walk)."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < _MAX_STYLE_DEPTH:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def name(self, style_id: str | None) -> str | None:
        style = self.by_id.get(style_id or "")
        return style.name if style else style_id

    def list_numbering(self, style_id: str | None) -> tuple[str, int] | None:
        if style_id not in self._numberings:  # asked for every paragraph: walk each chain once
            self._numberings[style_id] = next((s.numbering for s in self.chain(style_id) if s.numbering is not None),
                                              None)
        return self._numberings[style_id]

    def font(self, style_id: str | None) -> str | None:
        """The Latin font a style sets, itself or through the styles it is based on (None: it sets none)."""
        if style_id not in self._fonts:
            self._fonts[style_id] = next((s.font for s in self.chain(style_id) if s.font is not None), None)
        return self._fonts[style_id]

    def is_code(self, style_id: str | None) -> bool:
        """A style for code, by its name or id or those of the styles it is based on."""
        if style_id not in self._code:
            self._code[style_id] = any(CODE_STYLE.search(label) for s in self.chain(style_id) for label in (s.name, s.id))
        return self._code[style_id]

    def inherited(self, style_id: str | None, attribute: str) -> bool | None:
        key = (style_id, attribute)
        if key not in self._inherited:  # asked for every run: walk each chain once
            values = (getattr(style, attribute) for style in self.chain(style_id))
            found = next((v for v in values if v is not None), None)
            self._inherited[key] = None if found is None else bool(found)
        return self._inherited[key]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _numbering(ppr: etree._Element | None) -> tuple[str, int] | None:
    numpr = ppr.find(W_NUMPR) if ppr is not None else None
    if numpr is None:
        return None
    return _val(numpr, W_NUMID) or "", _int(_val(numpr, W_ILVL)) or 0


def _font(rpr: etree._Element | None) -> str | None:
    """The Latin font of run properties: its name, "" for a theme font (the document's body or heading font), None
    when they set none."""
    fonts = rpr.find(W_RFONTS) if rpr is not None else None
    if fonts is None:
        return None
    if fonts.get(W_ASCII_THEME) is not None:
        return ""
    return fonts.get(W_ASCII) or fonts.get(W_HANSI)


def _val(parent: etree._Element | None, tag: str) -> str | None:
    element = parent.find(tag) if parent is not None else None
    return element.get(W_VAL) if element is not None else None


@dataclass
class _Field:
    instr: str = ""
    result: bool = False  # past the 'separate' mark: what follows is the field's displayed result


@dataclass
class _Paragraph:
    """What reading one paragraph found."""

    text: str
    page: int
    runs: list[tuple[bool, bool]] = field(default_factory=list)  # (bold, caps) of each run holding text
    code_runs: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of code runs, before stripping
    plain_text: bool = False  # some run holding text is not code
    code_style: bool = False  # the paragraph's style is a code style
    toc: bool = False  # text inside a TOC field
    started: bool = False  # its first visible text was seen (the block's page is that text's page)
    textboxes: list[etree._Element] = field(default_factory=list)
    length: int = 0  # characters read so far (where the next run starts)
    control: str | None = None  # the title of an inline content control holding text ('' when it has none)
    refs: list[NoteRef] = field(default_factory=list)  # footnote, endnote and comment references, in order
    images: list[Image] = field(default_factory=list)  # drawings and pictures anchored in the paragraph
    diagrams: list[str] = field(default_factory=list)  # relationship ids of SmartArt data parts


@dataclass
class _Numbering:
    """List formats by (numId, level), to tell a numbered list item from a bullet."""

    formats: dict[tuple[str, int], str] = field(default_factory=dict)

    @classmethod
    def of(cls, part: DocumentPart) -> _Numbering:
        try:
            element = part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            return cls()
        abstract: dict[str, dict[int, str]] = {}
        for node in element.iter(qn("w:abstractNum")):
            levels = {}
            for lvl in node.iter(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl"))) or 0] = _val(lvl, qn("w:numFmt")) or "decimal"
            abstract[node.get(qn("w:abstractNumId")) or ""] = levels
        out = cls()
        for num in element.iter(qn("w:num")):
            levels = abstract.get(_val(num, qn("w:abstractNumId")) or "", {})
            for level, fmt in levels.items():
                out.formats[(num.get(qn("w:numId")) or "", level)] = fmt
        return out


class _Reader:
    """One pass over the document body in reading order, then its headers and footers."""

    def __init__(self, part: DocumentPart) -> None:
        self.part = part
        self.styles = _Styles(part.styles.element)
        self.numbering = _Numbering.of(part)
        self.blocks: list[Block] = []
        self.page = 1
        self.fresh = True  # no text on the current page yet: a rendered break here is the same page break
        self.counting = True  # pages count in the body only
        self.fields: list[_Field] = []
        self.toc_depth = 0  # inside a table-of-contents content control
        self.tables = 0
        self.toc_found = False
        self.page_field = False  # a PAGE field seen (only recorded while reading headers and footers)
        body = part.element.body
        self.sections = [s for s in body.iter(W_SECTPR) if s.getparent() is body or s.getparent().tag == W_PPR
                         and s.getparent().getparent().tag == W_P]
        self.section = 0
        self.lone_list_items = self._lone_list_items(body)
        self.box_depth = 0  # inside a text box (its paragraphs float: no headings, no pages of their own)
        self.box_page: int | None = None  # the page of the paragraph a text box is anchored in
        self.controls: list[str | None] = []  # titles of the block-level content controls around the reader
        self.refs: dict[BlockKind, dict[str, tuple[int | None, int | None]]] = {k: {} for k in _NOTE_REFS.values()}
        self.images: list[tuple[Image, int | None]] = []  # (image, anchor block)

    # --- pages

    def _page_break(self, *, explicit: bool) -> None:
        """An explicit break always starts a page; a rendered one (or pageBreakBefore) not when one just did."""
        if not self.counting:
            return
        if explicit or not self.fresh:
            self.page += 1
            self.fresh = True

    def _section_end(self) -> None:
        self.section += 1
        if self.section < len(self.sections):
            kind = _val(self.sections[self.section], W_TYPE) or "nextPage"
            if kind in _NEW_PAGE_SECTIONS:
                self._page_break(explicit=True)

    # --- fields

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            if len(self.fields) < _MAX_FIELD_DEPTH:
                self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self._field_seen(self.fields[-1].instr)
            self.fields[-1].result = True
        elif kind == "end" and self.fields:
            top = self.fields.pop()
            if not top.result:
                self._field_seen(top.instr)

    def _field_seen(self, instr: str) -> None:
        if _TOC_FIELD.match(instr):
            self.toc_found = True
        if _PAGE_FIELD.match(instr) and not self.counting:
            self.page_field = True

    def _in_toc(self) -> bool:
        return self.toc_depth > 0 or any(f.result and _TOC_FIELD.match(f.instr) for f in self.fields)

    # --- paragraphs

    def _read_paragraph(self, p: etree._Element) -> _Paragraph:
        ppr = p.find(W_PPR)
        style_id = _val(ppr, W_PSTYLE) or self.styles.default_paragraph
        before = _on(ppr.find(W_PAGEBREAKBEFORE)) if ppr is not None else None
        if before is None:
            before = self.styles.inherited(style_id, "page_break_before")
        has_text = any((t.text or "").strip() for t in p.iter(W_T))
        if before and has_text:
            self._page_break(explicit=False)
        result = _Paragraph(text="", page=self.page, code_style=self.styles.is_code(style_id))
        pieces: list[str] = []
        self._inline(p, style_id, pieces, result)
        joined = "".join(pieces)
        result.text = joined.strip()
        lead = len(joined) - len(joined.lstrip())
        result.code_runs = [(max(0, a - lead), min(len(result.text), b - lead)) for a, b in result.code_runs]
        if ppr is not None and ppr.find(W_SECTPR) is not None and self.counting and p.getparent() is not None:
            self._section_end()
        return result

    def _inline(self, element: etree._Element, style_id: str | None, pieces: list[str], result: _Paragraph) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == W_R:
                self._run(child, style_id, pieces, result)
            elif tag == W_FLDSIMPLE:
                instr = child.get(W_INSTR_ATTR) or ""
                self._field_seen(instr)
                self.fields.append(_Field(instr=instr, result=True))
                try:
                    self._inline(child, style_id, pieces, result)
                finally:
                    self.fields.pop()
            elif tag == W_TXBX:
                result.textboxes.append(child)
            elif tag == W_SDT:
                label = _control_label(child)
                if label is not None and result.control is None and any((t.text or "").strip()
                                                                         for t in child.iter(W_T)):
                    result.control = label
                self._inline(child, style_id, pieces, result)
            elif tag in _INLINE_WRAPPERS or tag.endswith("}AlternateContent") or tag.endswith("}Choice"):
                self._inline(child, style_id, pieces, result)

    def _run(self, run: etree._Element, style_id: str | None, pieces: list[str], result: _Paragraph) -> None:
        rpr = run.find(W_RPR)
        char_style = _val(rpr, W_RSTYLE)
        run_text: list[str] = []
        for child in run:
            tag = child.tag
            if tag == W_T or tag in _RUN_LEVEL_TEXT:
                text = (child.text or "") if tag == W_T else run_level_text(child)
                if text.strip():
                    if not result.started:  # a block is on the page where its text starts
                        result.started = True
                        result.page = self.page
                    if self.counting:
                        self.fresh = False
                    result.toc |= self._in_toc()
                run_text.append(text)
            elif tag == W_TAB:
                run_text.append("\t")
            elif tag in (W_BR, W_CR):
                if child.get(W_TYPE) == "page":
                    self._page_break(explicit=True)
                elif child.get(W_TYPE) != "column":
                    run_text.append("\n")
            elif tag == W_NBHYPHEN:
                run_text.append("-")
            elif tag == W_RENDERED:
                self._page_break(explicit=False)
            elif tag == W_FLDCHAR:
                self._field_char(child.get(W_FLDCHARTYPE))
            elif tag == W_INSTR:
                if self.fields:
                    self.fields[-1].instr += child.text or ""
            elif tag in _NOTE_REFS:
                if child.get(W_CUSTOMMARK) not in ("1", "true", "on"):  # a custom mark ('*') is not numbered
                    result.refs.append(NoteRef(_NOTE_REFS[tag], child.get(W_ID) or ""))
            elif tag not in _SKIPPED:
                for box in _textboxes(child):  # drawings and VML shapes anchored in the run
                    result.textboxes.append(box)
                image = image_of(child)  # its name and description, which may hold a file path
                if image is not None:
                    result.images.append(image)
                    result.diagrams += image.diagrams
        text = "".join(run_text)
        start = result.length
        pieces.append(text)
        result.length += len(text)
        if text.strip():
            result.runs.append((self._run_prop(rpr, char_style, style_id, W_B, "bold"),
                                self._run_prop(rpr, char_style, style_id, W_CAPS, "caps")))
            if self._run_is_code(rpr, char_style, style_id):
                result.code_runs.append((start, start + len(text)))
            else:
                result.plain_text = True

    def _run_is_code(self, rpr: etree._Element | None, char_style: str | None, style_id: str | None) -> bool:
        """A run in a code character style, or whose font (direct, character style, paragraph style, document
        default: the first that sets one) is monospace."""
        if char_style is not None and self.styles.is_code(char_style):
            return True
        for font in (_font(rpr), self.styles.font(char_style), self.styles.font(style_id), self.styles.default_font):
            if font is not None:
                return bool(MONOSPACE_FONT.search(font))
        return False

    def _run_prop(self, rpr: etree._Element | None, char_style: str | None, style_id: str | None, tag: str,
                  attribute: str) -> bool:
        """Direct formatting, else the character style, else the paragraph style, else the document default."""
        for value in (_on(rpr.find(tag)) if rpr is not None else None, self.styles.inherited(char_style, attribute),
                      self.styles.inherited(style_id, attribute), getattr(self.styles, f"default_{attribute}")):
            if value is not None:
                return bool(value)
        return False

    # --- headings

    def _style_heading(self, style_id: str | None) -> tuple[str, int | None] | None:
        """('heading', level) / ('title', None) / ('toc', None) / ('body', None) from the style chain, or None."""
        if style_id not in self.styles.headings:  # asked twice for every paragraph: once per style
            self.styles.headings[style_id] = self._style_heading_uncached(style_id)
        return self.styles.headings[style_id]

    def _style_heading_uncached(self, style_id: str | None) -> tuple[str, int | None] | None:
        for style in self.styles.chain(style_id):
            for label in (style.name, style.id):
                if _TOC_STYLE.match(label):
                    return "toc", None
                if _TITLE_STYLE.match(label):
                    return "title", None
                match = _HEADING_STYLE.match(label)
                if match:
                    return "heading", int(match.group(1))
            if style.outline is not None:
                return ("heading", style.outline + 1) if 0 <= style.outline <= 8 else ("body", None)
        return None

    def _heading(self, p: etree._Element, para: _Paragraph, *, visual: bool) -> tuple[HeadingSource, int | None] | None:
        ppr = p.find(W_PPR)
        direct = _int(_val(ppr, W_OUTLINE))
        if direct is not None:
            return (HeadingSource.OUTLINE, direct + 1) if 0 <= direct <= 8 else None
        by_style = self._style_heading(_val(ppr, W_PSTYLE) or self.styles.default_paragraph)
        if by_style is not None and by_style[0] == "heading":
            return HeadingSource.STYLE, by_style[1]
        if by_style is not None or not visual or not looks_like_heading(para.text):
            return None
        numbered = self._list_level(p)
        if numbered == -1:
            return None  # a bullet: a short bold list item is not a heading
        numbering = _NUMBERED_TEXT.match(para.text)
        if numbering and has_numbering(para.text):
            return HeadingSource.NUMBERED, len(numbering.group(1).split(".")) if numbering.group(1) else 1
        if numbered is not None and p in self.lone_list_items:
            return HeadingSource.NUMBERED, numbered + 1
        letters = [ch for ch in para.text if ch.isalpha()]
        if para.runs and (all(caps for _, caps in para.runs) or len(letters) >= 2 and para.text == para.text.upper()
                          and any(ch.isupper() for ch in letters)):
            return HeadingSource.CAPS, None
        if para.runs and all(bold for bold, _ in para.runs):
            return HeadingSource.BOLD, None
        return None

    def _list_item(self, p: etree._Element) -> tuple[str, int] | None:
        """(numId, level) of a list item, numbered directly or by its style ("List Number"); None outside lists."""
        ppr = p.find(W_PPR)
        numbering = _numbering(ppr) or self.styles.list_numbering(_val(ppr, W_PSTYLE) or self.styles.default_paragraph)
        return numbering if numbering and numbering[0] not in ("", "0") else None  # numId 0 switches numbering off

    def _list_level(self, p: etree._Element) -> int | None:
        """The level of a numbered list item, -1 for a bullet, None when not in a list."""
        item = self._list_item(p)
        if item is None:
            return None
        fmt = self.numbering.formats.get(item, "decimal")
        return -1 if fmt in ("bullet", "none") else item[1]

    def _lone_list_items(self, body: etree._Element) -> set[etree._Element]:
        """Numbered paragraphs whose neighbours are not items of the same list: headings numbered by Word's lists."""
        items: list[tuple[etree._Element, str | None]] = []
        for p in body.iterchildren(W_P):
            if any((t.text or "").strip() for t in p.iter(W_T)):
                item = self._list_item(p)
                items.append((p, item[0] if item else None))
        lone = set()
        for i, (p, num_id) in enumerate(items):
            before = items[i - 1][1] if i > 0 else None
            after = items[i + 1][1] if i + 1 < len(items) else None
            if num_id and num_id not in (before, after):
                lone.add(p)
        return lone

    # --- blocks

    @staticmethod
    def _code(para: _Paragraph) -> _Code:
        """The code of a paragraph's block: a code block, or its code spans."""
        if para.code_style or (para.code_runs and not para.plain_text):
            return _Code(block=True)
        return _Code(spans=merge_spans(para.code_runs))

    def _emit(self, kind: BlockKind, text: str, page: int | None, **extra: object) -> None:
        if text.strip():
            self.blocks.append(Block(index=len(self.blocks), kind=kind, text=text, page=page, **extra))  # type: ignore[arg-type]

    def body(self, container: etree._Element, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        for child in _elements(container):
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, kind)
            elif tag == W_TBL:
                self.table(child, kind)
            elif tag == W_SDT:
                toc = _is_toc_sdt(child)
                self.toc_depth += toc
                self.toc_found |= toc
                self.controls.append(_control_label(child))
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self.body(content, kind)
                self.controls.pop()
                self.toc_depth -= toc
            elif tag == W_CUSTOMXML or tag.endswith("}AlternateContent") or tag.endswith("}Choice"):
                self.body(child, kind)

    def _where(self, para: _Paragraph | None = None) -> dict[str, object]:
        """A block's container and label: the text box it floats in, the content control around it ('Auteur')."""
        label = next((c for c in reversed(self.controls) if c is not None), None)
        if label is None and para is not None:
            label = para.control
        if self.box_depth:
            return {"container": Container.TEXT_BOX, "label": label or None}
        if label is not None:
            return {"container": Container.CONTENT_CONTROL, "label": label or None}
        return {}

    def paragraph(self, p: etree._Element, kind: BlockKind) -> None:
        para = self._read_paragraph(p)
        style_id = _val(p.find(W_PPR), W_PSTYLE) or self.styles.default_paragraph
        style = self.styles.name(style_id)
        page = para.page if self.counting else None
        where = self._where(para)
        if kind is not BlockKind.PARAGRAPH:  # header, footer, note or comment
            self._emit(kind, para.text, None, style=style, **where)
        elif self.box_depth:  # a text box floats beside the text: never a heading of the report
            self._emit(BlockKind.PARAGRAPH, para.text, self.box_page, style=style, **where)
        else:
            by_style = self._style_heading(style_id)
            if para.toc or (by_style is not None and by_style[0] == "toc"):
                self.toc_found |= bool(para.text)
                self._emit(BlockKind.TOC, para.text, page, style=style)
            else:
                code = self._code(para)
                heading = None if code.block else self._heading(p, para, visual=True)
                if heading is not None:
                    self._emit(BlockKind.HEADING, para.text, page, style=style, heading_source=heading[0],
                               level=heading[1], **where)
                else:
                    self._emit(BlockKind.PARAGRAPH, para.text, page, style=style,
                               list_item=self._list_item(p) is not None, **code.fields(), **where)
        self._anchored(para, kind, page)

    def _anchored(self, para: _Paragraph, kind: BlockKind, page: int | None) -> None:
        """What hangs on a paragraph: its notes' and comments' references, images, text boxes and diagrams."""
        anchor = len(self.blocks) - 1 if self.blocks else None
        for ref in para.refs:
            refs = self.refs[ref.kind]
            if ref.id not in refs:
                refs[ref.id] = (len(refs) + 1, anchor)
        self.images += [(image, anchor) for image in para.images]
        self._textboxes(para, kind, page)
        self._diagrams(para, kind, page)

    def _textboxes(self, para: _Paragraph, kind: BlockKind, page: int | None) -> None:
        if not para.textboxes or self.box_depth >= _MAX_BOX_DEPTH:
            return
        counting, self.counting = self.counting, False  # a text box floats: its content does not paginate
        box_page, self.box_page = self.box_page, page if self.box_depth == 0 else self.box_page
        controls, self.controls = self.controls, []  # a control around the anchor is not around the box's text
        self.box_depth += 1
        try:
            for box in para.textboxes:
                self.body(box, kind)
        finally:
            self.counting, self.box_page, self.controls = counting, box_page, controls
            self.box_depth -= 1

    def _diagrams(self, para: _Paragraph, kind: BlockKind, page: int | None) -> None:
        """The text of a SmartArt diagram, from its data part (the drawing part Word caches beside it is a copy)."""
        for rel_id in para.diagrams:
            related = self.part.related_parts.get(rel_id)
            if related is None:
                continue
            for text in diagram_texts(parse_part(str(related.partname), related.blob)):
                block_kind = BlockKind.PARAGRAPH if kind is BlockKind.PARAGRAPH else kind
                self._emit(block_kind, text, page if kind is BlockKind.PARAGRAPH else None,
                           container=Container.DIAGRAM)

    def table(self, tbl: etree._Element, kind: BlockKind) -> None:
        number = self.tables
        self.tables += 1
        for r, tr in enumerate(_children(tbl, W_TR)):
            for c, tc in enumerate(_children(tr, W_TC)):
                texts: list[str] = []
                page: int | None = None
                nested: list[etree._Element] = []
                boxes: list[_Paragraph] = []
                spans: list[tuple[int, int]] = []
                cell_length = 0
                all_code = True
                for child in _children(tc, W_P, W_TBL):
                    if child.tag == W_TBL:
                        nested.append(child)
                        continue
                    para = self._read_paragraph(child)
                    if para.text and page is None:
                        page = para.page
                    if para.text:
                        start = cell_length  # the cell's text joins its paragraphs with "\n"
                        cell_length += len(para.text) + 1
                        code = self._code(para)
                        all_code &= code.block
                        spans += [(start, start + len(para.text))] if code.block else \
                            [(start + a, start + b) for a, b in para.code_runs]
                        texts.append(para.text)
                    boxes.append(para)
                text = "\n".join(texts)
                where = self._where(next((b for b in boxes if b.control is not None), None))
                if kind is BlockKind.PARAGRAPH:
                    cell_code = _Code(block=True) if texts and all_code else _Code(spans=merge_spans(spans))
                    cell_page = self.box_page if self.box_depth else page if self.counting else None
                    self._emit(BlockKind.TABLE_CELL, text, cell_page, table=(number, r, c), **cell_code.fields(), **where)
                else:
                    self._emit(kind, text, None, **where)
                for para in boxes:
                    self._anchored(para, kind, page)
                for inner in nested:
                    self.table(inner, kind)

    def headers_and_footers(self) -> tuple[bool, bool]:
        """Blocks for every distinct header and footer (all sections; default, first and even); (header?, footer?)."""
        self.counting = False
        seen: set[str] = set()
        found = {BlockKind.HEADER: False, BlockKind.FOOTER: False}
        for sect in self.sections:
            for tag, kind in ((qn("w:headerReference"), BlockKind.HEADER), (qn("w:footerReference"), BlockKind.FOOTER)):
                for ref in sect.iter(tag):
                    part = self.part.related_parts.get(ref.get(R_ID) or "")
                    element = getattr(part, "element", None)
                    if part is None or element is None or str(part.partname) in seen:
                        continue
                    seen.add(str(part.partname))
                    self.fields, before, had_page = [], len(self.blocks), self.page_field
                    self.page_field = False
                    self.body(element, kind)
                    found[kind] |= len(self.blocks) > before or self.page_field
                    self.page_field |= had_page
        return found[BlockKind.HEADER], found[BlockKind.FOOTER]

    # --- outside the flow: notes, comments, what the file stores but does not show

    def _related(self, relationship: str) -> etree._Element | None:
        """The XML of the part the main document relates to by ``relationship`` (parsed safely), or None."""
        try:
            related = self.part.part_related_by(relationship)
        except KeyError:
            return None
        element = getattr(related, "element", None)
        return element if element is not None else parse_part(str(related.partname), related.blob)

    def _outside_flow(self, element: etree._Element, kind: BlockKind, number: int | None, anchor: int | None,
                      label: str | None = None) -> None:
        """The paragraphs of one note or comment as blocks of its own part, on the page of the text it belongs to."""
        before = len(self.blocks)
        self.fields, self.controls = [], []
        self.body(element, kind)
        page = self.blocks[anchor].page if anchor is not None and anchor < before else None
        self.blocks[before:] = [replace(b, part=NOTE_PARTS[kind], number=number, anchor=anchor, page=page,
                                        label=label or b.label) for b in self.blocks[before:]]

    def notes(self) -> None:
        """Footnotes and endnotes, numbered as Word prints them (in the order of their references in the text)."""
        self.counting = False
        for kind, relationship, tag in ((BlockKind.FOOTNOTE, RT.FOOTNOTES, qn("w:footnote")),
                                        (BlockKind.ENDNOTE, RT.ENDNOTES, qn("w:endnote"))):
            root = self._related(relationship)
            if root is None:
                continue
            refs = self.refs[kind]
            notes = [n for n in root.iterchildren(tag) if n.get(qn("w:type")) not in _NOT_A_NOTE]
            notes.sort(key=lambda n: refs.get(n.get(W_ID) or "", (1 << 30, None))[0] or 1 << 30)
            for note in notes:
                number, anchor = refs.get(note.get(W_ID) or "", (None, None))
                self._outside_flow(note, kind, number, anchor)

    def comments(self) -> set[str]:
        """Reviewers' comments, each with its author; the authors' names."""
        self.counting = False
        root = self._related(RT.COMMENTS)
        if root is None:
            return set()
        refs = self.refs[BlockKind.COMMENT]
        authors: set[str] = set()
        comments = list(root.iterchildren(qn("w:comment")))
        comments.sort(key=lambda c: refs.get(c.get(W_ID) or "", (1 << 30, None))[0] or 1 << 30)
        for comment in comments:
            author = (comment.get(qn("w:author")) or "").strip()
            authors.add(author)
            number, anchor = refs.get(comment.get(W_ID) or "", (None, None))
            self._outside_flow(comment, BlockKind.COMMENT, number, anchor, label=author or None)
        return {a for a in authors if a}

    def hidden(self, comment_authors: set[str]) -> None:
        """What the file stores but Word does not show on the page: document properties, the authors of comments
        and tracked changes, the names and descriptions of images (an image inserted from C:\\Users\\jan\\...)."""
        stories = [self.part.element, *(p.element for p in self._story_parts())]
        revision_authors = authors_of_revisions(*stories)
        images = [(image, anchor, self.blocks[anchor].page if anchor is not None else None)
                  for image, anchor in self.images]
        for block in metadata_blocks(self.part.package, comment_authors, revision_authors, images,
                                     deleted_texts(*stories)):
            self.blocks.append(replace(block, index=len(self.blocks)))

    def _story_parts(self) -> Iterator[Any]:
        """Headers, footers, footnotes, endnotes and comments: the parts besides the body that hold text."""
        for related in self.part.related_parts.values():
            if getattr(related, "element", None) is not None and related is not self.part and \
                    str(related.content_type).endswith(("header+xml", "footer+xml", "comments+xml")):
                yield related


def _elements(container: etree._Element) -> Iterator[etree._Element]:
    """The child elements, without XML comments and processing instructions (whose ``tag`` is not a string)."""
    return (child for child in container if isinstance(child.tag, str))


# run-level elements that hold text of their own besides <w:t>
W_RUBY, W_RUBYBASE, W_SYM, W_PTAB = qn("w:ruby"), qn("w:rubyBase"), qn("w:sym"), qn("w:ptab")
_RUN_LEVEL_TEXT = {W_RUBY, W_SYM, W_PTAB}


def run_level_text(element: etree._Element) -> str:
    """The text a run shows through an element other than <w:t>: the base text of Japanese or Chinese ruby (not the
    small reading aid above it), a symbol character (<w:sym w:char="F0E0">, the private-use code Word stores), a
    positional tab."""
    if element.tag == W_RUBY:
        base = element.find(W_RUBYBASE)
        return "".join(t.text or "" for t in base.iter(W_T)) if base is not None else ""
    if element.tag == W_SYM:
        try:
            return chr(int(element.get(qn("w:char")) or "", 16))
        except (ValueError, OverflowError):
            return ""
    return "\t" if element.tag == W_PTAB else ""


def _children(element: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Children with these tags, looking through content controls and custom XML wrapped around them."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _children(content, *tags)
        elif child.tag == W_CUSTOMXML:
            yield from _children(child, *tags)


def _textboxes(element: etree._Element) -> Iterator[etree._Element]:
    """Text boxes inside a drawing or VML shape, once each (the VML fallback copy of a drawing is skipped)."""
    for node in element.iter(W_TXBX):
        ancestor = node.getparent()
        while ancestor is not None and ancestor is not element and ancestor.tag != MC_FALLBACK:
            ancestor = ancestor.getparent()
        if ancestor is None or ancestor.tag != MC_FALLBACK:
            yield node


def _control_label(sdt: etree._Element) -> str | None:
    """A content control's title ('Auteur', 'Titel', its tag when it has no title, '' when neither); None for the
    building blocks Word wraps in a control (a cover page, a table of contents, page numbers): no field to fill."""
    pr = sdt.find(W_SDTPR)
    if pr is None or pr.find(W_DOCPARTOBJ) is not None:
        return None
    return (_val(pr, W_ALIAS) or _val(pr, W_TAG) or "").strip()


def _is_toc_sdt(sdt: etree._Element) -> bool:
    gallery = sdt.find(f"{W_SDTPR}/{W_DOCPARTOBJ}/{W_GALLERY}")
    return gallery is not None and (gallery.get(W_VAL) or "").lower() == "table of contents"


def title_page(blocks: list[Block]) -> bool:
    """A short first page with no body heading and no contents, and text after it on later pages."""
    flow = [b for b in blocks if b.kind not in (BlockKind.HEADER, BlockKind.FOOTER) and b.kind not in NOTE_PARTS]
    first = [b for b in flow if b.page == 1]
    later = any(b.page is not None and b.page > 1 for b in flow)
    if not first or not later:
        return False
    if any(b.kind is BlockKind.TOC or b.heading_source in (HeadingSource.STYLE, HeadingSource.OUTLINE) for b in first):
        return False
    return sum(len(b.text.split()) for b in first) <= TITLE_PAGE_MAX_WORDS


def demote_title_page(blocks: list[Block]) -> list[Block]:
    """On a title page, bold or capital lines are the title and the author's name, not headings."""
    return [replace(b, kind=BlockKind.PARAGRAPH, heading_source=None, level=None)
            if b.page == 1 and b.kind is BlockKind.HEADING else b for b in blocks]


# ISO/IEC 29500 Strict ("Strict Open XML Document" in Word's Save As) names its namespaces and relationship types
# under purl.oclc.org; python-docx knows only the Transitional names. Longest first: prefixes of each other.
_STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties", b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/customProperties", b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/schemaLibrary/main", b"http://schemas.openxmlformats.org/schemaLibrary/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/", b"http://schemas.openxmlformats.org/officeDocument/2006/"),
    (b"http://purl.oclc.org/ooxml/drawingml/", b"http://schemas.openxmlformats.org/drawingml/2006/"),
)
_STRICT_MARK = b"http://purl.oclc.org/ooxml/"


def strict_as_transitional(path: Path) -> bytes | None:
    """A Strict Open XML DOCX as the same package with Transitional names (its XML parts rewritten in memory); None
    for a Transitional one. Strict writes on/off values as true/false, which python-docx and this reader read."""
    with safety.open_zip(path) as zf:
        try:
            rels = safety.read_part(zf, "_rels/.rels", MAX_PART)
        except KeyError:
            return None
        if _STRICT_MARK not in rels:
            return None
        defaults, overrides = safety.content_types(zf)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in zf.infolist():
                data = b"".join(safety.iter_entry(zf, info))
                if safety.is_xml_part(info.filename, defaults, overrides) and _STRICT_MARK in data:
                    for strict, transitional in _STRICT_NAMESPACES:
                        data = data.replace(strict, transitional)
                copy.writestr(info.filename, data)
    return out.getvalue()


def _open(path: Path) -> DocumentPart:
    try:
        converted = strict_as_transitional(path)
        package = Package.open(io.BytesIO(converted) if converted is not None else str(path))
        part = package.main_document_part
    except PackageNotFoundError as exc:
        raise ReportError(msg("read.docx-invalid", detail=str(exc)[:160])) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ReportError(msg("read.zip-corrupt", detail=str(exc)[:160])) from exc
    except (KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReportError(msg("read.docx-invalid", detail=f"{type(exc).__name__}: {str(exc)[:160]}")) from exc
    if not isinstance(part, DocumentPart):
        raise ReportError(msg("read.docx-type", content_type=part.content_type))
    return part


def read_docx(path: Path) -> Document:
    """The report as a Document: body blocks in reading order, then headers and footers; parts assigned.

    Call it on a zip that pipeline.report.readers.safety has checked (read_report does), in a sandbox.
    """
    part = _open(path)
    reader = _Reader(part)
    reader.body(part.element.body)
    if not any(b.text.strip() for b in reader.blocks):
        raise ReportError(msg("read.empty"))
    has_title_page = title_page(reader.blocks)
    body = demote_title_page(reader.blocks) if has_title_page else reader.blocks
    reader.blocks = list(body)
    header, footer = reader.headers_and_footers()
    reader.notes()
    reader.hidden(reader.comments())
    layout = Layout(title_page=has_title_page, toc=reader.toc_found, page_numbers=reader.page_field, header=header,
                    footer=footer)
    return Document(path=str(path), format="docx", blocks=assign_parts(renumber(reader.blocks)), layout=layout)
