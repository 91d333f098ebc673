"""What a rule kind is: a name, its options (a JSON Schema), a default severity and a check function."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.findings import Severity
from pipeline.load.project import Case
from pipeline.messages import Message


@dataclass(frozen=True)
class Hit:
    """What a rule found and where (a JSON pointer into the case); the runner makes the Finding."""

    pointer: str
    message: Message
    text: str | None = None
    severity: Severity | None = None  # only when one kind has a milder sub-case (e.g. an approved exception)


@dataclass(frozen=True)
class RuleContext:
    case: Case
    program: dict[str, Any]


    def deadline(self, ref: str) -> tuple[str | None, str]:
        """A date option that is either YYYY-MM-DD or the id of one of the program's deadlines."""
        for item in self.program.get("deadlines", []) or []:
            if isinstance(item, dict) and item.get("id") == ref:
                return item.get("date"), str(item.get("description", ref))
        return ref, ref


CheckFn = Callable[[RuleContext, dict[str, Any]], Iterable[Hit]]
# the case fields a rule entry needs to say anything (JSON pointers; /tasks/0/share: each task's share), from its
# options: what `stagepipe new case` writes and `import --template` asks for
FieldsFn = Callable[[dict[str, Any]], Iterable[str]]
PERIOD_FIELDS = ("/period/start", "/period/end")

COMMON_OPTIONS: dict[str, Any] = {
    "kind": {"type": "string"},
    "id": {"type": "string"},
    "severity": {"enum": ["error", "warning", "info"]},
    "tracks": {"type": "array", "items": {"type": "string"}},
    "stage_types": {"type": "array", "items": {"type": "string"}},
    "description": {"type": "string"},
}


@dataclass(frozen=True)
class RuleKind:
    name: str
    check: CheckFn
    summary: Message  # what the kind checks, for `stagepipe rules` (rule.kind.<name> in the catalogs)
    options: dict[str, Any] = field(default_factory=dict)  # JSON Schema 'properties' of the kind's own options
    required: tuple[str, ...] = ()
    severity: Severity = Severity.ERROR
    reads: FieldsFn | None = None

    def fields(self, opts: dict[str, Any]) -> tuple[str, ...]:
        """The case fields an entry of this kind with options ``opts`` needs."""
        return tuple(self.reads(opts)) if self.reads is not None else ()

    def options_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", *self.required],
            "properties": {**COMMON_OPTIONS, **self.options},
        }


REGISTRY: dict[str, RuleKind] = {}


def rule_kind(name: str, *, summary: Message, options: dict[str, Any] | None = None, required: Iterable[str] = (),
              severity: Severity = Severity.ERROR, fields: FieldsFn | Iterable[str] = ()) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check of rule kind ``name``; ``summary`` says what it checks (`stagepipe rules`).
    ``fields``: the case fields it reads (pointers, or a function of the entry's options that gives them)."""
    fixed = () if callable(fields) else tuple(fields)

    def constant(_opts: dict[str, Any]) -> tuple[str, ...]:
        return fixed

    reads: FieldsFn = fields if callable(fields) else constant

    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = RuleKind(name=name, check=fn, summary=summary, options=options or {}, required=tuple(required),
                                  severity=severity, reads=reads)
        return fn

    return register


DATE = {"type": "string", "format": "date"}
DATE_OR_DEADLINE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$|^[a-z0-9-]+$"}
NUMBER = {"type": "number", "minimum": 0}
POINTER = {"type": "string", "pattern": "^(/[^/]+)+$"}
