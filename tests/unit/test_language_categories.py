"""Category mapping of LanguageTool matches (pipeline/language/categories.py and its data files)."""

from __future__ import annotations

import re

import pytest

from pipeline.findings import Severity
from pipeline.language.categories import CATEGORIES, is_dt_correction, load_category_map


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        ("vind", "vindt", True),
        ("Hij vind", "Hij vindt", True),
        ("Ik vindt het", "Ik vind het", True),
        ("gebeurd", "gebeurt", True),
        ("is gisteren gebeurt", "is gisteren gebeurd", True),
        ("antwoorde", "antwoordde", True),
        ("verwachte", "verwachtte", True),
        ("geleert", "geleerd", True),
        ("werkte", "werkten", False),  # a plural, not a d/t ending
        ("stagiair leid", "stagiair leiden", False),
        ("onmiddelijk", "onmiddellijk", False),
        ("vind", "vind", False),
        ("Hij vind", "Vindt hij", False),
        ("kat", "kaart", False),
    ],
)
def test_is_dt_correction(original: str, replacement: str, expected: bool) -> None:
    assert is_dt_correction(original, replacement) is expected


def test_dt_rule_ids_are_dt() -> None:
    cmap = load_category_map()
    assert cmap.categorize("DT_CORRECTIES", "GRAMMAR", "uncategorized", "beoordeeld", ["beoordeelt"]) == "dt"
    assert cmap.categorize("JIJ_LOOP", "VORMFOUTEN", "uncategorized", "Hij word", ["Hij wordt"]) == "dt"


def test_mixed_rules_are_dt_only_for_a_dt_correction() -> None:
    cmap = load_category_map()
    hij_vind = cmap.categorize("NL_SIMPLE_REPLACE_HIJ_VIND", "VERGISSINGEN", "misspelling", "Hij vind", ["Hij vindt"])
    assert hij_vind == "dt"
    other = cmap.categorize("NL_SIMPLE_REPLACE_BIJ_VOORBEELD", "VERGISSINGEN", "misspelling", "bij voorbeeld",
                            ["bijvoorbeeld"])  # fmt: skip
    assert other == "spelling"
    assert cmap.categorize("MORFOLOGIK_RULE_NL_NL", "TYPOS", "misspelling", "antwoorde",
                           ["antwoord", "antwoordde"]) == "dt"  # fmt: skip
    assert cmap.categorize("MORFOLOGIK_RULE_NL_NL", "TYPOS", "misspelling", "onmiddelijk",
                           ["onmiddellijk"]) == "spelling"  # fmt: skip


def test_categories_fall_back_to_issue_type_then_other() -> None:
    cmap = load_category_map()
    assert cmap.categorize("SOME_NEW_RULE", "CLICHES", "style") == "style"
    assert cmap.categorize("SOME_NEW_RULE", "UNKNOWN_CATEGORY", "grammar") == "grammar"
    assert cmap.categorize("SOME_NEW_RULE", "UNKNOWN_CATEGORY", "misspelling") == "spelling"
    assert cmap.categorize("SOME_NEW_RULE", None, None) == "other"
    assert cmap.categorize("EN_A_VS_AN", "MISC", "grammar") == "grammar"  # English rules map too


def test_without_a_program_no_language_finding_is_an_error() -> None:
    cmap = load_category_map()
    assert cmap.severity("dt") is Severity.WARNING
    assert cmap.severity("spelling") is Severity.WARNING
    assert cmap.severity("grammar") is Severity.WARNING
    assert cmap.severity("style") is Severity.INFO
    assert cmap.severity("other") is Severity.INFO
    assert Severity.ERROR not in {cmap.severity(c) for c in CATEGORIES}


def test_conditional_comma_advice_and_currency_spacing_are_style() -> None:
    cmap = load_category_map()
    for rule in ("KOMMA_MAAR", "KOMMA_ONTBR", "MUNTEENHEID_SPATIE"):
        assert cmap.categorize(rule, "PUNCTUATION", "grammar") == "style"


def test_data_files_are_consistent() -> None:
    cmap = load_category_map()
    assert cmap.languagetool_version == "6.8"
    assert len(cmap.dt_rules) >= 40
    assert all(re.fullmatch(r"[A-Z0-9_]+", rule) for rule in cmap.dt_rules)
    assert all(re.fullmatch(r"[A-Z0-9_*?]+", p) for p in cmap.dt_when_correction_is_dt)
    assert set(cmap.severities) == set(CATEGORIES)
    assert cmap.known_gaps and all(g.text != g.correct for g in cmap.known_gaps)


def test_pinned_version_matches_the_pom() -> None:
    from pipeline.paths import PROJECT_ROOT

    pom = (PROJECT_ROOT / "tools" / "languagetool" / "pom.xml").read_text(encoding="utf-8")
    match = re.search(r"<languagetool.version>([^<]+)</languagetool.version>", pom)
    assert match is not None
    # dt_rules.yaml was written for this LanguageTool version: re-check it when the pom changes.
    assert load_category_map().languagetool_version == match.group(1)
