"""Anonymity: names, addresses and contacts that make the placement, its people or its clients recognisable.

Three sources, strongest first: the names the case file knows (``--case``: mentors, representative, other people,
the placement's name, address, enterprise number, phone, e-mail, website), our own patterns (organisations with a
legal form or a kind-of-organisation prefix, streets with a number, Belgian phone numbers, e-mail, URLs) and deduce
(person names, institutions, streets). The program's ``report.anonymity.scope`` says which kinds count; the
program's and institution's own names, course words and the institution's staff are allowed.

The student's own name is fine on the title page and in headers and footers; elsewhere it is a remark (info): it is
no leak about the placement, but a report written in the first person does not need it. Without a case file the
title page tells it (``title_people``: 'Student: ...', a student number, a name alone on its line), and also which
names are the institution's staff ('Promotor: ...'), who may appear.

What a detector takes for a name but is none is not reported (``not_names``): places, breeds, diseases, public
bodies, products, references that are already anonymised ('praktijk A'). The case file's names never pass through
that filter: they always count.
"""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import AnonymityRule, CaseRecord, LanguageCheckRule, Person
from pipeline.messages import Message, msg
from pipeline.phones import find_phone_numbers
from pipeline.report import addresses, deid, identifiers, metadata_values, names, not_names, title_people
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, BlockKind, Part, field_name
from pipeline.results import AnonymitySummary

SCOPES = ("placement", "mentors", "representative", "people", "clients", "addresses", "phone", "email", "url",
          "organisations", "identifiers", "metadata")
# which scope entries make a kind of hit count
_KIND_SCOPES = {"person": ("people", "clients"), "organisation": ("organisations",), "address": ("addresses",),
                "phone": ("phone",), "email": ("email",), "url": ("url",),
                # a number or date of birth that identifies a person counts wherever people count
                "identifier": ("identifiers", "people", "clients")}
_ROLE_SCOPES = {"mentor": ("mentors",), "representative": ("representative",), "person": ("people", "clients"),
                "placement": ("placement",), "student": ()}
# kind of a case-file name -> the kind of leak it is
_KNOWN_KIND = {"person": "person", "organisation": "organisation", "enterprise-number": "organisation",
               "address": "address", "phone": "phone", "email": "email", "url": "url"}
_PRIORITY = {"case": 3, "pattern": 2, "deduce": 1}
_SKIPPED_PARTS = (Part.TOC, Part.METADATA)  # the document properties have their own rules (_metadata_findings)
_OWN_NAME_PARTS = (Part.TITLE_PAGE, Part.HEADERS_FOOTERS)


@dataclass(frozen=True)
class Hit:
    """One leak candidate in one text."""

    start: int
    end: int
    text: str
    kind: str  # person | organisation | address | phone | email | url | identifier
    rule: str  # known-name | own-name | person | organisation | address | phone | email | url | id-number | birth-date
    source: str  # case | pattern | deduce
    known: names.KnownName | None = None
    fuzzy: bool = False
    detail: str | None = None  # e.g. 'number' for an enterprise number


# --- patterns -------------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLDS = "be|com|org|net|eu|nl|fr|de|lu|info|biz|io|vlaanderen|brussels|gent|uk|ch|at"
_URL = re.compile(rf"(?<![\w@/.-])(?:https?://[^\s<>\"]+|www\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"]*)?|"
                  rf"[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})(?:/[^\s<>\"]*)?)(?![\w@-])", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_ENTERPRISE = re.compile(r"(?<![\w.])(?:BE\s?)?[01]\d{3}\.\d{3}\.\d{3}(?!\d)", re.IGNORECASE)
_STREET_WORDS = ("straat|steenweg|laan|lei|weg|plein|dreef|kaai|kade|dijk|baan|markt|pad|park|singel|gracht|vest|"
                 "wal|ring|boulevard|dries|wegel|hoek|hof|veld|berg|heide|meers|akker|kouter|bos")
# a word that ends like a street ('-ring', '-veld') but is a noun of the language: 'Vergadering 4', 'Levering 2',
# 'During 2007' (no street name ends in -ering: the ring roads are 'Binnenring', 'Zuidring', 'Kleine Ring')
_NOUN_NOT_STREET = re.compile(r"(?:ering|^during)$", re.IGNORECASE)
_STREET = re.compile(
    rf"(?<![\w-])(?:(?:Grote|Kleine|Oude|Nieuwe|Korte|Lange|Hoge|Lage|Onze-Lieve-Vrouw)\s+)?"
    rf"(?-i:[A-Z])[\w'-]*?(?:{_STREET_WORDS})\s*,?\s*\d{{1,4}}\s?[a-zA-Z]?(?![\w])"
    rf"(?:\s*(?:bus|b\.?|/)\s*\d+\w*)?(?:\s*,?\s*[1-9]\d{{3}}\s+(?-i:[A-Z])[\w'-]+)?"
    rf"|(?<![\w-])(?-i:Rue|Avenue|Chaussée|Chaussee|Place|Boulevard|Chemin|Quai)\s+(?:[\w'-]+\s+){{0,4}}?\d{{1,4}}"
    rf"(?:\s*,?\s*[1-9]\d{{3}}\s+(?-i:[A-Z])[\w'-]+)?",
    re.IGNORECASE)
