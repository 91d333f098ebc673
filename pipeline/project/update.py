"""Update a case file that exists with new values, keeping its comments and key order (ruamel.yaml round trip); a
field that gets a value loses its to-fill comment."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.load.pointer import split_pointer
from pipeline.load.yaml_source import to_fill_markers


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _native(value: Any) -> Any:
    """Dates as dates, so they are written as the file writes them (2024-09-02, unquoted)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, dt.date) or isinstance(new, dt.date):
        return str(old) == str(new)
    return bool(old == new) and type(old) is type(new) or (isinstance(old, (int, float)) and old == new
                                                            and not isinstance(old, bool))


def _drop_marker(node: CommentedMap, key: str) -> None:
    comment = node.ca.items.get(key)
    token = comment[2] if comment and len(comment) > 2 else None
    if token is None:
        return
    first, _, rest = str(token.value).partition("\n")
    if first.lstrip("# ").lower().startswith(to_fill_markers()):
        token.value = "\n" + rest if rest else "\n"


def update_case(text: str, values: dict[str, Any]) -> str:
    """``text`` with each pointer of ``values`` set (maps and list items made where missing); unchanged when every
    value is already there."""
    yaml = _yaml()
    document = yaml.load(text)
    changed = False
    for pointer, value in values.items():
        tokens = split_pointer(pointer)
        node: Any = document
        for i, token in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            if isinstance(node, list):
                index = int(token)
                while len(node) <= index:
                    node.append(CommentedMap())
                node = node[index]
                continue
            if node.get(token) is None:
                node[token] = CommentedSeq() if nxt.isdigit() else CommentedMap()
            node = node[token]
        last = tokens[-1]
        value = _native(value)
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append(None)
            if not _same(node[index], value):
                node[index] = value
                changed = True
        elif last not in node or not _same(node[last], value):
            node[last] = value
            _drop_marker(node, last)
            changed = True
    if not changed:
        return text
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()
