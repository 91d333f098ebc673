"""Who the title page (and a header or footer) names: the student, the institution's staff, or the placement's people.

A label at the start of a line or after a separator says whose name follows ('Student: Lotte Vermeulen', 'Ingediend
door', 'Promotor: prof. dr. Hilde Wauters', 'Mentor: Pieter Claeys'); a label alone on a line applies to the next
line. Without a label, a name next to a student number (r0812345, s1234567, 8 or 9 digits, on the same line or the
line before or after it) or a name alone on its line is the student's. Labels are data: data/title_page.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from pipeline.report import names
from pipeline.report.document import Block

ROLES = ("student", "school", "placement", "student_number")
_STUDENT_NUMBER = re.compile(r"(?<![\w.-])(?:[rsuRSU]\d{7}|\d{8,9})(?![\w.-])")
_SEPARATOR = r"(?:^|[|;,–—•·(\[/]|\s-\s|\t|\s{2,})"


@dataclass(frozen=True)
class TitlePerson:
    """A name the title page gives a role: 'student' (the author) or 'school' (the institution's staff)."""

    name: str
    role: str
    block: int  # index of the block it was read from


@cache
def labels() -> dict[str, tuple[str, ...]]:
    """role -> labels, from data/title_page.yaml."""
    text = resources.files("pipeline.report").joinpath("data", "title_page.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {role: tuple(str(v) for v in data.get(role) or ()) for role in ROLES}


@cache
def _label_pattern() -> re.Pattern[str]:
    by_label = {names.fold(label).casefold(): role for role, items in labels().items() for label in items}
    alternatives = "|".join(re.escape(label).replace(r"\ ", r"\s+")
                            for label in sorted(by_label, key=len, reverse=True))
    return re.compile(rf"{_SEPARATOR}\s*(?P<label>{alternatives})(?:\s*:|\s+(?=\S)|\s*$)", re.IGNORECASE)


def _role_of(label: str) -> str:
    folded = " ".join(names.fold(label).casefold().split())
    for role, items in labels().items():
        if folded in {" ".join(names.fold(i).casefold().split()) for i in items}:
            return role
    return "student"


def line_labels(text: str) -> list[tuple[int, str]]:
    """(end of the label, role) for every label on a line, in order."""
    return [(m.end(), _role_of(m.group("label"))) for m in _label_pattern().finditer(names.fold(text))]


def _label_only(text: str) -> str | None:
    """The role of a line that is only a label ('Promotor:', 'Student'), else None."""
    found = line_labels(text)
    if len(found) == 1 and not text[found[0][0]:].strip(" :\t"):
        return found[0][1]
    return None


def has_student_number(text: str) -> bool:
    return _STUDENT_NUMBER.search(text) is not None or any(role == "student_number" for _, role in line_labels(text))


def _alone(text: str, start: int, end: int) -> bool:
    """Whether the name is all there is on its line, besides titles, punctuation and a student number."""
    rest = _STUDENT_NUMBER.sub("", text[:start] + " " + text[end:])
    rest = re.sub(r"[\s()\[\],.:;|–—-]+", "", rest)
    return not rest


def find(blocks: Sequence[Block], person_hits: Callable[[Block], Sequence[tuple[int, int, str]]]) -> list[TitlePerson]:
    """The student's and the institution's people among ``person_hits`` (start, end, text) of the title-page and
    header/footer ``blocks`` (given in reading order; only these). A name after a placement label is none of them.
    A name alone on its line is the student's only when no label or number names the student and no placement label
    came before it ('Stageplaats: ...' then 'Pieter Claeys' is the mentor)."""
    labelled: list[TitlePerson] = []
    alone: list[TitlePerson] = []
    placement_seen = False
    for i, block in enumerate(blocks):
        text = block.text
        before = blocks[i - 1] if i > 0 and blocks[i - 1].part is block.part else None
        after = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1].part is block.part else None
        carried = _label_only(before.text) if before is not None else None
        numbered = has_student_number(text) or any(b is not None and has_student_number(b.text) and
                                                   not person_hits(b) for b in (before, after))
        found = line_labels(text)
        for start, end, hit in person_hits(block):
            roles = [role for label_end, role in found if label_end <= start and role != "student_number"]
            role = roles[-1] if roles else carried
            name = names.strip_titles(hit)[1].strip(" ,.;:'’")
            if len(name) < 2 or not any(c.isupper() for c in name):
                continue
            if role in ("student", "school"):
                labelled.append(TitlePerson(name, role, block.index))
            elif role is None and numbered:
                labelled.append(TitlePerson(name, "student", block.index))
            elif role is None and not placement_seen and _alone(text, start, end):
                alone.append(TitlePerson(name, "student", block.index))
        placement_seen = placement_seen or carried == "placement" or any(role == "placement" for _, role in found)
    students = any(p.role == "student" for p in labelled)
    return sorted([*labelled, *(() if students else alone)], key=lambda p: p.block)