_STOP = frozenset({"de", "het", "een", "deze", "die", "dit", "dat", "onze", "mijn", "zijn", "haar", "hun", "elke",
                   "in", "op", "bij", "van", "voor", "met", "en", "ook", "als", "the", "a", "le", "la", "les", "un",
                   "une", "geen", "welke", "wat", "waar", "na", "tijdens", "ik", "we", "wij", "zie", "bel", "mail",
                   "stuur", "neem", "kijk", "vraag", "volgens", "daarna", "toen", "nu", "dan", "hier", "daar", "maar",
                   "want", "dus", "zo", "sinds", "via", "naar", "tegen", "over", "onder", "door", "om", "uit", "bron"})
_NAME_WORD = r"(?:(?:de|het|den|der|van|vander|vanden|'t|sint|la|le|du|des|of|the|&|en)\s+)*(?-i:[A-Z])[\w'&.-]*"


@cache
def _organisation_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(prefix + name, name + legal form), from data/organisations.yaml."""
    words = names.organisation_words()
    prefixes = "|".join(re.escape(names.fold(p)).replace(r"\ ", r"\s+") for p in
                        sorted(words["prefixes"], key=len, reverse=True))
    forms = "|".join(re.escape(f).replace(r"\ ", r"\s") for f in sorted(words["legal_forms"], key=len, reverse=True))
    with_prefix = re.compile(rf"(?<![\w-])(?:{prefixes})\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
                             rf"(?:\s*,?\s*(?-i:{forms})(?![\w]))?", re.IGNORECASE)
    with_form = re.compile(rf"(?<![\w-]){_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}\s*,?\s*(?-i:{forms})(?![\w])",
                           re.IGNORECASE)
    return with_prefix, with_form


def _trim_org(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading sentence words ('De', 'Een') from an organisation match; None when no name word is left."""
    span = text[start:end]
    tokens = list(re.finditer(r"\S+", span))
    i = 0
    while i < len(tokens) and tokens[i].group().lower() in _STOP:
        i += 1
    if i >= len(tokens) - (0 if _organisation_patterns()[0].match(span) else 1):
        return None
    return start + tokens[i].start(), end


def pattern_hits(text: str) -> list[Hit]:
    """Organisations, streets, phone numbers, e-mail addresses and URLs found by our own patterns."""
    folded = names.fold(text)
    hits: list[Hit] = []

    def add(start: int, end: int, kind: str, rule: str, detail: str | None = None) -> None:
        while end > start and text[end - 1] in ".,;:!?)'\"":
            end -= 1
        if end > start:
            hits.append(Hit(start, end, text[start:end], kind, rule, "pattern", detail=detail))

    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(folded)]
    for start, end in emails:
        add(start, end, "email", "email")
    for m in _URL.finditer(folded):
        if not any(s <= m.start() < e for s, e in emails) and not m.group().lower().endswith((".docx", ".pdf")):
            add(m.start(), m.end(), "url", "url")
    for m in _ENTERPRISE.finditer(folded):
        add(m.start(), m.end(), "organisation", "organisation", "number")
    for start, end in find_phone_numbers(folded):  # libphonenumber: numbers that exist, in any notation
        if not _DATE_LIKE.match(folded[start:end]):
            add(start, end, "phone", "phone")
    for m in _STREET.finditer(folded):
        if not _NOUN_NOT_STREET.search(m.group().split(",")[0].rstrip("0123456789 ").split()[-1]):
            add(m.start(), m.end(), "address", "address")
    for address in addresses.find(folded):  # street + number + a postal code that exists and its town
        add(address.start, address.end, "address", "address")
    for found in identifiers.find(folded):  # student, national register, card numbers; dates of birth
        rule = "birth-date" if found.kind == "birth-date" else "id-number"
        add(found.start, found.end, "identifier", rule, found.kind)
    for pattern in _organisation_patterns():
        for m in pattern.finditer(folded):
            span = _trim_org(folded, m.start(), m.end())
            if span is not None:
                add(*span, "organisation", "organisation")
    return hits


# --- deduce ---------------------------------------------------------------------------------------------------

def _street_like(text: str) -> bool:
    return any(c.isdigit() for c in text) or re.search(rf"(?:{_STREET_WORDS})\b", text, re.IGNORECASE) is not None


