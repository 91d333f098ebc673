"""PDF reports → Document: text per page with pypdf, headings from the outline or the fonts, page furniture removed.

Letter ligatures become plain letters (ﬁ → fi: ``readers.code.expand_ligatures``) before any block is built, so
offsets count characters of the text as checks see it. Lines in a monospace font are code: a run of them is a code
block, monospace pieces inside a line of prose are the block's code spans.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
import struct
import warnings
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import msg
from pipeline.report.document import Block, BlockKind, Document, HeadingSource, Layout, merge_spans, renumber
from pipeline.report.errors import ReportError
from pipeline.report.headings import fold, has_numbering, looks_like_heading, normalize_heading
from pipeline.report.parts import TITLE_PAGE_MAX_WORDS, assign_parts, is_toc_title
from pipeline.report.readers.code import MONOSPACE_FONT, expand_ligatures
from pipeline.report.readers.pdf_hidden import hidden_blocks

# What a damaged file makes pypdf raise besides its own errors: it parses untrusted bytes with plain Python.
_BROKEN = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError, RecursionError,
           struct.error, zlib.error, UnicodeError)

HEADING_SIZE_RATIO = 1.15  # a line this much larger than the body text is a heading candidate
PARAGRAPH_GAP_RATIO = 1.4  # a vertical gap this much larger than the usual line pitch starts a paragraph
SHORT_LINE_RATIO = 0.6  # a line shorter than this share of a full line ends its paragraph
FURNITURE_SHARE = 0.5  # a header, footer or page number repeats on at least this share of the pages
FURNITURE_DEPTH = 2  # lines from the top and from the bottom of a page that may be header or footer
TITLE_PAGE_MAX_PARAGRAPH_WORDS = 40  # a title page has short lines, no running text
TITLE_PAGE_SENTENCE_WORDS = 10  # ... and no sentences of this many words

_BULLET = re.compile(r"^\s*(?:[•▪◦●○■□➢➤►✓–\-*]|\d{1,2}[.)]|[a-z][.)])\s")
_TOC_ENTRY = re.compile(r"^(?P<title>.*?[^\W\d_].*?)(?:\s*(?:\.\s*){2,}|\s*…+|\s+)(?P<page>\d{1,4})\s*$")
_NUMERIC_NUMBERING = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]?\s")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|[-,]bd\b", re.IGNORECASE)
MONO_SHARE = 0.8  # a line with this share of its letters in a monospace font is a line of code
_KEEP_HYPHEN_BEFORE = {"en", "of", "tot", "noch", "and", "or", "et", "ou"}  # "beleids- en planningsdocumenten"
_VOWELS = set("aeiouyäëïöüáéíóúàèìòùâêîôû")


@dataclass
class _Line:
    """One printed line as pypdf extracted it, with what the fonts tell about it."""

    text: str
    page: int  # 1-based
    y: float | None = None  # baseline, PDF units from the bottom
    size: float | None = None  # effective font size
    bold: bool = False
    blank_before: bool = False  # an empty line came before it (only without positions)
    mono: bool = False  # (nearly) all of it in a monospace font: a line of code
    code: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of monospace pieces in ``text``


@dataclass
class _Unit:
    """Consecutive lines that make one block."""

    lines: list[_Line]
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None
    source: HeadingSource | None = None
    text: str = ""
    code_spans: tuple[tuple[int, int], ...] = ()

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def code(self) -> bool:
        return self.kind is BlockKind.PARAGRAPH and all(line.mono for line in self.lines)


@dataclass
class _Furniture:
    """Headers, footers and page numbers found on most pages."""

    removed: set[int] = field(default_factory=set)  # id() of lines taken out of the body
    where: dict[int, str] = field(default_factory=dict)  # id() of a removed line -> top | bottom
    blocks: list[tuple[int, BlockKind, str]] = field(default_factory=list)  # (page, HEADER|FOOTER, text)
    header: bool = False
    footer: bool = False
    page_numbers: bool = False


@dataclass
class _Metrics:
    body_size: float | None
    pitch: float | None  # usual distance between two lines of body text
    full_line: int  # characters in a full line of body text


def read_pdf(path: Path) -> Document:
    """Read a PDF report. Raises ReportError: password, damaged or truncated file, no text layer, empty."""
    with _quiet_pypdf():
        reader = _open(path)
        pages, notices = _read_pages(reader, path)
        if not any(line.text.strip() for page in pages for line in page):
            raise ReportError(msg("read.pdf.scanned") if any(_has_images(p) for p in reader.pages) else msg("read.pdf.empty"))
        outline = _outline(reader)
        notices += _text_layer_notices(reader, pages, path)
        heights = [_page_height(page) for page in reader.pages]
        hidden = hidden_blocks(reader)
    document = _build(path, pages, heights, outline, notices)
    return replace(document, blocks=renumber([*document.blocks, *hidden])) if hidden else document


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf warns about every small defect it repairs; the student can do nothing with that."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


def _open(path: Path) -> PdfReader:
    """A reader with its pages known, decrypted with the empty password when the file is encrypted."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError as e:
        raise ReportError(msg("read.pdf.unreadable", reason=e.strerror or str(e)), exit_code=2) from e
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ReportError(msg("read.pdf.password"))
        count = len(reader.pages)
    except (FileNotDecryptedError, PdfReadError) as e:
        if isinstance(e, FileNotDecryptedError) or "decrypt" in str(e).lower() or "password" in str(e).lower():
            raise ReportError(msg("read.pdf.password")) from e
        raise _broken(e, tail) from e
    except DependencyError as e:
        raise ReportError(msg("read.pdf.crypto", reason=_reason(e)), exit_code=2) from e
    except OSError as e:
        raise ReportError(msg("read.pdf.unreadable", reason=e.strerror or str(e)), exit_code=2) from e
    except _BROKEN as e:
        raise _broken(e, tail) from e
    if count == 0:
        raise _broken(PdfReadError("no pages"), tail)
    return reader


