"""Language and anonymity quality on real text nobody on this project wrote (issue 10).

The evaluation set is built by ``tools/eval_corpus.py`` into ``tests/data/eval/build/`` from pinned public
repositories (see tests/data/eval/SOURCES.md); the anonymity reports are ``tests/data/eval/anonymity_reports.txt``.
What a student would see is what is measured:

- real reports: ``pipeline.report.setup.check_report`` with the language group only (reader, parts, LanguageTool
  on the body, accepted words, grouping of repeats), no program and no case: findings of severity warning or error
  per 1,000 words of checked text (``language_noise_per_1000_words``; ``..._occurrences`` counts each repeat);
- sentence sets: the same LanguageChecker the check uses (nl-BE, no program words), one paragraph per sentence,
  and the same refinement of its matches (``pipeline.report.checks.language.refine``: code, names, English terms
  and repeats), each sentence on its own as if it were a whole document (no evidence from other sentences):
  ``correct_sentence_false_alarm_rate`` (a sentence with any warning/error), ``dt_recall`` and ``typo_recall`` (a
  warning/error overlapping the planted span; ``dt_recall_dt_category`` only counts category dt);
- anonymity: ``check_report`` with the anonymity group, ``--program ugent-dgk``, no case file, on each labelled
  report: ``anonymity_false_flags_per_report`` (warnings/errors that overlap no leak) and ``anonymity_leak_recall``.

``python -m bench language_quality`` prints ``bench: <name> <value> <unit>`` lines; ``--split dev|test|all`` picks
the split (default all): the sentence sets' own, and for the real reports ``REPORT_SPLIT`` (three reports to tune
on, three only measured); ``--details FILE`` writes every finding as JSON lines for the research notes.
The LanguageTool server is the usual local one (started or reused, never stopped here).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.findings import Finding, Severity
from pipeline.paths import PROJECT_ROOT

EVAL = PROJECT_ROOT / "tests" / "data" / "eval"
BUILD = EVAL / "build"
ANONYMITY = EVAL / "anonymity_reports.txt"
# written after the filters' data, before they ran on it: the honest estimate (never tuned on)
ANONYMITY_FRESH = EVAL / "anonymity_fresh.txt"
ALARM = (Severity.WARNING, Severity.ERROR)
# the real reports: dev to look at while tuning (a logbook, a thesis in Markdown, a PDF), test only measured
REPORT_SPLIT = {"hogent-stage-logboek": "dev", "vives-bachelorproef-infra": "dev", "hbo-stage-verantwoording": "dev",
                "hogent-bachelorproef-ai-app": "test", "hogent-bachelorproef-nlp": "test", "hbo-stage-onderzoek": "test"}
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SPAN = re.compile(r"\[\[(leak|ok):(.+?)\]\]")


def _jsonl(name: str, split: str = "all") -> list[dict[str, Any]]:
    path = BUILD / name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r.get("split") == split]


def built() -> bool:
    return (BUILD / "MANIFEST.json").is_file()


def alarms(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in ALARM]


def occurrences(finding: Finding) -> int:
    return 1 + len(finding.related)


# --- real reports ------------------------------------------------------------------------------------------------

@dataclass
class ReportNoise:
    name: str
    words: int
    findings: list[Finding]
    accepted: Counter[str]  # matches not shown, by reason (pipeline.language.vocabulary.Reason)


def report_noise(server: str | None = None, split: str = "all") -> list[ReportNoise]:
    """``check_report`` (language group only) on every real report of the split, with the words of the text it
    checked."""
    from pipeline.report.checks.language import checked_blocks
    from pipeline.report.setup import CheckOptions, check_report

    out = []
    for entry in json.loads((BUILD / "reports.json").read_text(encoding="utf-8")):
        if split != "all" and REPORT_SPLIT.get(entry["name"], "test") != split:
            continue
        options = CheckOptions(report=BUILD / entry["file"], groups=("language",), count_pages=False, server=server)
        result = check_report(options)
        words = sum(len(_WORD.findall(b.text)) for b in checked_blocks(result.document.blocks))
        summary = result.summaries.language
        accepted = Counter(dict(summary.accepted)) if summary is not None else Counter()
        out.append(ReportNoise(entry["name"], words, [f for f in result.findings if f.check == "language"], accepted))
    return out


# --- sentence sets -----------------------------------------------------------------------------------------------

def check_sentences(texts: Sequence[str], checker: Any = None) -> list[list[Finding]]:
    """Findings per text, one paragraph each, through the LanguageChecker a report check uses (no program) and the
    check's refinement of its matches, each text on its own (one batch of requests to LanguageTool for all of them)."""
    from pipeline.findings import Location
    from pipeline.language import Paragraph, open_checker
    from pipeline.report.checks.language import refine
    from pipeline.report.document import Block, BlockKind

    paragraphs = [Paragraph(t, Location(paragraph=i)) for i, t in enumerate(texts)]
    own = checker is None
    checker = checker or open_checker()
    try:
        found = checker.check_paragraphs(paragraphs)
        per: list[list[Finding]] = [[] for _ in texts]
        blocks = [Block(i, BlockKind.PARAGRAPH, text) for i, text in enumerate(texts)]
        for f in refine(found, blocks, lexicon=checker, language=checker.language, separate=True).findings:
            per[int(f.location.paragraph or 0)].append(f)
        return per
    finally:
        if own:
            checker.close()