def deduce_hits(text: str, people: Sequence[tuple[deid.PersonHint, names.KnownName]] = ()) -> tuple[list[Hit], int]:
    """deduce's findings as hits, and how many place names it saw (a town alone is not reported)."""
    by_key = {hint.key: known for hint, known in people}
    hits: list[Hit] = []
    places = 0
    for a in deid.annotate(text, [hint for hint, _ in people]):
        if a.person is not None:
            hits.append(Hit(a.start, a.end, a.text, "person", "known-name", "deduce", known=by_key[a.person],
                            fuzzy=True))
        elif a.kind == "person":
            if _plausible_person(text, a.start, a.end):
                hits.append(Hit(a.start, a.end, a.text, "person", "person", "deduce"))
        elif a.kind == "location":
            if _address_like(text, a.start, a.end):
                hits.append(Hit(a.start, a.end, a.text, "address", "address", "deduce"))
            else:
                places += 1
        elif a.kind == "organisation" and not any(c.isupper() for c in a.text):
            continue  # 'de minima en de maxima': deduce's hospital abbreviations, but no name is all lower case
        else:
            hits.append(Hit(a.start, a.end, a.text, a.kind, a.kind, "deduce"))
    return hits, places


_NL_POSTCODE = re.compile(r"^\d{4}\s?[A-Z]{2}$")


def _address_like(text: str, start: int, end: int) -> bool:
    """A location of deduce that is an address: a street, a number; not a place ('Westhoek', 'de Kempen') and not a
    Dutch postal code without its town or house number ('2468 MB/s', 'RX 6600 XT')."""
    found = text[start:end]
    if _NL_POSTCODE.match(found):
        return re.match(r"\s*,?\s*(?-i:[A-Z])[a-z]", text[end:end + 4]) is not None or \
            re.search(r"\d\s*[a-zA-Z]?\s*,?\s*$", text[max(0, start - 6):start]) is not None
    if not any(c.isdigit() for c in found) and not_names.is_place(found):
        return False
    return _street_like(found)


def _plausible_person(text: str, start: int, end: int) -> bool:
    """deduce also takes ordinary words for names: 'Roos is een bloem', 'Bel ons', 'in het Frans'. A single word that
    is also an ordinary word only counts after a title ('meneer Frans')."""
    span = text[start:end]
    title, rest = names.strip_titles(span)
    if not rest or not any(c.isupper() for c in rest):
        return False
    return bool(title) or len(rest.split()) > 1 or not names.is_common(rest)


# --- combining --------------------------------------------------------------------------------------------------

def _resolve(hits: Iterable[Hit]) -> list[Hit]:
    """Keep one hit per stretch of text: the case file's names first, then patterns, then deduce; longer first.
    A weaker hit that wholly contains a stronger one widens it ('Dierenkliniek ' + known 'Vandamme')."""
    ordered = sorted(hits, key=lambda h: (-_PRIORITY[h.source], -(h.end - h.start), h.known is None, h.start))
    kept: list[Hit] = []
    for hit in ordered:
        overlapping = [k for k in kept if hit.start < k.end and k.start < hit.end]
        if not overlapping:
            kept.append(hit)
        elif (len(overlapping) == 1 and hit.start <= overlapping[0].start and overlapping[0].end <= hit.end
              and overlapping[0].kind == hit.kind):
            old = overlapping[0]
            grows = (hit.start, hit.end) != (old.start, old.end)
            kept[kept.index(old)] = replace(old, start=hit.start, end=hit.end, text=hit.text,
                                            fuzzy=old.fuzzy or (hit.fuzzy and grows))
    return sorted(kept, key=lambda h: h.start)


def _inside(hit: Hit, spans: Iterable[tuple[int, int]], *, strictly: bool = False) -> bool:
    for start, end in spans:
        if start <= hit.start and hit.end <= end and (not strictly or end - start > hit.end - hit.start):
            return True
    return False


@dataclass
class _Setup:
    scope: frozenset[str]
    known: list[names.KnownName]  # in scope
    allowed_known: list[names.KnownName]  # out of scope or school-side: their occurrences are allowed
    allow: list[re.Pattern[str]]
    people: list[tuple[deid.PersonHint, names.KnownName]]
    domains: frozenset[str] = frozenset()  # web and mail domains that may appear (the institution's)
    use_deduce: bool = True
    from_title_page: dict[str, int] = field(default_factory=dict)  # role -> names the title page gave a role


def _in_scope(known: names.KnownName, scope: frozenset[str]) -> bool:
    if known.role == "student":
        return True  # own-name: judged by part, never a leak
    kind = _KNOWN_KIND.get(known.kind, known.kind)
    # a mentor's contact details count under the mentor's scope or under their own (a phone number is a phone
    # number)
    kind_scopes = _KIND_SCOPES.get(kind, ()) if kind not in ("person", "organisation") else ()
    if kind == "person":
        kind_scopes = ("people",)  # mentors and representatives are people too; 'mentors' alone narrows it
    if known.role == "placement" and kind == "organisation":
        kind_scopes = ("organisations",)
    return any(s in scope for s in (*_ROLE_SCOPES.get(known.role, ()), *kind_scopes))


