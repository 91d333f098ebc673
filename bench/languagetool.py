"""LanguageTool: cold start of the local server, and warm throughput on a 40,000-character Dutch report.

Runs its own server in a temporary cache folder (never the user's), and stops it afterwards. The text is
generated (synthetic internship reflections, no repeated sentence), so LanguageTool cannot answer from a cache.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Iterator

from bench.lt import own_server
from pipeline.language import LanguageChecker

TEXT_CHARS = 40_000

_SUBJECTS = ["Mijn mentor", "De dierenarts", "Het team", "Onze stagecoördinator", "Mijn collega", "De praktijkassistente",
             "De verantwoordelijke van de afdeling", "De stagebegeleider", "Een ervaren collega", "De teamleider"]  # fmt: skip
_VERBS = ["bespreekt", "plant", "evalueert", "controleert", "beschrijft", "verbetert", "organiseert", "documenteert",
          "presenteert", "overloopt"]  # fmt: skip
_VERBS_IK = ["bespreek", "plan", "evalueer", "controleer", "beschrijf", "verbeter", "organiseer", "documenteer",
             "presenteer", "overloop"]  # fmt: skip
_OBJECTS = ["de planning van de week", "het verslag van de vergadering", "een nieuwe procedure",
            "de resultaten van het onderzoek", "de afspraken met de klanten", "het logboek", "de risicoanalyse",
            "een presentatie voor het team", "de evaluatie van de eerste weken", "de werking van het onthaal",
            "de voorraad van de apotheek", "de opvolging van de dossiers"]  # fmt: skip
_WHEN = ["elke maandag", "na de middag", "aan het einde van de week", "tijdens de teamvergadering",
         "voor de start van de consultaties", "in overleg met de stagebegeleider", "samen met een collega",
         "op vrijdagochtend", "na elke consultatie", "tijdens het weekoverleg"]  # fmt: skip
_WHY = ["zodat iedereen weet wat er verwacht wordt", "omdat dat de samenwerking vlotter maakt",
        "want zo blijft de kwaliteit van het werk hoog", "om fouten in de administratie te vermijden",
        "zodat de klanten sneller geholpen worden", "omdat de afdeling volop aan het groeien is",
        "zodat de planning haalbaar blijft", "omdat nieuwe medewerkers daar houvast aan hebben"]  # fmt: skip
_REFLECTIONS = ["Daardoor leerde ik hoe belangrijk een duidelijke communicatie is.",
                "Ik merkte dat ik daarin zelfstandiger werd.", "Volgende keer wil ik dat beter voorbereiden.",
                "Die feedback heb ik de week nadien meteen toegepast.",
                "Zo kreeg ik een goed beeld van de dagelijkse werking.",
                "Dat gaf me vertrouwen voor de rest van de stage."]  # fmt: skip


def _paragraphs(seed: int) -> Iterator[str]:
    rnd = random.Random(seed)
    seen: set[str] = set()
    week = 0
    while True:
        week += 1
        sentences = [f"In week {week} lag de nadruk op {rnd.choice(_OBJECTS)}."]
        while len(sentences) < 5:
            if rnd.random() < 0.3:
                s = f"Ik {rnd.choice(_VERBS_IK)} {rnd.choice(_WHEN)} {rnd.choice(_OBJECTS)}, {rnd.choice(_WHY)}."
            else:
                s = (f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {rnd.choice(_WHEN)} {rnd.choice(_OBJECTS)}, "
                     f"{rnd.choice(_WHY)}.")  # fmt: skip
            if s not in seen:
                seen.add(s)
                sentences.append(s)
        sentences.append(f"{rnd.choice(_REFLECTIONS)[:-1]} in week {week}.")
        yield " ".join(sentences)


def dutch_report(chars: int = TEXT_CHARS, seed: int = 2024) -> str:
    """A synthetic Dutch internship report of exactly ``chars`` characters, in paragraphs."""
    out: list[str] = []
    total = 0
    for paragraph in _paragraphs(seed):
        out.append(paragraph)
        total += len(paragraph) + 2
        if total >= chars:
            break
    return "\n\n".join(out)[:chars]


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="stagepipe-bench-lt-") as cache:
        began = time.monotonic()
        with own_server(cache, sentence_cache=False) as started:  # spawn, answer, one Dutch check (loads the rules)
            cold = time.monotonic() - began
            print(f"bench: languagetool_cold_start_s {cold:.1f} s", flush=True)
            with LanguageChecker(started.state.url, managed=True) as checker:
                checker.check_text(dutch_report(10_000, seed=7))  # warm the JIT on other text
                text = dutch_report()
                best = float("inf")
                for _ in range(2):
                    t0 = time.monotonic()
                    checker.check_text(text)
                    best = min(best, time.monotonic() - t0)
            print(f"bench: languagetool_chars_per_s {len(text) / best:.0f} chars/s", flush=True)
