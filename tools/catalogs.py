"""Keep the message catalogs (pipeline/locale/{nl,en}/LC_MESSAGES/stagepipe.po) in step with the code.

    python tools/catalogs.py extract   # print the message ids pybabel finds, with where they are used
    python tools/catalogs.py update    # add new ids (empty, to translate), drop unused ones, mark brace formats
    python tools/catalogs.py compile   # .po → .mo (what `make` does at build time)
    python tools/catalogs.py check     # exit 1 when an id lacks a translation or placeholders differ

The ids are found exactly as `pybabel extract -F babel.cfg -k msg` finds them (babel's own extractor, with the
method map of babel.cfg): `msg("id", ...)` in Python and `_("id", ...)` in the Jinja templates.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "pipeline" / "locale"
LANGS = ("nl", "en")
KEYWORDS = {**DEFAULT_KEYWORDS, "msg": None}  # as `pybabel extract -k msg`: its defaults (_, N_, ...) and msg
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _method_map() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        return parse_mapping_cfg(fh)


def extracted() -> dict[str, list[tuple[str, int]]]:
    """Message id → places it is used (file, line), as pybabel extract sees them."""
    method_map, options_map = _method_map()
    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        if isinstance(message, tuple):  # a plural call: both ids count
            for one in message:
                if one:
                    found.setdefault(one, []).append((filename, lineno))
        elif message:
            found.setdefault(message, []).append((filename, lineno))
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "stagepipe.po"


def load(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def save(catalog: Catalog, lang: str) -> None:
    with po_path(lang).open("wb") as fh:
        write_po(fh, catalog, width=120, sort_output=True, include_lineno=False, omit_header=False)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems() -> Iterator[str]:
    """What makes the catalogs incomplete or inconsistent with the code and with each other."""
    ids = set(extracted())
    catalogs = {lang: load(lang) for lang in LANGS}
    for lang, catalog in catalogs.items():
        have = {m.id for m in catalog if m.id}
        for missing in sorted(ids - have):
            yield f"{lang}: no entry for {missing!r}"
        for unused in sorted(have - ids - {"verbatim"}):
            yield f"{lang}: {unused!r} is in the catalog but no code uses it"
        for message in catalog:
            if message.id and not message.string:
                yield f"{lang}: {message.id!r} has no translation"
    nl, en = catalogs["nl"], catalogs["en"]
    for message in nl:
        other = en.get(message.id) if message.id else None
        if other is not None and message.string and other.string:
            if placeholders(str(message.string)) != placeholders(str(other.string)):
                yield (f"{message.id!r}: placeholders differ: nl {sorted(placeholders(str(message.string)))}, "
                       f"en {sorted(placeholders(str(other.string)))}")


def update() -> None:
    uses = extracted()
    english = {m.id: str(m.string) for m in load("en") if m.id}
    for lang in LANGS:
        catalog = load(lang)
        have = {m.id for m in catalog if m.id}
        for new in sorted(set(uses) - have):
            catalog.add(new, "")
        for unused in sorted(have - set(uses) - {"verbatim"}):
            del catalog[unused]
        for message in catalog:
            if not message.id:
                continue
            message.locations = [(str(Path(f)), 0) for f, _ in uses.get(str(message.id), [])][:3]
            flags = {f for f in message.flags if f != "python-brace-format"}
            if placeholders(str(message.string)):
                flags.add("python-brace-format")
            message.flags = flags
            # the English text beside each id, for translators of the other languages (Poedit shows it)
            message.auto_comments = [f"en: {english[message.id]}"] if lang != "en" and english.get(message.id) else []
        save(catalog, lang)


def compile_all() -> None:
    for lang in LANGS:
        with po_path(lang).open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        with po_path(lang).with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("extract", "update", "compile", "check"))
    action = parser.parse_args().action
    if action == "extract":
        for message_id, places in sorted(extracted().items()):
            print(message_id, " ".join(f"{f}:{n}" for f, n in places))
    elif action == "update":
        update()
    elif action == "compile":
        compile_all()
    else:
        found = list(problems())
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
