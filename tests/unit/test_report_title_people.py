"""Who the title page names (pipeline/report/title_people.py): the student, the institution's staff, or the
placement's people. Each case is a title page as lines, with the names a detector found on them."""

from __future__ import annotations

import re

import pytest

from pipeline.report import title_people
from pipeline.report.document import Block, BlockKind, Part

NAME = re.compile(r"(?:(?:prof\.|dr\.|dokter)\s+)*(?-i:[A-Z])[a-zé]+(?:\s+(?:Van|De|El|van|de)?\s*(?-i:[A-Z])[a-zé]+)+")
NOT_NAMES = {"Stageverslag", "Faculteit Diergeneeskunde", "Academiejaar", "Toegepaste Informatica"}


def people(*lines: str, part: Part = Part.TITLE_PAGE) -> list[tuple[str, str]]:
    blocks = [Block(i, BlockKind.PARAGRAPH, line, page=1, part=part) for i, line in enumerate(lines)]

    def hits(block: Block) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in NAME.finditer(block.text) if m.group() not in NOT_NAMES
                and not m.group().startswith(("Stage", "Student", "Promotor", "Mentor", "Naam", "Auteur"))]

    return [(p.role, p.name) for p in title_people.find(blocks, hits)]


@pytest.mark.parametrize("lines, expected", [
    (["Stageverslag", "Student: Lotte Vermeulen", "Academiejaar 2024-2025"], [("student", "Lotte Vermeulen")]),
    (["Stageverslag", "Ingediend door Noor Van Hecke"], [("student", "Noor Van Hecke")]),
    (["Stageverslag", "Voorgelegd door: Arne Lambrecht"], [("student", "Arne Lambrecht")]),
    (["Stagiair: Lise Vanhoutte"], [("student", "Lise Vanhoutte")]),
    (["Auteur: Ruben Callewaert (s0213456)"], [("student", "Ruben Callewaert")]),
    # a student number on the line, the line before or the line after
    (["Jonas Peeters r0812345"], [("student", "Jonas Peeters")]),
    (["Stageverslag", "Amber Declercq", "Studentennummer 02208811"], [("student", "Amber Declercq")]),
    (["r0876543", "Febe Jacobs"], [("student", "Febe Jacobs")]),
    # a name alone on its line is the author's
    (["Stageportfolio", "Wout Martens", "Educatieve bachelor"], [("student", "Wout Martens")]),
    # a label alone on the line before
    (["Student", "Hanne Wouters"], [("student", "Hanne Wouters")]),
])
def test_the_students_own_name(lines: list[str], expected: list[tuple[str, str]]) -> None:
    assert people(*lines) == expected


def test_promotor_and_stagebegeleider_are_the_institutions_staff() -> None:
    assert people("Student: Hanne Wouters", "Promotor: prof. dr. Hilde Wauters", "Stagebegeleider: Els Dewulf") == [
        ("student", "Hanne Wouters"), ("school", "Hilde Wauters"), ("school", "Els Dewulf")]


@pytest.mark.parametrize("line", ["Mentor: dr. Pieter Claeys", "Stagementor: Jeroen Van Brugge",
                                  "Co-promotor: Tine Verbeke", "Externe promotor: Tine Verbeke",
                                  "Begeleider: Tine Verbeke", "Stageplaats: Dierenkliniek Lier"])
def test_the_placements_people_get_no_role_also_on_the_title_page(line: str) -> None:
    assert people("Student: Hanne Wouters", line) == [("student", "Hanne Wouters")]


def test_a_label_alone_on_the_line_before_a_mentor_keeps_the_mentor_a_leak() -> None:
    assert people("Stagementor", "Pieter Claeys") == []


def test_two_labels_on_one_line_each_name_their_own() -> None:
    assert people("Student: Lotte Vermeulen | Mentor: Pieter Claeys") == [("student", "Lotte Vermeulen")]


def test_a_name_in_a_sentence_on_the_title_page_gets_no_role() -> None:
    assert people("Een verslag over de stage bij Pieter Claeys in Gent") == []


def test_footer_with_the_students_name_and_number() -> None:
    assert people("Lotte Vermeulen - 02104567", part=Part.HEADERS_FOOTERS) == [("student", "Lotte Vermeulen")]


def test_student_numbers() -> None:
    for text in ("r0812345", "s1234567", "02104567", "123456789", "Rolnummer: 0561234"):
        assert title_people.has_student_number(text), text
    for text in ("2024-2025", "09 362 45 18", "1234567890", "0460.763.955"):
        assert not title_people.has_student_number(text), text


def test_a_name_alone_after_a_placement_label_is_no_student() -> None:
    assert people("Stageverslag", "Stageplaats: Dierenkliniek Lier", "Pieter Claeys") == []


def test_a_name_alone_is_no_student_when_a_label_names_the_student() -> None:
    assert people("Student: Lotte Vermeulen", "Pieter Claeys") == [("student", "Lotte Vermeulen")]


def test_two_authors_alone_on_their_lines() -> None:
    assert people("Stageverslag", "Lotte Vermeulen", "Jonas Peeters") == [("student", "Lotte Vermeulen"),
                                                                          ("student", "Jonas Peeters")]
