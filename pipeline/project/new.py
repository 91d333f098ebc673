"""`stagepipe new case`: a case file with every field its program needs, commented from the schemas, the fields
still to fill marked (validate reports them until they are filled)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.load.project import load_project
from pipeline.messages import Message, msg
from pipeline.project.casefile import case_yaml
from pipeline.project.fields import case_fields

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
COHORT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class ProjectError(Exception):
    """The command cannot do what was asked (exit 2); ``text`` says why."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.id)
        self.text = text


@dataclass(frozen=True)
class NewCase:
    path: Path
    to_fill: int


def academic_year(today: dt.date) -> str:
    """'2025-2026' from September on, else the year that started the September before."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"


def new_case(inputs: Path, program_id: str, *, cohort: str | None = None, case_id: str | None = None,
             lang: str = "nl", today: dt.date | None = None) -> NewCase:
    """Write inputs/cases/<cohort>/<id>.yaml for ``program_id``; raises ProjectError (never overwrites a file)."""
    programs = load_project([inputs / "programs"]).programs if (inputs / "programs").is_dir() else {}
    source = programs.get(program_id)
    if source is None:
        raise ProjectError(msg("new.unknown-program", id=program_id, known=", ".join(sorted(programs)) or "—",
                               folder=inputs / "programs"))
    program = source.data
    cohort = cohort or str(program.get("academic_year") or academic_year(today or dt.date.today()))
    if not COHORT.match(cohort):
        raise ProjectError(msg("new.bad-cohort", cohort=cohort))
    folder = inputs / "cases" / cohort
    if case_id is None:
        number = 1
        while (folder / f"{program_id}-{number:03d}.yaml").exists():
            number += 1
        case_id = f"{program_id}-{number:03d}"
    if not ID.match(case_id):
        raise ProjectError(msg("new.bad-id", id=case_id))
    path = folder / f"{case_id}.yaml"
    if path.exists():
        raise ProjectError(msg("new.exists", path=path))
    institutions = load_project([inputs / "institutions"]).institutions if (inputs / "institutions").is_dir() else {}
    institution = institutions.get(str(program.get("institution")))
    fields = case_fields(program, institution.data if institution else None)
    text, pending = case_yaml({"id": case_id, "program": program_id}, fields, {}, program, lang)
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:  # "x": never over a file that appeared meanwhile
        fh.write(text)
    return NewCase(path, pending)
