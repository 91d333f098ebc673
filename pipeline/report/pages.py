"""True page count of a DOCX laid out by LibreOffice (blocks mapped to their pages), else the count Word saved."""

from __future__ import annotations

import bisect
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import Text, msg
from pipeline.report.document import NOTE_PARTS, Block, BlockKind, Document
from pipeline.report.errors import ReportError
from pipeline.report.parts import assign_parts
from pipeline.report.readers import safety
from pipeline.report.readers.docx import demote_title_page, title_page

if TYPE_CHECKING:
    from pipeline.convert.office import Office
    from pipeline.report.budget import Budget

APP_XML = "docProps/app.xml"
PDFTOTEXT_SECONDS = 120.0
LAYOUT_SECONDS = 90.0  # LibreOffice lays out 400 pages in about 5 s; a check's budget may allow less
_KEY_CHARS = 40  # enough of a block's start to find it again in the PDF's text


class PagesUnavailable(Exception):
    """LibreOffice (or pypdf) could not lay out and read the document; ``reason`` says why."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason)
        self.reason = reason


def pdf_page_texts(path: Path, *, timeout: float = LAYOUT_SECONDS, office: Office | None = None) -> list[str]:
    """The text of each page of the DOCX as LibreOffice lays it out: through a warm ``office`` (one long-lived
    LibreOffice, pipeline.convert.office), else one soffice run on a private copy.

    When the warm office fails on a document (not for lack of time), a LibreOffice of its own lays it out: the
    pages are the same either way, and the next document gets a fresh warm office."""
    from pipeline.convert.libreoffice import ConversionFailed, ConversionTimedOut, Converter, ConverterUnavailable

    began = time.monotonic()
    if office is not None:
        with tempfile.TemporaryDirectory(prefix="stagepipe-pages-") as scratch:
            try:
                return page_texts(office.convert(path, Path(scratch) / "report.pdf", timeout=timeout))
            except ConverterUnavailable:
                pass  # no uno Python here: the cold path below
            except ConversionTimedOut as exc:
                raise PagesUnavailable(exc.text) from exc  # the time is spent: a cold start would not fare better
            except ConversionFailed:
                pass  # the cold path below, in the time that is left
    try:
        converter = Converter(timeout_base=max(1.0, timeout - (time.monotonic() - began)), timeout_per_file=0.0)
    except ConverterUnavailable as exc:
        raise PagesUnavailable(exc.text) from exc
    with converter, tempfile.TemporaryDirectory(prefix="stagepipe-pages-") as scratch:
        copy = Path(scratch) / "report.docx"  # the converter writes its PDF next to the file: never beside the user's
        shutil.copyfile(path, copy)
        try:
            result = converter.convert([copy])
        except ConversionFailed as exc:
            raise PagesUnavailable(exc.text) from exc
        except OSError as exc:
            raise PagesUnavailable(str(exc)) from exc
        pdf = result.pdfs.get(copy)
        if pdf is None:
            raise PagesUnavailable(result.failed.get(copy) or msg("convert.no-pdf"))
        return page_texts(pdf)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of a PDF LibreOffice made: poppler's pdftotext (0.8 s for 392 pages, where pypdf takes
    22 s), else pypdf, also when pdftotext sees another number of pages than pypdf. Only the letters and digits of
    each page's text count (``_key``), so the two agree."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(pdf)
        count = len(reader.pages)
        return poppler_page_texts(pdf, count) or [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, OSError) as exc:
        raise PagesUnavailable(f"pypdf: {exc}") from exc


def poppler_page_texts(pdf: Path, count: int) -> list[str] | None:
    """Each page's text by poppler's pdftotext; None when pdftotext is missing, fails or sees another number of
    pages than ``count`` (pypdf reads them then)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    try:
        done = subprocess.run([tool, "-q", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              timeout=PDFTOTEXT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed, the last one too
    return pages if len(pages) == count else None


def _key(text: str) -> str:
    """Letters and digits only, folded: the PDF's text differs in spaces, tabs, quotes, ligatures and line ends."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def map_blocks_to_pages(blocks: Sequence[Block], page_texts: Sequence[str]) -> list[Block]:
    """Each block's page: where its start is found in the pages' text, searching forward in reading order.

    A block that is not found keeps the page of the block before it (pages never go back); headers and footers
    stand on every page and keep None.
    """
    starts: list[int] = []
    pieces: list[str] = []
    length = 0
    for text in page_texts:
        starts.append(length)
        piece = _key(text)
        pieces.append(piece)
        length += len(piece)
    flat = "".join(pieces)
    cursor = 0
    page = 1
    out: list[Block] = []
    for block in blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER):
            out.append(replace(block, page=None))
            continue
        if block.kind in NOTE_PARTS:  # a note, comment or image's name: on the page of the text it belongs to
            anchored = out[block.anchor].page if block.anchor is not None and block.anchor < len(out) else None
            out.append(replace(block, page=anchored))
            continue
        whole = _key(block.text)
        key = whole[:_KEY_CHARS]
        found = flat.find(key, cursor) if key else -1
        if found >= 0:
            page = bisect.bisect_right(starts, found)
            cursor = found + (len(whole) if flat.startswith(whole, found) else len(key))
        out.append(replace(block, page=page))
    return out


def saved_page_count(path: Path) -> int | None:
    """``<Pages>`` from docProps/app.xml (what Word counted when it saved), read with the zip checks; None if absent."""
    try:
        with safety.open_zip(path) as zf:
            data = safety.read_part(zf, APP_XML, 1024 * 1024)
        root = etree.fromstring(data, safety.SAFE_PARSER)
    except (KeyError, ReportError, etree.XMLSyntaxError, OSError):
        return None
    for element in root:
        if isinstance(element.tag, str) and etree.QName(element).localname == "Pages":
            try:
                pages = int((element.text or "").strip())
            except ValueError:
                return None
            return pages if pages > 0 else None
    return None


def count_docx_pages(document: Document, path: Path, *, budget: Budget | None = None,
                     office: Office | None = None) -> Document:
    """The document with its true page count and block pages (``pages_source`` "libreoffice"); without LibreOffice
    the count Word saved ("docx-metadata") and a notice that it is an estimate, or no count and a notice. Within
    what is left of ``budget``: a layout cut there is said by the budget's finding too."""
    timeout = min(LAYOUT_SECONDS, budget.left()) if budget is not None else LAYOUT_SECONDS
    try:
        if timeout <= 0:
            raise PagesUnavailable(msg("pages.no-time"))
        texts = pdf_page_texts(path, timeout=timeout, office=office)
    except PagesUnavailable as exc:
        reason = exc.reason
        if budget is not None and budget.over():
            budget.cut("pages")
    else:
        blocks = map_blocks_to_pages(document.blocks, texts)
        has_title_page = title_page(blocks)
        if has_title_page:
            blocks = demote_title_page(blocks)
        layout = replace(document.layout, title_page=has_title_page)
        return replace(document, blocks=assign_parts(blocks), pages=len(texts), pages_source="libreoffice",
                       layout=layout)
    where = Location(file=str(path))
    saved = saved_page_count(path)
    if saved is None:
        notice = Finding(check="length", rule="pages-unavailable", severity=Severity.WARNING, location=where,
                         message=msg("pages.unavailable"), hint=reason)
        return replace(document, pages=None, pages_source=None, notices=[*document.notices, notice])
    notice = Finding(check="length", rule="pages-estimate", severity=Severity.WARNING, location=where,
                     message=msg("pages.estimate", pages=saved), hint=reason)
    return replace(document, pages=saved, pages_source="docx-metadata", notices=[*document.notices, notice])
