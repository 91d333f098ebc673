"""Plain-text findings: `path:line:col: severity [rule] message`, easy to grep and to click in editors."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

from pipeline.findings import Finding, Severity
from pipeline.messages import t

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_LABEL = {
    "nl": {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def _place(finding: Finding, base: str | None) -> str:
    loc = finding.location
    path = loc.file or "-"
    if base and loc.file:
        relative = os.path.relpath(loc.file, base)
        if not relative.startswith(".."):  # shorter only for files below the working folder
            path = relative
    parts = [path]
    if loc.line is not None:
        parts.append(str(loc.line))
        if loc.column is not None:
            parts.append(str(loc.column))
    elif loc.page is not None:
        parts.append(f"p{loc.page}")
    return ":".join(parts)


def format_line(finding: Finding, *, lang: str = "nl", colour: bool = False, base: str | None = None) -> str:
    label = _LABEL.get(lang, _LABEL["nl"])[finding.severity]
    if colour:
        label = f"{_COLOURS[finding.severity]}{label}{_RESET}"
    line = f"{_place(finding, base)}: {label} [{finding.rule}] {finding.message}"
    if finding.location.pointer and finding.location.pointer != "/":
        line += f"  ({finding.location.pointer})"
    return line


def summary_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def format_validation(findings: list[Finding], files: int, *, lang: str = "nl", colour: bool = False,
                      base: str | None = None) -> str:
    lines = [format_line(f, lang=lang, colour=colour, base=base) for f in findings]
    counts = summary_counts(findings)
    summary = t("summary.validate", lang, files=files, errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING], infos=counts[Severity.INFO])
    if not counts[Severity.ERROR] and not counts[Severity.WARNING]:
        summary += " — " + t("summary.ok", lang)
    lines.append(summary)
    return "\n".join(lines)
