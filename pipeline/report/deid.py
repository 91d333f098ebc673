"""The one place that talks to deduce: a trimmed model built once per process, its annotations as plain spans.

deduce's default model unpickles 83 MB of lookup tries on every start (about 6 s; 60 s to build on first use, in
site-packages). Two of them, Dutch (Netherlands) street names and healthcare institutions, are 57 MB of it and
find nothing a Flemish report needs: our own street pattern and the case file do better. We build the other lookups
(about 1 s), keep them in ``cache_dir()/deduce/`` as deduce's own cache file, and start in about 0.2 s after that.
Everything deduce needs ships in its wheel: nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.paths import cache_dir

TOOL = "deduce"
# lookups we never build, and the annotators (deduce's base_config names) that would need them or that find
# things a report may well contain (dates, ages, Dutch citizen service numbers, patient ids)
DROPPED_LOOKUPS = ("street", "healthcare_institution")
DROPPED_ANNOTATORS = ("street_lookup", "institution", "date_dmy_1", "date_dmy_2", "date_ymd_1", "date_ymd_2", "age",
                      "bsn", "identifier")
# deduce tag -> our kind; "location" is a street with its number, a postal code or a place name
TAGS = {"persoon": "person", "patient": "person", "locatie": "location", "ziekenhuis": "organisation",
        "zorginstelling": "organisation", "telefoonnummer": "phone", "emailadres": "email", "url": "url"}
_PATIENT_TAGS = ("voornaam_patient", "achternaam_patient", "initiaal_patient")

_lock = threading.Lock()
_model: Any = None
_init_seconds: float | None = None
_error: str | None = None


class DeidUnavailable(RuntimeError):
    """deduce cannot be imported or initialised (the check then runs on the case file's names and patterns)."""


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    text: str
    kind: str  # person | location | organisation | phone | email | url
    tag: str  # deduce's own tag
    person: str | None = None  # the known person a metadata match belongs to


@dataclass(frozen=True)
class PersonHint:
    """A known person passed to deduce as metadata (it then also finds misspellings: 'Peters' for 'Peeters')."""

    key: str
    first_names: tuple[str, ...]
    surname: str


def _import_deduce() -> Any:
    # deduce 3.0.6 runs logging.basicConfig(stream=sys.stdout, level=DEBUG) when imported, which would print into
    # `stagepipe check --format json`; basicConfig does nothing while the root logger has a handler
    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)
    try:
        import deduce
    finally:
        root.removeHandler(guard)
    return deduce


def _config(deduce: Any) -> dict[str, Any]:
    base = Path(deduce.__file__).parent / "base_config.json"
    config: dict[str, Any] = json.loads(base.read_text(encoding="utf-8"))
    for name in DROPPED_ANNOTATORS:
        config["annotators"].pop(name, None)
    return config


def _cache_key(deduce: Any) -> str:
    payload = json.dumps([deduce.__version__, DROPPED_LOOKUPS, DROPPED_ANNOTATORS]).encode()
    return f"{deduce.__version__}-{hashlib.sha256(payload).hexdigest()[:10]}"


def cache_file() -> Path | None:
    """Where the lookup cache of the installed deduce is (or will be); None when deduce is not installed."""
    import importlib.metadata

    try:
        version = importlib.metadata.version("deduce")
    except importlib.metadata.PackageNotFoundError:
        return None

    class _Version:  # _cache_key reads only the version; importing deduce itself takes a second
        __version__ = version

    return cache_dir() / "deduce" / _cache_key(_Version) / "cache" / "lookup_structs.pickle"


def _build_lookups(deduce: Any) -> Any:
    """deduce's lookup structures without the dropped ones (its get_lookup_structs, minus 57 MB of tries)."""
    from deduce import lookup_structs as ls
    from deduce.data.lookup.src import all_lists

    path = Path(deduce.__file__).parent / "data" / "lookup"
    tokenizer = deduce.Deduce._initialize_tokenizer(path)
    wanted = [lst for lst in all_lists if lst.split("/")[-1].removeprefix("lst_") not in DROPPED_LOOKUPS]
    raw = ls.load_raw_itemsets(base_path=path, subdirs=wanted)
    structs = ls.DsCollection()
    loaders = {**ls._LOOKUP_SET_LOADERS, **ls._LOOKUP_TRIE_LOADERS}
    for name, items in raw.items():
        if name not in loaders:
            lookup = ls.dd.ds.LookupSet()
            lookup.add_items_from_iterable(items)
            structs[name] = lookup
    for name, loader in ls._LOOKUP_SET_LOADERS.items():
        structs[name] = loader(raw)
    for name, loader in ls._LOOKUP_TRIE_LOADERS.items():
        if name not in DROPPED_LOOKUPS:
            structs[name] = loader(raw, tokenizer)
    return structs


