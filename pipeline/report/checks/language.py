"""Dutch spelling, grammar and dt-errors through the local LanguageTool server, on the body text only (never its
code); the speller's findings on code, names, English terms and the program's words are dropped with their reason
(pipeline.language.vocabulary); a word flagged three times or more is one remark; the same error repeated is one
finding with its other places listed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.findings import Finding, Location, Severity, sort_findings
from pipeline.language.client import Paragraph
from pipeline.language.vocabulary import Lexicon, Passage, repeated_as_remarks, screen
from pipeline.load.models import LanguageCheckRule
from pipeline.messages import joined, msg
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, BlockKind, Part
from pipeline.results import LanguageSummary

if TYPE_CHECKING:
    from pipeline.language.client import LanguageChecker
    from pipeline.load.models import Institution, Program
    from pipeline.load.project import Case

# body text and notes: not the title page, the TOC, headers or footers, nor comments (a reviewer's words, not the
# student's) or document properties
CHECKED_PARTS = (Part.BODY, Part.APPENDIX, Part.TABLES, Part.FOOTNOTES, Part.ENDNOTES)
CHECKED_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)
MAX_CHARS = 400_000  # about 130 pages; bounds the time a single check can take


def checked_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks the language check reads: body text, appendix and tables, never code."""
    return [b for b in blocks if b.part in CHECKED_PARTS and b.kind in CHECKED_KINDS and b.text.strip() and not b.code]


def code_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks the language check would read were they not code."""
    return [b for b in blocks if b.part in CHECKED_PARTS and b.kind in CHECKED_KINDS and b.text.strip() and b.code]


def accepted_words(program: Program | None, institution: Institution | None, case: Case | None) -> list[str]:
    """Words the speller should not call spelling errors: the program's list, its name and the words its anonymity
    check allows, the institution's name and short name, and the names of people and places the case knows (those
    are for the anonymity check to judge, not the speller)."""
    words: list[str] = []
    if program is not None:
        report = program.report
        words += list(report.language_check.words) if report.language_check else []
        words += list(report.anonymity.allow) if report.anonymity else []
        words.append(program.name)
    if institution is not None:
        words += [name for name in (institution.name, institution.short_name) if name is not None]
    if case is not None:  # people, the placement and its address: names, not spelling errors
        from pipeline.report.names import case_names

        words += [known.name for known in case_names(case.record) if known.kind in ("person", "organisation", "address")]
    return words


@dataclass
class Refined:
    """What the student sees of LanguageTool's matches, and how many were not shown, by reason."""

    findings: list[Finding]
    accepted: Counter[str] = field(default_factory=Counter)
    repeated_words: int = 0


def refine(found: Sequence[Finding], blocks: Sequence[Block], *, lexicon: Lexicon | None,
           accepted: Iterable[str] = (), language: str = "nl-BE", separate: bool = False) -> Refined:
    """LanguageTool's matches on ``blocks`` as findings: code, names, English and accepted words dropped; a word the
    speller flags three times or more one remark; each other error once, with its repeats in ``related``.

    ``separate``: each block is a document of its own (a set of sentences), with its own names and repeats; the
    spellers are still asked once for all of them."""
    passages = {b.index: Passage(b.text, b.code_spans, b.index if separate else 0,
                                 sentence=not (b.list_item or b.kind is BlockKind.TABLE_CELL)) for b in blocks}
    screened = screen(found, passages, lexicon=lexicon, accepted_words=accepted, language=language)
    by_document: dict[int, list[Finding]] = {}
    for finding in screened.kept:
        passage = passages.get(finding.location.paragraph if finding.location.paragraph is not None else -1)
        by_document.setdefault(passage.document if passage else 0, []).append(finding)
    out: list[Finding] = []
    repeated = 0
    for kept_in_document in by_document.values():
        kept, remarks = repeated_as_remarks(kept_in_document)
        out += [*group_repeats(kept), *remarks]
        repeated += len(remarks)
    return Refined(sort_findings(out), screened.accepted, repeated)


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
    """report.language (LanguageTool's language code), report.languages (the languages the report may be written in)
    and report.language_check: ignored rules (where the checker is opened, pipeline.report.setup.checker_factory),
    accepted words (here, ``accepted_words``), ``severity`` and ``category_severity`` (stamped by the runner,
    ReportRules.severity_for and category_severity)."""

    language: str | None = None
    languages: tuple[str, ...] = ()
    language_check: LanguageCheckRule | None = None


# LanguageTool's code for a language a report is checked in when no program names one (no program: every part in
# its own language, as far as the local server has it)
DEFAULT_CODES = {"nl": "nl-BE", "en": "en-US", "fr": "fr"}
LANGUAGE_NAMES = {"nl": msg("language.name.nl"), "en": msg("language.name.en"), "fr": msg("language.name.fr"),
                  "de": msg("language.name.de")}


@dataclass
class Plan:
    """Which blocks are checked in which LanguageTool language, which are not (by ISO code), and the report's
    own language."""

    checked: dict[str, list[Block]]  # LanguageTool code -> blocks, in reading order
    not_checked: dict[str, list[Block]]  # ISO code -> blocks
    main: str | None  # ISO code of most of the text
    allowed: tuple[str, ...]  # the LanguageTool codes the program allows (empty: any)