def overlaps(finding: Finding, start: int, end: int) -> bool:
    a = finding.location.offset or 0
    return a < end and start < a + (finding.location.length or 0)


@dataclass
class SpanScore:
    found: int
    total: int
    found_dt: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


def span_recall(rows: Sequence[dict[str, Any]], per: Sequence[Sequence[Finding]]) -> tuple[SpanScore, list[dict[str, Any]]]:
    score = SpanScore(0, len(rows))
    misses = []
    for row, findings in zip(rows, per, strict=True):
        hits = [f for f in alarms(findings) if overlaps(f, row["start"], row["end"])]
        if hits:
            score.found += 1
            score.found_dt += any(f.category == "dt" for f in hits)
        else:
            misses.append(row)
    return score, misses


# --- anonymity ---------------------------------------------------------------------------------------------------

@dataclass
class LabelledReport:
    name: str
    title: list[str]  # plain lines
    body: list[str]
    spans: dict[str, list[tuple[str, str]]]  # line -> [(label, text)]


def labelled_reports(path: Path = ANONYMITY) -> list[LabelledReport]:
    reports: list[LabelledReport] = []
    current: LabelledReport | None = None
    in_title = True
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        if raw.startswith("=== "):
            current = LabelledReport(raw[4:].strip(), [], [], {})
            reports.append(current)
            in_title = True
            continue
        if current is None:
            continue
        if raw.strip() == "---":
            in_title = False
            continue
        plain = _SPAN.sub(lambda m: m.group(2), raw)
        current.spans[plain] = [(m.group(1), m.group(2)) for m in _SPAN.finditer(raw)]
        (current.title if in_title else current.body).append(plain)
    return reports


def as_markdown(report: LabelledReport) -> str:
    """Title lines, a contents list, a heading, the body: one paragraph per line. Without pages (Markdown) the
    reader only knows where a title page ends from the table of contents, as in most real reports."""
    return "\n\n".join([*report.title, "Inhoudstafel", "1 Verslag ........ 2", "# Verslag", *report.body]) + "\n"


@dataclass
class AnonymityScore:
    reports: int = 0
    false_flags: int = 0
    flags_on_ok: int = 0
    leaks: int = 0
    leaks_found: int = 0
    false_examples: Counter[str] | None = None
    missed: list[str] | None = None


def _spans_in(line: str, labels: list[tuple[str, str]]) -> list[tuple[str, int, int, str]]:
    out, pos = [], 0
    for label, text in labels:
        i = line.find(text, pos)
        if i >= 0:
            out.append((label, i, i + len(text), text))
            pos = i + len(text)
    return out