def _phrase(text: str) -> re.Pattern[str] | None:
    text = names.fold(str(text)).strip()
    if len(text) < 2:
        return None
    body = r"\s+".join(re.escape(t) for t in text.split())
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


class AnonymityOptions(GroupOptions):
    """report.anonymity (scope, allow-list, severity) and the language check's accepted words, which may appear too."""

    anonymity: AnonymityRule | None = None
    language_check: LanguageCheckRule | None = None


def allow_phrases(ctx: ReportContext) -> list[str]:
    """What may appear: the profile's allow-list and course words, the program's and institution's names, the
    institution's staff and website, the case's school-side supervisor."""
    options = ctx.options(AnonymityOptions)
    phrases: list[str | None] = [*(options.anonymity.allow if options.anonymity else ()),
                                 *(options.language_check.words if options.language_check else ())]
    if ctx.program is not None:
        phrases.append(ctx.program.name)
    institution = ctx.institution
    staff: list[Person] = []
    if institution is not None:
        phrases += [institution.name, institution.short_name]
        phrases += list(institution.allow_list)
        if institution.website:
            phrases.append(re.sub(r"^https?://(www\.)?", "", institution.website).split("/")[0])
        staff += [*institution.coordinators, institution.representative]
    if ctx.case is not None:
        staff.append(ctx.case.record.supervisor)
    for person in staff:
        if person.name:
            full = names.strip_titles(person.name)[1]
            phrases += [full, names.split_name(full)[1]]
            phrases += [value for value in (person.email, person.phone) if value]
    return [str(p) for p in phrases if p]


def _setup(ctx: ReportContext) -> _Setup:
    settings = ctx.options(AnonymityOptions).anonymity
    scope = frozenset(settings.scope or SCOPES) if settings is not None else frozenset(SCOPES)
    allow = [p for p in (_phrase(a) for a in allow_phrases(ctx)) if p is not None]
    known: list[names.KnownName] = []
    allowed_known: list[names.KnownName] = []
    for name in names.case_names(ctx.case.record if ctx.case is not None else None):
        (known if name.role != "supervisor" and _in_scope(name, scope) else allowed_known).append(name)
    people = []
    for i, name in enumerate(known):
        if name.kind == "person" and name.role != "student":
            firsts, surname = names.split_name(name.name)
            people.append((deid.PersonHint(str(i), tuple(firsts), surname), name))
    domains = frozenset(d for d in (_domain(p) for p in allow_phrases(ctx)) if d)
    return _Setup(scope, known, allowed_known, allow, people, domains)


def _domain(text: str) -> str | None:
    """'stage.di@ugent.be' -> 'ugent.be'; 'www.ugent.be' -> 'ugent.be'; 'UGent' -> None."""
    text = names.fold(text).strip().lower()
    host = text.rsplit("@", 1)[1] if "@" in text else re.sub(r"^https?://", "", text).split("/")[0]
    host = host.removeprefix("www.")
    if " " in host or "." not in host:
        return None
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts[-1]) >= 2 else None


def _allowed_domain(text: str, domains: frozenset[str]) -> bool:
    host = _domain(text)
    return host is not None and host in domains


_BATCH_SEPARATOR = "\n\n\u2022\n\n"  # between batched blocks: a paragraph break no name or address runs across
_BATCH_CHARS = 4000
_BATCH_BLOCK_CHARS = 300  # only short blocks are batched: for them deduce's set-up per call is most of the cost


def deduce_in_batches(blocks: Sequence[Block], setup: _Setup, facts: Counter[str],
                      deadline: float | None = None) -> dict[int, tuple[list[Hit], int]]:
    """deduce's hits of short blocks, read many blocks per call (by block index; a block not in it is read alone);
    the place names seen are counted in ``facts`` here.

    A report of 200,000 one-line paragraphs spent most of its time in deduce's set-up of each call. Hits are mapped
    back to their block; one that would run across a separator is dropped (it joins two blocks)."""
    out: dict[int, tuple[list[Hit], int]] = {}
    batch: list[Block] = []
    size = 0

    def flush() -> None:
        if len(batch) < 2:
            return
        starts: list[int] = []
        position = 0
        for block in batch:
            starts.append(position)
            position += len(block.text) + len(_BATCH_SEPARATOR)
        hits, places = deduce_hits(_BATCH_SEPARATOR.join(b.text for b in batch), setup.people)
        facts["places"] += places
        found: list[list[Hit]] = [[] for _ in batch]
        for hit in hits:
            k = bisect.bisect_right(starts, hit.start) - 1
            if k >= 0 and hit.end <= starts[k] + len(batch[k].text):
                found[k].append(replace(hit, start=hit.start - starts[k], end=hit.end - starts[k]))
        for k, block in enumerate(batch):
            out[block.index] = (found[k], 0)

    for block in blocks:
        if len(block.text) > _BATCH_BLOCK_CHARS:
            continue
        if size + len(block.text) > _BATCH_CHARS:
            if deadline is not None and time.monotonic() > deadline:
                return out  # the rest is read block by block, as far as the budget goes
            flush()
            batch, size = [], 0
        batch.append(block)
        size += len(block.text) + len(_BATCH_SEPARATOR)
    flush()
    return out


