"""Pages, words and characters against the program's limits, counted over exactly the parts that count."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import LengthRule, Range
from pipeline.messages import catalog
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, Part, part_name

MESSAGES = {
    "pages.min": {"nl": "het verslag telt {count} pagina's; het programma vraagt er minstens {limit}",
                  "en": "the report has {count} pages; the program requires at least {limit}"},
    "pages.max": {"nl": "het verslag telt {count} pagina's; het programma staat er hoogstens {limit} toe",
                  "en": "the report has {count} pages; the program allows at most {limit}"},
    "pages.unknown": {"nl": "het aantal pagina's kan niet bepaald worden voor een {format}-bestand; het programma vraagt "
                            "{limits} pagina's: controleer dat in de PDF of het DOCX-bestand",
                      "en": "the number of pages cannot be determined for a {format} file; the program asks for "
                            "{limits} pages: check it in the PDF or DOCX file"},
    "length.min": {"nl": "het verslag telt {count} {unit} ({parts}); het programma vraagt er minstens {limit}",
                   "en": "the report has {count} {unit} ({parts}); the program requires at least {limit}"},
    "length.max": {"nl": "het verslag telt {count} {unit} ({parts}); het programma staat er hoogstens {limit} toe",
                   "en": "the report has {count} {unit} ({parts}); the program allows at most {limit}"},
    "unit.words": {"nl": "woorden", "en": "words"},
    "unit.characters": {"nl": "tekens (met spaties)", "en": "characters (with spaces)"},
    "unit.characters_no_spaces": {"nl": "tekens (zonder spaties)", "en": "characters (without spaces)"},
    "parts.counted": {"nl": "geteld: {parts}", "en": "counted: {parts}"},
    "limits.range": {"nl": "{min} tot {max}", "en": "{min} to {max}"},
    "limits.min": {"nl": "minstens {min}", "en": "at least {min}"},
    "limits.max": {"nl": "hoogstens {max}", "en": "at most {max}"},
}
_t = catalog(MESSAGES)

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
    include = options.length.include if options.length is not None else None
    return list(include or DEFAULT_PARTS)


def _limits(lang: str, low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return _t("limits.range", lang, min=low, max=high)
    return _t("limits.min", lang, min=low) if low is not None else _t("limits.max", lang, max=high)


def _page_findings(ctx: ReportContext, pages: Range) -> Iterator[Finding]:
    low, high = pages.min, pages.max
    if low is None and high is None:
        return
    document = ctx.document
    where = Location(file=ctx.file)
    if document.pages is None:
        yield Finding(check="length", rule="pages-unknown", severity=Severity.INFO, location=where,
                      message=_t("pages.unknown", ctx.lang, format=document.format, limits=_limits(ctx.lang, low, high)))
    elif low is not None and document.pages < low:
        yield Finding(check="length", rule="pages-min", severity=Severity.ERROR, location=where,
                      message=_t("pages.min", ctx.lang, count=document.pages, limit=low))
    elif high is not None and document.pages > high:
        yield Finding(check="length", rule="pages-max", severity=Severity.ERROR, location=where,
                      message=_t("pages.max", ctx.lang, count=document.pages, limit=high))


@register("length", options=LengthOptions)
def check_length(ctx: ReportContext) -> Iterator[Finding]:
    options = ctx.options(LengthOptions)
    parts = counted_parts(options)
    counts = count_text(ctx.document.in_parts(Part(p) for p in parts))
    length = options.length or LengthRule()
    pages = options.pages or Range()
    unit = length.unit or "words"
    ctx.facts["length"] = {
        "pages": ctx.document.pages, "pages_source": ctx.document.pages_source,
        "pages_min": pages.min, "pages_max": pages.max,
        "words": counts.words, "characters": counts.characters, "characters_no_spaces": counts.characters_no_spaces,
        "unit": unit, "min": length.min, "max": length.max, "parts": parts,
    }
    yield from _page_findings(ctx, pages)
    low, high = length.min, length.max
    count = counts.get(unit)
    part_names = _t("parts.counted", ctx.lang, parts=", ".join(part_name(p, ctx.lang) for p in parts))
    values = {"count": count, "unit": _t(f"unit.{unit}", ctx.lang), "parts": part_names}
    if low is not None and count < low:
        yield Finding(check="length", rule="length-min", severity=Severity.ERROR, location=Location(file=ctx.file),
                      message=_t("length.min", ctx.lang, limit=low, **values))
    elif high is not None and count > high:
        yield Finding(check="length", rule="length-max", severity=Severity.ERROR, location=Location(file=ctx.file),
                      message=_t("length.max", ctx.lang, limit=high, **values))