def anonymity_scores(program: str = "ugent-dgk", hide: Any = None, path: Path = ANONYMITY) -> AnonymityScore:
    """Scores of the anonymity check; ``hide(finding, block)`` drops findings first (research filters)."""
    from pipeline.report.setup import CheckOptions, check_report

    score = AnonymityScore(false_examples=Counter(), missed=[])
    with tempfile.TemporaryDirectory(prefix="stagepipe-anon-eval-") as tmp:
        for report in labelled_reports(path):
            file = Path(tmp) / f"{report.name}.md"
            file.write_text(as_markdown(report), encoding="utf-8")
            result = check_report(CheckOptions(report=file, program=program, groups=("anonymity",), count_pages=False))
            blocks = result.document.blocks
            flags = [f for f in alarms(result.findings) if f.check == "anonymity"
                     and not (hide and hide(f, blocks[int(f.location.paragraph or 0)]))]
            score.reports += 1
            gold: dict[int, list[tuple[str, int, int, str]]] = {}
            for block in blocks:
                gold[block.index] = _spans_in(block.text, report.spans.get(block.text, []))
            for f in flags:
                spans = gold.get(int(f.location.paragraph or 0), [])
                touching = [s for s in spans if overlaps(f, s[1], s[2])]
                if not any(s[0] == "leak" for s in touching):
                    score.false_flags += 1
                    score.flags_on_ok += any(s[0] == "ok" for s in touching)
                    score.false_examples[f"{f.rule}: {f.text}"] += 1
            for index, spans in gold.items():
                for label, start, end, text in spans:
                    if label != "leak":
                        continue
                    score.leaks += 1
                    if any(int(f.location.paragraph or 0) == index and overlaps(f, start, end) for f in flags):
                        score.leaks_found += 1
                    else:
                        score.missed.append(text)
    return score


def real_report_anonymity_flags(program: str = "ugent-dgk") -> list[tuple[str, int, int, list[str]]]:
    """(report, flags, flags overlapping no listed leak, their texts) on the real reports (their leak lists are
    short: the placement and its people as far as the text shows them)."""
    from pipeline.report.setup import CheckOptions, check_report

    out = []
    for entry in json.loads((BUILD / "reports.json").read_text(encoding="utf-8")):
        result = check_report(CheckOptions(report=BUILD / entry["file"], program=program, groups=("anonymity",),
                                           count_pages=False))
        flags = [f for f in alarms(result.findings) if f.check == "anonymity"]
        leaks = [str(x).casefold() for x in entry["leaks"]]
        other = [f.text or "" for f in flags if not any(x in (f.text or "").casefold() or (f.text or "").casefold() in x
                                                          for x in leaks)]
        out.append((entry["name"], len(flags), len(other), other))
    return out


# --- running -----------------------------------------------------------------------------------------------------

def _print(name: str, value: float | int, unit: str = "", note: str = "") -> None:
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"bench: {name} {text}{(' ' + unit) if unit else ''}{(' (' + note + ')') if note else ''}", flush=True)


def run_language(split: str = "all", details: Path | None = None, server: str | None = None,
                 reports: bool = True) -> dict[str, float]:
    from pipeline.language import open_checker

    figures: dict[str, float] = {}
    dump: list[dict[str, Any]] = []
    began = time.monotonic()
    if reports:
        noise = report_noise(server, split)
        words = sum(r.words for r in noise)
        shown = sum(len(alarms(r.findings)) for r in noise)
        occ = sum(occurrences(f) for r in noise for f in alarms(r.findings))
        figures["language_noise_per_1000_words"] = shown / words * 1000
        _print("language_noise_per_1000_words", figures["language_noise_per_1000_words"], "findings/1000 words",
               f"{len(noise)} real reports, {words} words, split {split}")
        _print("language_noise_occurrences_per_1000_words", occ / words * 1000, "matches/1000 words")
        for r in noise:
            _print(f"language_noise_{r.name.replace('-', '_')}", len(alarms(r.findings)) / max(r.words, 1) * 1000,
                   "findings/1000 words", f"{r.words} words")
            dump += [{"set": "report", "id": r.name, **f.to_dict()} for f in r.findings]
        rules = Counter(f.rule for r in noise for f in alarms(r.findings))
        print("  top rules:", ", ".join(f"{k} {v}" for k, v in rules.most_common(6)), flush=True)
        reasons: Counter[str] = sum((r.accepted for r in noise), Counter())
        print("  matches not shown, by reason:", ", ".join(f"{k} {v}" for k, v in reasons.most_common()), flush=True)
        remarks = sum(1 for r in noise for f in r.findings if f.rule == "unknown-word")
        print(f"  repeated unknown words shown once as a remark: {remarks}", flush=True)
    with open_checker(server) as checker:
        correct = _jsonl("correct_sentences.jsonl", split)
        per = check_sentences([r["text"] for r in correct], checker)
        alarmed = [i for i, fs in enumerate(per) if alarms(fs)]
        figures["correct_sentence_false_alarm_rate"] = len(alarmed) / len(correct)
        _print("correct_sentence_false_alarm_rate", figures["correct_sentence_false_alarm_rate"], "",
               f"{len(alarmed)}/{len(correct)} sentences, split {split}")
        crules = Counter(f.rule for fs in per for f in alarms(fs))
        print("  top rules:", ", ".join(f"{k} {v}" for k, v in crules.most_common(6)), flush=True)
        dump += [{"set": "correct", "id": r["id"], **f.to_dict()} for r, fs in zip(correct, per, strict=True) for f in fs]
        for name, file in (("dt", "dt_sentences.jsonl"), ("typo", "typo_sentences.jsonl")):
            rows = _jsonl(file, split)
            per = check_sentences([r["text"] for r in rows], checker)
            score, misses = span_recall(rows, per)
            figures[f"{name}_recall"] = score.recall
            _print(f"{name}_recall", score.recall, "", f"{score.found}/{score.total}, split {split}")
            if name == "dt":
                _print("dt_recall_dt_category", score.found_dt / score.total, "", "found as category dt")
                by_kind = Counter(r["kind"] for r in rows)
                missed_kind = Counter(r["kind"] for r in misses)
                for kind in sorted(by_kind):
                    _print(f"dt_recall_{kind.replace('-', '_')}", 1 - missed_kind[kind] / by_kind[kind], "",
                           f"{by_kind[kind] - missed_kind[kind]}/{by_kind[kind]}")
            else:
                for context in ("wikipedia", "report"):
                    sub = [i for i, r in enumerate(rows) if r["context"] == context]
                    found = sum(1 for i in sub if rows[i] not in misses)
                    if sub:
                        _print(f"typo_recall_{context}", found / len(sub), "", f"{found}/{len(sub)}")
            dump += [{"set": name, "id": r["id"], "expected": [r["start"], r["end"]], **f.to_dict()}
                     for r, fs in zip(rows, per, strict=True) for f in fs]
            dump += [{"set": name + "-miss", **m} for m in misses]
    _print("language_quality_seconds", time.monotonic() - began, "s")
    if details is not None:
        details.write_text("".join(json.dumps(d, ensure_ascii=False, default=str) + "\n" for d in dump),
                           encoding="utf-8")
    return figures


