"""Which runs of a DOCX made each block of its Document: the way back from a finding's (block, offset) to the words.

The DOCX reader (pipeline.report.readers.docx) is the one authority on what a block is; this module does not read a
DOCX a second way. It runs that same reader over the document python-docx opened for writing and records, while it
reads, the ``w:r`` elements each block's text came from and where each run's characters sit in the block's text.
What the checks see is unchanged: the reader's blocks are compared with the checked document's, block by block, and
a block whose text differs is left without a map (its findings are then anchored on the report as a whole).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.parts.document import DocumentPart
from lxml import etree

from pipeline.report.document import Block, BlockKind
from pipeline.report.readers import docx as reader


@dataclass(frozen=True)
class RunSpan:
    """Characters ``start``..``end`` of a block's text come from the run ``element`` (from its ``inner``-th char)."""

    element: etree._Element
    start: int
    end: int
    inner: int = 0  # the first of the run's own characters that is in the block (stripped leading spaces)


@dataclass
class BlockMap:
    """The runs of one block, in order, and the paragraphs they stand in."""

    kind: BlockKind
    text: str
    runs: list[RunSpan] = field(default_factory=list)
    paragraphs: list[etree._Element] = field(default_factory=list)


@dataclass
class _Read:
    """One paragraph as the reader read it: its runs with their characters in the unstripped paragraph text."""

    element: etree._Element
    runs: list[tuple[etree._Element, int, int]] = field(default_factory=list)
    joined: str = ""  # the paragraph's text before stripping
    text: str = ""  # stripped, as the reader has it
    lead: int = 0  # characters stripped at the start


class _RecordingReader(reader._Reader):
    """The DOCX reader, noting for each block it emits the paragraphs (and their runs) read since the last one."""

    def __init__(self, part: DocumentPart) -> None:
        self.maps: list[BlockMap] = []
        self._since_emit: list[_Read] = []
        self._reading: list[_Read] = []  # the paragraph being read (a stack: a text box is read after its anchor)
        super().__init__(part)

    def _read_paragraph(self, p: etree._Element) -> reader._Paragraph:
        record = _Read(p)
        self._since_emit.append(record)
        self._reading.append(record)
        try:
            result = super()._read_paragraph(p)
        finally:
            self._reading.pop()
        record.text = result.text
        record.lead = len(record.joined) - len(record.joined.lstrip())
        return result

    def _run(self, run: etree._Element, style_id: str | None, pieces: list[str], result: reader._Paragraph) -> None:
        count = len(pieces)
        super()._run(run, style_id, pieces, result)
        text = "".join(pieces[count:])
        if self._reading:
            record = self._reading[-1]
            start = len(record.joined)
            record.joined += text
            record.runs.append((run, start, start + len(text)))

    def _emit(self, kind: BlockKind, text: str, page: int | None, **extra: object) -> None:
        super()._emit(kind, text, page, **extra)
        reads, self._since_emit = self._since_emit, []
        if not text.strip():
            return
        block = BlockMap(kind, text)
        offset = 0
        for record in (r for r in reads if r.text):
            if block.paragraphs:
                offset += 1  # a table cell joins its paragraphs' texts with "\n"
            block.paragraphs.append(record.element)
            for element, start, end in record.runs:
                a, b = start - record.lead, end - record.lead
                lo, hi = max(a, 0), min(b, len(record.text))
                if hi > lo:
                    block.runs.append(RunSpan(element, offset + lo, offset + hi, lo - a))
            offset += len(record.text)
        if offset == len(text):  # every character accounted for; else the block stays without a map
            self.maps.append(block)
        else:
            self.maps.append(BlockMap(kind, text))


def block_maps(part: DocumentPart, checked: list[Block]) -> dict[int, BlockMap]:
    """Block index → its runs, for every block of ``checked`` (the Document the checks saw) whose text the reader
    gives again for this file; headers and footers are left out (Word keeps comments to the body)."""
    recording = _RecordingReader(part)
    recording.body(part.element.body)
    body = recording.maps
    out: dict[int, BlockMap] = {}
    position = 0
    for block in checked:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER):
            continue
        # the reader emits body blocks in the order of the checked document (a title page only changes kinds)
        while position < len(body) and body[position].text != block.text:
            position += 1
        if position >= len(body):
            break
        out[block.index] = body[position]
        position += 1
    return out
