"""Rule kind: a declaration in the case must be confirmed (true)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.messages import msg
from pipeline.validate.rules.base import Hit, RuleContext, rule_kind


@rule_kind("declaration", summary=msg("rule.kind.declaration"),
           options={"field": {"enum": ["no_family_member", "nda", "copyright_waiver"]}},
           required=["field"], fields=lambda opts: (f"/declarations/{opts['field']}",))
def declaration(ctx: RuleContext, opts: dict[str, Any]) -> Iterator[Hit]:
    """declarations.<field> is true (tm-om: no family member works at the placement)."""
    field = opts["field"]
    pointer = f"/declarations/{field}"
    if ctx.case.get(pointer) is not True:
        yield Hit(pointer, msg("rule.declaration", field=field, text=opts.get("description", field)),
                  text=str(ctx.case.get(pointer)))
