"""Issue 10 research: what stops LanguageTool flagging English terms, names and code in Dutch reports, and at
what cost to typo recall. Prints ``bench: research_<variant>_<figure> <value>`` lines; the numbers are in
docs/language-research.md.

Two kinds of variant, each measured on the evaluation set of bench/language_quality.py (real reports, correct
sentences, typo sentences), through the real ``check_report`` / LanguageChecker path:
- request parameters of ``/v2/check`` (``altLanguages``, ``motherTongue``, ``level=picky``), added to every request
  language_tool_python sends;
- filters on the speller's findings (MORFOLOGIK_RULE_NL_NL), applied afterwards: LanguageTool's English speller
  (one batched ``language=en-US`` request for the flagged words), wordfreq's English list, name and code shapes,
  code-like paragraphs. A filter that also hides a planted typo loses typo recall: that is the point of measuring.

``python -m bench.language_research [--params] [--filters]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import language_tool_python

from bench import language_quality as lq
from pipeline.findings import Finding

SPELLER = ("MORFOLOGIK_RULE_NL_NL", "MORFOLOGIK_RULE_NL_BE")
_EXTRA: dict[str, str] = {}
_original_params = language_tool_python.LanguageTool._create_params


def _with_extra(self: Any, text: str) -> dict[str, str]:
    params: dict[str, str] = _original_params(self, text)
    params.update(_EXTRA)
    return params


language_tool_python.LanguageTool._create_params = _with_extra  # type: ignore[method-assign]


# --- collecting findings with their paragraph -------------------------------------------------------------------

@dataclass
class Item:
    """One finding and the text it sits in (a report block, a sentence)."""

    set: str  # report | correct | typo
    key: str  # report name or sentence id
    finding: Finding
    paragraph: str
    document: str = ""  # the whole report text (for consistency heuristics)


def collect(server: str | None = None) -> tuple[list[Item], dict[str, int], list[dict[str, Any]], list[str]]:
    """Findings of the reports, the correct sentences and the typo sentences; words per report; typo rows;
    correct sentence ids."""
    from pipeline.language import open_checker
    from pipeline.report.checks.language import checked_blocks
    from pipeline.report.setup import CheckOptions, check_report

    items: list[Item] = []
    words: dict[str, int] = {}
    for entry in json.loads((lq.BUILD / "reports.json").read_text(encoding="utf-8")):
        result = check_report(CheckOptions(report=lq.BUILD / entry["file"], groups=("language",), count_pages=False,
                                           server=server))
        blocks = result.document.blocks
        checked = checked_blocks(blocks)
        words[entry["name"]] = sum(len(lq._WORD.findall(b.text)) for b in checked)
        whole = "\n\n".join(b.text for b in checked)
        for f in result.findings:
            if f.check == "language":
                text = blocks[int(f.location.paragraph or 0)].text
                items.append(Item("report", entry["name"], f, text, whole))
    correct = lq._jsonl("correct_sentences.jsonl")
    typos = lq._jsonl("typo_sentences.jsonl")
    with open_checker(server) as checker:
        for name, rows in (("correct", correct), ("typo", typos)):
            per = lq.check_sentences([r["text"] for r in rows], checker)
            for row, found in zip(rows, per, strict=True):
                items += [Item(name, row["id"], f, row["text"], row["text"]) for f in found]
    return items, words, typos, [r["id"] for r in correct]


def score(items: Sequence[Item], words: dict[str, int], typos: Sequence[dict[str, Any]], correct: Sequence[str],
          hide: Callable[[Item], bool]) -> dict[str, float]:
    kept = [i for i in items if i.finding.severity in lq.ALARM and not hide(i)]
    noise = sum(1 for i in kept if i.set == "report")
    alarmed = {i.key for i in kept if i.set == "correct"}
    by_id = {r["id"]: r for r in typos}
    found = {i.key for i in kept if i.set == "typo" and lq.overlaps(i.finding, by_id[i.key]["start"], by_id[i.key]["end"])}
    return {"noise": noise / sum(words.values()) * 1000, "false_alarm": len(alarmed) / len(correct),
            "typo_recall": len(found) / len(typos)}


# --- filters ----------------------------------------------------------------------------------------------------

def is_speller(item: Item) -> bool:
    return item.finding.rule in SPELLER


def english_known(tokens: Sequence[str], url: str) -> set[str]:
    """The tokens LanguageTool's en-US speller accepts: one request, one token a line."""
    accepted: set[str] = set()
    unique = sorted({t for t in tokens if t})
    for start in range(0, len(unique), 2000):
        batch = unique[start:start + 2000]
        text = "\n\n".join(batch)
        data = urllib.parse.urlencode({"text": text, "language": "en-US",
                                       "enabledRules": "MORFOLOGIK_RULE_EN_US", "enabledOnly": "true"}).encode()
        with urllib.request.urlopen(url.rstrip("/") + "/v2/check", data, timeout=120) as response:
            matches = json.load(response)["matches"]
        flagged_at = {m["offset"] for m in matches}
        position = 0
        for token in batch:
            if not any(position <= o < position + len(token) for o in flagged_at):
                accepted.add(token)
            position += len(token) + 2
    return accepted


_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
_CODEISH = re.compile(r"[_./\\:@#$=<>{}\[\]`|~]|\d")


def code_shaped(token: str) -> bool:
    """CamelCase, snake_case, paths, URLs, words with digits, acronyms (two or more capitals)."""
    return bool(_CAMEL.search(token) or _CODEISH.search(token) or re.fullmatch(r"[A-Z]{2,}s?", token))


