"""One self-contained HTML page of `stagepipe check`: the summary, the checklist, then the report text with its
findings. The words come from the catalogs through Jinja's i18n extension (``_("html.…")`` in the template)."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2

from pipeline.findings import Finding, Location, Severity
from pipeline.messages import Message, Translator, joined, msg
from pipeline.output import report_text as rt
from pipeline.output.common import FormatOptions, is_suggestion, limits, number
from pipeline.results import CATEGORY_NAMES, Counts, ReportResult, group_name, part_name

if TYPE_CHECKING:
    from pipeline.report.document import Block

ICONS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
SEVERITY_LABELS = {Severity.ERROR: msg("html.severity.error"), Severity.WARNING: msg("html.severity.warning"),
                   Severity.INFO: msg("html.severity.info")}
AMOUNTS = {Severity.ERROR: (msg("html.one.error"), msg("html.many.error")),
           Severity.WARNING: (msg("html.one.warning"), msg("html.many.warning")),
           Severity.INFO: (msg("html.one.info"), msg("html.many.info"))}
FIGURE_LABELS = {"pages": msg("html.figure.pages"), "words": msg("html.figure.words"),
                 "characters": msg("html.figure.characters"),
                 "characters_no_spaces": msg("html.figure.characters_no_spaces")}
STATUS_TEXTS = {"low": msg("html.status.low"), "high": msg("html.status.high"), "ok": msg("html.status.ok"),
                "unknown": msg("html.status.unknown")}
WHERE_KIND = {"heading": msg("html.where.heading"), "table-cell": msg("html.where.cell"),
              "header": msg("html.where.header"), "footer": msg("html.where.footer"), "toc": msg("html.where.toc")}
BLOCK_LABELS = {"header": msg("html.kind.header"), "footer": msg("html.kind.footer"), "toc": msg("html.kind.toc")}
# Word's vertical tab is a line break; other control characters have no place in HTML (replaced one for one,
# so offsets stay right)
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def amount(severity: Severity | str, n: int) -> Message:
    """'1 fout', '3 fouten'."""
    one, many = AMOUNTS[Severity(severity)]
    return one if n == 1 else many.with_values(n=n)


@dataclass(eq=False)
class Note:
    """A finding as the page shows it, with its footnote number and its texts in the page's language."""

    number: int
    finding: Finding
    anchor: str | None  # id of the block it points into
    where: str
    message: str
    hint: str
    related: list[tuple[str, str | None]] = field(default_factory=list)  # (place, block anchor)
    show_hint: bool = True  # advice is shown once, at the first finding of its group that carries it

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def suggestions(self) -> list[str]:
        if not self.hint or not is_suggestion(self.finding):
            return []
        return [s.strip() for s in self.hint.split("|") if s.strip()]


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
        return " · ".join(dict.fromkeys(f"[{n.number}] {n.message}" for n in self.notes))


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


def _spans(location: Location, note: Note) -> list[Span]:
    if location.offset is None:
        return []
    return [Span(location.offset, location.offset + max(location.length or 0, 0), note)]


def _where(location: Location, blocks: dict[int, Block], tr: Translator) -> str:
    """'pagina 2 · alinea “Ik liep stage bij de…”': the opening words find a paragraph faster than its number."""
    parts = [tr(msg("html.where.page", page=location.page))] if location.page is not None else []
    block = blocks.get(location.paragraph) if location.paragraph is not None else None
    holder = location.where or (block.where() if block is not None else None)
    if holder is not None:  # a text box, a footnote, a comment, a document property
        parts.append(tr(holder))
    if block is not None and block.text.strip():
        parts.append(tr(WHERE_KIND.get(block.kind.value, msg("html.where.text")).with_values(start=opening(block.text))))
    elif location.paragraph is not None:
        parts.append(tr(msg("html.where.paragraph", paragraph=location.paragraph + 1)))
    return " · ".join(parts) or tr(msg("html.whole-report"))