def _hits_in(text: str, part: Part, setup: _Setup, facts: Counter[str], context: Sequence[Hit] = (),
             deduced: tuple[list[Hit], int] | None = None) -> list[Hit]:
    """The leaks in one block's ``text``; ``context``: what only the neighbouring blocks tell (a street on the line
    before a postal code, a date in a column of dates of birth); ``deduced``: deduce's hits when it read the block
    in a batch (``deduce_in_batches``)."""
    folded = names.fold(text)
    allowed = [(m.start(), m.end()) for p in setup.allow for m in p.finditer(folded)]
    # out-of-scope names of the case: what they cover is allowed, but a longer in-scope name still counts
    allowed_known = [(m.start, m.end) for m in names.find(setup.allowed_known, text)]
    hits: list[Hit] = []
    for m in names.find(setup.known, text):
        if m.known.role == "student":
            if part not in _OWN_NAME_PARTS:
                hits.append(Hit(m.start, m.end, m.text, "person", "own-name", "case", known=m.known))
            else:
                allowed.append((m.start, m.end))
            continue
        rule = "known-name" if m.known.kind in ("person", "organisation") else _KNOWN_KIND[m.known.kind]
        detail = "number" if m.known.kind == "enterprise-number" else None
        hits.append(Hit(m.start, m.end, m.text, _KNOWN_KIND[m.known.kind], rule, "case", known=m.known,
                        detail=detail))
    # an allowed company name does not allow the in-scope person it is named after ('Janssens & Zonen')
    hits = [h for h in hits if not _inside(h, allowed)
            and not (h.kind != "person" and _inside(h, allowed_known, strictly=True))]
    allowed += allowed_known
    detected = [*pattern_hits(text), *context]
    if setup.use_deduce:
        try:
            found, places = deduced if deduced is not None else deduce_hits(text, setup.people)
            detected += found
            facts["places"] += places
        except deid.DeidUnavailable:
            setup.use_deduce = False
    detected += _births_after_names(text, detected)
    for hit in detected:
        if _inside(hit, allowed) or (hit.kind in ("url", "email") and _allowed_domain(hit.text, setup.domains)):
            continue
        if hit.detail == "student-number" and part in _OWN_NAME_PARTS:
            facts["own-student-number"] += 1  # next to the student's own name, where the school asks for it
            continue
        if hit.known is None and hit.kind in ("person", "organisation") and hit.detail is None:
            why = not_names.reason(text, hit.start, hit.end)
            if why is not None:  # a place, a breed, 'praktijk A': no name (the case file's names never get here)
                facts[f"not-a-name:{why}"] += 1
                continue
        if hit.known is not None:
            if _in_scope(hit.known, setup.scope):
                hits.append(hit)
        elif any(s in setup.scope for s in _KIND_SCOPES.get(hit.kind, ())):
            hits.append(hit)
    # a student's own name that deduce also saw is the own-name remark (or nothing), not a stranger's name
    own = [(h.start, h.end) for h in hits if h.rule == "own-name"]
    hits = [h for h in hits if h.rule == "own-name" or not (h.source != "case" and _inside(h, own))]
    return _resolve(hits)


_NAME_THEN_DATE = re.compile(rf"^\s*(?:[,:;(–—-]|\s)\s*(?:°\s*|geb\.\s*|geboren\s+(?:op\s+)?)?(?P<date>{identifiers.DATE})"
                             r"(?![\w/-])", re.IGNORECASE)


def _births_after_names(text: str, hits: Sequence[Hit]) -> list[Hit]:
    """A full date right after a person's name ('Jan Peeters, 12/03/2003', 'An Maes (°4 mei 2004)') whose year a
    person can be born in (not a meeting: 'Tom, 12/03/2024'): a date of birth, as in a team list."""
    out = []
    for hit in hits:
        if hit.kind != "person":
            continue
        m = _NAME_THEN_DATE.match(text, hit.end)
        if m is not None and identifiers.birth_year(m.group("date")):
            out.append(Hit(m.start("date"), m.end("date"), m.group("date"), "identifier", "birth-date", "pattern",
                           detail="birth-date"))
    return out


