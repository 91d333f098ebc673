"""Belgian enterprise numbers (KBO/BCE) carry mod-97 check digits; a typo is caught before it is printed."""

from __future__ import annotations

import re

from pipeline.findings import Finding, Severity
from pipeline.load.project import Case
from pipeline.messages import msg

_BE = re.compile(r"^[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}$")


def is_valid_be_enterprise_number(value: str) -> bool:
    digits = value.replace(".", "")
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def enterprise_number_findings(case: Case) -> list[Finding]:
    out = []
    for pointer in ("/placement/enterprise_number", "/second_placement/placement/enterprise_number"):
        value = case.get(pointer)
        if isinstance(value, str) and _BE.match(value) and not is_valid_be_enterprise_number(value):
            out.append(Finding(check="rules", rule="enterprise-number", severity=Severity.ERROR,
                               message=msg("rule.enterprise-number", value=value), location=case.locate(pointer),
                               text=value))
    return out
