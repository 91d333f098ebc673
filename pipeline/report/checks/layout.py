"""Lay-out basics the tm-om handbook grades: title page, table of contents, page numbers, header and footer,
consistent heading styles. The reader tells what it saw (Document.layout); this check only judges it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import LayoutItem
from pipeline.messages import catalog
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, HeadingSource, Part

MESSAGES = {
    "title-page": {"nl": "geen titelpagina gevonden: begin met een aparte pagina met de titel, je naam, de opleiding "
                         "en het academiejaar",
                   "en": "no title page found: start with a separate page with the title, your name, the programme "
                         "and the academic year"},
    "toc": {"nl": "geen inhoudstafel gevonden: voeg er een in (Word: Verwijzingen → Inhoudsopgave), zodat ze met de "
                  "koppen meegaat",
            "en": "no table of contents found: insert one (Word: References → Table of Contents) so it follows the "
                  "headings"},
    "page-numbers": {"nl": "geen paginanummers gevonden: voeg ze toe in de voettekst (Word: Invoegen → "
                           "Paginanummer)",
                     "en": "no page numbers found: add them in the footer (Word: Insert → Page Number)"},
    "header-footer": {"nl": "geen koptekst en geen voettekst gevonden: het verslag volgt de huisstijl, met een "
                            "kop- en voettekst",
                      "en": "no header and no footer found: the report follows the house style, with a header and a "
                            "footer"},
    "header-only": {"nl": "wel een {present}, maar geen {absent}", "en": "a {present}, but no {absent}"},
    "word.header": {"nl": "koptekst", "en": "header"},
    "word.footer": {"nl": "voettekst", "en": "footer"},
    "unknown": {"nl": "{what}: kan niet nagaan in een {format}-bestand", "en": "{what}: cannot be checked in a {format} file"},
    "what.title-page": {"nl": "titelpagina", "en": "title page"},
    "what.toc": {"nl": "inhoudstafel", "en": "table of contents"},
    "what.page-numbers": {"nl": "paginanummers", "en": "page numbers"},
    "what.header-footer": {"nl": "kop- en voettekst", "en": "header and footer"},
    "headings": {"nl": "kop '{text}' is {how}; de andere koppen van niveau {level} zijn {usual}: gebruik overal "
                       "dezelfde kopstijl",
                 "en": "heading '{text}' is {how}; the other level-{level} headings are {usual}: use the same "
                       "heading style everywhere"},
    "headings.hint": {"nl": "met kopstijlen (Kop 1, Kop 2) ziet elke titel er hetzelfde uit en komt hij in de "
                            "inhoudstafel",
                      "en": "with heading styles (Heading 1, Heading 2) every title looks the same and appears in the "
                            "table of contents"},
    "how.style": {"nl": "opgemaakt met de stijl '{style}'", "en": "formatted with the style '{style}'"},
    "how.bold": {"nl": "gewone vetgedrukte tekst", "en": "plain bold text"},
    "how.caps": {"nl": "tekst in hoofdletters zonder kopstijl", "en": "capitals without a heading style"},
    "how.numbered": {"nl": "een genummerde alinea zonder kopstijl", "en": "a numbered paragraph without a heading style"},
    "how.other": {"nl": "anders opgemaakt ({source})", "en": "formatted differently ({source})"},
}
_t = catalog(MESSAGES)

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


def _describe(lang: str, look: tuple[str, str | None]) -> str:
    kind, style = look
    if kind == "style":
        return _t("how.style", lang, style=style or "?")
    return _t(f"how.{kind}", lang)


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
                          message=_t("headings", ctx.lang, text=block.text, level=level, how=_describe(ctx.lang, look),
                                     usual=_describe(ctx.lang, usual)),
                          location=block.location(ctx.file, 0, len(block.text)), text=block.text,
                          hint=_t("headings.hint", ctx.lang))


def _presence(ctx: ReportContext, item: str) -> Iterator[Finding]:
    layout = ctx.document.layout
    where = Location(file=ctx.file)
    if item == "header-footer":
        header, footer = layout.header, layout.footer
        if header is None and footer is None:
            yield _unknown(ctx, item)
        elif not header and not footer:
            yield Finding(check="format", rule=item, severity=Severity.WARNING, location=where,
                          message=_t("header-footer", ctx.lang))
        elif not (header and footer):
            present, absent = ("header", "footer") if header else ("footer", "header")
            yield Finding(check="format", rule=item, severity=Severity.INFO, location=where,
                          message=_t("header-only", ctx.lang, present=_t(f"word.{present}", ctx.lang),
                                     absent=_t(f"word.{absent}", ctx.lang)))
        return
    seen = {"title-page": layout.title_page, "toc": layout.toc, "page-numbers": layout.page_numbers}[item]
    if seen is None:
        yield _unknown(ctx, item)
    elif not seen:
        yield Finding(check="format", rule=item, severity=Severity.WARNING, location=where, message=_t(item, ctx.lang))


def _unknown(ctx: ReportContext, item: str) -> Finding:
    return Finding(check="format", rule=item, severity=Severity.INFO, location=Location(file=ctx.file),
                   message=_t("unknown", ctx.lang, what=_t(f"what.{item}", ctx.lang), format=ctx.document.format))


class LayoutOptions(GroupOptions):
    """report.layout: the lay-out basics to check."""

    layout: tuple[LayoutItem, ...] = ()


@register("format", options=LayoutOptions)
def check_layout(ctx: ReportContext) -> Iterator[Finding]:
    items = list(ctx.options(LayoutOptions).layout) if ctx.program else ["heading-consistency"]
    layout = ctx.document.layout
    header_footer = None if layout.header is None and layout.footer is None else bool(layout.header or layout.footer)
    ctx.facts["format"] = {"title-page": layout.title_page, "toc": layout.toc, "page-numbers": layout.page_numbers,
                           "header-footer": header_footer, "checked": items}
    consistent = True
    for item in items:
        if item == "heading-consistency":
            findings = list(heading_findings(ctx))
            consistent = not findings
            yield from findings
        else:
            yield from _presence(ctx, item)
    ctx.facts["format"]["heading-consistency"] = consistent
