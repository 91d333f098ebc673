"""Plain-text and Markdown reports → Document: paragraphs between blank lines, headings from markup or from the look.

A block's ``line`` is the 1-based source line of its first line. In Markdown the block text is what the reader sees:
emphasis, code, link and escape markers are removed (``**stage**`` → ``stage``, ``[site](url)`` → ``site``; an
image's alternative text and a task list's ``[ ]`` are not shown), so a
Finding's offset and length count characters of that text, not columns of the source line; ``line`` still points at
the right line, and a word keeps its spelling (``snake_case`` and ``2*3*4`` are not emphasis).

Code is marked as code: fenced and indented code blocks are blocks with ``code`` set, and inline code (backticks)
is kept as written (no emphasis inside it) and recorded in the block's ``code_spans``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.messages import msg
from pipeline.report.document import Block, BlockKind, Document, HeadingSource, Layout, renumber
from pipeline.report.errors import ReportError
from pipeline.report.headings import has_numbering, is_toc_line, looks_like_heading
from pipeline.report.parts import assign_parts

MARKDOWN_SUFFIXES = (".md", ".markdown")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what editors count as lines (str.splitlines also splits on \f, \x1c, ...)
_BULLET = re.compile(r"^\s*(?:[-*+•–]|\d{1,9}[.)])\s+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")  # a task list item's box is a box, not text
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^ {0,3}>\s?")
_NUMERIC = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]?\s")
_ESCAPABLE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
# inline code while a block is read: \ue002<n>\ue003 stands for the n-th code text (no markup applies inside it)
_CODE_MARK = re.compile(r"\ue002(\d+)\ue003")
_INLINE = [  # markup → the text it shows; order matters (images before links, strong before emphasis)
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # an image shows a picture, not its alternative text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?!\d)"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
]


@dataclass
class _Piece:
    """Lines that make one block, with the source line of the first."""

    lines: list[str]
    line: int
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None
    source: HeadingSource | None = None
    table: tuple[int, int, int] | None = None
    code: bool = False
    list_item: bool = False

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.split()) for line in self.lines if line.strip())

    def block(self, codes: list[str]) -> Block:
        text, spans = restore_code(self.text, codes)
        return Block(0, self.kind, text, level=self.level, heading_source=self.source, table=self.table, line=self.line,
                     code=self.code, code_spans=spans, list_item=self.list_item)


def read_text(path: Path) -> Document:
    """Read a .txt, .md or .markdown report (UTF-8, a BOM allowed). Raises ReportError: not UTF-8, empty."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ReportError(msg("read.text.unreadable", reason=e.strerror or str(e)), exit_code=2) from e
    lines = _LINE_BREAK.split(decode(raw))
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    codes: list[str] = []
    pieces = _markdown_pieces(lines, codes) if markdown else _text_pieces(lines)
    blocks = [p.block(codes) for p in pieces if p.text]
    if not blocks:
        raise ReportError(msg("read.text.empty"))
    # a text file has no pages, headers or footers: the lay-out cannot be told (None)
    return Document(path=str(path), format="markdown" if markdown else "text", blocks=assign_parts(renumber(blocks)),
                    layout=Layout())


def decode(raw: bytes) -> str:
    """UTF-8 text without its BOM; ReportError naming the first bad byte (0-based offset in the file) and its line."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReportError(msg("read.text.utf16"))
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[start:].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = start + e.start
        line = raw[:offset].count(b"\n") + 1
        raise ReportError(msg("read.text.encoding", offset=offset, value=f"0x{raw[offset]:02X}", line=line)) from e


# --- plain text ------------------------------------------------------------------------------------------------------


def _chunks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(1-based line, lines) of each run of non-blank lines."""
    start, current = 0, list[str]()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            yield start, current
            current = []
    if current:
        yield start, current