def plan_languages(blocks: Sequence[Block], settings: LanguageOptions, default: str) -> Plan:
    """Each block in its own language (pipeline.language.detect): checked when the program allows that language,
    else not; a short block takes the report's language."""
    from pipeline.language.detect import detect_all, iso, main_language

    allowed = tuple(settings.languages) or ((settings.language,) if settings.language else ())
    code_of = {iso(code): code for code in reversed(allowed)} if allowed else dict(DEFAULT_CODES)
    first = allowed[0] if allowed else default
    detected = detect_all([b.text for b in blocks])
    main = main_language([b.text for b in blocks], detected) or iso(first)
    checked: dict[str, list[Block]] = {}
    not_checked: dict[str, list[Block]] = {}
    for block, language in zip(blocks, detected, strict=True):
        language = language or main
        code = code_of.get(language)
        if code is None and language == iso(first):
            code = first
        if code is None:
            not_checked.setdefault(language, []).append(block)
        else:
            checked.setdefault(code, []).append(block)
    if not allowed and iso(default) in checked and default not in checked:  # the server's default variant
        checked[default] = checked.pop(iso(default))
    return Plan(checked, not_checked, main, allowed)


def _language_findings(ctx: ReportContext, plan: Plan) -> Iterator[Finding]:
    """A report mostly in a language the program does not allow; paragraphs not checked, said once."""
    from pipeline.language.detect import iso

    allowed_iso = [iso(code) for code in plan.allowed]
    if plan.allowed and plan.main is not None and plan.main not in allowed_iso:
        names = joined([LANGUAGE_NAMES.get(code, code) for code in dict.fromkeys(allowed_iso)], " / ")
        yield Finding(check="language", rule="wrong-language", severity=Severity.ERROR,
                      message=msg("language.wrong-language", language=LANGUAGE_NAMES.get(plan.main, plan.main),
                                  allowed=names), location=Location(file=ctx.file))
    for language, blocks in plan.not_checked.items():
        if plan.allowed and language == plan.main:
            continue  # said by wrong-language
        yield Finding(check="language", rule="not-checked-language", severity=Severity.INFO,
                      message=msg("language.not-checked", language=LANGUAGE_NAMES.get(language, language),
                                  paragraphs=len(blocks)),
                      location=blocks[0].location(ctx.file), related=tuple(b.location(ctx.file) for b in blocks[1:]))


@register("language", options=LanguageOptions)
def check_language(ctx: ReportContext) -> Iterator[Finding]:
    if ctx.language_checker is None:
        ctx.summaries.language = LanguageSummary(skipped=msg("language.skipped"))
        return
    from pipeline.language.client import DEFAULT_LANGUAGE

    blocks = checked_blocks(ctx.document.blocks)
    kept: list[Block] = []
    total = 0
    for block in blocks:
        if total + len(block.text) > MAX_CHARS:
            yield Finding(check="language", rule="language-truncated", severity=Severity.INFO,
                          message=msg("language.truncated", limit=MAX_CHARS), location=block.location(ctx.file))
            break
        kept.append(block)
        total += len(block.text)
    plan = plan_languages(kept, ctx.options(LanguageOptions), DEFAULT_LANGUAGE)
    yield from _language_findings(ctx, plan)
    accepted = accepted_words(ctx.program, ctx.institution, ctx.case)
    matches = checked_chars = checked_paragraphs = repeated = 0
    reasons: Counter[str] = Counter()
    languages: list[str] = []
    for code, group in sorted(plan.checked.items(), key=lambda item: -len(item[1])):
        if ctx.budget is not None and ctx.budget.over():
            ctx.budget.cut("language", checked_paragraphs, len(kept))
            break
        paragraphs = [Paragraph(b.text, b.location(ctx.file)) for b in group]
        with _open(ctx, code) as checker:
            checker.deadline = ctx.budget.deadline if ctx.budget is not None else None
            found = inside_known_names_dropped(checker.check_paragraphs(paragraphs), ctx)
            stopped = getattr(checker, "stopped", None)
            done = group[:stopped] if stopped is not None else group
            refined = refine(found, done, lexicon=checker, accepted=accepted, language=checker.language)
            languages.append(checker.language)
        if stopped is not None and ctx.budget is not None:
            ctx.budget.cut("language", checked_paragraphs + stopped, len(kept))
        matches += len(found)
        checked_chars += sum(len(b.text) for b in done)
        checked_paragraphs += len(done)
        reasons.update(refined.accepted)
        repeated += refined.repeated_words
        yield from refined.findings
        if stopped is not None:
            break
    ctx.summaries.language = LanguageSummary(
        language=languages[0] if languages else (plan.allowed[0] if plan.allowed else DEFAULT_LANGUAGE),
        characters_checked=checked_chars, paragraphs_checked=checked_paragraphs, matches=matches,
        code_blocks=len(code_blocks(ctx.document.blocks)), accepted=tuple(sorted(reasons.items())),
        repeated_words=repeated, detected=plan.main, languages=tuple(languages),
        not_checked=tuple(sorted((language, len(b)) for language, b in plan.not_checked.items())))


def _default_code(ctx: ReportContext) -> str:
    from pipeline.language.client import DEFAULT_LANGUAGE

    settings = ctx.options(LanguageOptions)
    return settings.language or (settings.languages[0] if settings.languages else DEFAULT_LANGUAGE)


def _open(ctx: ReportContext, code: str) -> LanguageChecker:
    """A checker for ``code`` (the factory takes the language when the program allows more than one)."""
    assert ctx.language_checker is not None
    if code == _default_code(ctx):
        return ctx.language_checker()
    return ctx.language_checker(language=code)
