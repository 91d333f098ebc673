"""Which part of the report each block belongs to: title page, table of contents, body, appendix, tables,
headers and footers. Every reader calls ``assign_parts`` once, after it has found the blocks and their kinds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.report.document import NOTE_PARTS, Block, BlockKind, Part
from pipeline.report.headings import is_toc_line, normalize_heading

TOC_TITLES = ("inhoudstafel", "inhoudsopgave", "inhoud", "inhoudstabel", "table of contents", "contents",
              "table des matieres", "sommaire")
APPENDIX_TITLES = ("bijlage", "bijlagen", "appendix", "appendices", "annex", "annexe", "annexes", "bijlage i")
TITLE_PAGE_MAX_WORDS = 120
_APPENDIX = re.compile(r"^(?:bijlage|bijlagen|appendix|appendices|annex|annexe|annexes)\b")


def is_toc_title(text: str) -> bool:
    return normalize_heading(text) in TOC_TITLES


def is_appendix_title(text: str) -> bool:
    return bool(_APPENDIX.match(normalize_heading(text)))


def _title_page_end(blocks: Sequence[Block]) -> int:
    """Index of the first block after the title page (0 when there is none).

    The title page is what comes before the table of contents or the first heading, when it is short and, where
    pages are known, all on page 1.
    """
    words = 0
    for i, block in enumerate(blocks):
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER) or block.kind in NOTE_PARTS:
            continue
        if block.page is not None and block.page > 1:
            return i if i else 0
        if block.kind is BlockKind.TOC or is_toc_title(block.text):
            return i
        if block.kind is BlockKind.HEADING and block.style not in ("Title", "Titel", "Titre", "Subtitle", "Ondertitel"):
            return i if blocks[0].page == 1 or any(b.page for b in blocks[:i]) else 0
        words += len(block.text.split())
        if words > TITLE_PAGE_MAX_WORDS:
            return 0
    return 0


def assign_parts(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with ``part`` set; table-of-contents lines under a contents heading become kind TOC."""
    title_end = _title_page_end(blocks)
    out: list[Block] = []
    in_toc = False
    toc_lines = 0  # contents lines seen since the contents title
    in_appendix = False
    for i, block in enumerate(blocks):
        kind = block.kind
        if kind in (BlockKind.HEADER, BlockKind.FOOTER):
            out.append(replace(block, part=Part.HEADERS_FOOTERS))
            continue
        if kind in NOTE_PARTS:  # notes, comments and metadata have their own part, outside the flow
            out.append(replace(block, part=NOTE_PARTS[kind]))
            continue
        if kind is BlockKind.HEADING or (i >= title_end and is_toc_title(block.text)):
            in_toc = is_toc_title(block.text)
            if kind is BlockKind.HEADING and block.level in (None, 1) and is_appendix_title(block.text):
                in_appendix = True
            elif kind is BlockKind.HEADING and block.level in (None, 1) and not in_toc:
                in_appendix = False
            toc_lines = 0
        elif in_toc and toc_lines and kind is BlockKind.PARAGRAPH and not is_toc_line(block.text):
            in_toc = False  # the contents lines ended and the body starts without a recognised heading (PDF, text)
        if in_toc and (kind is BlockKind.TOC or is_toc_line(block.text)):
            toc_lines += 1
        if i < title_end:
            part = Part.TITLE_PAGE
        elif kind is BlockKind.TOC or in_toc:
            part = Part.TOC
            if kind is BlockKind.PARAGRAPH and is_toc_line(block.text):
                kind = BlockKind.TOC
        elif in_appendix:
            part = Part.APPENDIX
        elif kind is BlockKind.TABLE_CELL:
            part = Part.TABLES
        else:
            part = Part.BODY
        out.append(replace(block, part=part, kind=kind))
    return out
