"""Issue 14: leak recall per kind and false flags on DOCX reports whose personal data sits in text boxes, content
controls, footnotes, comments, document properties and image paths (tests/data/eval/anonymity_hidden.yaml).

Each report is built with tests/word_files.py (Word's cover-page structures, made with python-docx) and checked as
a student would: ``--program ugent-dgk``, anonymity only, no case file. A leak is found when a warning or error of
the anonymity check overlaps it in a block that holds it; a flag that overlaps no leak is a false flag.
``python -m bench.anonymity_hidden [-v]`` prints ``bench: anon_hidden_<kind>_recall`` lines.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests import word_files as wf

SPEC = Path(__file__).resolve().parents[1] / "tests" / "data" / "eval" / "anonymity_hidden.yaml"
KINDS = ("name", "email", "phone", "address", "id", "metadata")
_MARK = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<text>.+?)\]\]")


@dataclass
class Labels:
    leaks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    ok: list[str] = field(default_factory=list)

    def strip(self, text: str) -> str:
        """The text without its marks; the marks recorded."""
        def keep(m: re.Match[str]) -> str:
            if m.group("kind") == "ok":
                self.ok.append(m.group("text"))
            else:
                self.leaks.append((m.group("kind"), m.group("text")))
            return m.group("text")
        return _MARK.sub(keep, text)

    def value(self, text: str) -> str:
        """A stored value: 'ok:...' is no leak, a marked one is a metadata leak."""
        if text.startswith("ok:"):
            self.ok.append(text[3:])
            return text[3:]
        return self.strip(text)


def build(report: dict[str, Any], folder: Path) -> tuple[Path, Labels]:
    labels = Labels()
    doc = wf.new_document()
    extra = wf.Extra()
    cover = report.get("cover")
    if cover:
        boxes = [wf.lines(labels.strip(box)) for box in cover.get("boxes", [])]
        plain = wf.lines(labels.strip("\n".join(cover.get("plain", []))))
        wf.cover_page(doc, boxes, kind=cover.get("kind", "drawingml"), plain=plain)
    for control in report.get("controls", []):
        title, text = control.split("|", 1)
        wf.add_block_control(doc, title, labels.strip(text))
    footnotes = [labels.strip(n) for n in report.get("footnotes", [])]
    endnotes = [labels.strip(n) for n in report.get("endnotes", [])]
    paragraphs = []
    for line in report.get("body", []):
        if line.startswith("# "):
            doc.add_heading(line[2:], 1)
        else:
            paragraphs.append(doc.add_paragraph(labels.strip(line)))
    for i, _ in enumerate(footnotes, start=1):
        wf.add_note_reference(paragraphs[min(i, len(paragraphs)) - 1], i)
    for i, _ in enumerate(endnotes, start=1):
        wf.add_note_reference(paragraphs[-1], i, endnote=True)
    wf.notes(extra, footnotes, endnotes)
    rows = report.get("table")
    if rows:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = labels.strip(value)
    for comment in report.get("comments", []):
        wf.add_comment(doc, paragraphs[-1], labels.strip(comment["text"]), author=labels.strip(comment["author"]))
    for i, description in enumerate(report.get("images", [])):
        wf.add_image(doc, folder / f"{report['name']}-{i}", description=labels.value(description))
    props = report.get("properties", {})
    custom = [(k, labels.value(v)) for k, v in props.get("custom", {}).items()]
    wf.properties(doc, extra, **{k: labels.value(v) for k, v in props.items() if k != "custom"}, custom=custom)
    return wf.save(doc, folder / f"{report['name']}.docx", extra), labels


@dataclass
class Score:
    leaks: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    false_flags: int = 0
    reports: int = 0
    missed: list[str] = field(default_factory=list)
    false_examples: list[str] = field(default_factory=list)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def measure(spec: Path = SPEC, program: str = "ugent-dgk") -> Score:
    from pipeline.findings import Severity
    from pipeline.report.setup import CheckOptions, check_report

    score = Score()
    reports = yaml.safe_load(spec.read_text(encoding="utf-8"))["reports"]
    with tempfile.TemporaryDirectory(prefix="stagepipe-hidden-") as tmp:
        for report in reports:
            path, labels = build(report, Path(tmp))
            result = check_report(CheckOptions(report=path, program=program, groups=("anonymity",),
                                               count_pages=False))
            blocks = result.document.blocks
            flags = [f for f in result.findings if f.check == "anonymity" and f.severity is not Severity.INFO
                     and f.location.paragraph is not None]
            score.reports += 1
            leak_spans: list[tuple[int, int, int]] = []  # (block, start, end)
            for kind, text in labels.leaks:
                score.leaks[kind] += 1
                spans = [(b.index, s, e) for b in blocks for s, e in _spans(b.text, text)]
                leak_spans += spans
                hit = any(f.location.paragraph == i and (f.location.offset or 0) < e and
                          s < (f.location.offset or 0) + (f.location.length or 0) for i, s, e in spans for f in flags)
                if hit:
                    score.found[kind] += 1
                else:
                    score.missed.append(f"{report['name']}: {kind} {text}")
            for f in flags:
                start, end = f.location.offset or 0, (f.location.offset or 0) + (f.location.length or 0)
                if not any(i == f.location.paragraph and s < end and start < e for i, s, e in leak_spans):
                    score.false_flags += 1
                    score.false_examples.append(f"{report['name']}: {f.rule} {f.text}")
    return score


def main(argv: list[str]) -> int:
    score = measure()
    total_leaks, total_found = sum(score.leaks.values()), sum(score.found.values())
    for kind in KINDS:
        if score.leaks[kind]:
            print(f"bench: anon_hidden_{kind}_recall {score.found[kind] / score.leaks[kind]:.3f} "
                  f"({score.found[kind]}/{score.leaks[kind]})")
    print(f"bench: anon_hidden_leak_recall {total_found / total_leaks:.3f} ({total_found}/{total_leaks})")
    print(f"bench: anon_hidden_false_flags_per_report {score.false_flags / score.reports:.2f} "
          f"({score.false_flags} in {score.reports} reports)")
    if "-v" in argv:
        for line in score.missed:
            print(f"  missed {line}")
        for line in score.false_examples:
            print(f"  false flag {line}")
    return 0


def run() -> None:
    main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
