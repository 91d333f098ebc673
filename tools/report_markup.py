"""The hand-written report text in tools/report_text/*.txt: a small markup parsed into headings, paragraphs and tables.

Markup, one item per block (a blank line ends a paragraph):

    % comment                   ignored
    # Title / ## Title          a heading in the Heading 1 / Heading 2 style
    #* Title                    a "heading" the author made with bold text only (no style)
    #^ TITLE                    a "heading" typed in capitals, bold, no style
    - text                      a bulleted paragraph
    [tabel] ... [/tabel]        a table, one row per line, cells split on " | ", the first row is the header
    [titelpagina] ... [/titelpagina]  the title page: title, subtitle, then one line each
    [uit FILE: Heading]         the paragraphs, bullets and tables under that heading in FILE (same folder)
    {placement.name}            a value from the case file (dotted path; list items by number: {mentors.0.name})
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEXT_DIR = Path(__file__).resolve().parent / "report_text"
_WORD = re.compile(r"\S*[^\W_]\S*")  # as pipeline/report/checks/length.py counts words
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
_INCLUDE = re.compile(r"^\[uit ([\w.-]+): (.+)\]$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    manual: str | None = None  # None: a heading style; "bold" or "caps": made by hand


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullet: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TitlePage:
    lines: tuple[str, ...]


Item = Heading | Paragraph | Table | TitlePage


def lookup(values: Mapping[str, Any], dotted: str) -> str:
    """``values['mentors'][0]['name']`` for ``mentors.0.name``; a missing key is an error that names it."""
    current: Any = values
    for key in dotted.split("."):
        try:
            current = current[int(key)] if isinstance(current, list) else current[key]
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            raise KeyError(f"placeholder {{{dotted}}}: no value for {key!r}") from exc
    return str(current)


def fill(text: str, values: Mapping[str, Any] | None) -> str:
    if values is None:
        return text
    return _PLACEHOLDER.sub(lambda m: lookup(values, m.group(1)), text)


def _heading(line: str) -> Heading | None:
    for prefix, level, manual in (("## ", 2, None), ("# ", 1, None), ("#* ", 1, "bold"), ("#^ ", 1, "caps")):
        if line.startswith(prefix):
            return Heading(level, line[len(prefix):].strip(), manual)
    return None


def parse(text: str, *, values: Mapping[str, Any] | None = None, folder: Path = TEXT_DIR) -> list[Item]:
    items: list[Item] = []
    paragraph: list[str] = []
    table: list[tuple[str, ...]] | None = None
    title: list[str] | None = None

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            bullet = joined.startswith("- ")
            items.append(Paragraph(fill(joined[2:] if bullet else joined, values), bullet))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("%"):
            continue
        if title is not None:
            if line == "[/titelpagina]":
                items.append(TitlePage(tuple(title)))
                title = None
            elif line:
                title.append(fill(line, values))
            continue
        if table is not None:
            if line == "[/tabel]":
                items.append(Table(tuple(table)))
                table = None
            elif line:
                table.append(tuple(fill(cell.strip(), values) for cell in line.split(" | ")))
            continue
        heading = _heading(line)
        include = _INCLUDE.match(line)
        if not line or heading or include or line in ("[tabel]", "[titelpagina]") or line.startswith("- "):
            flush()
        if heading:
            items.append(Heading(heading.level, fill(heading.text, values), heading.manual))
        elif include:
            items.extend(section_body(read(folder / include.group(1), values=values), include.group(2)))
        elif line == "[tabel]":
            table = []
        elif line == "[titelpagina]":
            title = []
        elif line:
            paragraph.append(line)
    flush()
    if table is not None or title is not None:
        raise ValueError("[tabel] or [titelpagina] not closed")
    return items


def read(path: Path, *, values: Mapping[str, Any] | None = None) -> list[Item]:
    return parse(path.read_text(encoding="utf-8"), values=values, folder=path.parent)


def section_body(items: Iterable[Item], title: str) -> list[Item]:
    """What stands under the heading ``title`` up to the next heading of the same or a higher level."""
    out: list[Item] = []
    level: int | None = None
    for item in items:
        if isinstance(item, Heading):
            if level is not None and item.level <= level:
                break
            if item.text == title:
                level = item.level
                continue
            if level is not None:
                continue  # a sub-heading: leave it out, keep its text
        if level is not None:
            out.append(item)
    if level is None:
        raise KeyError(f"no heading {title!r}")
    return out


def word_count(texts: Iterable[str]) -> int:
    return sum(len(_WORD.findall(t)) for t in texts)


def texts(items: Iterable[Item]) -> list[str]:
    """Every piece of text in reading order: headings, paragraphs, table cells."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Table):
            out.extend(cell for row in item.rows for cell in row)
        elif isinstance(item, TitlePage):
            out.extend(item.lines)
        else:
            out.append(item.text)
    return out


def plain_text(items: Iterable[Item]) -> str:
    """The text as LanguageTool sees it: one block per paragraph, heading or table cell."""
    return "\n\n".join(texts(items)) + "\n"
