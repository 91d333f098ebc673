"""Variants of the names a case file knows (people, the placement, its address and contacts) as search patterns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from pipeline.load.models import CaseRecord, Mentor, Person, Placement

# surname particles, folded and lower case; compound spellings are split so "Vander Elst" finds "Van der Elst"
PARTICLES = frozenset({"van", "de", "den", "der", "het", "t", "'t", "ten", "ter", "te", "op", "in", "le", "la", "du", "des",
                       "d'", "di", "da", "del", "della", "dos", "el", "al", "von", "zur", "vd", "v", "mac", "o'", "ver"})
COMPOUND_PARTICLES = {"vander": ("van", "der"), "vanden": ("van", "den"), "vande": ("van", "de"), "vanderr": ("van", "der")}
# forms of address written before a name; longest first so "prof. dr." wins over "prof."
TITLES = ("prof. dr. ir.", "prof. dr.", "prof.dr.", "professor", "prof.", "prof", "dr. ir.", "dr.", "dr", "dra.", "drs.",
          "dokter", "dierenarts", "mevrouw", "mevr.", "mevr", "mw.", "mejuffrouw", "juffrouw", "meneer", "mijnheer",
          "de heer", "dhr.", "dhr", "mr.", "mr", "mrs.", "mrs", "ms.", "mme.", "mme", "madame", "monsieur", "m.", "ir.",
          "ing.", "familie", "fam.", "collega")
# first names of at most this many letters are treated like ordinary words (only capitalised, mid-sentence)
SHORT_NAME = 2
_SENTENCE_END = ".!?\n•·*–-"
_FOLD_EXTRA = {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u00a0": " ", "\u202f": " ", "\u2010": "-",
               "\u2011": "-"}


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in _FOLD_EXTRA:
        return _FOLD_EXTRA[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() or not char.isascii() else char


_FOLD_TABLE: dict[int, str] = {ord(k): v for k, v in _FOLD_EXTRA.items()}


def fold(text: str) -> str:
    """Accents and curly quotes folded, one character for one, so offsets stay valid: 'Zoë’s' -> "Zoe's"."""
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    for char in set(text):  # str.translate with a table that learns each character once: linear, in C
        if ord(char) > 127 and ord(char) not in _FOLD_TABLE:
            _FOLD_TABLE[ord(char)] = _fold_char(char)
    return text.translate(_FOLD_TABLE)


def _lines(package_file: str) -> list[str]:
    text = resources.files("pipeline.report").joinpath("data", package_file).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def common_words() -> frozenset[str]:
    """Names that are also ordinary words (data/common_words.txt), folded and lower case."""
    return frozenset(fold(w).lower() for w in _lines("common_words.txt"))


@cache
def organisation_words() -> dict[str, tuple[str, ...]]:
    """legal_forms, prefixes and generic_words from data/organisations.yaml."""
    text = resources.files("pipeline.report").joinpath("data", "organisations.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {key: tuple(str(v) for v in data.get(key) or ()) for key in ("legal_forms", "prefixes", "generic_words")}


def is_common(word: str, extra: Iterable[str] = ()) -> bool:
    key = fold(word).lower().strip(".'")
    return key in common_words() or key in {fold(w).lower() for w in extra} or len(key) <= SHORT_NAME


def at_sentence_start(text: str, start: int) -> bool:
    """Whether only spacing, quotes or a bullet stand between ``start`` and the previous sentence end."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"'“”‘’([«"):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


# --- building patterns --------------------------------------------------------------------------------------------

def _word(token: str, *, capitalised: bool = False) -> str:
    """One name token as a pattern: apostrophes and hyphens optional or spaced, the first letter capital if asked."""
    token = fold(token)
    parts = []
    for i, char in enumerate(token):
        if char == "'":
            parts.append(r"'?\s?")
        elif char == "-":
            parts.append(r"\s?-\s?")
        elif char == ".":
            parts.append(r"\.?")
        elif i == 0 and capitalised and char.isalpha():
            parts.append(f"(?-i:{re.escape(char.upper())})")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _split_particles(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.extend(COMPOUND_PARTICLES.get(fold(token).lower(), (token,)))
    return out


def surname_pattern(surname: str, *, capitalised: bool = False) -> str:
    """'Van den Broeck' -> finds 'Van den Broeck', 'van den broeck', 'Vanden Broeck', 'Vandenbroeck'."""
    tokens = _split_particles(surname.split())
    out = ""
    for i, token in enumerate(tokens):
        particle = fold(token).lower() in PARTICLES and i < len(tokens) - 1
        out += _word(token, capitalised=capitalised and not particle)
        if i < len(tokens) - 1:
            out += r"\s*" if particle else r"\s+"
    return out


_TITLE = "(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s*") for t in TITLES) + ")"
TITLE_PATTERN = rf"(?P<title>(?:{_TITLE}\s*)+)"


