"""Rule kinds: code. Rules: data in program profiles (inputs/programs/*.yaml, key `rules`).

Each module registers one or more kinds with @rule_kind; importing this package fills REGISTRY.
"""

from pipeline.validate.rules import (  # noqa: F401  (imported for registration)
    absence,
    declarations,
    fields,
    languages,
    period,
    requests,
    signing,
    split,
    tasks,
    trajectory,
)
from pipeline.validate.rules.base import REGISTRY, Hit, RuleContext, RuleKind

__all__ = ["REGISTRY", "Hit", "RuleContext", "RuleKind"]
