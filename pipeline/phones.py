"""Phone numbers through libphonenumber (the `phonenumbers` package), Belgium as the default region: whether a case
file's number is one, the international form an imported number is written in, and the numbers inside a text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "BE"
MIN_DIGITS = 5  # the shortest valid number, country code included, has more (Belgian ones 8 or 9)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)  # a cohort's mentors share numbers, and import parses each number twice
def parse(text: str, region: str = DEFAULT_REGION) -> phonenumbers.PhoneNumber | None:
    """The number ``text`` holds when it is a valid one (national numbers in ``region``), else None."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def is_phone_number(value: object) -> bool:
    """A JSON Schema format check: a string that is a valid phone number (other types are the schema's business)."""
    return not isinstance(value, str) or parse(value) is not None


def international(text: str, region: str = DEFAULT_REGION) -> str | None:
    """``text`` written as '+32 470 12 34 56' (None when it is not a valid number)."""
    number = parse(text, region)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def find_phone_numbers(text: str, region: str = DEFAULT_REGION) -> Iterator[tuple[int, int]]:
    """(start, end) of every valid phone number in ``text`` (national ones in ``region``, any with +country)."""
    if len(_DIGIT.findall(text)) < MIN_DIGITS:
        return  # no number has fewer digits: libphonenumber's matcher costs far more than this look
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        yield match.start, match.end
