"""The render context, built in one place: case + program + institution + derived values in the document language.

Templates see five names: ``case`` (the effective case), ``program``, ``institution``, ``letter`` (the program's
mentor letter in the document language) and ``d`` (derived values: formatted dates, working days, weeks, hours,
signatories, clauses, continuing-education points, ...). ``CONTEXT_SCHEMA`` describes exactly that, so
``stagepipe templates lint`` can refuse a template that uses a field nobody provides.

Every mapping and list is wrapped with its path (``case.mentors[0]``), so a missing value is reported with the
full field name instead of Jinja's "'dict object' has no attribute ...".
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pipeline.dates import parse_date, working_days_between
from pipeline.load.project import Case
from pipeline.messages import Message, msg
from pipeline.paths import SCHEMAS_DIR
from pipeline.render import labels as L

NAMES = ("lang", "case", "program", "institution", "letter", "d")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MISSING = msg("render.reason.missing")
NOT_TRANSLATED = msg("render.reason.not-translated")


class ContextError(Exception):
    """The case cannot be rendered in this language: a value the documents need is missing."""

    def __init__(self, field: str, reason: Message):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class Record:
    """A read-only mapping that knows where it sits in the context (for error messages).

    Not a dict on purpose: Jinja looks up ``x.items`` as an attribute first, and a dict's ``items``/``keys``/
    ``values`` methods would shadow data fields of those names.
    """

    __slots__ = ("_data", "_path")

    def __init__(self, data: dict[str, Any], path: str):
        self._data = data
        self._path = path

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Record({self._path}: {self._data!r})"


class RecordList(list[Any]):
    __slots__ = ("_path",)

    def __init__(self, data: list[Any], path: str):
        super().__init__(data)
        self._path = path


class NullValue:
    """An absent optional value (None or blank text): false in ``{% if %}``, an error when printed."""

    __slots__ = ("_path",)

    def __init__(self, path: str):
        self._path = path

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, NullValue)

    def __hash__(self) -> int:
        return hash(None)

    def __repr__(self) -> str:
        return f"NullValue({self._path})"


def clean_text(value: str) -> str:
    """Line breaks normalised to \\n; other control characters (invalid in XML, or page breaks in docxtpl) dropped."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")


def wrap(value: Any, path: str) -> Any:
    if isinstance(value, dict):
        return Record({k: wrap(v, f"{path}.{k}") for k, v in value.items()}, path)
    if isinstance(value, list):
        return RecordList([wrap(v, f"{path}[{i}]") for i, v in enumerate(value)], path)
    if isinstance(value, str):
        value = clean_text(value)
        return value if value.strip() else NullValue(path)
    if value is None:
        return NullValue(path)
    return value


# --------------------------------------------------------------------------------------------- helpers


def person_name(person: dict[str, Any]) -> str:
    title = person.get("title")
    return f"{title} {person['name']}" if title else str(person["name"])


def address_line(address: dict[str, Any], lang: str) -> str:
    line = f"{address['street']}, {address['postal_code']} {address['city']}"
    country = address.get("country", "BE")
    if country != "BE":
        line += ", " + L.COUNTRIES[lang].get(country, country)
    return line


def _person(person: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": person_name(person),
        "function": person.get("function"),
        "email": person.get("email"),
        "phone": person.get("phone"),
    }


def _lang_names(codes: list[str], lang: str) -> str:
    return L.join_words([L.LANGUAGES[lang].get(c, c) for c in codes], lang)


def _require(value: Any, field: str, reason: Message = MISSING) -> Any:
    if value is None or value == "" or value == []:
        raise ContextError(field, reason)
    return value


def _working_days_rule(program: dict[str, Any]) -> bool:
    """Whether the program counts public holidays as placement days (its working-days rule says so)."""
    for rule in program.get("rules", []) or []:
        if isinstance(rule, dict) and rule.get("kind") == "working-days":
            return rule.get("public_holidays") == "count"
    return False