def _broken(error: BaseException, tail: bytes) -> ReportError:
    # A PDF ends with %%EOF: without it the file was cut off, which is what the student needs to hear.
    if b"%%EOF" not in tail:
        return ReportError(msg("read.pdf.truncated"))
    return ReportError(msg("read.pdf.broken", reason=_reason(error)))


# --- text and fonts per line -------------------------------------------------------------------------------------


def _read_pages(reader: PdfReader, path: Path) -> tuple[list[list[_Line]], list[Finding]]:
    pages: list[list[_Line]] = []
    failed: list[int] = []
    reason = ""
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(_page_lines(page, number))
        except _BROKEN as e:
            failed.append(number)
            reason = reason or _reason(e)
            pages.append([])
    if failed and len(failed) == len(pages):
        raise ReportError(msg("read.pdf.broken", reason=reason))
    notices = []
    if failed:
        notices.append(Finding(check="format", rule="pdf-unreadable-pages", severity=Severity.WARNING,
                               message=msg("read.pdf.unreadable-pages", pages=_page_list(failed), reason=reason),
                               location=Location(file=str(path), page=failed[0])))
    return pages, notices


def _page_list(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (", …" if len(numbers) > 10 else "")


def _mult(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _entry(dictionary: Any, key: str) -> Any:
    """A PDF dictionary's entry (a font's /BaseFont, a descriptor's /Flags, ...), indirect objects resolved; None
    when the dictionary does not have it."""
    if dictionary is None or key not in dictionary:
        return None
    value = dictionary[key]
    return value.get_object() if hasattr(value, "get_object") else value


def _is_bold(font: Any) -> bool:
    try:
        name = str(_entry(font, "/BaseFont") or "")
        descriptor = _entry(font, "/FontDescriptor")
        weight = float(_entry(descriptor, "/FontWeight") or 0)
        flags = int(_entry(descriptor, "/Flags") or 0)
    except _BROKEN:
        return False
    return bool(_BOLD_NAME.search(name.split("+")[-1])) or weight >= 600 or bool(flags & 0x40000)  # ForceBold


def _is_mono(font: Any) -> bool:
    """A monospace font: by its name, or the FixedPitch flag of its descriptor."""
    try:
        name = str(_entry(font, "/BaseFont") or "")
        flags = int(_entry(_entry(font, "/FontDescriptor"), "/Flags") or 0)
    except _BROKEN:
        return False
    return bool(MONOSPACE_FONT.search(name.split("+")[-1])) or bool(flags & 0x1)


_Piece = tuple[str, float | None, float | None, bool, bool]  # text, baseline, size, bold, monospace


def _page_lines(page: PageObject, number: int) -> list[_Line]:
    """The page's lines: extract_text() gives the text; its visitor gives each piece's position, size and font.

    The visitor sees exactly the pieces extract_text() joins, so splitting them on line breaks keeps both in step;
    if they ever differ, the lines come from the text alone (no positions, no fonts).
    """
    pieces: list[_Piece] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text:
            return
        if text.strip() and font is not None:
            matrix = _mult(tm, cm)
            pieces.append((text, matrix[5], float(size) * math.hypot(matrix[2], matrix[3]), _is_bold(font),
                           _is_mono(font)))
        else:
            pieces.append((text, None, None, False, False))

    text = page.extract_text(visitor_text=visit)
    if "".join(p[0] for p in pieces) != text:
        return _plain_lines(text, number)
    lines: list[_Line] = []
    current: list[_Piece] = []
    for piece_text, y, size, bold, mono in pieces:
        parts = piece_text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append(_make_line(current, number))
                current = []
            if part:
                current.append((part, y, size, bold, mono))
    lines.append(_make_line(current, number))
    return [line for line in lines if line.text.strip()]


def _make_line(pieces: list[_Piece], number: int) -> _Line:
    texts = [expand_ligatures(p[0]) for p in pieces]
    text = "".join(texts)
    code: list[tuple[int, int]] = []
    start = 0
    for piece, piece_text in zip(pieces, texts, strict=True):
        if piece[4] and piece_text.strip():
            code.append((start, start + len(piece_text)))
        start += len(piece_text)
    glyphs = [(p[1], p[2], p[3], p[4], len(t.strip())) for p, t in zip(pieces, texts, strict=True)
              if p[1] is not None and t.strip()]
    if not glyphs:
        return _Line(text, number)
    sizes: Counter[float] = Counter()
    bold = mono = 0
    for _, size, is_bold, is_mono, count in glyphs:
        sizes[round(size or 0, 1)] += count
        bold += count if is_bold else 0
        mono += count if is_mono else 0
    total = sum(g[4] for g in glyphs)
    return _Line(text, number, y=glyphs[0][0], size=sizes.most_common(1)[0][0], bold=bold >= 0.8 * total,
                 mono=mono >= MONO_SHARE * total, code=list(merge_spans(code)))


def _plain_lines(text: str, number: int) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(_Line(expand_ligatures(raw), number, blank_before=blank))
            blank = False
        else:
            blank = True
    return lines


_INLINE_IMAGE = re.compile(rb"(?:^|[\s\]>)])BI[\s/]")  # the BI operator that starts an inline image


def _has_images(page: PageObject) -> bool:
    """Does the page show an image: an image XObject (directly or in a form it draws) or an inline image? Read from
    the resources and the content stream, never decoded (pypdf's ``page.images`` needs Pillow for that)."""
    try:
        resources = _entry(page, "/Resources")
        if _image_xobjects(resources, depth=0):
            return True
        contents = page.get_contents()
        return contents is not None and bool(_INLINE_IMAGE.search(contents.get_data()))
    except _BROKEN:
        return False


def _image_xobjects(resources: Any, depth: int) -> bool:
    xobjects = _entry(resources, "/XObject")
    if xobjects is None or depth > 3:
        return False
    for name in list(xobjects.keys())[:200]:
        xobject = _entry(xobjects, name)
        subtype = _entry(xobject, "/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _image_xobjects(_entry(xobject, "/Resources"), depth + 1):
            return True
    return False


def _text_layer_notices(reader: PdfReader, pages: list[list[_Line]], path: Path) -> list[Finding]:
    """Pages of a text PDF that are only an image: part of the report was scanned or pasted as a picture."""
    scanned = [n for n, lines in enumerate(pages, start=1) if not lines and _has_images(reader.pages[n - 1])]
    if not scanned:
        return []
    return [Finding(check="format", rule="pdf-pages-without-text", severity=Severity.WARNING,
                    message=msg("read.pdf.no-text-pages", pages=_page_list(scanned)),
                    location=Location(file=str(path), page=scanned[0]))]


# --- outline -----------------------------------------------------------------------------------------------------


def _outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, level, page) of each bookmark, in order; [] when there is none or it cannot be read."""
    entries: list[tuple[str, int, int]] = []

    def walk(items: Any, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                if level < 10:
                    walk(item, level + 1)
                continue
            try:
                page = reader.get_destination_page_number(item)
                title = " ".join(str(item.title or "").split())
            except _BROKEN:
                continue
            if page is not None and page >= 0 and title:
                entries.append((title, level, page + 1))

    try:
        walk(reader.outline, 1)
    except _BROKEN:
        return []
    return entries


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


def _match_outline(outline: list[tuple[str, int, int]], pages: list[list[_Line]],
                   skip: set[int]) -> dict[int, tuple[int, int]]:
    """id(line) → (entry number, level) for the lines each bookmark points at (a heading may wrap over 3 lines)."""
    matched: dict[int, tuple[int, int]] = {}
    for number, (title, level, page) in enumerate(outline):
        wanted = {_compact(title), _compact(normalize_heading(title))}
        for candidate in (page, page + 1):
            if not 1 <= candidate <= len(pages):
                continue
            lines = [line for line in pages[candidate - 1] if id(line) not in skip and id(line) not in matched]
            run = _find_run(lines, wanted)
            if run:
                for line in run:
                    matched[id(line)] = (number, level)
                break
    return matched


def _find_run(lines: list[_Line], wanted: set[str]) -> list[_Line] | None:
    for start in range(len(lines)):
        for end in range(start + 1, min(start + 3, len(lines)) + 1):
            text = " ".join(line.text for line in lines[start:end])
            if _compact(text) in wanted or _compact(normalize_heading(text)) in wanted:
                return lines[start:end]
    return None


# --- headers, footers, page numbers ------------------------------------------------------------------------------


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _edges(lines: list[_Line], height: float | None, metrics: _Metrics) -> dict[tuple[str, int], _Line]:
    """The lines nearest the top and the bottom edge of a page, where headers, footers and page numbers sit:
    (where, depth) → line, depth 0 at the edge.

    With positions known, such a line stands apart from the text next to it (the page margin lies between) and is
    not in a heading's large font: a chapter title at the top of every page is not a header.
    """
    out: dict[tuple[str, int], _Line] = {}
    top: list[_Line | None]
    bottom: list[_Line | None]
    if lines and height and all(line.y is not None for line in lines):
        ordered = sorted(lines, key=lambda line: -(line.y or 0.0))
        top = _apart([line for line in ordered if (line.y or 0.0) > height / 2], metrics)
        bottom = _apart([line for line in reversed(ordered) if (line.y or 0.0) <= height / 2], metrics)
    else:  # positions unknown: the first and last lines in reading order
        top = list(lines[:FURNITURE_DEPTH])
        bottom = [line for line in lines[::-1][:FURNITURE_DEPTH] if line not in top]
    for where, edge in (("top", top), ("bottom", bottom)):
        for depth, line in enumerate(edge[:FURNITURE_DEPTH]):
            if line is not None:
                out[(where, depth)] = line
    return out


def _apart(edge_first: list[_Line], metrics: _Metrics) -> list[_Line | None]:
    """The first lines from the edge inward, each None unless a gap wider than a paragraph break follows it."""
    out: list[_Line | None] = []
    for depth, line in enumerate(edge_first[:FURNITURE_DEPTH]):
        inward = edge_first[depth + 1] if depth + 1 < len(edge_first) else None
        gap = abs((line.y or 0.0) - (inward.y or 0.0)) if inward is not None else math.inf
        size = line.size or metrics.body_size or 10.0
        wide = gap > PARAGRAPH_GAP_RATIO * (metrics.pitch or 1.2 * size)
        small = not (metrics.body_size and size >= HEADING_SIZE_RATIO * metrics.body_size)
        out.append(line if wide and small else None)
    return out


def _page_height(page: PageObject) -> float | None:
    try:
        return abs(float(page.mediabox.top) - float(page.mediabox.bottom)) or None
    except _BROKEN:
        return None


def _find_furniture(pages: list[list[_Line]], heights: list[float | None], keep: set[int],
                    metrics: _Metrics) -> _Furniture:
    """Lines repeated (digits aside) at the top or bottom of most pages; numbers in them that follow the page.

    The line at the edge is looked at first; the next one only on pages where the edge line was furniture (a footer
    text above the page number), so a body line that happens to repeat is left alone.
    """
    found = _Furniture()
    threshold = max(2, math.ceil(FURNITURE_SHARE * len(pages)))
    edges = [_edges([line for line in lines if id(line) not in keep], height, metrics)
             for lines, height in zip(pages, heights, strict=True)]
    for where in ("top", "bottom"):
        for depth in range(FURNITURE_DEPTH):
            groups: dict[str, dict[int, _Line]] = defaultdict(dict)
            for number, edge in enumerate(edges, start=1):
                line = edge.get((where, depth))
                if line is not None and (depth == 0 or id(edge.get((where, depth - 1))) in found.removed):
                    groups[_furniture_key(line.text)][number] = line
            for key, by_page in groups.items():
                if len(by_page) >= threshold:
                    _take(found, where, key, by_page, threshold)
    return _keep_only_text(found, pages)


def _keep_only_text(found: _Furniture, pages: list[list[_Line]]) -> _Furniture:
    """A page's only text is never its running header: a line repeated on every page ('Document 1: Page 3') that is
    all a page holds stays body text there. Header, footer and page numbers are only said where some remain."""
    kept = [page for page in pages if page and all(id(line) in found.removed for line in page)]
    if not kept:
        return found
    back = {id(line) for page in kept for line in page}
    numbers = {page[0].page for page in kept}
    found.removed -= back
    found.blocks = [block for block in found.blocks if block[0] not in numbers]
    left = [where for key, where in found.where.items() if key in found.removed]
    found.header, found.footer = "top" in left, "bottom" in left
    found.page_numbers = found.page_numbers and bool(left)
    return found


def _take(found: _Furniture, where: str, key: str, by_page: dict[int, _Line], threshold: int) -> None:
    numbered = _follows_pages(by_page, threshold)
    has_words = bool(re.search(r"[^\W\d_]", key))
    identical = len({" ".join(line.text.split()) for line in by_page.values()}) == 1  # '2021-2022' on every page
    if not (has_words or numbered or identical):
        return  # numbers that change at the edge but are not the page number: a table or a list, keep them
    found.page_numbers = found.page_numbers or numbered
    found.removed.update(id(line) for line in by_page.values())
    found.where.update((id(line), where) for line in by_page.values())
    if where == "top":
        found.header = True
    else:
        found.footer = True
    if (has_words and not _is_page_label(key)) or (identical and not numbered):  # says more than the page number
        first = min(by_page)
        kind = BlockKind.HEADER if where == "top" else BlockKind.FOOTER
        found.blocks.append((first, kind, " ".join(by_page[first].text.split())))


def _is_page_label(key: str) -> bool:
    """'pagina #', 'page # of #', 'p. #': only a page number, no text worth a header block of its own."""
    return bool(re.fullmatch(r"[\s\-–—|/#.()]*(?:pagina|page|blz|bladzijde|p)[\s.:#\-–—|/()]*(?:(?:van|of|de|/)\s*#)?\s*",
                             key))


def _follows_pages(by_page: dict[int, _Line], threshold: int) -> bool:
    """Does one of the numbers in these lines equal the page number plus a constant, on enough pages?"""
    offsets: Counter[tuple[int, int]] = Counter()
    for number, line in by_page.items():
        for slot, found in enumerate(re.findall(r"\d+", line.text)[:4]):
            offsets[(slot, int(found) - number)] += 1
    return bool(offsets) and offsets.most_common(1)[0][1] >= threshold


# --- paragraphs, headings, contents --------------------------------------------------------------------------------


def _metrics(lines: list[_Line]) -> _Metrics:
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size * 2) / 2] += len(line.text.strip())
    body = sizes.most_common(1)[0][0] if sizes else None
    gaps = []
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.y is not None and b.y is not None and a.size and b.size and body \
                and abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and 0 < a.y - b.y < 3 * body:
            gaps.append(a.y - b.y)
    body_lengths = sorted(len(line.text.strip()) for line in lines if not body or not line.size
                          or abs(line.size - body) < 0.6)
    full = body_lengths[int(0.9 * (len(body_lengths) - 1))] if body_lengths else 80
    return _Metrics(body_size=body, pitch=statistics.median(gaps) if gaps else None, full_line=max(full, 20))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ";"))


def _breaks(prev: _Line, line: _Line, metrics: _Metrics) -> bool:
    """Does ``line`` start a new paragraph after ``prev``?"""
    if line.mono != prev.mono:
        return True  # a listing starts or ends
    if line.mono and line.page == prev.page:
        return False  # the lines of a listing are one block, however short
    if line.blank_before or _BULLET.match(line.text):
        return True
    scale = metrics.body_size / prev.size if metrics.body_size and prev.size else 1.0  # big fonts: fewer characters
    continues = line.text.lstrip()[:1].islower() and not _ends_sentence(prev.text)  # mid-sentence
    if len(prev.text.strip()) < SHORT_LINE_RATIO * metrics.full_line * scale and not (continues and
                                                                                     line.page == prev.page):
        return True  # a short line ends its paragraph (or is a title), unless the sentence goes on (a narrow column)
    if line.page != prev.page:
        return _ends_sentence(prev.text) or not line.text.lstrip()[:1].islower()
    if prev.size and line.size and abs(prev.size - line.size) > 0.1 * max(prev.size, line.size):
        return True
    if prev.bold != line.bold:
        return True
    if prev.y is not None and line.y is not None:
        gap = prev.y - line.y
        if gap <= 0:
            return not continues  # back up the page: another column or a text box, unless the sentence goes on
        if metrics.pitch and line.size and metrics.body_size:
            return gap > PARAGRAPH_GAP_RATIO * metrics.pitch * max(1.0, line.size / metrics.body_size)
    return False


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one text; a word hyphenated at the end of a line is whole again.

    'verslag-' + 'geving' → 'verslaggeving'; 'Oost-' + 'Vlaanderen' and 'auto-' + 'ongeluk' keep the hyphen (a capital,
    or a Dutch vowel clash); 'beleids-' + 'en planning' keeps hyphen and space.
    """
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):  # a soft hyphen: always a break inside a word
            out = out[:-1] + line
        elif re.search(r"[^\W\d_]-$", out):
            first = line.split()[0].rstrip(",.;:")
            if first.casefold() in _KEEP_HYPHEN_BEFORE:
                out = f"{out} {line}"
            elif not line[0].islower() or (out[-2].casefold() in _VOWELS and line[0].casefold() in _VOWELS):
                out += line
            else:
                out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out.replace("\u00ad", "")


def _units(lines: list[_Line], metrics: _Metrics, fixed: dict[int, tuple[int, int]]) -> list[_Unit]:
    """Group lines into paragraphs; lines of one bookmark (``fixed``) make one unit of their own."""
    units: list[_Unit] = []
    prev: _Line | None = None
    for line in lines:
        mark = fixed.get(id(line))
        prev_mark = fixed.get(id(prev)) if prev is not None else None
        if prev is None or mark != prev_mark or (mark is None and _breaks(prev, line, metrics)):
            units.append(_Unit([line]))
            if mark is not None:
                units[-1].kind, units[-1].level, units[-1].source = BlockKind.HEADING, mark[1], HeadingSource.PDF_OUTLINE
        else:
            units[-1].lines.append(line)
        prev = line
    for unit in units:
        unit.text, unit.code_spans = join_marked(unit.lines)
    return units


_OPEN, _CLOSE = "\ue002", "\ue003"  # around code while lines are joined (never in a PDF's text: private use)


def join_marked(lines: Sequence[_Line]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``join_lines`` of the lines, and where their monospace pieces (code spans) stand in the joined text."""
    if not any(line.code for line in lines):
        return join_lines([line.text for line in lines]), ()
    marked = []
    for line in lines:
        text, last, parts = line.text, 0, []
        for start, end in line.code:
            parts += [text[last:start], _OPEN, text[start:end], _CLOSE]
            last = end
        marked.append("".join(parts) + text[last:])
    joined = join_lines(marked)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    opened: int | None = None
    for ch in joined:
        if ch == _OPEN:
            opened = size
        elif ch == _CLOSE:
            if opened is not None:
                spans.append((opened, size))
            opened = None
        else:
            out.append(ch)
            size += 1
    return "".join(out), merge_spans(spans)


def _numbering_depth(text: str) -> int | None:
    match = _NUMERIC_NUMBERING.match(text)
    return match.group(1).count(".") + 1 if match else None


def _is_numbered_line(unit: _Unit) -> bool:
    return len(unit.lines) == 1 and has_numbering(unit.text)


def _is_prose(unit: _Unit) -> bool:
    return len(unit.lines) > 1 or not looks_like_heading(unit.text)


def _font_headings(units: list[_Unit], metrics: _Metrics) -> None:
    """Without bookmarks: larger or bold short paragraphs are headings (FONT); so are numbered short lines
    followed by running text (NUMBERED). Levels: the numbering depth, else the rank of the font size."""
    body = metrics.body_size
    chosen: list[tuple[_Unit, float]] = []
    for i, unit in enumerate(units):
        if unit.kind is not BlockKind.PARAGRAPH or len(unit.lines) > 3 or not looks_like_heading(unit.text):
            continue
        size = unit.lines[0].size or 0.0
        larger = bool(body and size >= HEADING_SIZE_RATIO * body)
        if larger or all(line.bold for line in unit.lines):
            unit.kind, unit.source = BlockKind.HEADING, HeadingSource.FONT
            chosen.append((unit, size if larger else 0.0))
        elif len(unit.lines) == 1 and has_numbering(unit.text) and i + 1 < len(units) and _is_prose(units[i + 1]) \
                and not (i and _is_numbered_line(units[i - 1])):
            unit.kind, unit.source = BlockKind.HEADING, HeadingSource.NUMBERED  # not the last item of a numbered list
            chosen.append((unit, 0.0))
    ranks = {size: rank for rank, size in enumerate(sorted({s for _, s in chosen}, reverse=True), start=1)}
    for unit, size in chosen:
        unit.level = _numbering_depth(unit.text) or ranks[size]


def _caps_headings(units: list[_Unit]) -> None:
    """With bookmarks, a heading typed in capitals is still a heading (CAPS), as the DOCX reader sees it: Word and
    LibreOffice bookmark only heading styles, so '3. STRUCTUUR EN WERKING' made by hand has no bookmark."""
    for i, unit in enumerate(units):
        letters = [ch for ch in unit.text if ch.isalpha()]
        if (unit.kind is BlockKind.PARAGRAPH and len(unit.lines) == 1 and len(letters) >= 4
                and all(ch.isupper() for ch in letters) and looks_like_heading(unit.text)
                and i + 1 < len(units) and _is_prose(units[i + 1])):
            unit.kind, unit.source = BlockKind.HEADING, HeadingSource.CAPS
            unit.level = _numbering_depth(unit.text) or 1


def _mark_toc(units: list[_Unit]) -> bool:
    """A contents title followed by lines ending in page numbers: those lines become TOC blocks ('title<TAB>page')."""
    for i, unit in enumerate(units):
        if not is_toc_title(unit.text):
            continue
        entries: list[_Unit] = []
        pending: list[_Line] = []
        heading_lines = {id(line) for u in units[i + 1:] if u.kind is BlockKind.HEADING for line in u.lines}
        for line in (line for u in units[i + 1:] for line in u.lines):
            if id(line) in heading_lines and not pending and _TOC_ENTRY.match(line.text.strip()) is None:
                break
            match = _TOC_ENTRY.match(" ".join([*(p.text.strip() for p in pending), line.text.strip()]))
            if match:
                title = re.sub(r"(?:\s*\.){2,}\s*$", "", match.group("title")).strip()
                entries.append(_Unit([*pending, line], BlockKind.TOC, text=f"{title}\t{match.group('page')}"))
                pending = []
            elif not pending and len(line.text.split()) <= 15:
                pending = [line]  # a long entry wrapped onto the next line
            else:
                break
        if len(entries) < 2:
            continue
        taken = {id(line) for entry in entries for line in entry.lines}
        rest: list[_Unit] = []
        for unit_after in units[i + 1:]:
            left = [line for line in unit_after.lines if id(line) not in taken]
            if len(left) == len(unit_after.lines):
                rest.append(unit_after)
            elif left:
                text, spans = join_marked(left)
                rest.append(replace(unit_after, lines=left, text=text, code_spans=spans))
        units[i + 1:] = [*entries, *rest]
        return True
    return False


def _is_title_page(units: list[_Unit], pages: int) -> bool:
    """Page 1 holds a few short lines (title, name, programme): no running text, no contents, no bookmarked heading.

    Running text is a paragraph of more than TITLE_PAGE_MAX_PARAGRAPH_WORDS words, or a sentence of some length: a
    first chapter of three short paragraphs on a page of its own is not a title page.
    """
    first = [u for u in units if u.page == 1]
    words = sum(len(u.text.split()) for u in first)
    return (pages > 1 and 0 < words <= TITLE_PAGE_MAX_WORDS
            and not any(u.source is HeadingSource.PDF_OUTLINE or is_toc_title(u.text) for u in first)
            and not any(len(u.text.split()) > TITLE_PAGE_MAX_PARAGRAPH_WORDS
                        or (len(u.text.split()) >= TITLE_PAGE_SENTENCE_WORDS and _ends_sentence(u.text)) for u in first))


def _build(path: Path, pages: list[list[_Line]], heights: list[float | None], outline: list[tuple[str, int, int]],
           notices: list[Finding]) -> Document:
    matched = _match_outline(outline, pages, set())
    if outline and len({entry for entry, _ in matched.values()}) < 0.5 * len(outline):
        matched = {}  # bookmarks that are not the headings (hand-made ones, or another document's): use the fonts
    furniture = _find_furniture(pages, heights, set(matched), _metrics([line for page in pages for line in page]))
    lines = [line for page in pages for line in page if id(line) not in furniture.removed]
    metrics = _metrics(lines)
    units = _units(lines, metrics, matched)
    title_page = _is_title_page(units, len(pages))
    body = [u for u in units if not (title_page and u.page == 1)]
    if not matched:
        _font_headings(body, metrics)
    else:
        _caps_headings(body)
    toc = _mark_toc(body)
    units = [u for u in units if title_page and u.page == 1] + body
    if not any(u.text.strip() for u in units):
        raise ReportError(msg("read.pdf.empty"))
    blocks: list[Block] = []
    pending = sorted(furniture.blocks, key=lambda item: (item[0], item[1] is BlockKind.FOOTER))  # header first
    for unit in units:
        while pending and pending[0][0] <= unit.page:
            page, kind, text = pending.pop(0)
            blocks.append(Block(0, kind, text, page=page))
        blocks.append(Block(0, unit.kind, unit.text, page=unit.page, level=unit.level, heading_source=unit.source,
                            code=unit.code, code_spans=() if unit.code else unit.code_spans,
                            list_item=unit.kind is BlockKind.PARAGRAPH and bool(_BULLET.match(unit.lines[0].text))))
    blocks += [Block(0, kind, text, page=page) for page, kind, text in pending]
    layout = Layout(title_page=title_page, toc=toc, page_numbers=furniture.page_numbers, header=furniture.header,
                    footer=furniture.footer)
    return Document(path=str(path), format="pdf", blocks=assign_parts(renumber(blocks)), pages=len(pages),
                    pages_source="pdf", layout=layout, notices=notices)