def code_paragraph(text: str) -> bool:
    """A paragraph that is a code listing, a command or configuration rather than prose."""
    if not text:
        return False
    symbols = sum(text.count(c) for c in "{}[]=:;<>/\\_$#`|\"'()-")
    lines = text.splitlines() or [text]
    indented = sum(1 for ln in lines if ln.startswith(("  ", "\t", "$ ", "- name:", "#")))
    letters = sum(c.isalpha() for c in text)
    return symbols / max(len(text), 1) > 0.08 or (len(lines) > 2 and indented / len(lines) > 0.5) or letters < len(text) * 0.5


def mid_sentence_capital(item: Item) -> bool:
    text, start = item.paragraph, item.finding.location.offset or 0
    token = item.finding.text or ""
    if not token[:1].isupper():
        return False
    before = text[:start].rstrip(" \"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n•-*"


def consistent_capital(item: Item) -> bool:
    """Capitalised in the middle of sentences each time it occurs (twice or more) in the document: a name."""
    token = item.finding.text or ""
    if not token[:1].isupper() or len(token) < 2:
        return False
    places = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(token)}(?!\w)", item.document)]
    lower = re.search(rf"(?<!\w){re.escape(token.lower())}(?!\w)", item.document)
    return len(places) >= 2 and lower is None


def english_stem_candidates(token: str) -> list[str]:
    """English stems under Dutch inflection: gedeployed -> deploy, deployen -> deploy, signen -> sign,
    gemerged -> merge, commits stays commits."""
    t = token.lower()
    out = []
    core = t[2:] if t.startswith("ge") and len(t) > 6 else t
    for suffix in ("ed", "d", "t", "en", "te", "de", "ten", "den", "e"):
        if core.endswith(suffix) and len(core) - len(suffix) >= 3:
            out.append(core[: -len(suffix)])
    return [c for c in out if c != t]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", action="store_true", help="measure /v2/check parameter variants")
    parser.add_argument("--filters", action="store_true", help="measure filters on the speller's findings")
    parser.add_argument("--server", help="LanguageTool URL (default: the local server)")
    args = parser.parse_args(argv)
    from pipeline.language import open_checker

    with open_checker(args.server) as probe:
        url = probe.url
    variants: list[tuple[str, dict[str, str]]] = [("baseline", {})]
    if args.params:
        variants += [("alt_en", {"altLanguages": "en-US"}),
                     ("alt_en_mother_nl", {"altLanguages": "en-US", "motherTongue": "nl"}),
                     ("picky", {"level": "picky"})]
    base: tuple[list[Item], dict[str, int], list[dict[str, Any]], list[str]] | None = None
    for name, extra in variants:
        _EXTRA.clear()
        _EXTRA.update(extra)
        collected = collect(args.server)
        if name == "baseline":
            base = collected
        figures = score(*collected, hide=lambda i: False)
        rules = Counter(i.finding.rule for i in collected[0] if i.set == "report" and i.finding.severity in lq.ALARM)
        for key, value in figures.items():
            print(f"bench: research_{name}_{key} {value:.3f}", flush=True)
        print(f"  {name}: top rules {rules.most_common(5)}", flush=True)
    _EXTRA.clear()
    if not args.filters or base is None:
        return 0
    items = base[0]
    flagged = [i.finding.text or "" for i in items if is_speller(i)]
    stems = {t: english_stem_candidates(t) for t in flagged}
    english = english_known(flagged + [c for cs in stems.values() for c in cs], url)
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        zipf_frequency = None

    def en_freq(i: Item) -> bool:
        t = i.finding.text or ""
        return zipf_frequency is not None and zipf_frequency(t, "en") >= 3.0 and zipf_frequency(t.lower(), "nl") < 3.0

    filters: dict[str, Callable[[Item], bool]] = {
        "english_speller": lambda i: is_speller(i) and (i.finding.text or "") in english,
        "english_speller_lowercase": lambda i: is_speller(i) and (i.finding.text or "") in english
        and (i.finding.text or "")[:1].islower(),
        "wordfreq_en": lambda i: is_speller(i) and en_freq(i),
        "name_mid_sentence": lambda i: is_speller(i) and mid_sentence_capital(i),
        "name_consistent": lambda i: is_speller(i) and consistent_capital(i),
        "code_shape": lambda i: is_speller(i) and code_shaped(i.finding.text or ""),
        "code_paragraph": lambda i: code_paragraph(i.paragraph),
    }
    filters["english_stem"] = lambda i: is_speller(i) and any(c in english for c in stems.get(i.finding.text or "", ()))
    filters["combined"] = lambda i: (filters["english_speller"](i) or filters["name_mid_sentence"](i)
                                     or filters["code_shape"](i) or filters["code_paragraph"](i))
    filters["combined_plus"] = lambda i: (filters["combined"](i) or filters["wordfreq_en"](i)
                                          or filters["english_stem"](i))
    filters["combined_strict"] = lambda i: (filters["english_speller_lowercase"](i) or filters["name_consistent"](i)
                                            or filters["code_shape"](i) or filters["code_paragraph"](i))
    for name, hide in filters.items():
        figures = score(*base, hide=hide)
        for key, value in figures.items():
            print(f"bench: research_filter_{name}_{key} {value:.3f}", flush=True)
        by_id = {r["id"]: r for r in base[2]}
        lost = [i.finding.text for i in items if i.set == "typo" and hide(i)
                and lq.overlaps(i.finding, by_id[i.key]["start"], by_id[i.key]["end"])]
        if lost:
            print(f"  {name} hides typos: {lost[:12]}", flush=True)
    for kind in ("report", "correct"):
        left = Counter(f"{i.finding.rule}:{i.finding.text}" for i in items if i.set == kind
                       and i.finding.severity in lq.ALARM and not filters["combined_plus"](i))
        print(f"  {kind} left after combined_plus ({sum(left.values())}):", left.most_common(60), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
