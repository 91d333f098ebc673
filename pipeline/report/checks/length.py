"""Pages, words and characters against the program's limits, counted over exactly the parts that count."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import LengthRule, Range
from pipeline.messages import Message, joined, msg
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import NEVER_COUNTED, Block, Part
from pipeline.results import LengthSummary, part_name

DEFAULT_PARTS = ("body", "tables")
_WORD = re.compile(r"\S*[^\W_]\S*")  # a run of non-space characters with at least one letter or digit


class LengthOptions(GroupOptions):
    """report.pages and report.length: page limits; word or character limits and which parts count."""

    pages: Range | None = None
    length: LengthRule | None = None


@dataclass(frozen=True)
class Counts:
    words: int
    characters: int
    characters_no_spaces: int

    def get(self, unit: str) -> int:
        return int(getattr(self, unit))


def count_text(blocks: Iterable[Block]) -> Counts:
    """Words as Word counts them (runs between spaces that hold a letter or digit); characters per block."""
    words = characters = no_spaces = 0
    for block in blocks:
        text = block.text
        words += len(_WORD.findall(text))
        characters += len(text)
        no_spaces += sum(1 for ch in text if not ch.isspace())
    return Counts(words, characters, no_spaces)


def counted_parts(options: LengthOptions) -> list[str]:
    """The profile's ``length.include`` (comments and document properties never count: they are no text of the
    report, only checked for anonymity)."""
    include = options.length.include if options.length is not None else None
    return [p for p in (include or DEFAULT_PARTS) if p not in NEVER_COUNTED]


UNIT_NAMES = {"words": msg("length.unit.words"), "characters": msg("length.unit.characters"),
              "characters_no_spaces": msg("length.unit.characters_no_spaces")}


def _limits(low: Any, high: Any) -> Message:
    if low is not None and high is not None:
        return msg("length.limits.range", min=low, max=high)
    return msg("length.limits.min", min=low) if low is not None else msg("length.limits.max", max=high)


def _page_findings(ctx: ReportContext, pages: Range) -> Iterator[Finding]:
    low, high = pages.min, pages.max
    if low is None and high is None:
        return
    document = ctx.document
    where = Location(file=ctx.file)
    if document.pages is None:
        yield Finding(check="length", rule="pages-unknown", severity=Severity.INFO, location=where,
                      message=msg("length.pages.unknown", format=document.format, limits=_limits(low, high)))
    elif low is not None and document.pages < low:
        yield Finding(check="length", rule="pages-min", severity=Severity.ERROR, location=where,
                      message=msg("length.pages.min", count=document.pages, limit=low))
    elif high is not None and document.pages > high:
        yield Finding(check="length", rule="pages-max", severity=Severity.ERROR, location=where,
                      message=msg("length.pages.max", count=document.pages, limit=high))


@register("length", options=LengthOptions)
def check_length(ctx: ReportContext) -> Iterator[Finding]:
    options = ctx.options(LengthOptions)
    parts = counted_parts(options)
    counts = count_text(ctx.document.in_parts(Part(p) for p in parts))
    length = options.length or LengthRule()
    pages = options.pages or Range()
    unit = length.unit or "words"
    ctx.summaries.length = LengthSummary(
        pages=ctx.document.pages, pages_source=ctx.document.pages_source,
        pages_min=pages.min, pages_max=pages.max,
        words=counts.words, characters=counts.characters, characters_no_spaces=counts.characters_no_spaces,
        unit=unit, min=length.min, max=length.max, parts=tuple(parts),
    )
    yield from _page_findings(ctx, pages)
    low, high = length.min, length.max
    count = counts.get(unit)
    part_names = msg("length.parts.counted", parts=joined(part_name(p) for p in parts))
    values = {"count": count, "unit": UNIT_NAMES.get(unit, unit), "parts": part_names}
    if low is not None and count < low:
        yield Finding(check="length", rule="length-min", severity=Severity.ERROR, location=Location(file=ctx.file),
                      message=msg("length.min", limit=low, **values))
    elif high is not None and count > high:
        yield Finding(check="length", rule="length-max", severity=Severity.ERROR, location=Location(file=ctx.file),
                      message=msg("length.max", limit=high, **values))
