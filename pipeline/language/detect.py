"""Which language each paragraph of a report is in: Lingua (``lingua-language-detector``), restricted to the
languages reports here are written in, in its low-accuracy mode (trigram models: 0.08 s and 32 MB to load, about
350,000 characters a second; the high-accuracy mode needs 2.5 s and 210 MB before the first answer).

A paragraph says its language only when it is long enough and Lingua is sure of it (``MIN_WORDS``,
``MIN_CONFIDENCE``):
a heading ('Conclusie', 'Week 3') or a short list item takes the language of the report, which is the language of most
of its characters. docs/language-research.md (section 7) says why Lingua and not LanguageTool's own detection
(one request per paragraph) or py3langid (2.3 s to load its model in every process).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from typing import Any

# ISO 639-1 codes of the languages told apart: those LanguageTool checks here (nl, en, fr) and German, which occurs
# in sources and theses and must not be checked as Dutch
LANGUAGES = ("nl", "en", "fr", "de")
# shorter paragraphs take the report's language: the low-accuracy mode needs about a sentence ("Bereikt, op één
# deadline na" reads as German)
MIN_WORDS = 8
MIN_CONFIDENCE = 0.75  # Lingua's confidence in its first choice, among LANGUAGES


@functools.cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str) -> str | None:
    """The ISO code of ``text``'s language when it is long enough and clear, else None."""
    if len(text.split()) < MIN_WORDS:
        return None
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name).lower()


def detect_all(texts: Sequence[str]) -> list[str | None]:
    """``detect`` of each text (Lingua reads them in parallel threads)."""
    long_enough = [i for i, text in enumerate(texts) if len(text.split()) >= MIN_WORDS]
    out: list[str | None] = [None] * len(texts)
    if not long_enough:
        return out
    all_values = _detector().compute_language_confidence_values_in_parallel([texts[i] for i in long_enough])
    for i, values in zip(long_enough, all_values, strict=True):
        if values and values[0].value >= MIN_CONFIDENCE:
            out[i] = str(values[0].language.iso_code_639_1.name).lower()
    return out


def main_language(texts: Sequence[str], detected: Sequence[str | None]) -> str | None:
    """The language of most of the characters whose language is known (None when none is)."""
    weight: Counter[str] = Counter()
    for text, language in zip(texts, detected, strict=True):
        if language is not None:
            weight[language] += len(text)
    return weight.most_common(1)[0][0] if weight else None


def iso(code: str) -> str:
    """'nl-BE' -> 'nl', 'en-US' -> 'en'."""
    return code.split("-", 1)[0].lower()
