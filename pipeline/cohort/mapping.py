"""Which column holds which field: header synonyms (data/columns.yaml), a coordinator's own mapping file, and a
mapping written for a new sheet (`import --suggest-mapping`).

A mapping file:

    sheet: Studenten            # optional: the sheet to read (default: the first visible one)
    columns:                    # header in the sheet: field of the case file (null: not imported)
      Stamnr: student.id
      Telefoon thuis: null
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.cohort.sheet import SheetError
from pipeline.messages import msg
from pipeline.project.fields import schema_at

COLUMNS_FILE = Path(__file__).resolve().parent / "data" / "columns.yaml"
MAX_REPEAT = 10  # tasks and trajectory blocks a sheet can hold


def normalise(header: str) -> str:
    """'E-mail  Student ' and 'email student' compare equal: no case, accents, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9{}]", "", text)


@dataclass(frozen=True)
class ColumnKind:
    """A field a column can fill, with its headers (``{n}``: a task or block number from 1)."""

    pointer: str  # /tasks/{n}/share
    headers: dict[str, tuple[str, ...]]  # language -> headers

    @property
    def repeats(self) -> bool:
        return "{n}" in self.pointer

    def pointer_for(self, n: int) -> str:
        return self.pointer.replace("{n}", str(n - 1))

    def header(self, lang: str, n: int = 1) -> str:
        return (self.headers.get(lang) or self.headers["nl"])[0].replace("{n}", str(n))


@cache
def column_kinds() -> tuple[ColumnKind, ...]:
    raw: dict[str, dict[str, list[str]]] = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    return tuple(ColumnKind(pointer, {lang: tuple(items) for lang, items in headers.items()})
                 for pointer, headers in raw.items())


@cache
def _synonyms() -> tuple[dict[str, str], list[tuple[re.Pattern[str], ColumnKind]]]:
    """Exact normalised header → pointer, and patterns for the numbered ones; the first kind to claim a header wins."""
    exact: dict[str, str] = {}
    numbered: list[tuple[re.Pattern[str], ColumnKind]] = []
    for kind in column_kinds():
        for headers in kind.headers.values():
            for header in headers:
                key = normalise(header)
                if kind.repeats:
                    numbered.append((re.compile("^" + re.escape(key).replace(r"\{n\}", r"(\d+)") + "$"), kind))
                else:
                    exact.setdefault(key, kind.pointer)
    return exact, numbered


def match_header(header: str) -> str | None:
    """The field (a JSON pointer) a header stands for, by the synonyms; None when none matches."""
    key = normalise(header)
    if not key:
        return None
    exact, numbered = _synonyms()
    if key in exact:
        return exact[key]
    for pattern, kind in numbered:
        found = pattern.match(key)
        if found and 1 <= int(found.group(1)) <= MAX_REPEAT:
            return kind.pointer_for(int(found.group(1)))
    return None


def dotted(pointer: str) -> str:
    return pointer.lstrip("/").replace("/", ".")


def from_dotted(name: str) -> str:
    return "/" + name.strip().strip(".").replace(".", "/")


@dataclass(frozen=True)
class Mapping:
    """A coordinator's mapping: header → field pointer (None: not imported), and the sheet to read."""

    columns: dict[str, str | None] = field(default_factory=dict)
    sheet: str | None = None

    def field_for(self, header: str) -> str | None:
        """The field of ``header``: the mapping's own entry, else the synonyms."""
        for name, pointer in self.columns.items():
            if normalise(name) == normalise(header):
                return pointer
        return match_header(header)

    def lists(self, header: str) -> bool:
        return any(normalise(name) == normalise(header) for name in self.columns)


def load_mapping(path: Path) -> Mapping:
    """A mapping file; raises SheetError naming what is wrong (an unknown field, not a mapping)."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SheetError(msg("import.mapping-unreadable", path=path, reason=str(exc).splitlines()[0])) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("columns", {}), dict):
        raise SheetError(msg("import.mapping-shape", path=path))
    columns: dict[str, str | None] = {}
    for header, name in (raw.get("columns") or {}).items():
        if name is None:
            columns[str(header)] = None
            continue
        pointer = from_dotted(str(name))
        if schema_at(pointer) is None:
            raise SheetError(msg("import.mapping-field", path=path, header=header, field=name))
        columns[str(header)] = pointer
    sheet = raw.get("sheet")
    return Mapping(columns, str(sheet) if sheet is not None else None)


def suggest_mapping(headers: list[str], sheet: str | None, comment: str) -> str:
    """A mapping file for ``headers``: each matched to a field by the synonyms, the others to null; ``comment`` is
    the first line (what the file is, in the user's language)."""
    lines = [f"# {comment}"]
    if sheet is not None:
        lines.append(f"sheet: {yaml.safe_dump(sheet, default_style=None).splitlines()[0]}")
    lines.append("columns:")
    for header in headers:
        if not header.strip():
            continue
        pointer = match_header(header)
        key = yaml.safe_dump(header, default_flow_style=True, width=1000).splitlines()[0]
        lines.append(f"  {key}: {dotted(pointer) if pointer else 'null'}")
    return "\n".join(lines) + "\n"