def _blocks_view(result: ReportResult, notes: list[Note], tr: Translator) -> list[dict[str, Any]]:
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
        if block.kind.value in BLOCK_LABELS:
            label = tr(BLOCK_LABELS[block.kind.value])
        elif block.where() is not None:
            label = tr(block.where())
        elif block.kind.value == "table-cell" and block.table is not None:
            table, row, cell = block.table
            label = tr(msg("html.kind.table-cell", table=table + 1, row=row + 1, cell=cell + 1))
        level = min((block.level or 1) + 2, 6)
        view.append({"block": block, "anchor": f"b-{block.index}", "page_marker": marker, "label": label,
                     "tag": f"h{level}" if block.is_heading else "p", "level": block.level or 1,
                     "pieces": pieces(block.text, spans.get(block.index, [])), "notes": notes_at.get(block.index, [])})
    return view


def _notes(result: ReportResult, tr: Translator) -> list[tuple[str, list[Note]]]:
    blocks = {b.index: b for b in result.document.blocks}
    groups = []
    number_ = 0
    for group in result.groups():
        group_notes = []
        said: set[str] = set()
        for finding in group.findings:
            number_ += 1
            index = _block_index(finding.location, blocks)
            related = []
            for loc in finding.related:
                other = _block_index(loc, blocks)
                related.append((_where(loc, blocks, tr), f"b-{other}" if other is not None else None))
            hint = tr(finding.hint) if finding.hint else ""
            show_hint = is_suggestion(finding) or hint not in said
            said.add(hint)
            group_notes.append(Note(number_, finding, f"b-{index}" if index is not None else None,
                                    _where(finding.location, blocks, tr), tr(finding.message), hint, related, show_hint))
        groups.append((group.id, group_notes))
    return groups


def _figure(key: str, value: Any, low: Any, high: Any, tr: Translator, note: str | None = None) -> dict[str, Any]:
    status: str | None
    if value is None:
        status = "unknown"
    elif low is not None and value < low:
        status = "low"
    elif high is not None and value > high:
        status = "high"
    else:
        status = "ok" if low is not None or high is not None else None
    return {"label": tr(FIGURE_LABELS[key]), "value": number(value, tr), "limits": limits(low, high, tr),
            "status": status, "status_text": tr(STATUS_TEXTS[status]) if status else None, "note": note}


def _figures(result: ReportResult, tr: Translator) -> list[dict[str, Any]]:
    length = result.summaries.length
    if length is None:
        return []
    estimate = tr(msg("html.estimate")) if length.pages_source == "docx-metadata" else None
    rows = [_figure("pages", length.pages, length.pages_min, length.pages_max, tr, estimate)]
    for key in ("words", "characters", "characters_no_spaces"):
        limited = length.unit == key
        rows.append(_figure(key, length.count(key), length.min if limited else None,
                            length.max if limited else None, tr))
    return rows


def _sections(result: ReportResult, tr: Translator) -> dict[str, Any] | None:
    sections = result.summaries.sections
    if sections is None:
        return None
    rows = []
    for section in sections.required:
        match = sections.match(section.id)
        row: dict[str, Any] = {"title": section.title, "found": match is not None, "as": None, "page": None,
                               "anchor": None}
        if match is not None:
            heading = match.heading or section.title
            row["as"] = tr(msg("html.section.as", heading=heading)) if heading.strip() != section.title else None
            row["page"] = tr(msg("html.section.page", page=match.page)) if match.page is not None else None
            row["anchor"] = f"b-{match.paragraph}" if match.paragraph is not None else None
        rows.append(row)
    weeks = []
    reflection = result.summaries.reflection
    for week in reflection.weeks if reflection else ():
        weeks.append({"ok": week.complete, "anchor": f"b-{week.paragraph}",
                      "text": tr(rt.week_text(week.week, week.answered, week.questions))})
    return {"rows": rows, "out_of_order": sections.out_of_order, "weeks": weeks,
            "none": tr(rt.no_required(result)) if not rows else None}


def _overview_facts(group: str, result: ReportResult, tr: Translator) -> list[str]:
    """One line under a check in the overview: what it measured."""
    if group in ("anonymity", "language"):
        return rt.summary_lines(group, result, tr, False)
    if group == "sections":
        sections = result.summaries.sections
        if sections is None:
            return []
        if not sections.required:
            return [tr(rt.no_required(result))]
        found, required = rt.sections_found(sections)
        return [tr(msg("html.sections.found", found=found, required=required))]
    if group == "length":
        length = result.summaries.length
        if length is None:
            return []
        words = number(length.words, tr)
        if length.pages is None:
            return [tr(msg("html.length.words", words=words))]
        return [tr(msg("html.length.short", pages=number(length.pages, tr), words=words))]
    return []


