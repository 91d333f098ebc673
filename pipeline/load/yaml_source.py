"""Safe YAML loading that keeps the position of every node, so a JSON pointer maps back to file:line:column.

PyYAML's composer gives us nodes with marks; we build plain Python data from them ourselves so that we can
refuse duplicate keys (PyYAML keeps the last one silently), refuse non-standard tags (never constructed, never
executed), bound alias expansion (billion laughs) and keep dates as the ISO strings the schemas expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import Message, msg

# libyaml's composer when PyYAML was built with it (same nodes and marks, about ten times faster)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 512 * 1024  # a case file is a few KB; anything this large is a mistake or an attack
MAX_NODES = 50_000  # bounds alias expansion

_STD = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = {_STD + s for s in ("str", "int", "float", "bool", "null", "timestamp")}
_MERGE_TAG = _STD + "merge"


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_pointer_token(str(token))}"


@dataclass
class YamlDocument:
    """A loaded YAML mapping with the position of every value (and of every mapping key)."""

    path: Path
    data: dict[str, Any]
    value_marks: dict[str, tuple[int, int]] = field(default_factory=dict)  # pointer -> (line, column), 1-based
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    collections: set[str] = field(default_factory=set)  # pointers whose value is a mapping or a list
    to_fill: set[str] = field(default_factory=set)  # empty values whose line carries the to-fill comment

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        """The position of ``pointer``; for a pointer that does not exist, the nearest existing parent."""
        probe = pointer
        while True:
            # a mapping or list value starts on the line after its key: point at the key instead
            use_key = (key or probe in self.collections) and probe in self.key_marks
            marks = self.key_marks if use_key else self.value_marks
            if probe in marks:
                line, col = marks[probe]
                return Location(file=str(self.path), line=line, column=col, pointer=pointer or "/")
            if not probe:
                return Location(file=str(self.path), line=1, column=1, pointer=pointer or "/")
            probe = probe.rsplit("/", 1)[0]
            key = False


class YamlLoadError(Exception):
    """The file could not be turned into data; ``finding`` says what and where."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding.message))
        self.finding = finding


