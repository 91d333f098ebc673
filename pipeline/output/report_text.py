"""Plain-text report of `stagepipe check`: findings grouped by check, the section checklist, counts and a verdict.

The helpers here (what a group measured, as lines) are shared by the HTML and JUnit formatters.
"""

from __future__ import annotations

from pipeline.findings import Finding
from pipeline.messages import Message, Text, Translator, joined, msg
from pipeline.output.common import (
    BOLD,
    COLOURS,
    FORMAT_ITEM_NAMES,
    GREEN,
    LEAK_KINDS,
    NOT_NAME_REASONS,
    RED,
    FormatOptions,
    counts_text,
    is_suggestion,
    limits,
    number,
    paint,
    place,
    short_place,
)
from pipeline.results import SEVERITY_NAMES, ReportResult, SectionsSummary, group_name

UNIT_NAMES = {"characters": msg("out.unit.characters"), "characters_no_spaces": msg("out.unit.characters_no_spaces"),
              "words": msg("out.unit.words")}


def no_required(result: ReportResult) -> Message:
    return msg("out.no-required.program") if result.program else msg("out.no-required")


def format_finding(finding: Finding, tr: Translator, *, colour: bool = False, file: str | None = None,
                   show_hint: bool = True) -> list[str]:
    """The finding's line, then indented: the matched text, the hint (unless said just before), its other places."""
    severity = paint(tr(SEVERITY_NAMES[finding.severity]), COLOURS[finding.severity], colour)
    lines = [f"{place(finding.location, file)}: {severity} [{finding.rule}] {tr(finding.message)}"]
    if finding.location.where is not None:
        lines.append("    " + tr(msg("out.where", where=finding.location.where)))
    if finding.text:
        quoted = finding.text if len(finding.text) <= 120 else finding.text[:117] + "…"
        lines.append(f"    “{quoted}”")
    if finding.hint and show_hint:
        hint = msg("out.suggestions", hint=finding.hint) if is_suggestion(finding) else msg("out.tip", hint=finding.hint)
        lines.append("    " + tr(hint))
    if finding.related:
        lines.append("    " + tr(msg("out.also-at", places=", ".join(short_place(loc) for loc in finding.related))))
    return lines


def tick(ok: bool | None, colour: bool) -> str:
    if ok is None:
        return "?"
    return paint("✓", GREEN, colour) if ok else paint("✗", RED, colour)


def section_lines(result: ReportResult, tr: Translator, colour: bool) -> list[str]:
    sections = result.summaries.sections
    if sections is None:
        return []
    if not sections.required:
        return [tr(no_required(result)), *week_lines(result, tr, colour)]
    lines = []
    for section in sections.required:
        match = sections.match(section.id)
        if match is None:
            missing = tr(msg("out.section.missing", title=section.title))
            lines.append(f"{tick(False, colour)} {missing}")
            continue
        heading = match.heading or section.title
        found = msg("out.section.found") if heading.strip() == section.title else msg("out.section.found-as")
        text = tr(found.with_values(title=section.title, heading=heading))
        if match.page is not None:
            text += tr(msg("out.section.page", page=match.page))
        lines.append(f"{tick(True, colour)} {text}")
    order = msg("out.order.wrong") if sections.out_of_order else msg("out.order.ok")
    lines.append(f"{tick(not sections.out_of_order, colour)} {tr(order)}")
    return lines + week_lines(result, tr, colour)


def week_text(week_number: int, answered: int, questions: int) -> Message:
    return msg("out.reflection.week", week=week_number, answered=answered, questions=questions)


def week_lines(result: ReportResult, tr: Translator, colour: bool) -> list[str]:
    reflection = result.summaries.reflection
    if reflection is None:
        return []
    return [f"{tick(week.complete, colour)} {tr(week_text(week.week, week.answered, week.questions))}"
            for week in reflection.weeks]


def length_lines(result: ReportResult, tr: Translator) -> list[str]:
    length = result.summaries.length
    if length is None:
        return []
    pages = number(length.pages, tr)
    if length.estimated:
        estimate = tr(msg("out.estimate"))
        pages += f" ({estimate})"
    page_limits = limits(length.pages_min, length.pages_max, tr)
    if page_limits:
        pages += f" — {page_limits}"
    words = number(length.words, tr)
    characters = number(length.characters, tr)
    unit_limits = limits(length.min, length.max, tr)
    if unit_limits and length.unit == "words":
        words += f" — {unit_limits}"
    elif unit_limits and length.unit in ("characters", "characters_no_spaces"):
        characters += f" — {unit_limits} {tr(UNIT_NAMES[length.unit])}"
    return [tr(msg("out.pages", value=pages)), tr(msg("out.words", value=words)),
            tr(msg("out.characters", value=characters, no_spaces=number(length.characters_no_spaces, tr)))]


