"""What a program needs of a case file: its fields (JSON pointers) with the part of the case schema that describes
each, in the schema's order. `stagepipe new case` writes them, `import --template` makes its columns of them.

A field is needed when the case schema requires it (recursively: a required object's required fields, the first
item of a list that must have one) or when one of the program's rule entries reads it (``RuleKind.fields``) —
unless the program's or institution's ``defaults`` already give it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.load.pointer import MISSING, resolve, split_pointer
from pipeline.paths import SCHEMAS_DIR

# set by the command or by the file's place, never asked for
GIVEN = frozenset({"/id", "/program", "/institution", "/cohort", "/kind"})


@cache
def _schema_file(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8"))
    return document


def _deref(node: dict[str, Any], file: str) -> tuple[dict[str, Any], str]:
    """A schema node with its $ref followed (the node's own title and description win), and the file it is in."""
    while "$ref" in node:
        target, _, fragment = str(node["$ref"]).partition("#")
        file = target or file
        found = resolve(_schema_file(file), fragment or "/")
        merged = {**found, **{k: v for k, v in node.items() if k != "$ref"}}
        node = merged
    return node, file


@dataclass(frozen=True)
class Field:
    """One field of a case file: where it is and what the case schema says about it."""

    pointer: str  # /student/id, /mentors/0/phone, /tasks/0/share
    schema: dict[str, Any]
    needed: bool = True  # the schema or a program rule needs it; else it may be left out

    @property
    def key(self) -> str:
        return split_pointer(self.pointer)[-1]

    @property
    def dotted(self) -> str:
        """student.id, mentors.0.phone: how a coordinator writes the field (mappings, messages)."""
        return ".".join(split_pointer(self.pointer))

    @property
    def kind(self) -> str:
        """date, phone, email, boolean, number, integer, list, choice or text."""
        schema = self.schema
        if schema.get("format") in ("date", "phone", "email"):
            return str(schema["format"])
        if "enum" in schema:
            return "choice"
        kind = schema.get("type")
        if kind == "array":
            return "list"
        return str(kind) if kind in ("boolean", "number", "integer") else "text"

    @property
    def title(self) -> str:
        return str(self.schema.get("title") or self.key)

    @property
    def description(self) -> str:
        return str(self.schema.get("description") or "")


def schema_at(pointer: str) -> dict[str, Any] | None:
    """The case schema's node for ``pointer`` (list indexes step into ``items``), $refs followed; None if unknown."""
    node, file = _deref(_schema_file("case.schema.json"), "case.schema.json")
    for token in split_pointer(pointer):
        if node.get("type") == "array" or "items" in node:
            if not token.isdigit():
                return None
            node, file = _deref(node.get("items", {}), file)
        else:
            child = node.get("properties", {}).get(token)
            if child is None:
                return None
            node, file = _deref(child, file)
    return node


def _walk(node: dict[str, Any], file: str, pointer: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every node of the case schema below ``pointer`` in the schema's order (a list's first item as /0)."""
    node, file = _deref(node, file)
    yield pointer, node, file
    if node.get("type") == "object" or "properties" in node:
        for name, child in node.get("properties", {}).items():
            yield from _walk(child, file, f"{pointer}/{name}")
    elif node.get("type") == "array":
        items = node.get("items", {})
        items, item_file = _deref(items, file)
        if items.get("type") == "object":
            yield from _walk(items, item_file, f"{pointer}/0")


def _is_leaf(node: dict[str, Any]) -> bool:
    if node.get("type") == "object" or "properties" in node:
        return False
    return not (node.get("type") == "array" and _deref(node.get("items", {}), "case.schema.json")[0].get("type")
                == "object")


def _required_below(pointer: str, node: dict[str, Any], file: str) -> Iterator[str]:
    """``pointer`` itself when it is a leaf, else the leaves its schema requires (a list of objects: its first item's)."""
    node, file = _deref(node, file)
    if _is_leaf(node):
        yield pointer
        return
    if node.get("type") == "array":
        items, item_file = _deref(node.get("items", {}), file)
        yield from _required_below(f"{pointer}/0", items, item_file)
        return
    for name in node.get("required", []):
        child = node.get("properties", {}).get(name)
        if child is not None:
            yield from _required_below(f"{pointer}/{name}", child, file)


def rule_fields(program: dict[str, Any], *, conditional: bool = False) -> set[str]:
    """Fields the program's rule entries read; an entry only for some tracks or stage types only with
    ``conditional`` (whether it applies is not known before the case is written)."""
    from pipeline.validate.rules import REGISTRY

    found: set[str] = set()
    for entry in program.get("rules", []) or []:
        kind = REGISTRY.get(str(entry.get("kind")))
        if kind is None or (not conditional and (entry.get("tracks") or entry.get("stage_types"))):
            continue
        found.update(kind.fields(entry))
    return found


def _inherited(pointer: str, defaults: list[dict[str, Any]]) -> bool:
    return any(resolve(d, pointer) is not MISSING for d in defaults)


def case_fields(program: dict[str, Any], institution: dict[str, Any] | None = None, *,
                extra: tuple[str, ...] = ()) -> list[Field]:
    """The fields a case of ``program`` needs (``needed``), plus ``extra`` ones asked for (optional), in the
    schema's order; fields the defaults give and those a command sets itself (id, program, ...) are left out."""
    root = _schema_file("case.schema.json")
    wanted: set[str] = set()
    for name in root.get("required", []):
        wanted.update(_required_below(f"/{name}", root["properties"][name], "case.schema.json"))
    for pointer in rule_fields(program):
        node = schema_at(pointer)
        if node is not None:
            wanted.update(_required_below(pointer, node, "case.schema.json"))
    defaults = [d for d in (program.get("defaults"), (institution or {}).get("defaults")) if isinstance(d, dict)]
    needed = {p for p in wanted if p not in GIVEN and not _inherited(p, defaults)}
    nodes, order = _case_nodes()
    chosen = needed | {p for p in extra if p not in GIVEN and _generic(p) in nodes}

    def place(pointer: str) -> tuple[int, ...]:
        """Schema order, a list's items one after the other (/tasks/0/*, then /tasks/1/*)."""
        key, prefix = [], ""
        for token in split_pointer(pointer):
            prefix += "/" + ("0" if token.isdigit() else token)
            key.append(int(token) if token.isdigit() else order[prefix])
        return tuple(key)

    return [Field(p, nodes[_generic(p)], needed=p in needed) for p in sorted(chosen, key=place)]


@cache
def _case_nodes() -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Every node of the case schema by pointer, and its place in the schema's order."""
    nodes = {pointer: node for pointer, node, _file in _walk(_schema_file("case.schema.json"), "case.schema.json", "")}
    return nodes, {pointer: i for i, pointer in enumerate(nodes)}


def _generic(pointer: str) -> str:
    """/tasks/2/share → /tasks/0/share: the pointer of the schema node that describes it."""
    return "/".join("0" if token.isdigit() else token for token in pointer.split("/"))


def required_fields(schema_file: str) -> list[Field]:
    """The fields a schema requires (recursively), in its order: the skeleton of a new institution file."""
    root = _schema_file(schema_file)
    wanted: set[str] = set()
    for name in root.get("required", []):
        wanted.update(_required_below(f"/{name}", root["properties"][name], schema_file))
    return [Field(pointer, node) for pointer, node, _file in _walk(root, schema_file, "")
            if pointer in wanted and pointer not in GIVEN]


def choices(field: Field, program: dict[str, Any]) -> list[str]:
    """The values a field may take: the program's tracks, stage types or languages, else the schema's enum."""
    lists = {"/track": "tracks", "/stage_type": "stage_types", "/language": "languages"}
    if field.pointer in lists and program.get(lists[field.pointer]):
        return [str(v) for v in program[lists[field.pointer]]]
    return [str(v) for v in field.schema.get("enum", [])]
