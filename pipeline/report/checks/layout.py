"""Lay-out basics the tm-om handbook grades: title page, table of contents, page numbers, header and footer,
consistent heading styles. The reader tells what it saw (Document.layout); this check only judges it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import LayoutItem
from pipeline.messages import Message, msg
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, HeadingSource, Part
from pipeline.results import FormatSummary

ALL_ITEMS = ("title-page", "toc", "page-numbers", "header-footer", "heading-consistency")
# manual headings: the author made a paragraph look like a heading instead of using a heading style
_MANUAL = {HeadingSource.BOLD: "bold", HeadingSource.CAPS: "caps", HeadingSource.NUMBERED: "numbered"}
# sources whose look is not under the author's control in this format (nothing to compare)
_UNCOMPARABLE = {HeadingSource.PDF_OUTLINE, HeadingSource.FONT, HeadingSource.MARKDOWN, HeadingSource.TEXT}


def _look(block: Block) -> tuple[str, str | None]:
    """What a heading looks like to its author: ('style', name) or ('bold'|'caps'|'numbered', None)."""
    source = block.heading_source
    if source in _MANUAL:
        return _MANUAL[source], None
    return "style", block.style or (source.value if source else None)


MANUAL_LOOKS = {"bold": msg("format.how.bold"), "caps": msg("format.how.caps"), "numbered": msg("format.how.numbered")}
MISSING = {"title-page": msg("format.title-page"), "toc": msg("format.toc"), "page-numbers": msg("format.page-numbers")}
WHAT = {"title-page": msg("format.what.title-page"), "toc": msg("format.what.toc"),
        "page-numbers": msg("format.what.page-numbers"), "header-footer": msg("format.what.header-footer")}
WORDS = {"header": msg("format.word.header"), "footer": msg("format.word.footer")}


def _describe(look: tuple[str, str | None]) -> Message:
    kind, style = look
    if kind == "style":
        return msg("format.how.style", style=style or "?")
    return MANUAL_LOOKS.get(kind, msg("format.how.other"))


def heading_findings(ctx: ReportContext) -> Iterator[Finding]:
    by_level: dict[int, list[Block]] = defaultdict(list)
    for block in ctx.document.headings:
        if block.part in (Part.TITLE_PAGE, Part.TOC) or block.heading_source in _UNCOMPARABLE:
            continue
        by_level[block.level or 1].append(block)
    for level, blocks in sorted(by_level.items()):
        looks = Counter(_look(b) for b in blocks)
        if len(looks) < 2:
            continue
        usual, _ = looks.most_common(1)[0]
        for block in blocks:
            look = _look(block)
            if look == usual:
                continue
            yield Finding(check="format", rule="heading-consistency", severity=Severity.WARNING,
                          message=msg("format.headings", text=block.text, level=level, how=_describe(look),
                                     usual=_describe(usual)),
                          location=block.location(ctx.file, 0, len(block.text)), text=block.text,
                          hint=msg("format.headings.hint"))


def _presence(ctx: ReportContext, item: str) -> Iterator[Finding]:
    layout = ctx.document.layout
    where = Location(file=ctx.file)
    if item == "header-footer":
        header, footer = layout.header, layout.footer
        if header is None and footer is None:
            yield _unknown(ctx, item)
        elif not header and not footer:
            yield Finding(check="format", rule=item, severity=Severity.WARNING, location=where,
                          message=msg("format.header-footer"))
        elif not (header and footer):
            present, absent = ("header", "footer") if header else ("footer", "header")
            yield Finding(check="format", rule=item, severity=Severity.INFO, location=where,
                          message=msg("format.header-only", present=WORDS[present], absent=WORDS[absent]))
        return
    seen = {"title-page": layout.title_page, "toc": layout.toc, "page-numbers": layout.page_numbers}[item]
    if seen is None:
        yield _unknown(ctx, item)
    elif not seen:
        yield Finding(check="format", rule=item, severity=Severity.WARNING, location=where, message=MISSING[item])


def _unknown(ctx: ReportContext, item: str) -> Finding:
    return Finding(check="format", rule=item, severity=Severity.INFO, location=Location(file=ctx.file),
                   message=msg("format.unknown", what=WHAT[item], format=ctx.document.format))


class LayoutOptions(GroupOptions):
    """report.layout: the lay-out basics to check."""

    layout: tuple[LayoutItem, ...] = ()


@register("format", options=LayoutOptions)
def check_layout(ctx: ReportContext) -> Iterator[Finding]:
    items = list(ctx.options(LayoutOptions).layout) if ctx.program else ["heading-consistency"]
    layout = ctx.document.layout
    header_footer = None if layout.header is None and layout.footer is None else bool(layout.header or layout.footer)
    headings = list(heading_findings(ctx)) if "heading-consistency" in items else []
    ctx.summaries.format = FormatSummary(title_page=layout.title_page, toc=layout.toc, page_numbers=layout.page_numbers,
                                         header_footer=header_footer, heading_consistency=not headings,
                                         checked=tuple(items))
    for item in items:
        yield from headings if item == "heading-consistency" else _presence(ctx, item)