def _context_hits(blocks: Sequence[Block]) -> dict[int, list[Hit]]:
    """Leaks that only a block's neighbours show: a street and number alone on the line before a postal code and
    its town (an address on a cover page, one line per paragraph), a date in a table column headed 'Geboortedatum'."""
    out: dict[int, list[Hit]] = {}
    for block, after in zip(blocks, blocks[1:], strict=False):
        if block.part is after.part and addresses.STREET_LINE.match(block.text) and \
                addresses.starts_with_postal_town(after.text):
            text = block.text.strip().rstrip(",")
            start = block.text.index(text)
            out.setdefault(block.index, []).append(Hit(start, start + len(text), text, "address", "address",
                                                       "pattern"))
    birth_columns = {(b.table[0], b.table[2]) for b in blocks if b.table is not None and b.table[1] == 0
                     and identifiers.BIRTH_LABEL.search(b.text)}
    for block in blocks:
        if block.table is not None and block.table[1] > 0 and (block.table[0], block.table[2]) in birth_columns:
            for start, end in identifiers.dates(block.text):
                out.setdefault(block.index, []).append(Hit(start, end, block.text[start:end], "identifier",
                                                           "birth-date", "pattern", detail="birth-date"))
    return out


_FRONT_MATTER_BLOCKS = 10
_FRONT_MATTER_WORDS = 12


def _front_matter(blocks: list[Block]) -> list[Block]:
    """The blocks, the first short lines before any heading marked as a title page when the reader found none: a
    Markdown or text report without a contents list ('Stageverslag', 'Student: ...', then '# Inleiding')."""
    if any(b.part is Part.TITLE_PAGE for b in blocks):
        return blocks
    lead = 0
    for block in blocks[:_FRONT_MATTER_BLOCKS]:
        if block.kind is not BlockKind.PARAGRAPH or block.part is not Part.BODY or \
                len(block.text.split()) > _FRONT_MATTER_WORDS:
            break
        lead += 1
    if lead == len(blocks) or lead >= _FRONT_MATTER_BLOCKS or (lead < len(blocks) and not blocks[lead].is_heading):
        return blocks  # no heading after the short lines: a list or a table, not a title page
    return [replace(b, part=Part.TITLE_PAGE) if i < lead else b for i, b in enumerate(blocks)]


def _add_title_people(setup: _Setup, blocks: Sequence[Block], *, students: bool) -> None:
    """Names the title page, headers and footers give a role: the student's own name (only when the case file does
    not give it: it is then known, as with a case) and the institution's staff (allowed, like the institution's
    coordinators). A name after a placement label ('Mentor:') gets no role and stays a leak."""
    front = [b for b in blocks if b.part in _OWN_NAME_PARTS]
    if not front:
        return
    cache: dict[int, list[tuple[int, int, str]]] = {}

    def person_hits(block: Block) -> list[tuple[int, int, str]]:
        if block.index not in cache:
            hits = _hits_in(block.text, block.part, setup, Counter())
            cache[block.index] = [(h.start, h.end, h.text) for h in hits if h.kind == "person" and h.known is None]
        return cache[block.index]

    seen: set[tuple[str, str]] = set()
    for person in title_people.find(front, person_hits):
        if (person.role, names.fold(person.name).casefold()) in seen or (person.role == "student" and not students):
            continue
        seen.add((person.role, names.fold(person.name).casefold()))
        setup.from_title_page[person.role] = setup.from_title_page.get(person.role, 0) + 1
        if person.role == "student":
            setup.known.append(names.KnownName("student", "person", person.name, names.person_variants(
                person.name, first_name_alone=False, surname_alone=False)))
        else:
            setup.allowed_known.append(names.KnownName("supervisor", "person", person.name,
                                                       names.person_variants(person.name, first_name_alone=False)))


def detect_text(text: str, *, part: Part = Part.BODY) -> list[Hit]:
    """Detection without a case file or program: deduce and our patterns, every kind (bench/deid_recall.py)."""
    setup = _Setup(frozenset(SCOPES), [], [], [], [])
    return _hits_in(text, part, setup, Counter())


# --- findings ---------------------------------------------------------------------------------------------------

WHOSE = {"mentor": msg("anonymity.whose.mentor"), "representative": msg("anonymity.whose.representative"),
         "person": msg("anonymity.whose.person"), "placement": msg("anonymity.whose.placement"),
         "student": msg("anonymity.whose.student")}
INSTEAD = {"mentor": msg("anonymity.instead.mentor"), "representative": msg("anonymity.instead.representative"),
           "person": msg("anonymity.instead.person"), "placement": msg("anonymity.instead.placement")}
KNOWN = {"address": msg("anonymity.known-address"), "phone": msg("anonymity.known-phone"),
         "email": msg("anonymity.known-email"), "url": msg("anonymity.known-url"),
         "organisation": msg("anonymity.known-name")}
