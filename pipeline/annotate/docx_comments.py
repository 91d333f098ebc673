"""Word comments on a DOCX: each finding anchored on its exact words, authored "stagepipe".

python-docx (1.2) anchors a comment on whole runs, so a run that holds more than the finding's words is split at the
finding's first and last character first: the two halves keep the run's properties, so the text and its look do
not change. A finding without words (a missing section, the page count) is anchored on the first paragraph.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path

import docx
from docx.text.run import Run
from lxml import etree

from pipeline.annotate.docx_map import BlockMap, RunSpan, block_maps
from pipeline.annotate.notes import AUTHOR, INITIALS, AnnotateSummary, Note, notes
from pipeline.messages import Translator, msg
from pipeline.report.readers import docx as reader
from pipeline.results import ReportResult

_TEXT_FREE = {reader.W_RPR}


def _child_text(child: etree._Element) -> str:
    """The characters a run's child adds to the text, as the reader counts them."""
    tag = child.tag
    if tag == reader.W_T:
        return child.text or ""
    if tag == reader.W_TAB:
        return "\t"
    if tag in (reader.W_BR, reader.W_CR):
        return "" if child.get(reader.W_TYPE) in ("page", "column") else "\n"
    if tag == reader.W_NBHYPHEN:
        return "-"
    return ""


def run_text(run: etree._Element) -> str:
    return "".join(_child_text(c) for c in run if c.tag not in _TEXT_FREE)


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def split_run(run: etree._Element, at: int) -> etree._Element:
    """Split ``run`` before its character ``at``: ``run`` keeps the characters before, the returned new run (right
    after it, with the same properties) those from ``at`` on."""
    right = copy.deepcopy(run)
    run.addnext(right)
    position = 0
    for left_child, right_child in zip(list(run), list(right), strict=True):
        if left_child.tag in _TEXT_FREE:
            continue
        size = len(_child_text(left_child))
        if position + size <= at and not (size == 0 and position >= at):
            right.remove(right_child)  # wholly before the cut
        elif position >= at:
            run.remove(left_child)  # wholly after it
        else:  # a w:t across the cut
            text = left_child.text or ""
            _set_text(left_child, text[: at - position])
            _set_text(right_child, text[at - position:])
        position += size
    return right


def cut(block: BlockMap, cuts: Iterable[int]) -> None:
    """Split the block's runs so that each position in ``cuts`` is a boundary between runs."""
    wanted = sorted(set(cuts))
    spans: list[RunSpan] = []
    for span in block.runs:
        inside = [c for c in wanted if span.start < c < span.end]
        if not inside or len(run_text(span.element)) < span.inner + (span.end - span.start):
            spans.append(span)  # nothing to cut, or a run the reader counted differently: anchored whole
            continue
        pieces: list[RunSpan] = []
        element, start = span.element, span.start
        for position in reversed(inside):
            right = split_run(element, span.inner + position - span.start)
            pieces.append(RunSpan(right, position, span.end if not pieces else pieces[-1].start, 0))
        pieces.append(RunSpan(element, start, inside[0], span.inner))
        spans.extend(reversed(pieces))
    block.runs = spans


def _anchor_runs(block: BlockMap, start: int, end: int) -> list[RunSpan]:
    return [s for s in block.runs if s.start < end and start < s.end]


def annotate_docx(result: ReportResult, source: Path, target: Path, tr: Translator) -> AnnotateSummary:
    """``source`` with a comment per note, saved to ``target``."""
    document = docx.Document(str(source))
    maps = block_maps(document.part, result.document.blocks)
    placed: list[tuple[Note, BlockMap | None, int, int]] = []
    for note in notes(result, tr):
        loc = note.location
        block = maps.get(loc.paragraph) if loc.paragraph is not None and loc.file in (None, result.document.path) \
            else None
        if block is None or not block.runs:
            placed.append((note, None, 0, 0))
            continue
        if loc.offset is not None and (loc.length or 0) > 0:
            start = min(max(loc.offset, 0), len(block.text))
            end = min(start + (loc.length or 0), len(block.text))
        else:
            start, end = 0, len(block.text)
        if end <= start:
            start, end = 0, len(block.text)
        placed.append((note, block, start, end))
    by_block: dict[int, tuple[BlockMap, list[int]]] = {}
    for _, block, start, end in placed:
        if block is not None:
            by_block.setdefault(id(block), (block, []))[1].extend((start, end))
    for block, cuts in by_block.values():
        cut(block, cuts)
    first = next((m for _, m in sorted(maps.items()) if m.runs), None)
    anchored = unanchored = 0
    for note, block, start, end in placed:
        text = note.text
        runs = _anchor_runs(block, start, end) if block is not None else []
        if not runs:
            if first is None:
                continue
            runs = first.runs
            text = tr(msg("annotate.whole-report", note=text))
            unanchored += 1
        else:
            anchored += 1
        document.add_comment([Run(runs[0].element, None), Run(runs[-1].element, None)],  # type: ignore[arg-type]
                             text=text, author=AUTHOR, initials=INITIALS)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return AnnotateSummary(anchored, unanchored, str(target))
