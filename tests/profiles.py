"""Typed records for tests that write programs, institutions and cases as plain data.

``case(...)`` takes only the parts a test is about (say a placement and a mentor) and fills the rest of a valid
case with placeholders no test text contains, so the typed record can be built.
"""

from __future__ import annotations

import copy
from typing import Any

from pipeline.load.merge import deep_merge
from pipeline.load.models import Institution, Program
from pipeline.load.project import Case
from pipeline.report.checks.base import ReportContext
from pipeline.report.document import Document

# every field a case must have, with values that never occur in a test's report text
CASE_PLACEHOLDERS: dict[str, Any] = {
    "id": "test-case",
    "program": "test-program",
    "institution": "test-institution",
    "student": {"id": "q0000000", "first_name": "Qxq", "last_name": "Zqzqz", "email": "qxq.zqzqz@example.invalid"},
    "placement": {"name": "Qqplaats", "address": {"street": "Qqstraat 1", "postal_code": "0000", "city": "Qqdorp"},
                  "representative": {"name": "Qqq Vertegenwoordiger"}},
    "mentors": [{"name": "Qqq Mentorzq", "email": "mentor@example.invalid"}],
    "supervisor": {"name": "Qqq Begeleiderzq"},
    "period": {"start": "2025-01-06", "end": "2025-01-10"},
}


def case(**fields: Any) -> Case:
    """A case with these top-level fields (mappings merged into the placeholders, lists and values replaced)."""
    data = deep_merge(copy.deepcopy(CASE_PLACEHOLDERS), fields)
    return Case(source=None, program=None, institution=None, data=data)  # type: ignore[arg-type]


def program(data: dict[str, Any] | Program | None) -> Program | None:
    return data if data is None or isinstance(data, Program) else Program.model_validate(data)


def institution(data: dict[str, Any] | Institution | None) -> Institution | None:
    return data if data is None or isinstance(data, Institution) else Institution.model_validate(data)


def report_context(document: Document, program_data: dict[str, Any] | Program | None = None,
                   institution_data: dict[str, Any] | Institution | None = None, **kwargs: Any) -> ReportContext:
    """The context a check sees, for a program and institution given as data (or None)."""
    typed = program(program_data)
    ctx = ReportContext(document=document, program=typed, institution=institution(institution_data), **kwargs)
    if typed is not None:
        ctx.report = typed.report
    return ctx