def _split(start: int, lines: list[str], bullet: re.Pattern[str]) -> list[_Piece]:
    """One chunk as pieces: a list item or a contents line starts (and a contents line ends) a piece of its own."""
    pieces: list[_Piece] = []
    for offset, line in enumerate(lines):
        standalone = is_toc_line(line)
        if not pieces or bullet.match(line) or standalone or is_toc_line(lines[offset - 1]):
            pieces.append(_Piece([line], start + offset, list_item=bool(bullet.match(line)) and not standalone))
        else:
            pieces[-1].lines.append(line)
    return pieces


def _candidate(lines: list[str]) -> tuple[HeadingSource, int] | None:
    """How a one-line paragraph could be a heading: numbered, all capitals, or just short and title-like."""
    if len(lines) != 1 or not looks_like_heading(lines[0]):
        return None
    text = lines[0].strip()
    if has_numbering(text):
        numeric = _NUMERIC.match(text)
        return HeadingSource.NUMBERED, numeric.group(1).count(".") + 1 if numeric else 1
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters):
        return HeadingSource.CAPS, 1
    return HeadingSource.TEXT, 1


def _text_pieces(lines: list[str]) -> list[_Piece]:
    """Plain text: paragraphs between blank lines; a short line standing alone is a heading when the look says so
    (numbered: '2. Tussentijdse evaluatie'; capitals: 'CONCLUSIE'; else title-like) and running text follows.

    A run of numbered lines of one level ('1. Onthaal', '2. Rondleiding') is a list, not headings; a plain short line
    counts only right before running text, so the lines of a title page ('Stageverslag', 'Jana Peeters') do not.
    """
    chunks = list(_chunks(lines))
    candidates = [_candidate(chunk) for _, chunk in chunks]
    pieces: list[_Piece] = []
    for i, (start, chunk) in enumerate(chunks):
        found = candidates[i]
        if found is not None and _is_heading(i, found, chunks, candidates):
            pieces.append(_Piece(chunk, start, BlockKind.HEADING, found[1], found[0]))
        else:
            pieces += _split(start, chunk, _BULLET)
    return pieces


def _is_heading(i: int, found: tuple[HeadingSource, int], chunks: list[tuple[int, list[str]]],
                candidates: list[tuple[HeadingSource, int] | None]) -> bool:
    source, level = found
    last = i + 1 == len(chunks)
    after = None if last else candidates[i + 1]
    prose_after = not last and after is None
    if source is HeadingSource.NUMBERED:
        in_list = found in (after, candidates[i - 1] if i else None)
        return not in_list and (last or prose_after or (after is not None and after[1] > level))
    if source is HeadingSource.CAPS:
        return last or prose_after or (after is not None and after[0] is not HeadingSource.CAPS)
    return prose_after and len(" ".join(chunks[i + 1][1])) > len(chunks[i][1][0])


# --- Markdown --------------------------------------------------------------------------------------------------------


def strip_inline(text: str) -> str:
    """Markdown inline markup removed: what the reader of the rendered page sees."""
    codes: list[str] = []
    return restore_code(_strip_marked(text, codes), codes)[0]


def _strip_marked(text: str, codes: list[str]) -> str:
    """Inline markup removed; each inline code span left as a mark that ``restore_code`` turns back into its text."""
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:  # an escaped character is text, never markup
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    def unescape(value: str) -> str:
        return re.sub(r"\ue000(\d+)\ue001", lambda m: escaped[int(m.group(1))], value)

    def code(match: re.Match[str]) -> str:  # code is shown as written: no markup inside it
        content = " ".join(match.group(2).split())
        if not content:
            return match.group(0)
        codes.append(content)
        return f"\ue002{len(codes) - 1}\ue003"

    out = _CODE_SPAN.sub(code, _ESCAPABLE.sub(hide, text))
    for pattern, replacement in _INLINE:
        out = pattern.sub(replacement, out)
    for i in range(len(codes)):
        codes[i] = unescape(codes[i])
    return unescape(out)


