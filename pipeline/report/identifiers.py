"""Numbers and dates that identify one person: student and pupil numbers, the Belgian national register number
(rijksregisternummer, also a BIS number), the Dutch BSN, public-transport and payment card numbers, bank accounts
(IBAN) and dates of birth.

A number with a check digit counts only when its check digit is right (python-stdnum: the national register
number's mod 97 with the '2' prefix for births from 2000 on, the BSN's 11-test, IBAN's mod 97, the Luhn digit of a
payment card), and a bare run of digits only next to its label ('BSN', 'rijksregisternummer'): an invoice number or
a measurement is no person. A student number is a letter and seven digits (r0812345, s1234567, u0123456) or digits
after a student-number label; a pupil is a class and a number ('6ITN, nr. 10'). A date is a date of birth after
'geboren (op)', 'geb.', '°', 'geboortedatum', or next to a person's name in a list or table row (the check does the
latter, as it knows the names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import iban, luhn
from stdnum.be import bis, nn
from stdnum.nl import bsn

KINDS = ("student-number", "pupil-number", "national-number", "bsn", "card-number", "iban", "birth-date")

MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          r"jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|october|"
          "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre")
_YEAR = r"(?:19[2-9]\d|20[0-3]\d)"
DATE = (rf"(?:(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:{_YEAR}|\d{{2}})"
        rf"|(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de)?\s+(?:{MONTHS})\.?\s+{_YEAR})")
_DATE = re.compile(rf"(?<![\w/.-]){DATE}(?![\w/-])", re.IGNORECASE)
_BIRTH = re.compile(
    rf"(?:\bgeboren(?:\s+(?:op|in|te\s+[A-Z][\w-]+(?:\s+op)?))?|\bgeb\.|°|\bgeboortedatum\s*:?|\bdate of birth\s*:?|"
    rf"\bborn(?:\s+on)?|\bné(?:e)?\s+le|\bDOB\s*:?)\s*(?P<date>{DATE}|{_YEAR})(?![\w/-])", re.IGNORECASE)
BIRTH_LABEL = re.compile(r"\b(?:geboortedatum|geboren|geb\.|date of birth|birth ?date|DOB|date de naissance)|°",
                         re.IGNORECASE)

_STUDENT = re.compile(r"(?<![\w@./-])[rsuRSU]\d{7}(?![\w@-])")
_STUDENT_LABEL = re.compile(
    r"\b(?:studentennummer|studentnummer|student\s*nr\.?|studentnr\.?|rolnummer|rolnr\.?|stamnummer|"
    r"inschrijvingsnummer|r-nummer|student number|student id|matricule)\s*[:.]?\s*(?P<number>\d{5,9})(?![\w-])",
    re.IGNORECASE)
_PUPIL = re.compile(r"(?<![\w-])[1-7]\s?(?-i:[A-Z])[A-Za-z]{0,5},?\s*(?:nr\.?|nummer|n°|no\.)\s*\d{1,2}(?![\w,.]\d)",
                    re.IGNORECASE)
_PUPIL_LABEL = re.compile(r"\bleerling(?:nummer|nr\.?)?\s*(?:nr\.?|nummer)?\s*:?\s*\d{1,2}\b(?![.,]\d)",
                          re.IGNORECASE)
_NATIONAL = re.compile(r"(?<![\d.-])\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s.]?\d{3}[.\s-]?\d{2}(?![\d.-]?\d)")
_NATIONAL_LABEL = re.compile(r"\b(?:rijksregister\w*|RRN|INSZ|nationaal\s+nummer|identificatienummer|"
                             r"numéro\s+national|NISS|BIS-?nummer)\b", re.IGNORECASE)
_BSN = re.compile(r"(?<![\d.-])\d{4}[.\s]?\d{2}[.\s]?\d{3}(?![\d.-]?\d)")
_BSN_LABEL = re.compile(r"\b(?:BSN|burgerservicenummer|sofi-?nummer)\b", re.IGNORECASE)
_CARD = re.compile(r"(?<![\d.-])\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?(?![\d.-]?\d)")
_CARD_LABEL = re.compile(r"(?:ov-?chip\w*|ov-?kaart|mobib|kaart\s*nummer|kaartnr\.?|pasnummer|pas\s+nr\.?|"
                         r"bankkaart|betaalkaart|kredietkaart|creditcard|lidkaart|abonnement\w*|card\s+number)",
                         re.IGNORECASE)
_OV_CHIPKAART = "3528"  # the issuer number of every OV-chipkaart (Trans Link Systems)
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])")
_LABEL_REACH = 40  # characters before a number in which its label counts


@dataclass(frozen=True)
class Identifier:
    start: int
    end: int
    kind: str  # one of KINDS


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _labelled(text: str, start: int, label: re.Pattern[str]) -> bool:
    return label.search(text[max(0, start - _LABEL_REACH):start]) is not None


def _separators(text: str) -> int:
    return sum(1 for ch in text if not ch.isdigit())


def find(text: str) -> list[Identifier]:
    """The identifying numbers and dates of birth in ``text``, each once (the first kind that claims a span)."""
    found: list[Identifier] = []

    def add(start: int, end: int, kind: str) -> None:
        if not any(start < f.end and f.start < end for f in found):
            found.append(Identifier(start, end, kind))

    for m in _IBAN.finditer(text):
        if iban.is_valid(m.group()):
            add(m.start(), m.end(), "iban")
    for m in _NATIONAL.finditer(text):
        digits = _digits(m.group())
        if not (nn.is_valid(digits) or bis.is_valid(digits)):
            continue
        if _separators(m.group()) >= 2 or _labelled(text, m.start(), _NATIONAL_LABEL):
            add(m.start(), m.end(), "national-number")
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        labelled = _labelled(text, m.start(), _CARD_LABEL)
        # a payment card only with its label: a test card ('4000 0000 0000 0002') in an IT report is no person
        if digits.startswith(_OV_CHIPKAART) or (labelled and (len(digits) != 16 or digits[0] not in "3456"
                                                               or luhn.is_valid(digits))):
            add(m.start(), m.end(), "card-number")
    for m in _BSN.finditer(text):
        if bsn.is_valid(_digits(m.group())) and _labelled(text, m.start(), _BSN_LABEL):
            add(m.start(), m.end(), "bsn")
    for m in _STUDENT.finditer(text):
        add(m.start(), m.end(), "student-number")
    for m in _STUDENT_LABEL.finditer(text):
        add(m.start("number"), m.end("number"), "student-number")
    for pattern in (_PUPIL, _PUPIL_LABEL):
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "pupil-number")
    for m in _BIRTH.finditer(text):
        add(m.start("date"), m.end("date"), "birth-date")
    return sorted(found, key=lambda f: f.start)


BIRTH_YEARS = range(1920, 2016)  # a person in a report is at least about ten years old


def birth_year(date: str) -> bool:
    """Could ``date`` be someone's date of birth: a four-digit year in BIRTH_YEARS (a meeting in 2024 cannot)."""
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", date)
    return bool(years) and int(years[-1]) in BIRTH_YEARS


def dates(text: str) -> list[tuple[int, int]]:
    """Every full date in ``text`` (for a date of birth next to a name, or in a birth-date column)."""
    return [(m.start(), m.end()) for m in _DATE.finditer(text)]
