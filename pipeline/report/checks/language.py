"""Dutch spelling, grammar and dt-errors through the local LanguageTool server, on the body text only;
the same error repeated is one finding with its other places listed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from pipeline.findings import Finding, Severity, sort_findings
from pipeline.language.client import Paragraph
from pipeline.load.models import LanguageCheckRule
from pipeline.messages import msg
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, BlockKind, Part
from pipeline.results import LanguageSummary

CHECKED_PARTS = (Part.BODY, Part.APPENDIX, Part.TABLES)  # not the title page, the TOC, headers or footers
CHECKED_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TABLE_CELL)
MAX_CHARS = 400_000  # about 130 pages; bounds the time a single check can take


def checked_blocks(blocks: Sequence[Block]) -> list[Block]:
    return [b for b in blocks if b.part in CHECKED_PARTS and b.kind in CHECKED_KINDS and b.text.strip()]


def group_repeats(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per (rule, matched text): the first place, with the others in ``related``."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in sort_findings(findings):
        groups.setdefault((finding.rule, (finding.text or "").casefold()), []).append(finding)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) > 1:
            first = replace(first, message=msg("language.repeated", message=first.message, count=len(same)),
                            related=tuple(f.location for f in same[1:]))
        out.append(first)
    return out


def inside_known_names_dropped(findings: Sequence[Finding], ctx: ReportContext) -> list[Finding]:
    """Findings inside a name the case file knows are not language errors ("des" in "Clinique Vétérinaire des
    Ardennes"); whether the name may be there at all is for the anonymity check."""
    if ctx.case is None:
        return list(findings)
    from pipeline.report import names

    known = names.case_names(ctx.case.record)
    spans: dict[int, list[tuple[int, int]]] = {}
    kept = []
    for finding in findings:
        loc = finding.location
        if loc.paragraph is None or loc.offset is None or not 0 <= loc.paragraph < len(ctx.document.blocks):
            kept.append(finding)
            continue
        if loc.paragraph not in spans:
            text = ctx.document.blocks[loc.paragraph].text
            spans[loc.paragraph] = [(m.start, m.end) for m in names.find(known, text)]
        end = loc.offset + (loc.length or 0)
        if not any(start <= loc.offset and end <= stop for start, stop in spans[loc.paragraph]):
            kept.append(finding)
    return kept


class LanguageOptions(GroupOptions):
    """report.language (LanguageTool's language code) and report.language_check (ignored rules, accepted words,
    severity); applied where the checker is opened (pipeline.report.setup.checker_factory)."""

    language: str | None = None
    language_check: LanguageCheckRule | None = None


@register("language", options=LanguageOptions)
def check_language(ctx: ReportContext) -> Iterator[Finding]:
    if ctx.language_checker is None:
        ctx.summaries.language = LanguageSummary(skipped=msg("language.skipped"))
        return
    blocks = checked_blocks(ctx.document.blocks)
    paragraphs: list[Paragraph] = []
    total = 0
    for block in blocks:
        if total + len(block.text) > MAX_CHARS:
            yield Finding(check="language", rule="language-truncated", severity=Severity.INFO,
                          message=msg("language.truncated", limit=MAX_CHARS), location=block.location(ctx.file))
            break
        paragraphs.append(Paragraph(block.text, block.location(ctx.file)))
        total += len(block.text)
    with ctx.language_checker() as checker:
        found = inside_known_names_dropped(checker.check_paragraphs(paragraphs), ctx)
        ctx.summaries.language = LanguageSummary(language=checker.language, characters_checked=total,
                                                 paragraphs_checked=len(paragraphs), matches=len(found))
    yield from group_repeats(found)
