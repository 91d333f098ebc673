"""Formatters: each reads a result (pipeline.results) and returns text; none computes anything itself.

`--format NAME` on every command picks one of ``FORMATTERS``; adding a format means one module and one entry here.
Each formatter module is imported only when its format is asked for (the HTML one loads Jinja).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.output.common import FormatOptions

__all__ = ["CHECK_FORMATS", "FORMATS", "FORMATTERS", "FormatOptions", "Formatter", "format_result"]

FORMATS = ("text", "json", "html", "junit")

Formatter = Callable[[Any, FormatOptions], str]


def _text(result: Any, options: FormatOptions) -> str:
    from pipeline.output.text import format_text

    return format_text(result, options)


def _json(result: Any, options: FormatOptions) -> str:
    from pipeline.output.json_format import format_json

    return format_json(result, options)


def _html(result: Any, options: FormatOptions) -> str:
    from pipeline.output.html import format_html

    return format_html(result, options)


def _junit(result: Any, options: FormatOptions) -> str:
    from pipeline.output.junit import format_junit

    return format_junit(result, options)


def _csv(result: Any, options: FormatOptions) -> str:
    from pipeline.output.cohort import format_cohort_csv
    from pipeline.results import CohortResult

    if not isinstance(result, CohortResult):
        raise TypeError(f"no CSV for {type(result).__name__}")
    return format_cohort_csv(result, options)


FORMATTERS: dict[str, Formatter] = {"text": _text, "json": _json, "html": _html, "junit": _junit, "csv": _csv}
CHECK_FORMATS = (*FORMATS, "csv")  # `check` of a cohort also writes its overview as CSV


def format_result(result: Any, fmt: str, options: FormatOptions) -> str:
    return FORMATTERS[fmt](result, options)
