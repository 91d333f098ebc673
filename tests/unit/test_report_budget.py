"""A check's total time budget: past it the check returns what it has, and a finding says which part was cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.report import budget as budget_module
from pipeline.report.budget import Budget
from pipeline.report.document import Block, BlockKind, Document, renumber
from pipeline.report.runner import run_checks


def document(paragraphs: int = 600) -> Document:
    blocks = [Block(0, BlockKind.HEADING, "Inleiding", level=1)]
    blocks += [Block(0, BlockKind.PARAGRAPH, f"Alinea {n} over de werking van het magazijn in Gent.")
               for n in range(paragraphs)]
    return Document(path="v.docx", format="docx", blocks=renumber(blocks))


def test_past_the_budget_no_group_starts_and_each_is_named() -> None:
    spent = Budget(seconds=1.0, started=0.0)  # long over
    result = run_checks(document(3), groups=("sections", "length", "format"), budget=spent)
    cut = [f for f in result.findings if f.check == "budget"]
    assert sorted(f.message.values["part"] for f in cut) == ["format", "length", "sections"]
    assert all(f.rule == "time-budget" and f.severity.value == "warning" for f in cut)


def test_anonymity_stops_where_the_time_ran_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.report import deid
    from pipeline.report.checks import anonymity

    monkeypatch.setattr(deid, "model", lambda: None)
    monkeypatch.setattr(anonymity, "deduce_hits", lambda text, people=(): ([], 0))
    calls = {"n": 0}

    def over(self: Budget) -> bool:
        calls["n"] += 1
        return calls["n"] > 3  # the group starts, then time runs out after two looks inside its loop

    monkeypatch.setattr(Budget, "over", over)
    result = run_checks(document(600), groups=("anonymity",), budget=Budget(seconds=120))
    [cut] = [f for f in result.findings if f.check == "budget"]
    assert cut.message.id == "budget.cut.partly"
    assert cut.message.values["part"] == "anonymity" and cut.message.values["done"] == 400
    assert cut.message.values["total"] == 601


def test_the_budget_bounds_the_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.report.readers as readers

    seen = {}

    def limited(fn, kind, path, *, seconds, memory):  # type: ignore[no-untyped-def]
        seen["seconds"] = seconds
        return fn(kind, path)

    monkeypatch.setattr(readers, "run_limited", limited)
    report = tmp_path / "v.md"
    report.write_text("# Inleiding\n\nTekst.\n", encoding="utf-8")
    readers.read_report(report, seconds=7.5)
    assert seen["seconds"] == 7.5


def test_default_budget_is_two_minutes() -> None:
    assert budget_module.DEFAULT_SECONDS == 120.0
