"""De-identification recall and precision on labelled Flemish report sentences, per category, per tool.

Runs in the project's venv (``python -m bench deid_recall``: the installed deduce, then stagepipe's anonymity check
without a case file) and stand-alone in a throw-away venv that holds only one tool, to compare tools:
``python bench/deid_recall.py --tool belgian-deduce --cache /tmp/bcache``. Stand-alone it imports nothing from
``pipeline``. Prints ``bench: deid_<tool>_<kind>_<measure> <value>`` lines.

A gold span counts as found (recall) when every letter of it lies inside annotations of a matching category: a
partly masked name still leaks. ``_partial`` recall counts any overlap. Precision: annotations of a category that
overlap any gold span (a name flagged as an organisation is still a good flag) over all annotations of it.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "anonymity" / "flemish_sentences.txt"
KINDS = ("person", "organisation", "address", "place", "phone", "email", "url")
_SPAN = re.compile(r"\[\[(\w+):(.+?)\]\]")

# tool tag -> our category; "location" matches both address and place gold spans
TAGS: dict[str, dict[str, str]] = {
    "deduce": {"persoon": "person", "patient": "person", "locatie": "location", "ziekenhuis": "organisation",
               "instelling": "organisation", "telefoonnummer": "phone", "emailadres": "email", "url": "url"},
    "belgian-deduce": {"person": "person", "patient": "person", "pseudo_name": "person", "location": "location",
                       "street": "location", "hospital": "organisation", "healthcare_institution": "organisation",
                       "institution": "organisation", "phone_number": "phone", "email": "email", "url": "url"},
}
MODULES = {"deduce": "deduce", "belgian-deduce": "belgian_deduce"}
_MATCHES = {"address": {"location", "address"}, "place": {"location", "place", "address"}}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: tuple[Span, ...]


def load_sentences(path: Path = DATA) -> list[Sentence]:
    """Parse the ``[[kind:text]]`` markup into plain sentences with gold spans."""
    sentences = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        text, gold, last = "", [], 0
        for match in _SPAN.finditer(raw):
            text += raw[last:match.start()]
            kind, value = match.group(1), match.group(2)
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r} in {raw!r}")
            gold.append(Span(len(text), len(text) + len(value), kind, value))
            text += value
            last = match.end()
        sentences.append(Sentence(text + raw[last:], tuple(gold)))
    return sentences


def _matches(gold_kind: str, predicted_kind: str) -> bool:
    return predicted_kind in _MATCHES.get(gold_kind, {gold_kind})


def _letters(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


@dataclass
class Scores:
    found: Counter[str]
    partial: Counter[str]
    total: Counter[str]
    predicted: Counter[str]
    correct: Counter[str]
    misses: list[tuple[str, str]]  # (kind, text) of gold spans not fully found
    false_positives: list[tuple[str, str]]

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 0.0

    def precision(self, kind: str) -> float:
        return self.correct[kind] / self.predicted[kind] if self.predicted[kind] else 0.0


def score(sentences: Sequence[Sentence], predict: Callable[[str], Iterable[Span]]) -> Scores:
    s = Scores(Counter(), Counter(), Counter(), Counter(), Counter(), [], [])
    for sentence in sentences:
        predicted = list(predict(sentence.text))
        for gold in sentence.gold:
            s.total[gold.kind] += 1
            same = [p for p in predicted if _matches(gold.kind, p.kind)]
            need = _letters(sentence.text, gold.start, gold.end)
            covered: set[int] = set()
            for p in same:
                covered |= _letters(sentence.text, max(p.start, gold.start), min(p.end, gold.end))
            if covered:
                s.partial[gold.kind] += 1
            if need and need <= covered:
                s.found[gold.kind] += 1
            else:
                s.misses.append((gold.kind, gold.text))
        for p in predicted:
            s.predicted[p.kind] += 1
            if any(p.start < g.end and g.start < p.end for g in sentence.gold):
                s.correct[p.kind] += 1
            else:
                s.false_positives.append((p.kind, p.text))
    return s


def report(name: str, s: Scores, *, verbose: bool = False) -> None:
    for kind in KINDS:
        if s.total[kind]:
            print(f"bench: deid_{name}_{kind}_recall {s.recall(kind):.2f}")
            print(f"bench: deid_{name}_{kind}_recall_partial {s.partial[kind] / s.total[kind]:.2f}")
    for kind in sorted(s.predicted):
        print(f"bench: deid_{name}_{kind}_precision {s.precision(kind):.2f} ({s.correct[kind]}/{s.predicted[kind]})")
    if verbose:
        for kind, text in s.misses:
            print(f"  miss {kind}: {text}")
        for kind, text in s.false_positives:
            print(f"  false positive {kind}: {text}")


def tool_predictor(tool: str, cache: str | None) -> tuple[Callable[[str], list[Span]], float]:
    """A predictor over the raw tool (no stagepipe code), and the seconds its ``Deduce()`` took."""
    import importlib
    import logging

    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)  # deduce 3 calls logging.basicConfig(stdout, DEBUG) on import: keep stdout clean
    try:
        module = importlib.import_module(MODULES[tool])
    finally:
        root.removeHandler(guard)
    start = time.perf_counter()
    model = module.Deduce(**({"cache_path": cache} if cache else {}))
    seconds = time.perf_counter() - start
    tags = TAGS[tool]

    def predict(text: str) -> list[Span]:
        doc = model.deidentify(text)
        return [Span(a.start_char, a.end_char, tags.get(a.tag, a.tag), a.text) for a in doc.annotations]

    return predict, seconds


def stagepipe_predictor() -> Callable[[str], list[Span]]:
    """stagepipe's anonymity check without a case file (deduce plus our own patterns), block by block."""
    from pipeline.report.checks.anonymity import detect_text

    kinds = {"person": "person", "organisation": "organisation", "address": "address", "phone": "phone",
             "email": "email", "url": "url", "place": "place"}

    def predict(text: str) -> list[Span]:
        return [Span(h.start, h.end, kinds.get(h.kind, h.kind), h.text) for h in detect_text(text)]

    return predict


def run() -> None:
    """`python -m bench deid_recall`: the tool installed in this venv, then stagepipe's check (no case file)."""
    from pipeline.report import deid

    sentences = load_sentences()
    start = time.perf_counter()
    deid.model()
    print(f"bench: deid_init {time.perf_counter() - start:.2f} s")
    report(deid.TOOL.replace("-", "_"), score(sentences, lambda t: [Span(a.start, a.end, a.kind, a.text)
                                                                    for a in deid.annotate(t)]))
    start = time.perf_counter()
    report("stagepipe", score(sentences, stagepipe_predictor()))
    per = (time.perf_counter() - start) / len(sentences) * 1000
    print(f"bench: deid_stagepipe_per_sentence {per:.2f} ms")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", choices=sorted(MODULES), required=True)
    parser.add_argument("--cache", help="folder for the tool's lookup cache (default: inside the package)")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)
    sentences = load_sentences()
    gold = Counter(g.kind for s in sentences for g in s.gold)
    print(f"bench: deid_sentences {len(sentences)} ({', '.join(f'{k} {gold[k]}' for k in KINDS)})")
    predict, seconds = tool_predictor(args.tool, args.cache)
    name = args.tool.replace("-", "_")
    print(f"bench: deid_{name}_init {seconds:.2f} s")
    start = time.perf_counter()
    report(name, score(sentences, predict), verbose=args.verbose)
    print(f"bench: deid_{name}_per_sentence {(time.perf_counter() - start) / len(sentences) * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
