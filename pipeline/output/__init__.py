"""Formatters: each reads Findings (and a few counts) and returns text; none computes anything itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pipeline.report.runner import ReportResult


class ReportFormatter(Protocol):
    def __call__(self, result: ReportResult, *, lang: str = "nl", colour: bool = False) -> str: ...


# Each formatter module is imported only when its format is asked for (the HTML one loads Jinja).

def _text(result: ReportResult, *, lang: str = "nl", colour: bool = False) -> str:
    from pipeline.output.report_text import format_report

    return format_report(result, lang=lang, colour=colour)


def _json(result: ReportResult, *, lang: str = "nl", colour: bool = False) -> str:
    from pipeline.output.report_json import dumps_report

    return dumps_report(result)


def _html(result: ReportResult, *, lang: str = "nl", colour: bool = False) -> str:
    from pipeline.output.report_html import render_html

    return render_html(result, lang=lang)


def _junit(result: ReportResult, *, lang: str = "nl", colour: bool = False) -> str:
    from pipeline.output.junit import render_junit

    return render_junit(result, lang=lang)


# `stagepipe check --format NAME` → formatter; adding a format means one module and one entry here
REPORT_FORMATTERS: dict[str, ReportFormatter] = {"text": _text, "json": _json, "html": _html, "junit": _junit}