def strip_titles(name: str) -> tuple[str, str]:
    """('dr.', 'Claire Dubois') for 'dr. Claire Dubois'."""
    match = re.match(TITLE_PATTERN + r"\s+", fold(name), re.IGNORECASE)
    if match is None:
        return "", name.strip()
    return name[:match.end()].strip(), name[match.end():].strip()


def split_name(name: str) -> tuple[list[str], str]:
    """(first names, surname): the surname starts at its first particle, else it is the last word."""
    tokens = strip_titles(name)[1].split()
    if len(tokens) <= 1:
        return [], " ".join(tokens)
    if fold(tokens[0]).lower() in PARTICLES | set(COMPOUND_PARTICLES):  # 'Van de Velde': a surname only
        return [], " ".join(tokens)
    for i in range(1, len(tokens) - 1):
        key = fold(tokens[i]).lower()
        if key in PARTICLES or key in COMPOUND_PARTICLES:
            return tokens[:i], " ".join(tokens[i:])
    return tokens[:-1], tokens[-1]


@dataclass(frozen=True)
class Variant:
    """One way a known name can be written. ``common``: an ordinary word too, so never at a sentence start."""

    pattern: re.Pattern[str]
    form: str  # full | surname | first-name | initials | name | distinctive | street | number | contact
    common: bool = False


@dataclass(frozen=True)
class KnownName:
    """A name from the case file: who or what it is, how it is shown, and the ways it can be written."""

    role: str  # student | mentor | representative | person | placement | supervisor | coordinator
    kind: str  # person | organisation | address | phone | email | url | enterprise-number
    name: str  # as the case file writes it, for messages
    variants: tuple[Variant, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    text: str
    known: KnownName
    form: str


def _compile(body: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w@./-]){body}(?![\w@]|-\w|\.\w)", re.IGNORECASE if ignore_case else 0)


def person_variants(name: str, *, first_names: list[str] | None = None, surname: str | None = None,
                    first_name_alone: bool = True, extra_common: Iterable[str] = (),
                    surname_alone: bool = True) -> tuple[Variant, ...]:
    """Full name, surname (with title, first name or initial before it), initials and the first name alone.
    ``surname_alone=False``: only forms with a first name or initial ('Lotte Vermeulen', 'L. Vermeulen'), for a name
    read from the report itself, whose surname alone may well be someone else's."""
    if first_names is None or surname is None:
        first_names, surname = split_name(name)
    first_names = [f for f in first_names if f]
    variants: list[Variant] = []
    title = rf"(?:{TITLE_PATTERN}\s*)?"
    if surname:
        core = surname.split()[-1]
        parts = [p for p in re.split(r"[-\s]", surname) if p]
        common = is_common(core, extra_common) or fold(surname).lower() in common_words()
        sur = surname_pattern(surname, capitalised=common)
        alone_common = common and len(surname.split()) == 1  # 'De Vos' needs its capital V, not a sentence rule
        firsts = "|".join(_word(f) for f in first_names)
        initials = "|".join(rf"{re.escape(fold(f)[0].upper())}\.?(?:\s*-?\s*[A-Z]\.){{0,3}}" for f in first_names)
        least = 0 if surname_alone or not first_names else 1
        lead = f"(?:(?:{firsts}|{initials})\\s+){{{least},3}}" if first_names else ""
        tail = rf"(?:,?\s+(?:{firsts}))?" if first_names else ""
        variants.append(Variant(_compile(title + lead + sur + tail), "surname", alone_common))
        if len(parts) > 1 and "-" in surname and surname_alone:  # double-barrelled: each part alone
            for part in parts:
                if len(part) > SHORT_NAME and fold(part).lower() not in PARTICLES:
                    variants.append(Variant(_compile(title + _word(part, capitalised=is_common(part, extra_common))),
                                            "surname", is_common(part, extra_common)))
        if first_names and surname_alone:
            letters = "".join(rf"{re.escape(fold(f)[0].upper())}\.\s?-?" for f in first_names)
            last = fold(parts[-1])[0].upper()
            variants.append(Variant(re.compile(rf"(?<![\w.]){letters}{re.escape(last)}\.(?!\w)"), "initials"))
    if first_name_alone:
        for first in first_names:
            common = is_common(first, extra_common)
            variants.append(Variant(_compile(title + _word(first, capitalised=True)), "first-name", common))
    return tuple(variants)


def _legal_form_pattern() -> str:
    forms = sorted(organisation_words()["legal_forms"], key=len, reverse=True)
    return "(?-i:" + "|".join(_word(f).replace(r"\ ", r"\s") for f in forms) + ")"


