"""Plain-text report of `stagepipe check`: findings grouped by check, the section checklist, counts and a verdict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import catalog
from pipeline.output.text import summary_counts
from pipeline.report.checks.base import CHECK_ORDER

if TYPE_CHECKING:
    from pipeline.report.runner import ReportResult

MESSAGES = {
    "group.sections": {"nl": "Secties", "en": "Sections"},
    "group.length": {"nl": "Lengte", "en": "Length"},
    "group.anonymity": {"nl": "Anonimiteit", "en": "Anonymity"},
    "group.language": {"nl": "Taal", "en": "Language"},
    "group.format": {"nl": "Opmaak", "en": "Layout"},
    "severity.error": {"nl": "fout", "en": "error"},
    "severity.warning": {"nl": "waarschuwing", "en": "warning"},
    "severity.info": {"nl": "opmerking", "en": "remark"},
    "counts": {"nl": "{errors} fout(en), {warnings} waarschuwing(en), {infos} opmerking(en)",
               "en": "{errors} error(s), {warnings} warning(s), {infos} remark(s)"},
    "counts.none": {"nl": "in orde", "en": "all good"},
    "skipped": {"nl": "overgeslagen", "en": "skipped"},
    "verdict.passed": {"nl": "geslaagd", "en": "passed"},
    "verdict.failed": {"nl": "niet geslaagd", "en": "not passed"},
    "summary": {"nl": "Samenvatting: {counts} — {verdict}", "en": "Summary: {counts} — {verdict}"},
    "not-checked": {"nl": " (niet gecontroleerd: {groups})", "en": " (not checked: {groups})"},
    "header": {"nl": "Controle van {report}{program}", "en": "Check of {report}{program}"},
    "header.program": {"nl": " (opleiding {program})", "en": " (programme {program})"},
    "suggestions": {"nl": "suggesties: {hint}", "en": "suggestions: {hint}"},
    "tip": {"nl": "tip: {hint}", "en": "tip: {hint}"},
    "also-at": {"nl": "ook op: {places}", "en": "also at: {places}"},
    "section.found": {"nl": "{title}", "en": "{title}"},
    "section.found-as": {"nl": "{title} (als '{heading}')", "en": "{title} (as '{heading}')"},
    "section.missing": {"nl": "{title} — ontbreekt", "en": "{title} — missing"},
    "section.page": {"nl": ", p. {page}", "en": ", p. {page}"},
    "order.ok": {"nl": "volgorde: in orde", "en": "order: correct"},
    "order.wrong": {"nl": "volgorde: niet zoals gevraagd", "en": "order: not as required"},
    "no-required": {"nl": "geen verplichte secties (geen opleidingsprofiel gekozen)",
                    "en": "no required sections (no programme profile chosen)"},
    "no-required.program": {"nl": "het programma vraagt geen vaste secties",
                            "en": "the programme asks for no fixed sections"},
    "pages": {"nl": "pagina's: {value}", "en": "pages: {value}"},
    "words": {"nl": "woorden: {value}", "en": "words: {value}"},
    "characters": {"nl": "tekens: {value} (zonder spaties {no_spaces})",
                   "en": "characters: {value} ({no_spaces} without spaces)"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "estimate": {"nl": "schatting", "en": "estimate"},
    "limits.range": {"nl": "gevraagd: {low}–{high}", "en": "required: {low}–{high}"},
    "limits.min": {"nl": "gevraagd: minstens {low}", "en": "required: at least {low}"},
    "limits.max": {"nl": "gevraagd: hoogstens {high}", "en": "required: at most {high}"},
    "unit.words": {"nl": "woorden", "en": "words"},
    "unit.characters": {"nl": "tekens (met spaties)", "en": "characters (with spaces)"},
    "unit.characters_no_spaces": {"nl": "tekens (zonder spaties)", "en": "characters (without spaces)"},
    "language.checked": {"nl": "{chars} tekens nagekeken ({language})", "en": "{chars} characters checked ({language})"},
    "anonymity.none": {"nl": "geen namen of contactgegevens gevonden", "en": "no names or contact details found"},
    "anonymity.known": {"nl": "{count} namen uit je dossier gezocht", "en": "{count} names from your case file looked for"},
    "anonymity.found": {"nl": "gevonden: {found}", "en": "found: {found}"},
    "anonymity.no-deduce": {"nl": "alleen namen uit je dossier en vaste patronen (deduce niet beschikbaar)",
                            "en": "only names from your case file and fixed patterns (deduce unavailable)"},
    "format.present": {"nl": "aanwezig", "en": "present"},
    "format.absent": {"nl": "ontbreekt", "en": "missing"},
    "format.unknown": {"nl": "niet na te gaan in dit bestand", "en": "cannot be checked in this file"},
    "format.consistent": {"nl": "consequent", "en": "consistent"},
    "format.inconsistent": {"nl": "niet consequent", "en": "not consistent"},
    "item.title-page": {"nl": "titelpagina", "en": "title page"},
    "item.toc": {"nl": "inhoudstafel", "en": "table of contents"},
    "item.page-numbers": {"nl": "paginanummers", "en": "page numbers"},
    "item.header-footer": {"nl": "kop- of voettekst", "en": "header or footer"},
    "item.heading-consistency": {"nl": "kopstijlen", "en": "heading styles"},
    "reflection.week": {"nl": "week {week}: {answered}/{questions} vragen beantwoord",
                        "en": "week {week}: {answered}/{questions} questions answered"},
    "category.spelling": {"nl": "spelling", "en": "spelling"},
    "category.grammar": {"nl": "grammatica", "en": "grammar"},
    "category.style": {"nl": "stijl", "en": "style"},
    "category.dt": {"nl": "dt-fout", "en": "dt error"},
    "category.other": {"nl": "overig", "en": "other"},
    "kind.person": {"nl": "persoonsnamen", "en": "names of people"},
    "kind.persoon": {"nl": "persoonsnamen", "en": "names of people"},
    "kind.name": {"nl": "namen", "en": "names"},
    "kind.names": {"nl": "namen", "en": "names"},
    "kind.institution": {"nl": "instellingen", "en": "institutions"},
    "kind.instelling": {"nl": "instellingen", "en": "institutions"},
    "kind.organisation": {"nl": "organisaties", "en": "organisations"},
    "kind.organization": {"nl": "organisaties", "en": "organisations"},
    "kind.location": {"nl": "plaatsen", "en": "places"},
    "kind.locatie": {"nl": "plaatsen", "en": "places"},
    "kind.place": {"nl": "plaatsen", "en": "places"},
    "kind.address": {"nl": "adressen", "en": "addresses"},
    "kind.phone": {"nl": "telefoonnummers", "en": "phone numbers"},
    "kind.telefoonnummer": {"nl": "telefoonnummers", "en": "phone numbers"},
    "kind.email": {"nl": "e-mailadressen", "en": "e-mail addresses"},
    "kind.url": {"nl": "webadressen", "en": "web addresses"},
    "kind.case": {"nl": "namen uit je dossier", "en": "names from your case file"},
    "kind.known": {"nl": "namen uit je dossier", "en": "names from your case file"},
    "kind.known-name": {"nl": "namen uit je dossier", "en": "names from your case file"},
    "kind.own-name": {"nl": "je eigen naam", "en": "your own name"},
}
report_t = catalog(MESSAGES)

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_GREEN, _RED, _BOLD, _RESET = "\033[32m", "\033[31m", "\033[1m", "\033[0m"


# --- shared by the report formatters (text, HTML, JUnit) ------------------------------------------------------

def group_findings(result: ReportResult) -> list[tuple[str, list[Finding]]]:
    """(check group, its findings in reading order) for every group that ran or found something, in CHECK_ORDER
    (other groups, such as a reader's notices, after them)."""
    by_group: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_group.setdefault(finding.check, []).append(finding)
    names = [g for g in CHECK_ORDER if g in result.checks or g in by_group]
    names += [g for g in result.checks if g not in names]
    names += [g for g in by_group if g not in names]
    return [(name, by_group.get(name, [])) for name in names]


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    counter = summary_counts(findings)
    return {"errors": counter[Severity.ERROR], "warnings": counter[Severity.WARNING], "infos": counter[Severity.INFO]}


def group_name(group: str, lang: str) -> str:
    return report_t(f"group.{group}", lang) if f"group.{group}" in MESSAGES else group


def label(key: str, lang: str, fallback: str | None = None) -> str:
    """A message of this catalog, or ``fallback`` (default: the key's last part) when it has none."""
    if key in MESSAGES:
        return report_t(key, lang)
    return fallback if fallback is not None else key.rsplit(".", 1)[-1]


def number(value: int | float | None, lang: str) -> str:
    """12345 → '12.345' in Dutch, '12,345' in English."""
    if value is None:
        return report_t("unknown", lang)
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def limits(low: Any, high: Any, lang: str) -> str | None:
    """'gevraagd: 16–20' and its one-sided forms; None without limits."""
    if low is not None and high is not None:
        return report_t("limits.range", lang, low=number(low, lang), high=number(high, lang))
    if low is not None:
        return report_t("limits.min", lang, low=number(low, lang))
    if high is not None:
        return report_t("limits.max", lang, high=number(high, lang))
    return None


def place(location: Location, fallback_file: str | None = None) -> str:
    """`file:p<page>:¶<paragraph>` (paragraph counted from 1, as a reader counts); parts that are unknown are left out."""
    parts = [location.file or fallback_file or "-"]
    if location.page is not None:
        parts.append(f"p{location.page}")
    if location.paragraph is not None:
        parts.append(f"¶{location.paragraph + 1}")
        if location.offset is not None:  # the character in the paragraph, from 1 (two leaks in one paragraph differ)
            parts.append(str(location.offset + 1))
    return ":".join(parts)


def short_place(location: Location) -> str:
    """`p3:¶12` without the file (for a finding's other places)."""
    return place(location).split(":", 1)[1] if location.page is not None or location.paragraph is not None else "-"


def is_suggestion(finding: Finding) -> bool:
    """Language hints are replacements ("a | b | c"); other checks' hints are advice."""
    return finding.check == "language"


def skipped(result: ReportResult, group: str) -> str | None:
    """The reason a group that ran did not check anything (the language check without a server), else None."""
    reason = facts_of(result, group).get("skipped")
    return str(reason) if reason else None


def not_checked(result: ReportResult) -> list[str]:
    """Check groups that did not run (--only, --skip, --no-language) or ran without checking anything."""
    ran = {g for g, _ in group_findings(result)}
    return [g for g in CHECK_ORDER if g not in ran or skipped(result, g)]


def no_required(result: ReportResult, lang: str) -> str:
    return report_t("no-required.program" if result.program else "no-required", lang)


def facts_of(result: ReportResult, key: str) -> dict[str, Any]:
    value = result.facts.get(key)
    return value if isinstance(value, dict) else {}


# --- the text formatter ---------------------------------------------------------------------------------------

def _paint(text: str, code: str, colour: bool) -> str:
    return f"{code}{text}{_RESET}" if colour else text


def _counts_text(numbers: dict[str, int], lang: str) -> str:
    return report_t("counts", lang, **numbers)


def format_finding(finding: Finding, *, lang: str = "nl", colour: bool = False, file: str | None = None,
                   show_hint: bool = True) -> list[str]:
    """The finding's line, then indented: the matched text, the hint (unless said just before), its other places."""
    severity = _paint(report_t(f"severity.{finding.severity.value}", lang), _COLOURS[finding.severity], colour)
    lines = [f"{place(finding.location, file)}: {severity} [{finding.rule}] {finding.message}"]
    if finding.text:
        quoted = finding.text if len(finding.text) <= 120 else finding.text[:117] + "…"
        lines.append(f"    “{quoted}”")
    if finding.hint and show_hint:
        lines.append("    " + report_t("suggestions" if is_suggestion(finding) else "tip", lang, hint=finding.hint))
    if finding.related:
        lines.append("    " + report_t("also-at", lang, places=", ".join(short_place(loc) for loc in finding.related)))
    return lines


def _tick(ok: bool | None, colour: bool) -> str:
    if ok is None:
        return "?"
    return _paint("✓", _GREEN, colour) if ok else _paint("✗", _RED, colour)


def section_lines(result: ReportResult, lang: str, colour: bool) -> list[str]:
    sections = facts_of(result, "sections")
    if not sections:
        return []
    required = sections.get("required") or []
    if not required:
        return [no_required(result, lang), *week_lines(result, lang, colour)]
    found = {s.get("id"): s for s in sections.get("found") or []}
    lines = []
    for section in required:
        title = str(section.get("title", section.get("id", "")))
        match = found.get(section.get("id"))
        if match is None:
            lines.append(f"{_tick(False, colour)} {report_t('section.missing', lang, title=title)}")
            continue
        heading = str(match.get("heading") or title)
        text = report_t("section.found" if heading.strip() == title else "section.found-as", lang, title=title,
                        heading=heading)
        if match.get("page") is not None:
            text += report_t("section.page", lang, page=match["page"])
        lines.append(f"{_tick(True, colour)} {text}")
    out_of_order = bool(sections.get("out_of_order"))
    lines.append(f"{_tick(not out_of_order, colour)} {report_t('order.wrong' if out_of_order else 'order.ok', lang)}")
    return lines + week_lines(result, lang, colour)


def week_lines(result: ReportResult, lang: str, colour: bool) -> list[str]:
    lines = []
    for week in (facts_of(result, "reflection").get("weeks") or []):
        answered, missing, empty = week.get("answered", 0), week.get("missing") or [], week.get("empty") or []
        total = answered + len(missing) + len(empty)
        lines.append(f"{_tick(not missing and not empty, colour)} "
                     + report_t("reflection.week", lang, week=week.get("week", "?"), answered=answered, questions=total))
    return lines


def length_lines(result: ReportResult, lang: str) -> list[str]:
    length = facts_of(result, "length")
    if not length:
        return []
    unit = length.get("unit")
    pages = number(length.get("pages"), lang)
    if length.get("pages") is not None and length.get("pages_source") == "docx-metadata":
        pages += f" ({report_t('estimate', lang)})"
    page_limits = limits(length.get("pages_min"), length.get("pages_max"), lang)
    if page_limits:
        pages += f" — {page_limits}"
    lines = [report_t("pages", lang, value=pages)]
    words = number(length.get("words"), lang)
    characters = number(length.get("characters"), lang)
    unit_limits = limits(length.get("min"), length.get("max"), lang)
    if unit_limits and unit == "words":
        words += f" — {unit_limits}"
    elif unit_limits and unit in ("characters", "characters_no_spaces"):
        characters += f" — {unit_limits} {report_t(f'unit.{unit}', lang)}"
    lines.append(report_t("words", lang, value=words))
    lines.append(report_t("characters", lang, value=characters, no_spaces=number(length.get("characters_no_spaces"), lang)))
    return lines


def anonymity_lines(result: ReportResult, lang: str) -> list[str]:
    facts = facts_of(result, "anonymity")
    if not facts:
        return []
    parts = []
    if facts.get("known_names"):
        parts.append(report_t("anonymity.known", lang, count=facts["known_names"]))
    raw = facts.get("counts")
    counts: dict[str, Any] = raw if isinstance(raw, dict) else {}
    found = ", ".join(f"{label(f'kind.{kind}', lang)} ({value}×)" for kind, value in counts.items() if value)
    parts.append(report_t("anonymity.found", lang, found=found) if found else report_t("anonymity.none", lang))
    if facts.get("deduce") is False:
        parts.append(report_t("anonymity.no-deduce", lang))
    return ["; ".join(parts)]


def language_lines(result: ReportResult, lang: str) -> list[str]:
    facts = facts_of(result, "language")
    if facts.get("skipped"):
        return [str(facts["skipped"])]
    if facts.get("characters_checked") is not None:
        return [report_t("language.checked", lang, chars=number(facts["characters_checked"], lang),
                         language=facts.get("language", "?"))]
    return []


FORMAT_ITEMS = ("title-page", "toc", "page-numbers", "header-footer", "heading-consistency")


def format_items(result: ReportResult) -> list[tuple[str, bool | None]]:
    """(lay-out item, present?) for the items the program asks for (all known items without that list)."""
    facts = facts_of(result, "format")
    checked = facts.get("checked")
    items = [i for i in FORMAT_ITEMS if i in facts and (not isinstance(checked, list) or i in checked)]
    return [(item, facts[item] if isinstance(facts[item], bool) else None) for item in items]


def format_item_text(item: str, present: bool | None, lang: str) -> str:
    if item == "heading-consistency":
        state = "format.unknown" if present is None else "format.consistent" if present else "format.inconsistent"
    else:
        state = "format.unknown" if present is None else "format.present" if present else "format.absent"
    return f"{label(f'item.{item}', lang)}: {report_t(state, lang)}"


def format_lines(result: ReportResult, lang: str, colour: bool) -> list[str]:
    return [f"{_tick(present, colour)} {format_item_text(item, present, lang)}" for item, present in format_items(result)]


def facts_lines(group: str, result: ReportResult, lang: str, colour: bool) -> list[str]:
    """What a group measured, as a few lines (the checklist, the counts, ...)."""
    if group == "sections":
        return section_lines(result, lang, colour)
    if group == "length":
        return length_lines(result, lang)
    if group == "anonymity":
        return anonymity_lines(result, lang)
    if group == "language":
        return language_lines(result, lang)
    if group == "format":
        return format_lines(result, lang, colour)
    return []


def verdict(result: ReportResult, lang: str) -> str:
    return report_t("verdict.passed" if result.passed else "verdict.failed", lang)


def format_report(result: ReportResult, *, lang: str = "nl", colour: bool = False) -> str:
    """The whole report as plain text, Dutch by default; ANSI colours only when ``colour``."""
    file = result.document.path
    program = report_t("header.program", lang, program=result.program) if result.program else ""
    lines = [_paint(report_t("header", lang, report=file, program=program), _BOLD, colour)]
    notice = facts_of(result, "program").get("notice")
    if notice:
        lines.append(str(notice))
    for group, findings in group_findings(result):
        numbers = counts(findings)
        summary = _counts_text(numbers, lang) if findings else report_t(
            "skipped" if skipped(result, group) else "counts.none", lang)
        lines += ["", _paint(f"{group_name(group, lang)}: {summary}", _BOLD, colour)]
        said: set[str] = set()  # a group's advice is given once, at its first finding
        for finding in findings:
            show = is_suggestion(finding) or finding.hint not in said
            said.add(finding.hint or "")
            lines += ["  " + line for line in format_finding(finding, lang=lang, colour=colour, file=file,
                                                             show_hint=show)]
        lines += ["  " + line for line in facts_lines(group, result, lang, colour)]
    status = _paint(verdict(result, lang), _GREEN if result.passed else _RED, colour)
    lines += ["", report_t("summary", lang, counts=_counts_text(counts(result.findings), lang), verdict=status)]
    missing = not_checked(result)
    if missing:
        lines[-1] += report_t("not-checked", lang, groups=", ".join(group_name(g, lang).lower() for g in missing))
    return "\n".join(lines)
