"""JSON output: a top-level status, counts and every Finding as a dict."""

from __future__ import annotations

import json
from typing import Any

from pipeline.findings import Finding, Severity
from pipeline.output.text import summary_counts


def validation_document(findings: list[Finding], files: list[str]) -> dict[str, Any]:
    counts = summary_counts(findings)
    return {
        "files": files,
        "summary": {
            "files": len(files),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        },
        "findings": [f.to_dict() for f in findings],
        "passed": counts[Severity.ERROR] == 0,
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
