"""Highlight annotations on a PDF: each finding's words highlighted on their page, its message as the note.

Where the words stand on the page comes from poppler's ``pdftotext -bbox`` (a box per word, the Debian package the
project installs anyway). A finding is found by its words, on its page, after the first words of its block, and
after as many earlier occurrences of the same words in that block as its offset passes; what cannot be found gets
a note at the top of its page (or the first page). pypdf writes the annotations; nothing else in the file changes.
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from pipeline.annotate.notes import AUTHOR, AnnotateError, AnnotateSummary, Note, notes
from pipeline.messages import Translator, msg
from pipeline.report.document import Block
from pipeline.results import ReportResult

PDFTOTEXT_SECONDS = 60
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
COLOURS = {"error": (1.0, 0.55, 0.5), "warning": (1.0, 0.85, 0.3), "info": (0.6, 0.8, 1.0)}


@dataclass(frozen=True)
class Word:
    text: str
    key: str
    box: tuple[float, float, float, float]  # x0, y0 (top), x1, y1 (bottom): pdftotext's, from the top left


def _key(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def page_words(pdf: Path) -> list[list[Word]]:
    """The words of each page with their boxes (pdftotext -bbox)."""
    try:
        proc = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              timeout=PDFTOTEXT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AnnotateError(msg("annotate.pdf-words", reason=str(exc)[:200])) from exc
    if proc.returncode != 0:
        raise AnnotateError(msg("annotate.pdf-words", reason=proc.stderr.decode("utf-8", "replace")[-200:]))
    pages: list[list[Word]] = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if _PAGE.search(line):
            pages.append([])
            continue
        word = _WORD.search(line)
        if word and pages:
            text = html.unescape(word.group(5))
            box = (float(word.group(1)), float(word.group(2)), float(word.group(3)), float(word.group(4)))
            pages[-1].append(Word(text, _key(text), box))
    return pages


def _occurrences(words: list[Word], tokens: list[str]) -> list[int]:
    """Where the words ``tokens`` (keys) start on the page: the first and last may be part of a longer word."""
    n = len(tokens)
    found = []
    for i in range(len(words) - n + 1):
        window = [w.key for w in words[i:i + n]]
        if n == 1:
            ok = tokens[0] in window[0]
        else:
            ok = (window[0].endswith(tokens[0]) and window[-1].startswith(tokens[-1])
                  and window[1:-1] == tokens[1:-1])
        if ok:
            found.append(i)
    return found


def locate(words: list[Word], quote: str, block: Block | None, offset: int | None) -> list[Word]:
    """The words of ``quote`` on a page: after the start of its block, the right occurrence inside it."""
    tokens = [k for k in (_key(t) for t in quote.split()) if k]
    if not tokens:
        return []
    starts = _occurrences(words, tokens)
    if not starts:
        return []
    begin = 0
    skip = 0
    if block is not None:
        head = [k for k in (_key(t) for t in block.text.split()[:4]) if k]
        if head:
            heads = _occurrences(words, head)
            begin = heads[0] if heads else 0
        if offset is not None:
            skip = block.text[:offset].count(quote)
    after = [s for s in starts if s >= begin]
    chosen = after[skip] if skip < len(after) else after[0] if after else starts[0]
    return words[chosen:chosen + len(tokens)]


def _quote(note: Note, blocks: dict[int, Block]) -> str | None:
    loc = note.location
    block = blocks.get(loc.paragraph) if loc.paragraph is not None else None
    if block is not None and loc.offset is not None and loc.length:
        return block.text[loc.offset:loc.offset + loc.length]
    return note.quote


def annotate_pdf(result: ReportResult, source: Path, target: Path, tr: Translator) -> AnnotateSummary:
    """``source`` with a highlight (or, for a finding without words, a note) per note, saved to ``target``."""
    reader = PdfReader(str(source))
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    words = page_words(source)
    blocks = {b.index: b for b in result.document.blocks}
    anchored = unanchored = 0
    for note in notes(result, tr):
        page_no = note.location.page or 1
        if not 1 <= page_no <= len(writer.pages):
            page_no = 1
        page = writer.pages[page_no - 1]
        box = page.cropbox
        left, top = float(box.left), float(box.top)
        quote = _quote(note, blocks)
        block = blocks.get(note.location.paragraph) if note.location.paragraph is not None else None
        on_page = note.location.page is not None  # a stored value (the PDF's /Author) is on no page: a note for all
        found = locate(words[page_no - 1], quote, block, note.location.offset) \
            if on_page and quote and page_no <= len(words) else []
        colour = COLOURS[note.finding.severity.value]
        if found:
            quads: list[float] = []
            for word in found:
                x0, y0, x1, y1 = word.box
                quads += [left + x0, top - y0, left + x1, top - y0, left + x0, top - y1, left + x1, top - y1]
            xs, ys = quads[0::2], quads[1::2]
            annotation: Highlight | Text = Highlight(rect=(min(xs), min(ys), max(xs), max(ys)),
                                   quad_points=ArrayObject(FloatObject(q) for q in quads))
            annotation[NameObject("/C")] = ArrayObject(FloatObject(c) for c in colour)
            anchored += 1
            text = note.text
        else:
            annotation = Text(rect=(left + 10, top - 30, left + 30, top - 10), text="")
            text = tr(msg("annotate.whole-report", note=note.text))
            unanchored += 1
        annotation[NameObject("/Contents")] = TextStringObject(text)
        annotation[NameObject("/T")] = TextStringObject(AUTHOR)
        writer.add_annotation(page_no - 1, annotation)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        writer.write(fh)
    return AnnotateSummary(anchored, unanchored, str(target))
