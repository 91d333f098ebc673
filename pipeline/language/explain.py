"""Which dt rule applies: the hint of a dt finding, so a student reads the grammar rule and not only a correction.

Our own rules (``CategoryMap.own_rules``, tools/languagetool/rules) name the rule in their message. LanguageTool's
dt rules get the grammar rule their id stands for (pipeline/language/data/dt_rules.yaml, ``rules:``); a match of a
rule that corrects d/t only now and then (``dt_when_correction_is_dt``: the phrase list, the speller) gets the
rule its correction shows: vind -> vindt is stam + t, gebeurd -> gebeurt a finite verb, behandelt -> behandeld a
participle, vindt -> vind the stem, verwachte -> verwachtte the past tense.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.language.categories import CategoryMap, is_dt_correction
from pipeline.messages import Message, msg

# the grammar rules, by the key dt_rules.yaml uses
WHY: dict[str, Message] = {
    "pv-3ev": msg("dt.why.pv-3ev"),
    "ik-stam": msg("dt.why.ik-stam"),
    "inversie-jij": msg("dt.why.inversie-jij"),
    "vtd": msg("dt.why.vtd"),
    "pv-geen-vtd": msg("dt.why.pv-geen-vtd"),
    "bijv-deelwoord": msg("dt.why.bijv-deelwoord"),
    "verleden": msg("dt.why.verleden"),
    "sterk-verleden": msg("dt.why.sterk-verleden"),
    "stam": msg("dt.why.stam"),
    "willen": msg("dt.why.willen"),
    "hebben": msg("dt.why.hebben"),
    "te-infinitief": msg("dt.why.te-infinitief"),
    "dt": msg("dt.why.dt"),
}
_WORD = re.compile(r"[\w'’-]+")


def kind_from_correction(text: str, replacement: str) -> str:
    """The grammar rule a d/t correction shows, from the first word it changes."""
    old, new = _WORD.findall(text.casefold()), _WORD.findall(replacement.casefold())
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a == b:
            continue
        if i > 0 and old[i - 1] == "te":
            return "te-infinitief"  # te duidden -> te duiden
        if b == a + "t":
            return "pv-3ev"  # vind -> vindt
        if a == b + "t":  # vindt -> vind: the stem, with ik or before je/jij
            return "inversie-jij" if {"je", "jij"} & set(old[i + 1 : i + 2]) else "ik-stam"
        if a[:-1] == b[:-1] and (a[-1:], b[-1:]) == ("d", "t"):
            return "pv-geen-vtd"  # gebeurd -> gebeurt
        if a[:-1] == b[:-1] and (a[-1:], b[-1:]) == ("t", "d"):
            return "vtd"  # behandelt -> behandeld
        if re.fullmatch(r"(.*)([dt])e", a) and b == a[:-1] + a[-2:]:
            return "verleden"  # verwachte -> verwachtte, antwoorde -> antwoordde
        return "dt"
    return "dt"


def dt_kind(categories: CategoryMap, rule_id: str, text: str, replacements: Sequence[str]) -> str | None:
    """The grammar rule behind a dt finding; None for our own rules, whose message already says it."""
    if rule_id in categories.own_rules:
        return None
    kind = categories.dt_kinds.get(rule_id)
    if kind is None:  # the phrase list or the speller: the correction that made it a dt finding shows the rule
        dt_like = [r for r in replacements if is_dt_correction(text, r)]
        kind = kind_from_correction(text, dt_like[0]) if dt_like else "dt"
    return kind


def dt_hint(categories: CategoryMap, rule_id: str, text: str, replacements: Sequence[str]) -> Message | None:
    """The hint of a dt finding: the rule that applies, then the corrections; None for our own rules."""
    kind = dt_kind(categories, rule_id, text, replacements)
    if kind is None:
        return None
    why = WHY.get(kind, WHY["dt"])
    if not replacements:
        return why
    return msg("language.dt-hint", why=why, suggestions=" | ".join(replacements))