DETECTED = {"person": msg("anonymity.person"), "organisation": msg("anonymity.organisation"),
            "address": msg("anonymity.address"), "phone": msg("anonymity.phone"), "email": msg("anonymity.email"),
            "url": msg("anonymity.url")}


ID_NUMBERS = {"student-number": msg("anonymity.id-number.student-number"),
              "pupil-number": msg("anonymity.id-number.pupil-number"),
              "national-number": msg("anonymity.id-number.national-number"), "bsn": msg("anonymity.id-number.bsn"),
              "card-number": msg("anonymity.id-number.card-number"), "iban": msg("anonymity.id-number.iban"),
              "birth-date": msg("anonymity.id-number.birth-date")}
# stored fields that name a person (or the account of one): reported whenever the value is a person's name, and
# whatever the value (a user name too) when the program's scope has 'metadata'
AUTHOR_FIELDS = frozenset({"creator", "last-modified-by", "manager", "comment-author", "revision-author", "pdf-author",
                           "xmp-creator"})
COMPANY_FIELDS = frozenset({"company"})
_REMOVE = {"docx": msg("anonymity.metadata.remove.docx"), "pdf": msg("anonymity.metadata.remove.pdf")}
_REMOVE_IMAGE = msg("anonymity.metadata.remove.image")
_REMOVE_REVIEW = msg("anonymity.metadata.remove.review")
_REMOVE_COMMENT = {"docx": msg("anonymity.comment.remove"), "pdf": msg("anonymity.comment.remove.pdf")}


def _remove_hint(label: str, doc_format: str) -> Message:
    """Where the student removes a stored value: Word's Document Inspector, LibreOffice's properties, a new PDF."""
    if label == "image":
        return _REMOVE_IMAGE
    if label in ("comment-author", "revision-author", "deleted-text"):
        return _REMOVE_REVIEW
    return _REMOVE.get(doc_format, _REMOVE["docx"])


def _a_person(value: str, setup: _Setup) -> bool:
    """Is a stored value a person's name: one the case or title page knows, deduce's, or written like one?"""
    if names.find([*setup.known, *setup.allowed_known], value):
        return True
    if metadata_values.looks_like_person(value):
        return True
    if setup.use_deduce:
        try:
            found, _ = deduce_hits(value)
        except deid.DeidUnavailable:
            return False
        return any(h.kind == "person" and h.end - h.start >= len(value.strip()) * 0.6 for h in found)
    return False


def _stored(rule_message: Message, block: Block, start: int, end: int, hint: Message) -> Finding:
    return Finding(check="anonymity", rule="metadata", severity=Severity.WARNING, message=rule_message,
                   location=Location(offset=start, length=end - start), text=block.text[start:end], hint=hint)


def _metadata_findings(block: Block, doc_format: str, setup: _Setup, facts: Counter[str]) -> Iterator[Finding]:
    """Findings on one stored value (a METADATA block): an author, editor or manager that is a person (or, with
    the 'metadata' scope, anyone — the student too), a company that is no placeholder, a user folder in an image's
    path, and in the other fields (title, subject, keywords, an image's description) what the detectors find in any
    text. Without the 'metadata' scope the student's own name as author is no leak: the title page names them."""
    label, value = block.label or "", block.text
    field = field_name(label)
    hint = _remove_hint(label, doc_format)
    start, end = len(value) - len(value.lstrip()), len(value.rstrip())
    folded = names.fold(value)
    if label in AUTHOR_FIELDS or label in COMPANY_FIELDS:
        if metadata_values.is_placeholder(value):
            facts["metadata-placeholder"] += 1
            return
        if any(p.search(folded) for p in setup.allow) or _allowed_domain(value, setup.domains):
            return
        if label in AUTHOR_FIELDS:
            own = [k for k in setup.known if k.role == "student"]
            if "metadata" not in setup.scope and own and names.find(own, value):
                facts["own-name-stored"] += 1  # the student, named on the title page too: no report to hide it from
                return
            person = _a_person(value, setup)
            if person or "metadata" in setup.scope:
                message = msg("anonymity.metadata.person") if person else msg("anonymity.metadata.account")
                yield _stored(message.with_values(field=field, text=value.strip()), block, start, end, hint)
            return
        if setup.scope & {"organisations", "placement", "metadata"}:
            yield _stored(msg("anonymity.metadata.company", field=field, text=value.strip()), block, start, end, hint)
        return
    if label == "pdf-creator":  # the program that made the PDF, unless someone typed a name there
        if not metadata_values.is_placeholder(value) and metadata_values.looks_like_person(value):
            yield _stored(msg("anonymity.metadata.person", field=field, text=value.strip()), block, start, end, hint)
        return
    if label == "image":
        for user_start, user_end, user in metadata_values.user_folders(value):
            if "metadata" in setup.scope or _a_person(user, setup) or setup.scope & {"people", "clients"}:
                yield _stored(msg("anonymity.metadata.user-folder", user=user), block, user_start, user_end, hint)
    for hit in _hits_in(value, Part.METADATA, setup, facts):
        message, severity = _message(hit)
        yield Finding(check="anonymity", rule=hit.rule, severity=severity, message=message,
                      location=Location(offset=hit.start, length=hit.end - hit.start), text=hit.text, hint=hint)


