"""User-facing messages: code says *which* message with which values; the formatter translates it.

The texts live in gettext catalogs, ``pipeline/locale/<lang>/LC_MESSAGES/stagepipe.po`` (Dutch and English), the
format that translators' tools (Poedit, Weblate) read. A message id names the message (``sections.missing``), never
its words, so no sentence lives in a ``.py`` file. ``msg`` marks an id for ``pybabel extract`` (see babel.cfg) and
packs its values; ``translate`` looks the id up in the catalog of a language and fills in the values with
``str.format`` (``{name}`` placeholders, flagged ``python-brace-format`` in the catalogs). A value that is itself a
Message is translated first, so a sentence can be built from translated parts.

Catalogs are compiled to ``.mo`` files at build time (``make``, and the wheel's build step); when a ``.mo`` file is
missing or older than its ``.po`` file, the ``.po`` file is compiled in memory instead, so a checkout always speaks
the catalogs as they are.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
DOMAIN = "stagepipe"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
VERBATIM = "verbatim"  # the id of a text that is data, not a message of ours (a LanguageTool message, a profile's words)


class UnknownMessage(KeyError):
    """A message id that the catalog of a language does not have (a bug: the catalog tests catch it first)."""


@dataclass(frozen=True)
class Message:
    """A message id with its values; translated only when shown (``translate``)."""

    id: str
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.args)

    def __str__(self) -> str:
        return translate(self, DEFAULT_LANG)

    def with_values(self, **values: Any) -> Message:
        """The same message with more values (for tables of messages whose values come later)."""
        return Message(self.id, (*self.args, *values.items()))

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """``{"id", "args"}`` for JSON: values that are messages become their text in ``lang`` (JSON is data)."""
        return {"id": self.id, "args": {k: _plain(v, lang) for k, v in self.args}}


def msg(message_id: str, /, **values: Any) -> Message:
    """The message ``message_id`` with ``values`` (pybabel extracts the first argument of every ``msg`` call)."""
    return Message(message_id, tuple(values.items()))


@dataclass(frozen=True)
class Joined:
    """Parts shown one after the other with ``separator`` between them (each part translated on its own)."""

    parts: tuple[Any, ...]
    separator: str = ", "

    def __str__(self) -> str:
        return translate(self, DEFAULT_LANG)


def joined(parts: Iterable[Any], separator: str = ", ") -> Joined:
    return Joined(tuple(parts), separator)


def verbatim(text: str) -> Message:
    """A text that is shown as it is in every language: words from a profile, a message of LanguageTool."""
    return Message(VERBATIM, (("text", text),))


Text = Message | Joined | str  # what can be shown: a message, parts joined, or data as it is


def translate(message: Text, lang: str = DEFAULT_LANG) -> str:
    """``message`` in ``lang`` (a plain string is data and stays as it is); raises UnknownMessage for an unknown id."""
    if isinstance(message, str):
        return message
    if isinstance(message, Joined):
        return str(_value(message, lang))
    template = catalog(lang).gettext(message.id)
    if template == message.id:  # gettext's answer for an id it does not have; no text of ours equals its id
        raise UnknownMessage(f"{message.id!r} is not in the {lang!r} catalog")
    if not message.args:
        return template
    return template.format(**{k: _value(v, lang) for k, v in message.args})


def translator(lang: str) -> Translator:
    return Translator(lang)


@dataclass(frozen=True)
class Translator:
    """``translate`` bound to one language, for formatters and templates."""

    lang: str

    def __call__(self, message: Text | None) -> str:
        return "" if message is None else translate(message, self.lang)

    def id(self, message_id: str, /, **values: Any) -> str:
        return translate(Message(message_id, tuple(values.items())), self.lang)


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return translate(value, lang)
    if isinstance(value, Joined):
        return value.separator.join(str(_value(part, lang)) for part in value.parts)
    return value


def _plain(value: Any, lang: str) -> Any:
    if isinstance(value, (Message, Joined)):
        return _value(value, lang)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v, lang) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v, lang) for k, v in value.items()}
    return str(value)


# --- catalogs ---------------------------------------------------------------------------------------------------

def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


@functools.cache
def catalog(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``lang`` (Dutch for a language we have no catalog of)."""
    if lang not in LANGS:
        lang = DEFAULT_LANG
    po, mo = po_path(lang), mo_path(lang)
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    return gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file (babel's compiler, as ``pybabel compile`` uses it)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        parsed = read_po(fh)
    out = io.BytesIO()
    write_mo(out, parsed)
    return out.getvalue()


def t(message_key: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """Transitional: ``translate(msg(key, **values), lang)``."""
    return translate(msg(message_key, **values), lang)