def _period(period: dict[str, Any], program: dict[str, Any], lang: str, field: str) -> dict[str, Any]:
    start = _require(parse_date(period.get("start")), f"{field}.start")
    end = _require(parse_date(period.get("end")), f"{field}.end")
    days_off = [d for d in (parse_date(x) for x in period.get("days_off", []) or []) if d]
    wd = working_days_between(start, end, days_off)
    days = wd.count(count_public_holidays=_working_days_rule(program))
    hours = period.get("hours")  # only what the case states: a computed 509.2 hours has no place in a contract
    return {
        "start": L.long_date(start, lang),
        "end": L.long_date(end, lang),
        "start_short": L.short_date(start),
        "end_short": L.short_date(end),
        "working_days": days,
        "weeks": _whole_weeks(days, lang),
        "hours": L.number(hours, lang) if hours is not None else None,
        "hours_per_week": L.number(period["hours_per_week"], lang) if period.get("hours_per_week") else None,
        "schedule": period.get("schedule"),
        "_weeks": wd.count(count_public_holidays=True) / 5,  # a public holiday does not shorten the stage
    }


def _whole_weeks(days: int, lang: str) -> str | None:
    """Weeks as a whole number when the working days make whole weeks (70 → 14), else None (not '13,4')."""
    return L.number(days // 5, lang) if days % 5 == 0 and days else None


def mentor_letter(program: dict[str, Any], lang: str) -> dict[str, Any]:
    """The program's mentor letter in ``lang``: Dutch as written, other languages from ``translations``.

    A translated letter takes numbers and lists of numbers from the Dutch one but never Dutch text: a string the
    Dutch letter has and the translation lacks is an error, not a silent fallback.
    """
    letter = program.get("mentor_letter")
    if not isinstance(letter, dict):
        raise ContextError("program.mentor_letter", msg("render.reason.no-letter"))
    base = {k: v for k, v in letter.items() if k != "translations"}
    if lang == "nl":
        return base
    translation = (letter.get("translations") or {}).get(lang)
    where = f"program.mentor_letter.translations.{lang}"
    if not isinstance(translation, dict):
        raise ContextError(where, msg("render.reason.no-translation"))

    def merge(nl: Any, tr: Any, path: str) -> Any:
        if isinstance(nl, dict):
            tr = tr if isinstance(tr, dict) else {}
            out = {k: merge(v, tr.get(k), f"{path}.{k}") for k, v in nl.items()}
            out.update({k: v for k, v in tr.items() if k not in nl})
            return out
        if isinstance(nl, str) or (isinstance(nl, list) and any(isinstance(x, str) for x in nl)):
            if tr is None:
                raise ContextError(path, NOT_TRANSLATED)
            return tr
        return nl if tr is None else tr

    merged = merge(base, translation, where)
    for key, value in translation.items():  # keys only the translation has (e.g. approval_flow)
        merged.setdefault(key, value)
    return merged


def _cpd(letter: dict[str, Any], weeks: float, lang: str) -> dict[str, Any] | None:
    cpd = letter.get("cpd_points")
    if not isinstance(cpd, dict) or not cpd.get("per_weeks"):
        return None
    table = sorted((float(k), int(v)) for k, v in cpd["per_weeks"].items())
    points = 0
    for threshold, value in table:
        if weeks + 1e-9 >= threshold:
            points = value
    unit = {"nl": ("punt", "punten", "week", "weken"), "en": ("point", "points", "week", "weeks"),
            "fr": ("point", "points", "semaine", "semaines")}[lang]
    phrase = {"nl": "{p} {pu} voor een stage van {w} {wu}", "en": "{p} {pu} for a placement of {w} {wu}",
              "fr": "{p} {pu} pour un stage de {w} {wu}"}[lang]
    parts = [phrase.format(p=v, pu=unit[0] if v == 1 else unit[1], w=L.number(k, lang),
                           wu=unit[2] if k == 1 else unit[3]) for k, v in table]
    return {
        "points": points,
        "rule": L.join_words(parts, lang),
        "max_per_year": cpd.get("max_per_year"),
        "authority": _require(cpd.get("authority"), "program.mentor_letter.cpd_points.authority"),
    }


def _institution_person(person: dict[str, Any], lang: str) -> dict[str, Any]:
    """A person of the institution: its files are written in Dutch, so other languages get no Dutch function."""
    out = _person(person)
    if lang != "nl":
        out["function"] = None
    return out


def _coordinator(institution: dict[str, Any], letter: dict[str, Any] | None, lang: str) -> dict[str, Any]:
    coordinators = [c for c in institution.get("coordinators", []) or [] if isinstance(c, dict)]
    _require(coordinators, "institution.coordinators")
    signed = " ".join(str(s) for s in (letter or {}).get("signatures", []) or [])
    for person in coordinators:
        if person.get("name") and person["name"] in signed:
            return _institution_person(person, lang)
    return _institution_person(coordinators[0], lang)


def _signatories(case: dict[str, Any], program: dict[str, Any], institution: dict[str, Any],
                 lang: str) -> list[dict[str, Any]]:
    roles = L.SIGNATORY_ROLES[lang]
    out: list[dict[str, Any]] = []
    for role in program.get("signatories", []) or []:
        if role == "institution":
            rep = institution["representative"]
            out.append({"role": role, "party": roles[role], "organisation": institution["name"],
                        "name": person_name(rep), "function": rep.get("function") if lang == "nl" else None})
        elif role == "placement":
            rep = case["placement"]["representative"]
            out.append({"role": role, "party": roles[role], "organisation": case["placement"]["name"],
                        "name": person_name(rep), "function": rep.get("function")})
            second = case.get("second_placement")
            if isinstance(second, dict):
                rep2 = second["placement"]["representative"]
                out.append({"role": "placement2", "party": roles["placement2"],
                            "organisation": second["placement"]["name"], "name": person_name(rep2),
                            "function": rep2.get("function")})
        elif role == "student":
            student = case["student"]
            out.append({"role": role, "party": roles[role], "organisation": None,
                        "name": f"{student['first_name']} {student['last_name']}", "function": student.get("year")})
        elif role == "mentor":
            mentor = case["mentors"][0]
            out.append({"role": role, "party": roles[role], "organisation": case["placement"]["name"],
                        "name": person_name(mentor), "function": mentor.get("function")})
        elif role == "supervisor":
            sup = case["supervisor"]
            out.append({"role": role, "party": roles[role], "organisation": institution["name"],
                        "name": person_name(sup), "function": sup.get("function")})
    return out


def _clauses(case: dict[str, Any], program: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    out = []
    declarations = case.get("declarations") or {}
    for index, clause in enumerate(program.get("clauses", []) or []):
        when = clause.get("when")
        if when and not declarations.get(when):
            continue
        where = f"program.clauses[{index}]"
        out.append({"id": clause["id"],
                    "title": _require(clause.get("title", {}).get(lang), f"{where}.title.{lang}", NOT_TRANSLATED),
                    "text": _require(clause.get("text", {}).get(lang), f"{where}.text.{lang}", NOT_TRANSLATED)})
    return out


def _activities(case: dict[str, Any], program: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    types = [t for t in program.get("activity_types", []) or [] if isinstance(t, dict)]
    groups = []
    for kind in types:
        items = []
        hours = 0.0
        for task in case.get("tasks", []) or []:
            if task.get("activity_type") != kind["id"]:
                continue
            day = parse_date(task.get("date"))
            items.append({"description": task["description"],
                          "date": L.short_date(day) if day else None,
                          "class_group": task.get("class_group"),
                          "hours": L.number(task["hours"], lang) if task.get("hours") is not None else None})
            hours += float(task.get("hours") or 0)
        groups.append({"id": kind["id"], "title": L.ACTIVITY_TYPES[lang].get(kind["id"], kind["title"]),
                       "description": kind.get("description") if lang == "nl" else None,
                       "items": items, "hours": L.number(hours, lang)})
    return groups


def derived_values(case: Case, lang: str, today: dt.date, letter: dict[str, Any] | None,
                   letter_error: ContextError | None = None) -> dict[str, Any]:
    """Every value the templates need that is not a plain field of the case, program or institution.

    ``letter`` is the mentor letter in ``lang`` (None when the program has none in that language; then a value
    that needs it raises ``letter_error``).
    """
    data = case.data
    program = case.program.data if case.program else {}
    institution = case.institution.data if case.institution else {}

    def need_letter() -> dict[str, Any]:
        if letter is None:
            raise letter_error or ContextError("program.mentor_letter", MISSING)
        return letter

    placement = data["placement"]
    period = _period(data["period"], program, lang, "case.period")
    second = data.get("second_placement")
    second_out = None
    total_days = period["working_days"]
    placement_weeks = period["_weeks"]
    if isinstance(second, dict):
        p2 = _period(second["period"], program, lang, "case.second_placement.period")
        total_days += p2["working_days"]
        placement_weeks += p2["_weeks"]
        second_out = {
            "name": second["placement"]["name"],
            "address": address_line(second["placement"]["address"], lang),
            "representative": _person(second["placement"]["representative"]),
            "mentor": _person(second["mentors"][0]),
            "period": {k: v for k, v in p2.items() if not k.startswith("_")},
        }
    agreement = data.get("agreement") or {}
    signed = parse_date(agreement.get("date")) or parse_date(agreement.get("signed_on")) or today
    copies = int(program.get("copies", 1))
    holders = [L.COPY_HOLDERS[lang].get(h, h) for h in program.get("copy_holders", []) or []]
    # what the student receives: the case's own text, or inherited defaults (written in Dutch) in a Dutch pack;
    # otherwise the template's standard sentence (the mentor letter's compensation is what the mentor receives)
    compensation = data.get("compensation") if ("compensation" in case.source.data or lang == "nl") else None
    approval_steps: list[str] = []
    if program.get("approval_flow"):
        approval_steps = program["approval_flow"] if lang == "nl" else need_letter().get("approval_flow") or []
        _require(approval_steps, f"program.mentor_letter.translations.{lang}.approval_flow", NOT_TRANSLATED)
    absence = data.get("absence") or {}
    student = data["student"]
    return {
        "today": L.long_date(today, lang),
        "student_name": f"{student['first_name']} {student['last_name']}",
        "student_address": address_line(student["address"], lang) if student.get("address") else None,
        "institution_name": institution["name"],
        "institution_short": institution.get("short_name") or institution["name"],
        "institution_address": address_line(institution["address"], lang),
        "institution_representative": _institution_person(institution["representative"], lang),
        "placement_name": placement["name"] + (f" {placement['legal_form']}" if placement.get("legal_form") else ""),
        "placement_address": address_line(placement["address"], lang),
        "placement_representative": _person(placement["representative"]),
        "mentor": _person(data["mentors"][0]),
        "mentors": [_person(m) | {"role": m.get("role")} for m in data["mentors"]],
        "supervisor": _person(data["supervisor"]),
        "coordinator": _coordinator(institution, letter, lang),
        "period": {k: v for k, v in period.items() if not k.startswith("_")},
        "second": second_out,
        "working_days": total_days,
        "weeks": _whole_weeks(total_days, lang),
        "program_name": program.get("name"),
        "academic_year": program.get("academic_year") or data.get("cohort"),
        "languages": _lang_names(list(data.get("languages", []) or []), lang) or None,
        "tasks": [{"description": t["description"],
                   "share": f"{L.number(t['share'], lang)} %" if t.get("share") is not None else None,
                   "language": L.LANGUAGES[lang].get(t["language"], t["language"]) if t.get("language") else None,
                   "hours": L.number(t["hours"], lang) if t.get("hours") is not None else None}
                  for t in data.get("tasks", []) or []],
        "signatories": _signatories(data, program, institution, lang),
        "copies": copies,
        "copies_text": L.COPIES[lang].get(copies, str(copies)),
        "copy_holders": L.join_words(holders, lang) or None,
        "digital": bool(program.get("approval_flow")),
        "approval_steps": approval_steps,
        "clauses": _clauses(data, program, lang),
        "compensation": compensation,
        "absence_days": L.number(absence["days_per_week"], lang) if absence.get("days_per_week") else None,
        "place": _require(agreement.get("place"), "case.agreement.place"),
        "date": L.long_date(signed, lang),
        "cpd": _cpd(letter, placement_weeks, lang) if letter else None,
        "activities": _activities(data, program, lang),
    }


def build_context(case: Case, lang: str, *, today: dt.date | None = None, need_letter: bool = True) -> dict[str, Any]:
    """The whole render context for ``case`` in ``lang``.

    Raises ContextError for a value that cannot be made (e.g. a mentor letter without a translation when
    ``need_letter``, i.e. when the pack holds a mentor letter).
    """
    if lang not in L.DOC_LANGS:
        raise ContextError("lang", msg("render.reason.unknown-lang", lang=lang))
    today = today or dt.date.today()
    program = case.program.data if case.program else {}
    letter: dict[str, Any] | None = None
    letter_error: ContextError | None = None
    try:
        letter = mentor_letter(program, lang)
    except ContextError as exc:
        if need_letter:
            raise
        letter_error = exc
    letter_path = "program.mentor_letter" if lang == "nl" else f"program.mentor_letter.translations.{lang}"
    return {
        "lang": lang,
        "case": wrap(case.data, "case"),
        "program": wrap(program, "program"),
        "institution": wrap(case.institution.data if case.institution else {}, "institution"),
        "letter": wrap(letter or {}, letter_path),
        "d": wrap(derived_values(case, lang, today, letter, letter_error), "d"),
    }


# --------------------------------------------------------------------------------------------- the schema

_S = {"type": "string"}
_SN = {"type": ["string", "null"]}
_PERSON: dict[str, Any] = {"type": "object", "additionalProperties": False, "required": ["name", "function", "email", "phone"],
           "properties": {"name": _S, "function": _SN, "email": _SN, "phone": _SN}}
_PERIOD = {"type": "object", "additionalProperties": False,
           "required": ["start", "end", "start_short", "end_short", "working_days", "weeks", "hours",
                        "hours_per_week", "schedule"],
           "properties": {"start": _S, "end": _S, "start_short": _S, "end_short": _S,
                          "working_days": {"type": "integer"}, "weeks": _SN, "hours": _SN, "hours_per_week": _SN,
                          "schedule": _SN}}


def _obj(properties: dict[str, Any], nullable: bool = False) -> dict[str, Any]:
    return {"type": ["object", "null"] if nullable else "object", "additionalProperties": False,
            "required": list(properties), "properties": properties}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


DERIVED_SCHEMA: dict[str, Any] = _obj({
    "today": _S,
    "student_name": _S,
    "student_address": _SN,
    "institution_name": _S,
    "institution_short": _S,
    "institution_address": _S,
    "institution_representative": _PERSON,
    "placement_name": _S,
    "placement_address": _S,
    "placement_representative": _PERSON,
    "mentor": _PERSON,
    "mentors": _list({**_PERSON, "required": [*_PERSON["required"], "role"],
                      "properties": {**_PERSON["properties"], "role": _SN}}),
    "supervisor": _PERSON,
    "coordinator": _PERSON,
    "period": _PERIOD,
    "second": _obj({"name": _S, "address": _S, "representative": _PERSON, "mentor": _PERSON, "period": _PERIOD},
                   nullable=True),
    "working_days": {"type": "integer"},
    "weeks": _SN,
    "program_name": _SN,
    "academic_year": _SN,
    "languages": _SN,
    "tasks": _list(_obj({"description": _S, "share": _SN, "language": _SN, "hours": _SN})),
    "signatories": _list(_obj({"role": _S, "party": _S, "organisation": _SN, "name": _S, "function": _SN})),
    "copies": {"type": "integer"},
    "copies_text": _S,
    "copy_holders": _SN,
    "digital": {"type": "boolean"},
    "approval_steps": _list(_S),
    "clauses": _list(_obj({"id": _S, "title": _S, "text": _S})),
    "compensation": _SN,
    "absence_days": _SN,
    "place": _S,
    "date": _S,
    "cpd": _obj({"points": {"type": "integer"}, "rule": _S, "max_per_year": {"type": ["integer", "null"]},
                 "authority": _S}, nullable=True),
    "activities": _list(_obj({"id": _S, "title": _S, "description": _SN, "hours": _S,
                              "items": _list(_obj({"description": _S, "date": _SN, "class_group": _SN,
                                                   "hours": _SN}))})),
})


def _inline_refs(node: Any, documents: dict[str, Any], current: str) -> Any:
    """The schema with every $ref replaced by what it points to (the template linter does not follow $ref)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target, _, fragment = node["$ref"].partition("#")
            doc_name = target or current
            resolved: Any = documents[doc_name]
            for token in [t for t in fragment.split("/") if t]:
                resolved = resolved[token]
            merged = {**_inline_refs(resolved, documents, doc_name),
                      **{k: v for k, v in node.items() if k != "$ref"}}
            return merged
        return {k: _inline_refs(v, documents, current) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_refs(v, documents, current) for v in node]
    return node


@lru_cache(maxsize=1)
def context_schema() -> dict[str, Any]:
    """JSON Schema of the whole render context (what a template may use)."""
    documents = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS_DIR.glob("*.schema.json")}
    case = _inline_refs(documents["case.schema.json"], documents, "case.schema.json")
    program = _inline_refs(documents["program.schema.json"], documents, "program.schema.json")
    institution = _inline_refs(documents["institution.schema.json"], documents, "institution.schema.json")
    letter = copy.deepcopy(program["properties"]["mentor_letter"])
    letter["properties"]["approval_flow"] = {"type": "array", "items": {"type": "string"}}
    return {
        "type": "object",
        "properties": {
            "lang": {"enum": list(L.DOC_LANGS)},
            "case": case,
            "program": program,
            "institution": institution,
            "letter": letter,
            "d": DERIVED_SCHEMA,
        },
    }
