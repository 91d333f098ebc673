"""JSON pointers (RFC 6901) over plain YAML/JSON data."""

from __future__ import annotations

from typing import Any

MISSING: Any = object()


def split_pointer(pointer: str) -> list[str]:
    if not pointer or pointer == "/":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def resolve(data: Any, pointer: str, default: Any = MISSING) -> Any:
    """The value at ``pointer`` in ``data``, or ``default`` when it is not there."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
    return node
