"""Heading text: normalising it for tolerant comparison, and telling a heading from a sentence."""

from __future__ import annotations

import re
import unicodedata

# "2.", "2.1", "2.1.3)", "II.", "IV -", "A.", "Hoofdstuk 3:", "Deel 2 -", "Chapter 1."
_NUMBERING = re.compile(
    r"""^\s*(?:
        (?:hoofdstuk|deel|chapter|part|sectie|section)\s+(?:\d+|[ivxlc]+)\b[\s.:\-–—)]* |
        \d+(?:\.\d+)*[.)]?(?=\s|$)[\s\-–—:]* |
        (?:[ivxlc]+)[.)](?=\s)[\s\-–—:]* |
        [a-z][.)](?=\s)[\s\-–—:]*
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBERING_ONLY = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[ivxlcIVXLC]+|[a-zA-Z])[.)]?\s+\S")
_TOC_LEADER = re.compile(r"(?:\.{3,}|…+|\s{2,}|\t)\s*\d+\s*$")
_TRAILING_PAGE = re.compile(r"\s+\d+\s*$")


def strip_numbering(text: str) -> str:
    """'2.1 Tussentijdse evaluatie' -> 'Tussentijdse evaluatie' (also 'II.', 'Hoofdstuk 3:', 'A)')."""
    previous = None
    out = text.strip()
    while out != previous:  # "Hoofdstuk 2: 2.1 Titel"
        previous = out
        out = _NUMBERING.sub("", out, count=1).strip()
    return out or text.strip()


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"[^\w]+", " ", plain)
    return " ".join(plain.split())


def normalize_heading(text: str) -> str:
    """The comparable form of a heading: no numbering, no TOC leader or page number, folded."""
    cleaned = _TOC_LEADER.sub("", text)
    return fold(strip_numbering(cleaned))


def has_numbering(text: str) -> bool:
    return bool(_NUMBERING_ONLY.match(text))


def is_toc_line(text: str) -> bool:
    """A line of a table of contents: a title followed by a leader (dots, tab, spaces) and a page number."""
    return bool(_TOC_LEADER.search(text)) and len(text.split()) <= 20


def looks_like_heading(text: str, *, max_words: int = 12) -> bool:
    """Could this short paragraph be a heading? Used with a visual cue (bold, caps, numbering, font size).

    A heading is short, does not end like a sentence, and has at least one letter. "Ik heb veel geleerd." is not;
    "Leerervaringen in het eerste deel van de stage" is; so is "Conclusie:".
    """
    stripped = text.strip()
    if not stripped or not re.search(r"[^\W\d_]", stripped):
        return False
    words = stripped.split()
    if len(words) > max_words or len(stripped) > 120:
        return False
    if stripped.endswith((".", ";", ",", "!", "?")) and not re.fullmatch(r"\d+(\.\d+)*\.", words[-1]):
        return False
    return not stripped.startswith(("-", "•", "–", "*", "(", "\"", "“", "'"))