def strip_legal_form(name: str, legal_form: str | None = None) -> str:
    forms = [*(organisation_words()["legal_forms"]), *([legal_form] if legal_form else [])]
    for form in sorted(forms, key=len, reverse=True):
        if fold(name).lower().endswith(" " + fold(form).lower()):
            return name[: -len(form)].rstrip(" ,")
    return name


def strip_prefix(name: str) -> str:
    for prefix in sorted(organisation_words()["prefixes"], key=len, reverse=True):
        if fold(name).lower().startswith(fold(prefix).lower() + " "):
            return name[len(prefix):].strip()
    return name


def organisation_variants(name: str, legal_form: str | None = None,
                          extra_common: Iterable[str] = ()) -> tuple[Variant, ...]:
    """'Dierenkliniek Vandamme BV' -> itself, 'Dierenkliniek Vandamme', and 'Vandamme' as a distinctive word."""
    base = strip_legal_form(name, legal_form)
    suffix = rf"(?:\s*,?\s*(?:{_legal_form_pattern()}|{_word(legal_form)}))?" if legal_form else \
        rf"(?:\s*,?\s*{_legal_form_pattern()})?"
    phrase = r"\s+".join(_word(t) for t in base.split())
    variants = [Variant(_compile(phrase + suffix), "name")]
    rest = strip_prefix(base)
    generic = {fold(w).lower() for w in organisation_words()["generic_words"]}
    words = [w for w in rest.split() if fold(w).lower().strip(",.") not in generic | PARTICLES]
    if rest != base and len(rest.split()) > 1 and words:
        # 'Het Hoefijzer' alone: capitalised, since 'het hoefijzer' is a horseshoe
        rest_phrase = r"\s+".join(_word(t, capitalised=fold(t).lower() not in PARTICLES) for t in rest.split())
        variants.append(Variant(_compile(rest_phrase), "name", True))
    for word in words:
        if len(word) > 3 and word[0].isupper():
            common = is_common(word, extra_common)
            variants.append(Variant(_compile(_word(word, capitalised=common)), "distinctive", common))
    return tuple(variants)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def phone_variants(phone: str) -> tuple[Variant, ...]:
    """'+32 3 540 12 12' -> '03 540 12 12', '03/540.12.12', '+32 (0)3 5401212', '0032 3 540 12 12'."""
    digits = _digits(phone)
    if digits.startswith("0032"):
        digits = digits[4:]
    elif digits.startswith("32") and phone.strip().startswith("+"):
        digits = digits[2:]
    digits = digits.lstrip("0")
    if len(digits) < 6:
        return ()
    body = r"[\s./-]?".join(re.escape(d) for d in digits)
    return (Variant(re.compile(rf"(?<![\w+])(?:(?:\+|00)\s?32\s?(?:\(0\)\s?)?|0)\s?{body}(?!\d)"), "contact"),)


def enterprise_number_variants(number: str) -> tuple[Variant, ...]:
    digits = _digits(number)
    if len(digits) != 10:
        return (Variant(_compile(re.escape(fold(number))), "number"),)
    body = rf"{digits[0]}?{digits[1:4]}[\s.]?{digits[4:7]}[\s.]?{digits[7:]}"
    return (Variant(re.compile(rf"(?<![\w.])(?:BE\s?)?{body}(?!\d)", re.IGNORECASE), "number"),)


# mail providers whose domain says nothing about the placement
PUBLIC_MAIL_DOMAINS = frozenset({"gmail.com", "hotmail.com", "hotmail.be", "outlook.com", "outlook.be", "live.be",
                                 "live.com", "yahoo.com", "yahoo.fr", "icloud.com", "telenet.be", "skynet.be",
                                 "proximus.be", "scarlet.be", "msn.com", "protonmail.com", "proton.me"})


def email_variants(email: str) -> tuple[Variant, ...]:
    return (Variant(re.compile(rf"(?<![\w.+-]){re.escape(fold(email))}(?![\w-])", re.IGNORECASE), "contact"),)


def domain_variants(domain: str) -> tuple[Variant, ...]:
    """A placement's web domain, with or without scheme, www. and path: 'vandamme.be', 'https://www.vandamme.be/x'."""
    domain = fold(domain).lower().removeprefix("www.")
    return (Variant(re.compile(rf"(?<![\w.@-])(?:https?://)?(?:www\.)?{re.escape(domain)}(?:/[^\s,;)]*[\w/])?(?![\w-])",
                               re.IGNORECASE), "contact"),)