def restore_code(text: str, codes: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text with each inline code mark replaced by its code, and where those codes now stand."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    size, last = 0, 0
    for match in _CODE_MARK.finditer(text):
        before = text[last:match.start()]
        out.append(before)
        size += len(before)
        code = codes[int(match.group(1))]
        out.append(code)
        spans.append((size, size + len(code)))
        size += len(code)
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(spans)


def _front_matter_end(lines: list[str]) -> int:
    """Lines of a YAML front matter block ('---' … '---' at the top): metadata, not report text."""
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:60], start=1):
        if line.strip() in ("---", "..."):
            return number + 1
    return 0


def _without_comments(lines: list[str]) -> list[str]:
    """HTML comments blanked out, line count kept (they are notes to self, not report text)."""
    text = "\n".join(lines)
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), text, flags=re.DOTALL)
    return text.split("\n")


def _markdown_pieces(lines: list[str], codes: list[str]) -> list[_Piece]:
    """Markdown blocks; inline code is left as marks whose texts go into ``codes`` (restore_code)."""
    lines = _without_comments(lines)
    pieces: list[_Piece] = []
    fence: str | None = None
    code: _Piece | None = None
    indented: _Piece | None = None
    tables = 0
    current: list[tuple[int, str]] = []  # the paragraph being read: (line, text)

    def flush() -> None:
        nonlocal tables
        if not current:
            return
        texts = [text for _, text in current]
        if len(texts) >= 2 and _TABLE_RULE.match(texts[1]) and "|" in texts[0]:
            pieces.extend(_table(current, tables, codes))
            tables += 1
        else:
            for piece in _split(current[0][0], texts, _BULLET):
                piece.lines = [_strip_marked(_MD_BULLET.sub("", line, count=1), codes) for line in piece.lines]
                pieces.append(piece)
        current.clear()

    def in_list() -> bool:  # an indented paragraph after a list item continues the item, it is not code
        return bool(pieces) and pieces[-1].list_item

    skip = _front_matter_end(lines)
    for number, raw in enumerate(lines, start=1):
        if number <= skip:
            continue
        if fence is not None and code is not None:
            if raw.strip().startswith(fence):
                pieces.append(code)
                fence, code = None, None
            else:
                code.lines.append(raw)
            continue
        line = _QUOTE.sub("", raw)
        opening = _FENCE.match(line)
        heading = _ATX.match(line)
        underline = _SETEXT.match(line)
        if indented is not None:
            if line.strip() and not _INDENTED.match(line):
                pieces.append(indented)  # the code block ends at the first line that is not indented
                indented = None
            else:
                indented.lines.append(line)
                continue
        if opening:
            flush()
            fence, code = opening.group(1)[:3], _Piece([], number + 1, code=True)
        elif heading:
            flush()
            pieces.append(_Piece([_strip_marked(heading.group(2) or "", codes)], number, BlockKind.HEADING,
                                 len(heading.group(1)), HeadingSource.MARKDOWN))
        elif underline and current and not _BULLET.match(current[-1][1]):
            level = 1 if underline.group(1)[0] == "=" else 2
            pieces.append(_Piece([_strip_marked(" ".join(t.strip() for _, t in current), codes)], current[0][0],
                                 BlockKind.HEADING, level, HeadingSource.MARKDOWN))
            current.clear()
        elif _THEMATIC.match(line) or not line.strip():
            flush()
        elif not current and _INDENTED.match(line) and not in_list():
            indented = _Piece([line], number, code=True)  # indented code: after a blank line, never inside a list
        else:
            current.append((number, line))
    flush()
    for unclosed in (code, indented):  # an unclosed fence runs to the end of the file
        if unclosed is not None:
            pieces.append(unclosed)
    return pieces


def _table(rows: list[tuple[int, str]], table: int, codes: list[str]) -> Iterator[_Piece]:
    """A pipe table as cells (the rule under the header row is not text)."""
    row_number = 0
    for line, text in rows:
        if _TABLE_RULE.match(text):
            continue
        cells = re.split(r"(?<!\\)\|", text.strip().strip("|"))
        for cell_number, cell in enumerate(cells):
            yield _Piece([_strip_marked(cell.strip(), codes)], line, BlockKind.TABLE_CELL,
                         table=(table, row_number, cell_number))
        row_number += 1
