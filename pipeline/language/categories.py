"""Sort LanguageTool matches into stagepipe's categories (spelling, grammar, style, dt, other); the mapping is data."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from importlib import resources
from typing import Any

import yaml

from pipeline.findings import Severity

CATEGORIES = ("spelling", "grammar", "style", "dt", "other")


@dataclass(frozen=True)
class KnownGap:
    text: str
    correct: str


@dataclass(frozen=True)
class CategoryMap:
    dt_rules: frozenset[str]  # LanguageTool's dt rules and our own (own_rules)
    dt_when_correction_is_dt: tuple[str, ...]  # shell-style patterns of rule ids
    rules: dict[str, str]
    categories: dict[str, str]
    issue_types: dict[str, str]
    severities: dict[str, Severity]
    known_gaps: tuple[KnownGap, ...]
    languagetool_version: str
    dt_kinds: dict[str, str] = field(default_factory=dict)  # LanguageTool's dt rule id -> the grammar rule that applies
    own_rules: frozenset[str] = frozenset()  # stagepipe's rules (tools/languagetool/rules): their message explains

    def categorize(
        self,
        rule_id: str,
        lt_category: str | None = None,
        issue_type: str | None = None,
        text: str = "",
        replacements: tuple[str, ...] | list[str] = (),
    ) -> str:
        """The category of one match: ``text`` is the matched text, ``replacements`` LanguageTool's suggestions."""
        if rule_id in self.dt_rules:
            return "dt"
        if any(fnmatchcase(rule_id, p) for p in self.dt_when_correction_is_dt) and any(
            is_dt_correction(text, r) for r in replacements[:3]
        ):
            return "dt"
        if rule_id in self.rules:
            return self.rules[rule_id]
        if lt_category and lt_category in self.categories:
            return self.categories[lt_category]
        if issue_type and issue_type in self.issue_types:
            return self.issue_types[issue_type]
        return "other"

    def severity(self, category: str) -> Severity:
        return self.severities.get(category, Severity.INFO)


_DT_ENDING = re.compile(r"[dt]*(?:e|en)?$")


def is_dt_correction(original: str, replacement: str) -> bool:
    """True when ``replacement`` changes nothing in ``original`` but d/t letters at word endings.

    vind -> vindt, gebeurd -> gebeurt, antwoorde -> antwoordde, Ik vindt het -> Ik vind het; not
    werkte -> werkten (a plural) nor onmiddelijk -> onmiddellijk (a spelling error).
    """
    a, b = original.casefold().split(), replacement.casefold().split()
    if len(a) != len(b) or a == b:
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        # same word once the d/t ending is taken off, and the only letters that differ are d and t
        if _DT_ENDING.sub("", x) != _DT_ENDING.sub("", y):
            return False
        if x.replace("d", "").replace("t", "") != y.replace("d", "").replace("t", ""):
            return False
    return True


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("pipeline.language").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise TypeError(f"pipeline/language/data/{name}: expected a mapping")
    return data


def _checked(mapping: dict[str, str], where: str) -> dict[str, str]:
    for key, value in mapping.items():
        if value not in CATEGORIES:
            raise ValueError(f"pipeline/language/data/{where}: {key}: unknown category {value!r}")
    return dict(mapping)


@functools.cache
def load_category_map() -> CategoryMap:
    """The mapping shipped in pipeline/language/data/ (categories.yaml, dt_rules.yaml), loaded once."""
    cats = _load_yaml("categories.yaml")
    dt = _load_yaml("dt_rules.yaml")
    severities = {}
    for category, value in (cats.get("severity") or {}).items():
        if category not in CATEGORIES:
            raise ValueError(f"pipeline/language/data/categories.yaml: severity: unknown category {category!r}")
        severities[category] = Severity(value)
    dt_kinds = {str(rule): str(kind) for rule, kind in (dt.get("rules") or {}).items()}
    own_rules = frozenset(str(rule) for rule in dt.get("own_rules") or ())
    return CategoryMap(
        dt_rules=frozenset(dt_kinds) | own_rules,
        dt_when_correction_is_dt=tuple(dt.get("dt_when_correction_is_dt") or ()),
        rules=_checked(cats.get("rules") or {}, "categories.yaml rules"),
        categories=_checked(cats.get("categories") or {}, "categories.yaml categories"),
        issue_types=_checked(cats.get("issue_types") or {}, "categories.yaml issue_types"),
        severities=severities,
        known_gaps=tuple(KnownGap(g["text"], g["correct"]) for g in dt.get("known_gaps") or ()),
        languagetool_version=str(dt.get("languagetool_version", "")),
        dt_kinds=dt_kinds,
        own_rules=own_rules,
    )
