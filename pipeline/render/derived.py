"""The derived values templates see as ``d``: their types, and from those types the JSON Schema that
`stagepipe templates lint` checks templates against (``derived_schema()``), so the two cannot drift apart.

Every field is required: a value that may be absent is ``X | None`` and a template tests it with ``{% if %}``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict


class Derived(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class PersonOut(Derived):
    name: str
    function: str | None
    email: str | None
    phone: str | None


class MentorOut(PersonOut):
    role: str | None


class PeriodOut(Derived):
    start: str
    end: str
    start_short: str
    end_short: str
    working_days: int
    weeks: str | None
    hours: str | None
    hours_per_week: str | None
    schedule: str | None


class SecondPlacementOut(Derived):
    name: str
    address: str
    representative: PersonOut
    mentor: PersonOut
    period: PeriodOut


class TaskOut(Derived):
    description: str
    share: str | None
    language: str | None
    hours: str | None


class SignatoryOut(Derived):
    role: str
    party: str
    organisation: str | None
    name: str
    function: str | None


class ClauseOut(Derived):
    id: str
    title: str
    text: str


class CpdOut(Derived):
    points: int
    rule: str
    max_per_year: int | None
    authority: str


class ActivityItemOut(Derived):
    description: str
    date: str | None
    class_group: str | None
    hours: str | None


class ActivityGroupOut(Derived):
    id: str
    title: str
    description: str | None
    hours: str
    items: list[ActivityItemOut]


class DerivedValues(Derived):
    """``d``: every value the templates need that is not a plain field of the case, program or institution,
    already in the document's language (dates, numbers, names of languages, parties...)."""

    today: str
    student_name: str
    student_address: str | None
    institution_name: str
    institution_short: str
    institution_address: str
    institution_representative: PersonOut
    placement_name: str
    placement_address: str
    placement_representative: PersonOut
    mentor: PersonOut
    mentors: list[MentorOut]
    supervisor: PersonOut
    coordinator: PersonOut
    period: PeriodOut
    second: SecondPlacementOut | None
    working_days: int
    weeks: str | None
    program_name: str | None
    academic_year: str | None
    languages: str | None
    tasks: list[TaskOut]
    signatories: list[SignatoryOut]
    copies: int
    copies_text: str
    copy_holders: str | None
    digital: bool
    approval_steps: list[str]
    clauses: list[ClauseOut]
    compensation: str | None
    absence_days: str | None
    place: str
    date: str
    cpd: CpdOut | None
    activities: list[ActivityGroupOut]


# --------------------------------------------------------------------------------------------- the schema

_ANNOTATIONS = ("title", "description")  # pydantic's; the template linter needs none of them


def _plain(node: Any, defs: dict[str, Any]) -> Any:
    """A schema node in the plain shape the template linter reads: ``$ref`` inlined, ``X | None`` written as
    ``"type": [x, "null"]``, no titles or descriptions."""
    if "$ref" in node:
        return _plain(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node:
        options = [_plain(option, defs) for option in node["anyOf"]]
        others = [o for o in options if o != {"type": "null"}]
        single = _single_type(others[0]) if len(others) == 1 and len(options) == 2 else None
        if single is not None:
            return {**others[0], "type": [single, "null"]}
        return {"anyOf": options}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ANNOTATIONS or key == "$defs":
            continue
        if key == "properties":
            out[key] = {name: _plain(schema, defs) for name, schema in value.items()}
        elif key == "items":
            out[key] = _plain(value, defs)
        else:
            out[key] = value
    return out


def _single_type(node: dict[str, Any]) -> str | None:
    """The node's ``type`` when it names one JSON type (``"string"``), else None."""
    kind = node["type"] if "type" in node else None
    return kind if isinstance(kind, str) else None


@lru_cache(maxsize=1)
def derived_schema() -> dict[str, Any]:
    """JSON Schema of ``d``, made from DerivedValues (pydantic's schema, in the linter's plain shape)."""
    schema = DerivedValues.model_json_schema(mode="serialization")
    definitions = schema["$defs"] if "$defs" in schema else {}
    return dict(_plain(schema, definitions))