def anonymity_lines(result: ReportResult, tr: Translator) -> list[str]:
    anonymity = result.summaries.anonymity
    if anonymity is None:
        return []
    parts = []
    if anonymity.known_names:
        parts.append(tr(msg("out.anonymity.known", count=anonymity.known_names)))
    found = ", ".join(f"{tr(LEAK_KINDS.get(kind, kind))} ({value}×)" for kind, value in anonymity.counts if value)
    parts.append(tr(msg("out.anonymity.found", found=found) if found else msg("out.anonymity.none")))
    roles = dict(anonymity.title_page_names)
    if roles.get("student"):
        parts.append(tr(msg("out.anonymity.own-name-from-title-page")))
    if roles.get("school"):
        parts.append(tr(msg("out.anonymity.school-from-title-page", count=roles["school"])))
    skipped = ", ".join(f"{tr(NOT_NAME_REASONS.get(why, why))} ({value}×)" for why, value in anonymity.not_names if value)
    if skipped:
        parts.append(tr(msg("out.anonymity.not-names", skipped=skipped)))
    if not anonymity.deduce:
        parts.append(tr(msg("out.anonymity.no-deduce")))
    return ["; ".join(parts)]


def language_lines(result: ReportResult, tr: Translator) -> list[str]:
    language = result.summaries.language
    if language is None:
        return []
    if language.skipped is not None:
        return [tr(language.skipped)]
    if language.characters_checked is not None:
        return [tr(msg("out.language.checked", chars=number(language.characters_checked, tr),
                       language=language.language or "?"))]
    return []


PRESENCE = {None: msg("out.format.unknown"), True: msg("out.format.present"), False: msg("out.format.absent")}
CONSISTENCY = {None: msg("out.format.unknown"), True: msg("out.format.consistent"),
               False: msg("out.format.inconsistent")}


def format_item_text(item: str, present: bool | None) -> Text:
    state = (CONSISTENCY if item == "heading-consistency" else PRESENCE)[present]
    return joined((FORMAT_ITEM_NAMES.get(item, item), state), ": ")


def format_items(result: ReportResult) -> list[tuple[str, bool | None]]:
    summary = result.summaries.format
    return summary.items() if summary is not None else []


def format_lines(result: ReportResult, tr: Translator, colour: bool) -> list[str]:
    return [f"{tick(present, colour)} {tr(format_item_text(item, present))}" for item, present in format_items(result)]


def summary_lines(group: str, result: ReportResult, tr: Translator, colour: bool) -> list[str]:
    """What a group measured, as a few lines (the checklist, the counts, ...)."""
    if group == "sections":
        return section_lines(result, tr, colour)
    if group == "length":
        return length_lines(result, tr)
    if group == "anonymity":
        return anonymity_lines(result, tr)
    if group == "language":
        return language_lines(result, tr)
    if group == "format":
        return format_lines(result, tr, colour)
    return []


def sections_found(sections: SectionsSummary) -> tuple[int, int]:
    """(found, required) sections."""
    return len(sections.required) - len(sections.missing), len(sections.required)


def verdict(result: ReportResult) -> Message:
    return msg("out.verdict.passed") if result.passed else msg("out.verdict.failed")


def format_report(result: ReportResult, options: FormatOptions) -> str:
    """The whole report as plain text, Dutch by default; ANSI colours only when asked."""
    tr, colour = options.tr, options.colour
    file = result.document.path
    program = msg("out.header.program", program=result.program) if result.program else ""
    lines = [paint(tr(msg("out.header", report=file, program=program)), BOLD, colour)]
    if result.summaries.program_notice is not None:
        lines.append(tr(result.summaries.program_notice))
    for group in result.groups():
        if group.findings:
            summary = tr(counts_text(group.counts))
        else:
            summary = tr(msg("out.skipped") if group.skipped else msg("out.counts.none"))
        lines += ["", paint(f"{tr(group.title)}: {summary}", BOLD, colour)]
        said: set[str] = set()  # a group's advice is given once, at its first finding
        for finding in group.findings:
            hint = tr(finding.hint) if finding.hint else ""
            show = is_suggestion(finding) or hint not in said
            said.add(hint)
            lines += ["  " + line for line in format_finding(finding, tr, colour=colour, file=file, show_hint=show)]
        lines += ["  " + line for line in summary_lines(group.id, result, tr, colour)]
    status = paint(tr(verdict(result)), GREEN if result.passed else RED, colour)
    lines += ["", tr(msg("out.summary", counts=counts_text(result.counts), verdict=status))]
    missing = result.not_checked()
    if missing:
        lines[-1] += tr(msg("out.not-checked", groups=", ".join(tr(group_name(g)).lower() for g in missing)))
    return "\n".join(lines)