def _write_cache(folder: Path, deduce: Any) -> None:
    """deduce's cache file format ({version, saved time, structures}), written atomically."""
    target = folder / "cache" / "lookup_structs.pickle"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"deduce_version": deduce.__version__, "saved_datetime": str(datetime.now()),
            "lookup_structs": _build_lookups(deduce)}
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".lookup-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # a second process reads either nothing or the whole file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create(deduce: Any) -> Any:
    folder = cache_dir() / "deduce" / _cache_key(deduce)
    config = _config(deduce)
    scratch: Path | None = None
    if not (folder / "cache" / "lookup_structs.pickle").is_file():
        try:
            _write_cache(folder, deduce)
        except OSError:  # read-only home: build into a temporary folder for this process only
            scratch = folder = Path(tempfile.mkdtemp(prefix="stagepipe-deduce-"))
            _write_cache(folder, deduce)
    try:
        return deduce.Deduce(load_base_config=False, config=config, lookup_data_path=Path(deduce.__file__).parent /
                             "data" / "lookup", cache_path=folder)
    except (pickle.UnpicklingError, EOFError, KeyError, AttributeError):
        # a damaged or foreign cache file: rebuild it once
        shutil.rmtree(folder / "cache", ignore_errors=True)
        _write_cache(folder, deduce)
        return deduce.Deduce(load_base_config=False, config=config, cache_path=folder)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def model() -> Any:
    """The process's deduce model, built on first use; raises DeidUnavailable when deduce cannot run."""
    global _model, _init_seconds, _error
    with _lock:
        if _model is not None:
            return _model
        if _error is not None:
            raise DeidUnavailable(_error)
        start = time.perf_counter()
        try:
            _model = _create(_import_deduce())
        except Exception as exc:  # any failure inside a third-party package: run without it, and say so
            _error = f"{type(exc).__name__}: {exc}"
            raise DeidUnavailable(_error) from exc
        _init_seconds = time.perf_counter() - start
        return _model


def init_seconds() -> float | None:
    """How long building the model took in this process (None before or without it)."""
    return _init_seconds


def _merge_patient(raw: Sequence[Any], text: str, key: str) -> list[Annotation]:
    """Join a person's adjacent first name/initial/surname matches ('Jana' + 'Peters') into one span."""
    spans = sorted((a.start_char, a.end_char) for a in raw if a.tag in _PATIENT_TAGS)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip(" .-"):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    for start, end in merged:
        if sum(c.isalpha() for c in text[start:end]) <= 2:  # a lone initial: far too many false alarms
            continue
        out.append(Annotation(start, end, text[start:end], "person", "patient", key))
    return out


def annotate(text: str, people: Sequence[PersonHint] = ()) -> list[Annotation]:
    """deduce's annotations of ``text`` (names, places, streets, institutions, phone, e-mail, URL), plus matches of
    ``people`` (deduce's fuzzy metadata matching, one pass per person)."""
    deid = model()
    out = []
    for a in deid.deidentify(text).annotations:
        kind = TAGS.get(a.tag)
        if kind is not None:
            out.append(Annotation(a.start_char, a.end_char, a.text, kind, a.tag))
    if people:
        from deduce.person import Person
        from docdeid.document import Document

        annotator = deid.processors["names"]["patient_name"]
        for hint in people:
            if not hint.surname and not hint.first_names:
                continue
            person = Person(first_names=list(hint.first_names) or None, surname=hint.surname or None)
            doc = Document(text, tokenizers=deid.tokenizers, metadata={"patient": person})
            out.extend(_merge_patient(annotator.annotate(doc), text, hint.key))
    return sorted(out, key=lambda a: (a.start, -a.end))
