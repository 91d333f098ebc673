"""Rule kinds on single fields: a program requires a field, or restricts its values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.load.pointer import MISSING, resolve
from pipeline.messages import msg
from pipeline.validate.rules.base import POINTER, Hit, RuleContext, rule_kind


@rule_kind("required-fields", summary=msg("rule.kind.required-fields"),
           options={"fields": {"type": "array", "items": POINTER, "minItems": 1}},
           required=["fields"], fields=lambda opts: opts["fields"])
def required_fields(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """Fields the program needs although the schema leaves them optional (e.g. tasks, languages)."""
    why = f" ({opts['description']})" if opts.get("description") else ""
    for field in opts["fields"]:
        value = resolve(ctx.case.data, field)
        if value is MISSING or value is None or value == [] or value == "":
            parent = field.rsplit("/", 1)[0]
            yield Hit(parent, msg("rule.required-field", field=field.lstrip("/").replace("/", "."), why=why))


@rule_kind("allowed-values", summary=msg("rule.kind.allowed-values"),
           options={"field": POINTER, "from": {"enum": ["tracks", "stage_types", "languages"]},
                                      "values": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
           required=["field"], fields=lambda opts: (opts["field"],))
def allowed_values(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """The field's value is one of `values`, or of the program's list named by `from` (tracks, stage_types...)."""
    value = ctx.case.get(opts["field"])
    if value is None:
        return
    allowed = opts.get("values") or ctx.program.get(opts.get("from", ""), []) or []
    if allowed and value not in allowed:
        name = opts["field"].lstrip("/")
        yield Hit(opts["field"], msg("rule.allowed.value", field=name, value=value,
                                   options=", ".join(map(str, allowed))), text=str(value))