def _verdict_text(result: ReportResult, tr: Translator) -> str:
    total = result.counts
    rest = [amount(s, n) for s, n in ((Severity.WARNING, total.warnings), (Severity.INFO, total.infos)) if n]
    text = tr(msg("html.verdict.fix", errors=amount(Severity.ERROR, total.errors)) if total.errors else
              msg("html.verdict.clean"))
    if rest:
        both = joined(rest, tr(msg("html.verdict.and")))
        text += " " + tr(msg("html.verdict.also", rest=both))
    skipped = [tr(group_name(g)).lower() for g in result.not_checked()]
    if skipped:
        text += " " + tr(msg("html.verdict.skipped", groups=", ".join(skipped)))
    return text


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    """Compiled once per process and language. Autoescape is on for every template: report text is untrusted."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("pipeline.output", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.i18n"])
    tr = Translator(lang)
    # our ids are not sentences, so the plural is chosen by id: ngettext("x.one", "x.many", n)
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=tr.id, ngettext=lambda one, many, n, **values: tr.id(one if n == 1 else many, n=n, **values),
        newstyle=False)
    return env


def render_html(result: ReportResult, options: FormatOptions) -> str:
    """The page a student reads: verdict and counts, length and sections, what to look at, the marked-up text."""
    return environment(options.lang).get_template("report.html.j2").render(**report_context(result, options))


def render_fragment(result: ReportResult, options: FormatOptions, **extra: Any) -> str:
    """The same report without its page around it, for a page that brings its own (pipeline.web): the part inside
    ``<main>``; ``extra`` may hold ``after_verdict`` (markup shown right under the verdict)."""
    context = {**report_context(result, options), **extra}
    return environment(options.lang).get_template("report_content.html.j2").render(**context)


def report_context(result: ReportResult, options: FormatOptions) -> dict[str, Any]:
    """What the report templates show, in the language of ``options``."""
    tr = options.tr
    groups = _notes(result, tr)
    all_notes = [n for _, notes in groups for n in notes]
    skipped = {g.id: tr(g.skipped) if g.skipped else None for g in result.groups()}
    overview = [{"id": g, "name": tr(group_name(g)), "counts": Counts.of(n.finding for n in notes).as_dict(),
                 "skipped": skipped.get(g), "facts": _overview_facts(g, result, tr)} for g, notes in groups]
    length = result.summaries.length
    parts = length.parts if length is not None else ()
    context = {
        "lang": options.lang,
        "amount": lambda severity, n: tr(amount(severity, n)),
        "counts": lambda notes: Counts.of(n.finding for n in notes).as_dict(),
        "category": lambda name: tr(CATEGORY_NAMES.get(name, name)),
        "groups_by_id": {g: tr(group_name(g)) for g, _ in groups},
        "severity_names": {s.value: tr(label) for s, label in SEVERITY_LABELS.items()},
        "icons": {s.value: icon for s, icon in ICONS.items()},
        "report": os.path.basename(result.document.path) or result.document.path,
        "path": result.document.path,
        "program": result.program,
        "notice": tr(result.summaries.program_notice) if result.summaries.program_notice else None,
        "passed": result.passed,
        "verdict": _verdict_text(result, tr),
        "totals": result.counts.as_dict(),
        "overview": overview,
        "figures": _figures(result, tr),
        "counted": ", ".join(tr(part_name(p)) for p in parts) if parts else None,
        "sections": _sections(result, tr),
        "layout": [{"ok": present, "text": tr(rt.format_item_text(item, present))}
                   for item, present in rt.format_items(result)],
        "groups": [{"id": g, "name": tr(group_name(g)), "notes": notes, "skipped": skipped.get(g)}
                   for g, notes in groups],
        "has_notes": bool(all_notes),
        "blocks": _blocks_view(result, all_notes, tr),
    }
    return context