def _error(path: Path, rule: str, message: Message, line: int | None = None, column: int | None = None,
           text: str | None = None) -> YamlLoadError:
    return YamlLoadError(Finding(
        check="yaml", rule=rule, severity=Severity.ERROR, message=message,
        location=Location(file=str(path), line=line, column=column), text=text,
    ))


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, path: Path, loader: Any):
        self.path = path
        self.loader = loader
        self.value_marks: dict[str, tuple[int, int]] = {}
        self.key_marks: dict[str, tuple[int, int]] = {}
        self.collections: set[str] = set()
        self.empty: list[str] = []  # pointers of null values (candidates for the to-fill marker)
        self.count = 0

    def build(self, node: Node, pointer: str, stack: tuple[int, ...] = ()) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = _mark(node)
            raise _error(self.path, "yaml.too-complex", msg("yaml.too-complex", limit=MAX_NODES), line, col)
        if id(node) in stack:
            line, col = _mark(node)
            raise _error(self.path, "yaml.recursive", msg("yaml.recursive"), line, col)
        self.value_marks.setdefault(pointer, _mark(node))
        if isinstance(node, ScalarNode):
            value = self._scalar(node)
            if value is None:
                self.empty.append(pointer)
            return value
        if isinstance(node, (SequenceNode, MappingNode)):
            self.collections.add(pointer)
        if isinstance(node, SequenceNode):
            self._check_collection_tag(node, _STD + "seq")
            return [self.build(item, join_pointer(pointer, i), (*stack, id(node)))
                    for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            self._check_collection_tag(node, _STD + "map")
            return self._mapping(node, pointer, (*stack, id(node)))
        raise _error(self.path, "yaml.syntax", msg("yaml.syntax", problem=type(node).__name__))

    def _check_collection_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            line, col = _mark(node)
            raise _error(self.path, "yaml.tag", msg("yaml.tag", tag=node.tag), line, col, text=node.tag)

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag not in _ALLOWED_SCALAR_TAGS:
            line, col = _mark(node)
            raise _error(self.path, "yaml.tag", msg("yaml.tag", tag=node.tag), line, col, text=node.tag)
        if node.tag == _STD + "timestamp":
            return node.value  # keep dates as ISO text: the schemas check `format: date`
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, pointer: str, stack: tuple[int, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for src in sources:
                    if not isinstance(src, MappingNode):
                        line, col = _mark(src)
                        raise _error(self.path, "yaml.syntax", msg("yaml.merge"), line, col)
                    for k, v in self._mapping(src, pointer, (*stack, id(src))).items():
                        merged.setdefault(k, v)
                continue
            if not isinstance(key_node, ScalarNode):
                line, col = _mark(key_node)
                raise _error(self.path, "yaml.key", msg("yaml.key"), line, col)
            key = str(self._scalar(key_node))
            kmark = _mark(key_node)
            if key in seen:
                first = seen[key]
                raise _error(self.path, "yaml.duplicate-key",
                             msg("yaml.duplicate-key", key=key, first=first[0]), kmark[0], kmark[1], text=key)
            seen[key] = kmark
            child = join_pointer(pointer, key)
            self.key_marks[child] = kmark
            out[key] = self.build(value_node, child, stack)
        for k, v in merged.items():
            out.setdefault(k, v)
        return out


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> YamlDocument:
    """Read one YAML file whose top level must be a mapping. Raises YamlLoadError with a located finding."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _error(path, "yaml.too-large", msg("yaml.too-large", size=size, limit=max_bytes))
        raw = path.read_bytes()
    except OSError as exc:
        raise _error(path, "yaml.unreadable", msg("yaml.unreadable", reason=exc.strerror or str(exc))) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _error(path, "yaml.encoding", msg("yaml.encoding", byte=f"0x{raw[exc.start]:02x}"),
                     line, column) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _error(path, "yaml.empty", msg("yaml.empty"), 1, 1)
        if not isinstance(node, MappingNode) or node.tag != _STD + "map":
            line, col = _mark(node)
            if isinstance(node, MappingNode):
                raise _error(path, "yaml.tag", msg("yaml.tag", tag=node.tag), line, col, text=node.tag)
            raise _error(path, "yaml.not-mapping", msg("yaml.not-mapping"), line, col)
        builder = _Builder(path, loader)
        data = builder.build(node, "")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # e.g. an unclosed quote: where it opened, not the end of the file
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise _error(path, "yaml.syntax", msg("yaml.syntax", problem=problem),
                     mark.line + 1 if mark else None, mark.column + 1 if mark else None) from exc
    except yaml.YAMLError as exc:
        raise _error(path, "yaml.syntax", msg("yaml.syntax", problem=str(exc))) from exc
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, value_marks=builder.value_marks, key_marks=builder.key_marks,
                        collections=builder.collections, to_fill=_to_fill(text, builder))


def to_fill_markers() -> tuple[str, ...]:
    """The comment that marks a field still to fill (`stagepipe new case`, `import`), in every language."""
    from pipeline.messages import LANGS, translate

    return tuple(translate(msg("fill.marker"), lang).lower() for lang in LANGS)


def _to_fill(text: str, builder: _Builder) -> set[str]:
    """Pointers of empty values whose key's line ends in a to-fill comment (`id:  # in te vullen`)."""
    if not builder.empty:
        return set()
    lines = text.splitlines()
    markers = to_fill_markers()
    found = set()
    for pointer in builder.empty:
        mark = builder.key_marks.get(pointer)
        if mark is None or mark[0] > len(lines):
            continue
        _, hash_sign, comment = lines[mark[0] - 1].partition("#")
        if hash_sign and comment.strip().lower().startswith(markers):
            found.add(pointer)
    return found