def run_anonymity(verbose: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    for prefix, path in (("anonymity", ANONYMITY), ("anonymity_fresh", ANONYMITY_FRESH)):
        score = anonymity_scores(path=path)
        figures[f"{prefix}_false_flags_per_report"] = score.false_flags / score.reports
        figures[f"{prefix}_leak_recall"] = score.leaks_found / score.leaks
        _print(f"{prefix}_false_flags_per_report", figures[f"{prefix}_false_flags_per_report"], "flags/report",
               f"{score.false_flags} in {score.reports} labelled reports ({path.name}), {score.flags_on_ok} on marked "
               "non-leaks")
        _print(f"{prefix}_leak_recall", figures[f"{prefix}_leak_recall"], "", f"{score.leaks_found}/{score.leaks}")
        if verbose:
            assert score.false_examples is not None and score.missed is not None
            for text, n in score.false_examples.most_common():
                print(f"  false flag {n}x {text}")
            for text in score.missed:
                print(f"  missed leak {text}")
    if built():
        real = real_report_anonymity_flags()
        other = sum(n for _, _, n, _ in real)
        _print("anonymity_unlisted_flags_per_real_report", other / len(real), "flags/report",
               f"flags not on a listed leak, {len(real)} real reports; many are cited authors or products")
        if verbose:
            for name, total, n, texts in real:
                print(f"  {name}: {total} flags, {n} not on a listed leak: {sorted(set(texts))[:40]}")
    return figures


def run() -> None:
    """`make bench` / `python -m bench language_quality`."""
    if built():
        run_language()
    else:
        print("bench: language_quality_skipped 1 (no tests/data/eval/build: run tools/eval_corpus.py)", flush=True)
    run_anonymity()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--details", type=Path, help="write every finding as JSON lines")
    parser.add_argument("--only", choices=("language", "anonymity"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--server", help="LanguageTool URL (default: the local server, started or reused)")
    parser.add_argument("--skip-reports", action="store_true", help="sentence sets only (faster)")
    args = parser.parse_args(argv)
    if args.only != "anonymity":
        if not built():
            print("no evaluation set: run tools/eval_corpus.py (it needs the fetched mirrors)", file=sys.stderr)
            return 2
        run_language(args.split, args.details, args.server, reports=not args.skip_reports)
    if args.only != "language":
        run_anonymity(args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
