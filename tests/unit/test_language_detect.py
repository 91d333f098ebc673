"""Each paragraph in its own language (Lingua): checked in it when the program allows it, else skipped and said once;
a report in the wrong language for its program is a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.findings import Finding
from pipeline.language.detect import detect, detect_all, main_language
from pipeline.load.models import ReportRules
from pipeline.report.checks.base import ReportContext
from pipeline.report.checks.language import LanguageOptions, check_language, plan_languages
from pipeline.report.document import Block, BlockKind, Document, renumber

NL = "Tijdens mijn stage leerde ik hoe een klein team de bestellingen van klanten elke dag opvolgt."
EN = "During my internship I learned how a small team follows up the orders of its customers every day."
FR = "Pendant mon stage, j'ai appris comment une petite équipe suit chaque jour les commandes de ses clients."
DE = "Während meines Praktikums habe ich gelernt, wie ein kleines Team die Bestellungen seiner Kunden verfolgt."


def test_detect_tells_the_four_languages_apart_and_leaves_short_text_undecided() -> None:
    assert [detect(t) for t in (NL, EN, FR, DE)] == ["nl", "en", "fr", "de"]
    assert detect("Conclusie") is None and detect("Bereikt, op één deadline na") is None
    assert detect_all([NL, "Week 3", EN]) == ["nl", None, "en"]
    assert main_language([NL, EN, EN], ["nl", "en", "en"]) == "en"


def blocks(*texts: str) -> list[Block]:
    return renumber([Block(0, BlockKind.PARAGRAPH, t) for t in texts])


def test_plan_checks_each_part_in_an_allowed_language_and_skips_the_rest() -> None:
    both = LanguageOptions(language="nl-BE", languages=("nl-BE", "en-US"))
    plan = plan_languages(blocks(NL, EN, "Kort.", DE, NL), both, "nl-BE")  # a short block: the report's language
    assert {code: [b.index for b in bs] for code, bs in plan.checked.items()} == {"nl-BE": [0, 2, 4], "en-US": [1]}
    assert {lang: [b.index for b in bs] for lang, bs in plan.not_checked.items()} == {"de": [3]}
    dutch_only = plan_languages(blocks(NL, EN), LanguageOptions(language="nl-BE"), "nl-BE")
    assert list(dutch_only.checked) == ["nl-BE"] and list(dutch_only.not_checked) == ["en"]


def test_without_a_program_every_part_in_its_own_language() -> None:
    plan = plan_languages(blocks(NL, EN, FR), LanguageOptions(), "nl-BE")
    assert sorted(plan.checked) == ["en-US", "fr", "nl-BE"]


@dataclass
class Checker:
    language: str
    sent: list[str] = field(default_factory=list)
    deadline: float | None = None

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def check_paragraphs(self, paragraphs: list[Any]) -> list[Finding]:
        self.sent += [p.text for p in paragraphs]
        return []

    def known_words(self, words: Any, language: str) -> set[str]:
        return set()


def run(texts: tuple[str, ...], report: ReportRules) -> tuple[list[Finding], dict[str, Checker]]:
    opened: dict[str, Checker] = {}

    def factory(language: str | None = None) -> Checker:
        code = language or report.language or "nl-BE"
        return opened.setdefault(code, Checker(code))

    document = Document(path="v.docx", format="docx",
                        blocks=renumber([Block(0, BlockKind.HEADING, "Inleiding"),
                                         *(Block(0, BlockKind.PARAGRAPH, t) for t in texts)]))
    ctx = ReportContext(document=document, report=report, language_checker=factory)
    return list(check_language(ctx)), opened


def test_an_english_abstract_in_a_dutch_report_is_skipped_and_said_once() -> None:
    findings, opened = run((EN, NL, NL, NL), ReportRules(language="nl-BE"))
    assert list(opened) == ["nl-BE"] and EN not in opened["nl-BE"].sent
    [note] = findings
    assert note.rule == "not-checked-language" and note.message.values["paragraphs"] == 1


def test_an_english_report_for_a_program_that_allows_english_is_checked_in_english() -> None:
    findings, opened = run((EN, EN, EN, NL), ReportRules(language="nl-BE", languages=("nl-BE", "en-US")))
    # the heading is too short to tell: it takes the report's language, English
    assert opened["en-US"].sent == ["Inleiding", EN, EN, EN] and opened["nl-BE"].sent == [NL]
    assert findings == []


def test_a_report_in_the_wrong_language_is_a_finding() -> None:
    findings, opened = run((EN, EN, EN), ReportRules(language="nl-BE"))
    assert [f.rule for f in findings] == ["wrong-language"] and findings[0].severity.value == "error"
    assert "nl-BE" not in opened  # nothing to check: even the short heading takes the report's language
