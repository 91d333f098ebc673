"""What a stored value says about a person: a program's or computer's own placeholder ('Microsoft Office User',
'HP'), a user folder in an image's path (C:\\Users\\jpeeters\\Pictures\\...), a value written like a person's name."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from pipeline.report import names, not_names

_USER_FOLDER = re.compile(r"(?:[A-Za-z]:[\\/]+(?:Users|Gebruikers|Documents and Settings|Documenten en instellingen)"
                          r"|/Users|/home)[\\/]+(?P<user>[^\\/:*?\"<>|\n]{2,64})[\\/]", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:(?-i:[A-Z])[a-zà-ÿ'’]+(?:-(?-i:[A-Z])[a-zà-ÿ'’]+)*|(?-i:[A-Z])\.|"
                         r"van|de|der|den|ter|ten|vande|vanden|vander|le|la|du|d'|'t)$")


@cache
def placeholders() -> frozenset[str]:
    text = resources.files("pipeline.report").joinpath("data", "metadata_placeholders.txt").read_text("utf-8")
    return frozenset(_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _key(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", not_names.key(value)).split())


def is_placeholder(value: str) -> bool:
    """A value a program or computer writes itself, no person ('Microsoft Office-gebruiker', 'HP Inc.')."""
    key = _key(value)
    return not key or key in placeholders() or key.rstrip("0123456789 ") in placeholders()


def user_folders(value: str) -> list[tuple[int, int, str]]:
    """(start, end, user name) of each user folder in the paths in ``value`` ('Public' and placeholders left out)."""
    out = []
    for m in _USER_FOLDER.finditer(value):
        user = m.group("user").strip()
        if user.casefold() in ("public", "default", "all users", "openbaar") or is_placeholder(user):
            continue
        out.append((m.start("user"), m.start("user") + len(user), user))
    return out


@cache
def _deduce_names() -> frozenset[str]:
    """deduce's own lists of first names and surnames (read, never copied; empty when deduce is not installed)."""
    try:
        folder = resources.files("deduce").joinpath("data", "lookup", "src", "names")
        out: set[str] = set()
        for kind in ("lst_first_name", "lst_surname"):
            text = folder.joinpath(kind, "items.txt").read_text(encoding="utf-8")
            out.update(not_names.key(line) for line in text.splitlines() if line.strip())
        return frozenset(out)
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()


def looks_like_person(value: str) -> bool:
    """Written like a person's name: two to five words, capitalised or initials, with particles, one of them a
    first name or surname deduce knows ('Jana Peeters', 'Peeters Jana', 'J. Van den Broeck'; not 'Stage Verslag')."""
    tokens = names.strip_titles(value.strip())[1].replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    capitalised = [t for t in tokens if t[:1].isupper() and not t.endswith(".")]
    known = _deduce_names()
    return bool(capitalised) and any(not_names.key(t) in known for t in capitalised)