def address_variants(street: str, postal_code: str | None = None, city: str | None = None) -> tuple[Variant, ...]:
    """'Kerkstraat 12 bus 3' -> 'Kerkstraat 12' (with box, postal code and city when written) and the street alone."""
    match = re.match(r"^(.*?)[\s,]*(\d+\s*[A-Za-z]?)(?:\s*(?:bus|b\.?|/)\s*\w+)?$", street.strip())
    name, number = (match.group(1), match.group(2)) if match else (street.strip(), None)
    variants: list[Variant] = []
    name_pattern = r"\s*".join(_word(t) for t in name.split()) if name else ""
    if name_pattern and number:
        after = r"(?:\s*(?:bus|b\.?|/)\s*\w+)?"
        place = ""
        if city:
            place = rf"(?:,?\s*(?:{re.escape(postal_code or '')}\s*)?{_word(city)})?"
        variants.append(Variant(_compile(name_pattern + rf"\s*,?\s*{re.escape(number)}" + after + place), "street"))
    if name_pattern and len(name) > 4:
        variants.append(Variant(_compile(name_pattern), "street"))
    if postal_code and city:
        variants.append(Variant(_compile(rf"{re.escape(postal_code)}\s*{_word(city)}"), "street"))
    return tuple(variants)


# --- the names of one case ----------------------------------------------------------------------------------------

def _person(role: str, name: str, extra_common: Iterable[str], first_name_alone: bool,
            contact: Person | Mentor | None = None) -> Iterator[KnownName]:
    name = name.strip()
    if len(name) < 2:
        return
    yield KnownName(role, "person", strip_titles(name)[1] or name,
                    person_variants(name, first_name_alone=first_name_alone, extra_common=extra_common))
    if contact is not None:
        yield from _contacts(role, contact.email, contact.phone)


def _contacts(role: str, email: str | None, phone: str | None) -> Iterator[KnownName]:
    if email and "@" in email:
        email = email.strip()
        yield KnownName(role, "email", email, email_variants(email))
        domain = email.rsplit("@", 1)[1].lower()
        if domain not in PUBLIC_MAIL_DOMAINS and role not in ("student", "supervisor", "coordinator"):
            yield KnownName("placement", "url", domain, domain_variants(domain))
    if phone:
        variants = phone_variants(phone)
        if variants:
            yield KnownName(role, "phone", phone, variants)


def _placement(placement: Placement, extra_common: Iterable[str]) -> Iterator[KnownName]:
    name = placement.name.strip()
    if len(name) >= 2:
        yield KnownName("placement", "organisation", name,
                        organisation_variants(name, placement.legal_form, extra_common))
    if placement.enterprise_number:
        number = placement.enterprise_number
        yield KnownName("placement", "enterprise-number", number, enterprise_number_variants(number))
    address = placement.address
    shown = ", ".join(part for part in (address.street, address.postal_code, address.city) if part)
    yield KnownName("placement", "address", shown,
                    address_variants(address.street, address.postal_code or None, address.city or None))
    representative = placement.representative
    yield from _person("representative", representative.name, extra_common, True, representative)


def case_names(case: CaseRecord | None, *, extra_common: Iterable[str] = (),
               first_name_alone: bool = True) -> list[KnownName]:
    """Every name the effective case knows: the student, the placement(s), mentors, representative, people."""
    if case is None:
        return []
    extra_common = tuple(extra_common)
    out: list[KnownName] = []
    student = case.student
    first = student.first_name.strip()
    last = student.last_name.strip()
    full = f"{first} {last}".strip()
    out.append(KnownName("student", "person", full,
                         person_variants(full, first_names=first.split(), surname=last,
                                         first_name_alone=first_name_alone, extra_common=extra_common)))
    placements = [(case.placement, case.mentors)]
    if case.second_placement is not None:
        placements.append((case.second_placement.placement, case.second_placement.mentors))
    for placement, mentors in placements:
        out.extend(_placement(placement, extra_common))
        for mentor in mentors:
            out.extend(_person("mentor", mentor.name, extra_common, first_name_alone, mentor))
    for person in case.other_people:
        out.extend(_person("person", person, extra_common, first_name_alone))
    for step in case.trajectory:
        if step.place is not None:
            out.append(KnownName("placement", "organisation", step.place,
                                 organisation_variants(step.place, None, extra_common)))
    out.extend(_person("supervisor", case.supervisor.name, extra_common, False, case.supervisor))
    return out


def find(known: Iterable[KnownName], text: str) -> list[NameMatch]:
    """Every place a known name occurs in ``text`` (overlaps kept; the caller resolves them)."""
    folded = fold(text)
    matches: list[NameMatch] = []
    for name in known:
        for variant in name.variants:
            for m in variant.pattern.finditer(folded):
                if m.end() == m.start():
                    continue
                titled = "title" in m.re.groupindex and m.group("title")
                if variant.common and not titled and at_sentence_start(folded, m.start()):
                    continue
                matches.append(NameMatch(m.start(), m.end(), text[m.start():m.end()], name, variant.form))
    return matches
