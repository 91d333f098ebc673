"""Weekly work reflections (tm-ims): every week answers the program's fixed questions, none left empty."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import WeeklyReflection
from pipeline.messages import msg
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, Part
from pipeline.report.headings import fold, strip_numbering
from pipeline.results import ReflectionSummary, WeekSummary

_END = re.compile(r"[?:.](?=\s|$)")
_WEEK = re.compile(r"^week\s*(\d{1,2})\b")
QUESTION_THRESHOLD = 0.8
_EMPTY_ANSWERS = {"", "nvt", "n v t", "geen", "geen antwoord", "tbd", "todo", "x"}


@dataclass
class Week:
    number: int
    heading: Block
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    question: int  # index into the questions
    block: Block  # where the question stands
    text: str  # the answer (may be empty)


def split_weeks(blocks: Sequence[Block]) -> list[Week]:
    weeks: list[Week] = []
    for block in blocks:
        if block.part in (Part.TITLE_PAGE, Part.TOC, Part.HEADERS_FOOTERS, Part.FOOTNOTES, Part.ENDNOTES, Part.COMMENTS,
                          Part.METADATA):
            continue
        match = _WEEK.match(fold(strip_numbering(block.text)))
        if match and len(block.text.split()) <= 10 and (block.is_heading or not block.text.rstrip().endswith(".")):
            weeks.append(Week(int(match.group(1)), block))
        elif weeks:
            weeks[-1].blocks.append(block)
    return weeks


def _question_at_start(text: str, questions: Sequence[str]) -> tuple[int, int] | None:
    """(question index, end of the question in ``text``) when ``text`` starts with one of the questions."""
    folded_questions = [fold(q) for q in questions]
    # the question ends at its question mark, colon or full stop; the answer may follow in the same paragraph
    number = re.match(r"\s*\d+[.)]\s*", text)  # "1. Wat heb ik ...?": the number's dot does not end it
    cut = _END.search(text, number.end() if number else 0)
    head = text[: cut.end()] if cut else text
    candidate = fold(strip_numbering(head))
    best, score = -1, 0.0
    for i, q in enumerate(folded_questions):
        ratio = SequenceMatcher(None, candidate, q, autojunk=False).ratio()
        if ratio > score:
            best, score = i, ratio
    if score >= QUESTION_THRESHOLD:
        return best, len(head)
    return None


def answers(week: Week, questions: Sequence[str]) -> list[Answer]:
    found: list[tuple[int, Block, list[str]]] = []
    for block in week.blocks:
        hit = _question_at_start(block.text, questions)
        if hit is not None:
            index, end = hit
            rest = block.text[end:].strip()
            found.append((index, block, [rest] if rest else []))
        elif found:
            found[-1][2].append(block.text)
    return [Answer(i, b, " ".join(parts).strip()) for i, b, parts in found]


def _is_empty(answer: str) -> bool:
    return fold(answer) in _EMPTY_ANSWERS or not re.search(r"[^\W\d_]", answer)


class ReflectionOptions(GroupOptions):
    """report.weekly_reflection: the fixed questions of every weekly reflection and when they are due."""

    weekly_reflection: WeeklyReflection | None = None


@register("sections", options=ReflectionOptions)
def check_weekly_reflections(ctx: ReportContext) -> Iterator[Finding]:
    spec = ctx.options(ReflectionOptions).weekly_reflection or WeeklyReflection()
    questions = list(spec.questions)
    if not questions:
        return
    hint = msg("reflection.hint", due=spec.due or "")
    weeks = split_weeks(ctx.document.blocks)
    answered = [{a.question: a for a in answers(week, questions)} for week in weeks]
    summaries = []
    for week, by_question in zip(weeks, answered, strict=True):
        missing = [i for i in range(len(questions)) if i not in by_question]
        empty = [a.question for a in by_question.values() if _is_empty(a.text)]
        summaries.append(WeekSummary(week.number, week.heading.index, len(by_question) - len(empty),
                                     tuple(questions[i] for i in missing), tuple(questions[i] for i in empty)))
    ctx.summaries.reflection = ReflectionSummary(len(questions), tuple(summaries))
    if not weeks:
        yield Finding(check="sections", rule="reflection-no-weeks", severity=Severity.ERROR,
                      location=Location(file=ctx.file), message=msg("reflection.no-weeks"), hint=hint)
        return
    for week, by_question in zip(weeks, answered, strict=True):
        missing = [i for i in range(len(questions)) if i not in by_question]
        empty = [a.question for a in by_question.values() if _is_empty(a.text)]
        for i in missing:
            yield Finding(check="sections", rule="reflection-missing-question", severity=Severity.ERROR,
                          message=msg("reflection.missing", week=week.number, question=questions[i]),
                          location=week.heading.location(ctx.file, 0, len(week.heading.text)), text=week.heading.text,
                          hint=hint)
        for i in empty:
            block = by_question[i].block
            yield Finding(check="sections", rule="reflection-empty-answer", severity=Severity.ERROR,
                          message=msg("reflection.empty", week=week.number, question=questions[i]),
                          location=block.location(ctx.file, 0, len(block.text)), text=block.text, hint=hint)
        # the last question asks for three words; more than a short phrase is a remark, not an error
        last = by_question.get(len(questions) - 1)
        if last is not None and "3 woorden" in questions[-1] and not _is_empty(last.text):
            count = len(re.findall(r"[^\W\d_]+", last.text))
            if count > 5:
                yield Finding(check="sections", rule="reflection-three-words", severity=Severity.INFO,
                              message=msg("reflection.three-words", week=week.number, count=count),
                              location=last.block.location(ctx.file), text=last.text)
