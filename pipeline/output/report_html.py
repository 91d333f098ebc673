"""One self-contained HTML page of `stagepipe check`: the summary, the checklist, then the report text with its findings."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import catalog
from pipeline.output import report_text as rt
from pipeline.report.document import part_name

if TYPE_CHECKING:
    from pipeline.report.document import Block
    from pipeline.report.runner import ReportResult

MESSAGES = {
    "title": {"nl": "Controle van {report}", "en": "Check of {report}"},
    "eyebrow": {"nl": "Controle van je stageverslag", "en": "Check of your internship report"},
    "program": {"nl": "opleiding {program}", "en": "programme {program}"},
    "no-program": {"nl": "geen opleiding gekozen", "en": "no programme chosen"},
    "verdict.passed": {"nl": "Klaar om in te dienen", "en": "Ready to submit"},
    "verdict.failed": {"nl": "Nog niet klaar om in te dienen", "en": "Not ready to submit yet"},
    "verdict.fix": {"nl": "Los eerst {errors} op.", "en": "First fix {errors}."},
    "verdict.clean": {"nl": "Er zijn geen fouten gevonden.", "en": "No errors were found."},
    "verdict.also": {"nl": "Kijk ook {rest} na.", "en": "Also look at {rest}."},
    "verdict.and": {"nl": " en ", "en": " and "},
    "verdict.skipped": {"nl": "Niet gecontroleerd: {groups}.", "en": "Not checked: {groups}."},
    "sections.found": {"nl": "{found} van {required} verplichte secties gevonden",
                       "en": "{found} of {required} required sections found"},
    "length.short": {"nl": "{pages} pagina's · {words} woorden", "en": "{pages} pages · {words} words"},
    "length.words": {"nl": "{words} woorden", "en": "{words} words"},
    "one.error": {"nl": "1 fout", "en": "1 error"},
    "many.error": {"nl": "{n} fouten", "en": "{n} errors"},
    "one.warning": {"nl": "1 waarschuwing", "en": "1 warning"},
    "many.warning": {"nl": "{n} waarschuwingen", "en": "{n} warnings"},
    "one.info": {"nl": "1 opmerking", "en": "1 remark"},
    "many.info": {"nl": "{n} opmerkingen", "en": "{n} remarks"},
    "severity.error": {"nl": "Fout", "en": "Error"},
    "severity.warning": {"nl": "Waarschuwing", "en": "Warning"},
    "severity.info": {"nl": "Opmerking", "en": "Remark"},
    "ok": {"nl": "in orde", "en": "all good"},
    "overview": {"nl": "Per controle", "en": "Per check"},
    "figures": {"nl": "Lengte", "en": "Length"},
    "figure.pages": {"nl": "Pagina's", "en": "Pages"},
    "figure.words": {"nl": "Woorden", "en": "Words"},
    "figure.characters": {"nl": "Tekens (met spaties)", "en": "Characters (with spaces)"},
    "figure.characters_no_spaces": {"nl": "Tekens (zonder spaties)", "en": "Characters (without spaces)"},
    "status.low": {"nl": "te weinig", "en": "too few"},
    "status.high": {"nl": "te veel", "en": "too many"},
    "status.ok": {"nl": "binnen de grenzen", "en": "within the limits"},
    "status.unknown": {"nl": "niet geteld", "en": "not counted"},
    "estimate": {"nl": "schatting uit Word; open het verslag om het juiste aantal te zien",
                 "en": "Word's estimate; open the report to see the exact number"},
    "counted-parts": {"nl": "Geteld: {parts}.", "en": "Counted: {parts}."},
    "checklist": {"nl": "Checklist", "en": "Checklist"},
    "sections": {"nl": "Verplichte secties", "en": "Required sections"},
    "section.missing": {"nl": "ontbreekt", "en": "missing"},
    "section.as": {"nl": "als “{heading}”", "en": "as “{heading}”"},
    "section.page": {"nl": "pagina {page}", "en": "page {page}"},
    "order.ok": {"nl": "De secties staan in de gevraagde volgorde.", "en": "The sections are in the required order."},
    "order.wrong": {"nl": "De secties staan niet in de gevraagde volgorde (zie de fouten hieronder).",
                    "en": "The sections are not in the required order (see the errors below)."},
    "reflection": {"nl": "Weekreflecties", "en": "Weekly reflections"},
    "layout": {"nl": "Opmaak", "en": "Layout"},
    "todo": {"nl": "Wat je moet nakijken", "en": "What to look at"},
    "todo.none": {"nl": "Niets gevonden. Goed gedaan!", "en": "Nothing found. Well done!"},
    "group.none": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "whole-report": {"nl": "het hele verslag", "en": "the whole report"},
    "where.page": {"nl": "pagina {page}", "en": "page {page}"},
    "where.paragraph": {"nl": "alinea {paragraph}", "en": "paragraph {paragraph}"},
    "where.heading": {"nl": "kop “{start}”", "en": "heading “{start}”"},
    "where.text": {"nl": "alinea “{start}”", "en": "paragraph “{start}”"},
    "where.cell": {"nl": "tabelcel “{start}”", "en": "table cell “{start}”"},
    "where.header": {"nl": "koptekst “{start}”", "en": "header “{start}”"},
    "where.footer": {"nl": "voettekst “{start}”", "en": "footer “{start}”"},
    "where.toc": {"nl": "inhoudstafel “{start}”", "en": "table of contents “{start}”"},
    "show": {"nl": "bekijk in de tekst", "en": "show in the text"},
    "suggestions": {"nl": "Misschien bedoel je:", "en": "Did you mean:"},
    "tip": {"nl": "Tip:", "en": "Tip:"},
    "also-at": {"nl": "Komt ook voor op:", "en": "Also at:"},
    "text": {"nl": "Je verslag, met de opmerkingen erin", "en": "Your report, with the findings marked"},
    "text.intro": {"nl": "Gemarkeerde woorden hebben een nummer; de uitleg staat onder de alinea.",
                   "en": "Marked words have a number; the explanation is below the paragraph."},
    "page": {"nl": "pagina {page}", "en": "page {page}"},
    "kind.header": {"nl": "koptekst", "en": "header"},
    "kind.footer": {"nl": "voettekst", "en": "footer"},
    "kind.toc": {"nl": "inhoudstafel", "en": "table of contents"},
    "kind.table-cell": {"nl": "tabel {table}, rij {row}, kolom {cell}", "en": "table {table}, row {row}, column {cell}"},
    "filter": {"nl": "Tonen:", "en": "Show:"},
    "filter.warning": {"nl": "waarschuwingen", "en": "warnings"},
    "filter.info": {"nl": "opmerkingen", "en": "remarks"},
    "empty-text": {"nl": "Er is geen tekst gelezen uit dit bestand.", "en": "No text was read from this file."},
    "footer": {"nl": "Gemaakt door stagepipe. Deze controle is een hulpmiddel: ze vervangt geen nalezing door jezelf "
                     "of je begeleider.",
               "en": "Made by stagepipe. This check is a help: it does not replace proofreading by yourself or your "
                     "supervisor."},
}
html_t = catalog(MESSAGES)

ICONS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
# Word's vertical tab is a line break; other control characters have no place in HTML (replaced one for one,
# so offsets stay right)
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def t(key: str, lang: str, /, **values: Any) -> str:
    """This module's messages first, then the text formatter's."""
    return html_t(key, lang, **values) if key in MESSAGES else rt.report_t(key, lang, **values)


def amount(severity: Severity | str, n: int, lang: str) -> str:
    """'1 fout', '3 fouten'."""
    value = Severity(severity).value
    return t(f"one.{value}" if n == 1 else f"many.{value}", lang, n=n)


@dataclass(eq=False)
class Note:
    """A finding as the page shows it, with its footnote number."""

    number: int
    finding: Finding
    anchor: str | None  # id of the block it points into
    where: str
    related: list[tuple[str, str | None]] = field(default_factory=list)  # (place, block anchor)
    show_hint: bool = True  # advice is shown once, at the first finding of its group that carries it

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def suggestions(self) -> list[str]:
        if not self.finding.hint or not rt.is_suggestion(self.finding):
            return []
        return [s.strip() for s in self.finding.hint.split("|") if s.strip()]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    note: Note


@dataclass
class Piece:
    """A run of text with the spans that cover it, or (text None) a footnote marker after a span."""

    text: str | None = None
    notes: list[Note] = field(default_factory=list)
    marker: Note | None = None

    @property
    def classes(self) -> str:
        worst = min(self.notes, key=lambda n: n.finding.severity.rank)
        checks = sorted({f"hl-{n.finding.check}" for n in self.notes})
        overlap = ["overlap"] if len({n.number for n in self.notes}) > 1 else []
        return " ".join(["hl", f"sev-{worst.severity}", *checks, *overlap])

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(f"[{n.number}] {n.finding.message}" for n in self.notes))


def clean_text(text: str) -> str:
    return _CONTROL.sub(" ", text.translate(_LINE_BREAKS))


def pieces(text: str, spans: Iterable[Span]) -> list[Piece]:
    """Cut ``text`` where spans start and end: each run lists the spans over it, markers follow each span's end.

    Spans are clamped to the text (an offset past the end becomes a marker at the end); overlapping spans give runs
    covered by several notes, never nested or crossing tags.
    """
    size = len(text)
    clamped = []
    for span in spans:
        start = min(max(span.start, 0), size)
        clamped.append(Span(start, min(max(span.end, start), size), span.note))
    cuts = sorted({0, size, *(s.start for s in clamped), *(s.end for s in clamped)})
    out: list[Piece] = []
    for i, position in enumerate(cuts):
        ended = [s for s in clamped if s.end == position and (s.start < s.end or s.start == position)]
        seen: set[int] = set()
        for span in sorted(ended, key=lambda s: s.note.number):
            if span.note.number not in seen:
                seen.add(span.note.number)
                out.append(Piece(marker=span.note))
        if i + 1 < len(cuts):
            end = cuts[i + 1]
            covering = [s.note for s in clamped if s.start <= position and end <= s.end]
            out.append(Piece(text=clean_text(text[position:end]), notes=covering))
    return out


def _block_index(location: Location, blocks: dict[int, Block]) -> int | None:
    return location.paragraph if location.paragraph in blocks else None


def opening(text: str, limit: int = 40) -> str:
    """The first words of a paragraph, to find it back with Ctrl+F: 'Ik liep stage bij de HR-afdeling…'."""
    words = clean_text(text).split()
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            return out + "…"
        out = f"{out} {word}" if out else word
    return out if len(out) <= limit + 10 else out[:limit] + "…"


_WHERE_KIND = {"heading": "where.heading", "table-cell": "where.cell", "header": "where.header",
               "footer": "where.footer", "toc": "where.toc"}


def _where(location: Location, blocks: dict[int, Block], lang: str) -> str:
    """'pagina 2 · alinea “Ik liep stage bij de…”': the opening words find a paragraph faster than its number."""
    parts = [t("where.page", lang, page=location.page)] if location.page is not None else []
    block = blocks.get(location.paragraph) if location.paragraph is not None else None
    if block is not None and block.text.strip():
        parts.append(t(_WHERE_KIND.get(block.kind.value, "where.text"), lang, start=opening(block.text)))
    elif location.paragraph is not None:
        parts.append(t("where.paragraph", lang, paragraph=location.paragraph + 1))
    return " · ".join(parts) or t("whole-report", lang)


def _spans(location: Location, note: Note) -> list[Span]:
    if location.offset is None:
        return []
    return [Span(location.offset, location.offset + max(location.length or 0, 0), note)]


def _blocks_view(result: ReportResult, notes: list[Note], lang: str) -> list[dict[str, Any]]:
    by_index = {b.index: b for b in result.document.blocks}
    spans: dict[int, list[Span]] = {}
    notes_at: dict[int, list[Note]] = {}
    for note in notes:
        for location in (note.finding.location, *note.finding.related):
            index = _block_index(location, by_index)
            if index is None:
                continue
            spans.setdefault(index, []).extend(_spans(location, note))
            if all(n is not note for n in notes_at.setdefault(index, [])):
                notes_at[index].append(note)
    view = []
    page: int | None = None
    for block in result.document.blocks:
        marker = block.page if block.page is not None and block.page != page else None
        page = block.page if block.page is not None else page
        label = None
        if block.kind.value in ("header", "footer", "toc"):
            label = t(f"kind.{block.kind.value}", lang)
        elif block.kind.value == "table-cell" and block.table is not None:
            table, row, cell = block.table
            label = t("kind.table-cell", lang, table=table + 1, row=row + 1, cell=cell + 1)
        level = min((block.level or 1) + 2, 6)
        view.append({"block": block, "anchor": f"b-{block.index}", "page_marker": marker, "label": label,
                     "tag": f"h{level}" if block.is_heading else "p", "level": block.level or 1,
                     "pieces": pieces(block.text, spans.get(block.index, [])), "notes": notes_at.get(block.index, [])})
    return view


def _notes(result: ReportResult, lang: str) -> list[tuple[str, list[Note]]]:
    blocks = {b.index: b for b in result.document.blocks}
    groups = []
    number = 0
    for group, findings in rt.group_findings(result):
        group_notes = []
        said: set[str] = set()
        for finding in findings:
            number += 1
            index = _block_index(finding.location, blocks)
            related = []
            for loc in finding.related:
                other = _block_index(loc, blocks)
                related.append((_where(loc, blocks, lang), f"b-{other}" if other is not None else None))
            show_hint = rt.is_suggestion(finding) or (finding.hint or "") not in said
            said.add(finding.hint or "")
            group_notes.append(Note(number, finding, f"b-{index}" if index is not None else None,
                                    _where(finding.location, blocks, lang), related, show_hint))
        groups.append((group, group_notes))
    return groups


def _figure(key: str, value: Any, low: Any, high: Any, lang: str, note: str | None = None) -> dict[str, Any]:
    status: str | None
    if value is None:
        status = "unknown"
    elif low is not None and value < low:
        status = "low"
    elif high is not None and value > high:
        status = "high"
    else:
        status = "ok" if low is not None or high is not None else None
    return {"label": t(f"figure.{key}", lang), "value": rt.number(value, lang), "limits": rt.limits(low, high, lang),
            "status": status, "status_text": t(f"status.{status}", lang) if status else None, "note": note}


def _figures(result: ReportResult, lang: str) -> list[dict[str, Any]]:
    length = rt.facts_of(result, "length")
    if not length:
        return []
    unit = length.get("unit")
    estimate = t("estimate", lang) if length.get("pages_source") == "docx-metadata" else None
    rows = [_figure("pages", length.get("pages"), length.get("pages_min"), length.get("pages_max"), lang, estimate)]
    for key in ("words", "characters", "characters_no_spaces"):
        limited = unit == key
        rows.append(_figure(key, length.get(key), length.get("min") if limited else None,
                            length.get("max") if limited else None, lang))
    return rows


def _sections(result: ReportResult, lang: str) -> dict[str, Any] | None:
    facts = rt.facts_of(result, "sections")
    if not facts:
        return None
    found = {s.get("id"): s for s in facts.get("found") or []}
    rows = []
    for section in facts.get("required") or []:
        match = found.get(section.get("id"))
        title = str(section.get("title", section.get("id", "")))
        row: dict[str, Any] = {"title": title, "found": match is not None, "as": None, "page": None, "anchor": None}
        if match is not None:
            heading = str(match.get("heading") or title)
            row["as"] = t("section.as", lang, heading=heading) if heading.strip() != title else None
            row["page"] = t("section.page", lang, page=match["page"]) if match.get("page") is not None else None
            row["anchor"] = f"b-{match['paragraph']}" if match.get("paragraph") is not None else None
        rows.append(row)
    weeks = []
    for week in rt.facts_of(result, "reflection").get("weeks") or []:
        answered, missing, empty = week.get("answered", 0), week.get("missing") or [], week.get("empty") or []
        weeks.append({"ok": not missing and not empty, "anchor": f"b-{week['paragraph']}" if "paragraph" in week else None,
                      "text": rt.report_t("reflection.week", lang, week=week.get("week", "?"), answered=answered,
                                          questions=answered + len(missing) + len(empty))})
    return {"rows": rows, "out_of_order": bool(facts.get("out_of_order")), "weeks": weeks,
            "none": rt.no_required(result, lang) if not rows else None}


def _overview_facts(group: str, result: ReportResult, lang: str) -> list[str]:
    """One line under a check in the overview: what it measured."""
    if group in ("anonymity", "language"):
        return rt.facts_lines(group, result, lang, False)
    if group == "sections":
        facts = rt.facts_of(result, "sections")
        required = facts.get("required") or []
        if not facts:
            return []
        if not required:
            return [rt.no_required(result, lang)]
        return [t("sections.found", lang, found=len(required) - len(facts.get("missing") or []), required=len(required))]
    if group == "length":
        length = rt.facts_of(result, "length")
        if not length:
            return []
        words = rt.number(length.get("words"), lang)
        if length.get("pages") is None:
            return [t("length.words", lang, words=words)]
        return [t("length.short", lang, pages=rt.number(length["pages"], lang), words=words)]
    return []


def _verdict_text(result: ReportResult, lang: str) -> str:
    total = rt.counts(result.findings)
    rest = [amount(s, total[k], lang) for s, k in (("warning", "warnings"), ("info", "infos")) if total[k]]
    text = t("verdict.fix", lang, errors=amount("error", total["errors"], lang)) if total["errors"] else t(
        "verdict.clean", lang)
    if rest:
        text += " " + t("verdict.also", lang, rest=t("verdict.and", lang).join(rest))
    skipped = [rt.group_name(g, lang).lower() for g in rt.not_checked(result)]
    if skipped:
        text += " " + t("verdict.skipped", lang, groups=", ".join(skipped))
    return text


@functools.cache
def _environment() -> jinja2.Environment:
    """Compiled once per process. Autoescape is on for every template: report text is untrusted."""
    return jinja2.Environment(loader=jinja2.PackageLoader("pipeline.output", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(result: ReportResult, *, lang: str = "nl") -> str:
    """The page a student reads: verdict and counts, length and sections, what to look at, the marked-up text."""
    groups = _notes(result, lang)
    all_notes = [n for _, notes in groups for n in notes]
    overview = [{"id": g, "name": rt.group_name(g, lang), "counts": rt.counts(n.finding for n in notes),
                 "skipped": rt.skipped(result, g), "facts": _overview_facts(g, result, lang)} for g, notes in groups]
    length = rt.facts_of(result, "length")
    parts = length.get("parts") or []
    context = {
        "lang": lang,
        "t": lambda key, **values: t(key, lang, **values),
        "amount": lambda severity, n: amount(severity, n, lang),
        "counts": lambda notes: rt.counts(n.finding for n in notes),
        "category": lambda name: rt.label(f"category.{name}", lang, name),
        "groups_by_id": {g: rt.group_name(g, lang) for g, _ in groups},
        "icons": {s.value: icon for s, icon in ICONS.items()},
        "report": os.path.basename(result.document.path) or result.document.path,
        "path": result.document.path,
        "program": result.program,
        "notice": rt.facts_of(result, "program").get("notice"),
        "passed": result.passed,
        "verdict": _verdict_text(result, lang),
        "totals": rt.counts(result.findings),
        "overview": overview,
        "figures": _figures(result, lang),
        "counted": ", ".join(part_name(p, lang) for p in parts) if parts else None,
        "sections": _sections(result, lang),
        "layout": [{"ok": present, "text": rt.format_item_text(item, present, lang)}
                   for item, present in rt.format_items(result)],
        "groups": [{"id": g, "name": rt.group_name(g, lang), "notes": notes, "skipped": rt.skipped(result, g)}
                   for g, notes in groups],
        "has_notes": bool(all_notes),
        "blocks": _blocks_view(result, all_notes, lang),
    }
    return _environment().get_template("report.html.j2").render(**context)