def _message(hit: Hit) -> tuple[Message, Severity]:
    known = hit.known
    if hit.rule == "own-name" and known is not None:
        return msg("anonymity.own-name", name=known.name), Severity.INFO
    if known is not None:
        whose: Message | str = WHOSE.get(known.role, known.role)
        if hit.rule == "known-name":
            instead = INSTEAD.get(known.role, msg("anonymity.instead.other"))
            message = msg("anonymity.known-name.fuzzy") if hit.fuzzy else msg("anonymity.known-name")
            return message.with_values(whose=whose, name=known.name, instead=instead), Severity.WARNING
        if hit.detail == "number":
            return msg("anonymity.enterprise-number", whose=whose, text=hit.text), Severity.WARNING
        return KNOWN[hit.rule].with_values(whose=whose, text=hit.text), Severity.WARNING
    if hit.rule == "organisation" and hit.detail == "number":
        return msg("anonymity.organisation.number", text=hit.text), Severity.WARNING
    if hit.kind == "identifier" and hit.detail in ID_NUMBERS:
        return ID_NUMBERS[hit.detail].with_values(text=hit.text), Severity.WARNING
    # an unknown website is as often a source as a leak: a remark
    severity = Severity.INFO if hit.rule == "url" else Severity.WARNING
    return DETECTED[hit.rule].with_values(text=hit.text), severity


def _blocks(ctx: ReportContext) -> Iterator[Block]:
    for block in ctx.document.blocks:
        if block.part in _SKIPPED_PARTS or block.kind is BlockKind.TOC or not block.text.strip():
            continue
        yield block


@register("anonymity", options=AnonymityOptions)
def check_anonymity(ctx: ReportContext) -> Iterator[Finding]:
    """One finding per leak occurrence; what was looked for and found in ``ctx.summaries.anonymity``."""
    setup = _setup(ctx)
    counts: Counter[str] = Counter()
    facts: Counter[str] = Counter()
    error: str | None = None
    try:
        deid.model()
    except deid.DeidUnavailable as exc:
        setup.use_deduce, error = False, str(exc)
    if error is not None:
        yield Finding(check="anonymity", rule="deduce-unavailable", severity=Severity.INFO,
                      message=msg("anonymity.deduce-unavailable", error=error))
    blocks = _front_matter(list(_blocks(ctx)))
    case_names = len(setup.known)
    _add_title_people(setup, blocks, students=not any(k.role == "student" for k in setup.known))
    hint = msg("anonymity.hint")
    context = _context_hits(blocks)
    try:
        deadline = ctx.budget.deadline if ctx.budget is not None else None
        deduced = deduce_in_batches(blocks, setup, facts, deadline) if setup.use_deduce else {}
    except deid.DeidUnavailable:
        deduced = {}
    for done, block in enumerate(blocks):
        if ctx.budget is not None and done % 200 == 0 and ctx.budget.over():
            ctx.budget.cut("anonymity", done, len(blocks))
            break
        for hit in _hits_in(block.text, block.part, setup, facts, context.get(block.index, ()),
                            deduced.get(block.index)):
            message, severity = _message(hit)
            counts[hit.rule] += 1
            yield Finding(check="anonymity", rule=hit.rule, severity=severity, message=message,
                          location=block.location(ctx.file, hit.start, hit.end - hit.start), text=hit.text,
                          hint=_REMOVE_COMMENT.get(ctx.document.format, hint) if block.part is Part.COMMENTS else hint)
    for block in ctx.document.blocks:
        if block.part is Part.METADATA and block.text.strip():
            for finding in _metadata_findings(block, ctx.document.format, setup, facts):
                counts[finding.rule] += 1
                yield replace(finding, location=block.location(ctx.file, finding.location.offset,
                                                               finding.location.length))
    ctx.summaries.anonymity = AnonymitySummary(
        deduce=setup.use_deduce,
        deduce_init_seconds=round(deid.init_seconds() or 0.0, 3) if setup.use_deduce else None,
        scope=tuple(sorted(setup.scope)),
        known_names=case_names,
        counts=tuple(sorted(counts.items())),
        places_seen=facts["places"],
        not_names=tuple(sorted((k.split(":", 1)[1], v) for k, v in facts.items() if k.startswith("not-a-name:"))),
        title_page_names=tuple(sorted(setup.from_title_page.items())),
    )


def known_people(case: CaseRecord | None) -> list[names.KnownName]:
    """The people a case file names (for other tools, e.g. a report's front end)."""
    return [n for n in names.case_names(case) if n.kind == "person"]
