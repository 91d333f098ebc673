"""Write a case file: its fields in the schema's order, each with a comment from the schema's title and description,
and the to-fill comment on every needed field that has no value yet (`new case`, `import`)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pipeline.load.pointer import MISSING, resolve, split_pointer
from pipeline.messages import msg, translate
from pipeline.project.fields import Field, choices

MODELINE = "# yaml-language-server: $schema=../../../schemas/case.schema.json"  # inputs/cases/<cohort>/x.yaml
_PLAIN = re.compile(r"^[A-Za-zÀ-ÿ][\w À-ÿ.,'&()/-]*$")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar that reads back as the same value (dates as ISO text, as the loader keeps them)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = str(value)
    if _DATE.match(text):
        return text
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" ") and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(field: Field, program: dict[str, Any]) -> str:
    text = f"{field.title}: {field.description}" if field.description else field.title
    options = choices(field, program)
    if options:
        text += " [" + ", ".join(options) + "]"
    return text


def case_yaml(head: Mapping[str, Any], fields: list[Field], values: Mapping[str, Any], program: dict[str, Any],
              lang: str, *, header: tuple[str, ...] = (), modeline: str = MODELINE) -> tuple[str, int]:
    """The text of a case file and how many fields it leaves to fill.

    ``head``: the top keys written first (id, program, ...); ``values``: the case data to write (plain nested
    data); a needed field without a value gets the to-fill comment, an optional one without a value is left out.
    """
    marker = translate(msg("fill.marker"), lang)
    lines = [modeline, *(f"# {line}" for line in header)]
    lines += [f"{key}: {scalar(value)}" for key, value in head.items()]
    open_keys: list[str] = []  # the path of mappings/lists already written
    pending = 0
    for field in fields:
        value = resolve(values, field.pointer)
        if value is MISSING or value is None or value == "" or value == []:
            if not field.needed:
                continue
            value = MISSING
        tokens = split_pointer(field.pointer)
        common = 0
        while common < min(len(open_keys), len(tokens) - 1) and open_keys[common] == tokens[common]:
            common += 1
        open_keys = open_keys[:common]
        for depth in range(common, len(tokens) - 1):
            token = tokens[depth]
            if token.isdigit():
                open_keys.append(token)
                continue
            lines.append(_indent(open_keys) + f"{token}:")
            open_keys.append(token)
        lines.append(_indent(open_keys) + "# " + _comment(field, program))
        if value is MISSING:
            lines.append(_indent(open_keys) + f"{tokens[-1]}:  # {marker}")
            pending += 1
        else:
            lines.append(_indent(open_keys) + f"{tokens[-1]}: {scalar(value)}")
    return _list_items("\n".join(lines) + "\n"), pending


def _indent(keys: list[str]) -> str:
    """Two spaces per mapping level; a list index stands for the '- ' of its item (made in _list_items)."""
    return "".join("  " if not key.isdigit() else "\x00" + "/".join(keys[:i + 1]) + "\x00"
                   for i, key in enumerate(keys))


def _list_items(text: str) -> str:
    """Turn index markers into YAML list items: the first line of an item gets '- ', the others two spaces."""
    seen: set[str] = set()
    out = []
    for line in text.splitlines():
        while "\x00" in line:
            before, key, after = line.split("\x00", 2)
            if key in seen or after.lstrip().startswith("#"):
                line = before + "  " + after
            else:
                seen.add(key)
                line = before + "- " + after
        out.append(line)
    return "\n".join(out) + "\n"
