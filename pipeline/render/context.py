"""The render context, built in one place: case + program + institution + derived values in the document language.

Templates see five names: ``case`` (the effective case), ``program``, ``institution``, ``letter`` (the program's
mentor letter in the document language) and ``d`` (derived values: formatted dates, working days, weeks, hours,
signatories, clauses, continuing-education points, ...). The builder reads the typed records of pipeline.load.models;
``d`` is a typed model too (pipeline.render.derived). ``context_schema()`` describes exactly that — the case,
program and institution schemas, and the schema pydantic makes of ``d`` — so ``stagepipe templates lint`` can
refuse a template that uses a field nobody provides.

Every mapping and list is wrapped with its path (``case.mentors[0]``), so a missing value is reported with the
full field name instead of Jinja's "'dict object' has no attribute ...".
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from pipeline.dates import working_days_between
from pipeline.load.models import (
    Address,
    CaseRecord,
    Institution,
    LetterTranslation,
    Mentor,
    Period,
    Person,
    Program,
    Task,
    Untranslated,
)
from pipeline.load.project import Case
from pipeline.messages import Message, msg
from pipeline.paths import SCHEMAS_DIR
from pipeline.render import labels as L
from pipeline.render.derived import (
    ActivityGroupOut,
    ActivityItemOut,
    ClauseOut,
    CpdOut,
    DerivedValues,
    MentorOut,
    PeriodOut,
    PersonOut,
    SecondPlacementOut,
    SignatoryOut,
    TaskOut,
    derived_schema,
)

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


def person_name(person: Person | Mentor) -> str:
    return f"{person.title} {person.name}" if person.title else person.name


def address_line(address: Address, lang: str) -> str:
    line = f"{address.street}, {address.postal_code} {address.city}"
    if address.country != "BE":
        line += ", " + L.COUNTRIES[lang].get(address.country, address.country)
    return line


def _person(person: Person | Mentor) -> PersonOut:
    return PersonOut(name=person_name(person), function=person.function, email=person.email, phone=person.phone)


def _lang_names(codes: list[str], lang: str) -> str:
    return L.join_words([L.LANGUAGES[lang].get(c, c) for c in codes], lang)


def _require(value: Any, field: str, reason: Message = MISSING) -> Any:
    if value is None or value == "" or value == []:
        raise ContextError(field, reason)
    return value


def _period(period: Period, program: Program, lang: str) -> tuple[PeriodOut, float]:
    """The period in the document's language, and its length in weeks (a public holiday does not shorten it)."""
    wd = working_days_between(period.start, period.end, list(period.days_off))
    days = wd.count(count_public_holidays=program.counts_public_holidays)
    hours = period.hours  # only what the case states: a computed 509.2 hours has no place in a contract
    out = PeriodOut(
        start=L.long_date(period.start, lang),
        end=L.long_date(period.end, lang),
        start_short=L.short_date(period.start),
        end_short=L.short_date(period.end),
        working_days=days,
        weeks=_whole_weeks(days, lang),
        hours=L.number(hours, lang) if hours is not None else None,
        hours_per_week=L.number(period.hours_per_week, lang) if period.hours_per_week else None,
        schedule=period.schedule,
    )
    return out, wd.count(count_public_holidays=True) / 5


def _whole_weeks(days: int, lang: str) -> str | None:
    """Weeks as a whole number when the working days make whole weeks (70 → 14), else None (not '13,4')."""
    return L.number(days // 5, lang) if days % 5 == 0 and days else None


def mentor_letter(program: Program | None, lang: str) -> LetterTranslation:
    """The program's mentor letter in ``lang``: Dutch as written, other languages from ``translations``.

    A translated letter takes numbers and lists of numbers from the Dutch one but never Dutch text: a string the
    Dutch letter has and the translation lacks is an error, not a silent fallback.
    """
    letter = program.mentor_letter if program is not None else None
    if letter is None:
        raise ContextError("program.mentor_letter", msg("render.reason.no-letter"))
    where = f"program.mentor_letter.translations.{lang}"
    if lang != "nl" and lang not in letter.translations:
        raise ContextError(where, msg("render.reason.no-translation"))
    try:
        return letter.in_language(lang)
    except Untranslated as exc:
        raise ContextError(exc.field, NOT_TRANSLATED) from exc


def _cpd(letter: LetterTranslation, weeks: float, lang: str) -> CpdOut | None:
    cpd = letter.cpd_points
    if cpd is None or not cpd.per_weeks:
        return None
    table = sorted((float(k), int(v)) for k, v in cpd.per_weeks.items())
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
    return CpdOut(
        points=points,
        rule=L.join_words(parts, lang),
        max_per_year=cpd.max_per_year,
        authority=_require(cpd.authority, "program.mentor_letter.cpd_points.authority"),
    )


def _institution_person(person: Person, lang: str) -> PersonOut:
    """A person of the institution: its files are written in Dutch, so other languages get no Dutch function."""
    out = _person(person)
    return out if lang == "nl" else out.model_copy(update={"function": None})


def _coordinator(institution: Institution, letter: LetterTranslation | None, lang: str) -> PersonOut:
    coordinators = list(institution.coordinators)
    _require(coordinators, "institution.coordinators")
    signed = " ".join(letter.signatures or ()) if letter is not None else ""
    for person in coordinators:
        if person.name and person.name in signed:
            return _institution_person(person, lang)
    return _institution_person(coordinators[0], lang)


def _signatories(case: CaseRecord, program: Program, institution: Institution, lang: str) -> list[SignatoryOut]:
    roles = L.SIGNATORY_ROLES[lang]
    out: list[SignatoryOut] = []
    for role in program.signatories:
        if role == "institution":
            rep = institution.representative
            out.append(SignatoryOut(role=role, party=roles[role], organisation=institution.name,
                                    name=person_name(rep), function=rep.function if lang == "nl" else None))
        elif role == "placement":
            rep = case.placement.representative
            out.append(SignatoryOut(role=role, party=roles[role], organisation=case.placement.name,
                                    name=person_name(rep), function=rep.function))
            second = case.second_placement
            if second is not None:
                rep2 = second.placement.representative
                out.append(SignatoryOut(role="placement2", party=roles["placement2"],
                                        organisation=second.placement.name, name=person_name(rep2),
                                        function=rep2.function))
        elif role == "student":
            out.append(SignatoryOut(role=role, party=roles[role], organisation=None, name=case.student.full_name,
                                    function=case.student.year))
        elif role == "mentor":
            mentor = case.mentors[0]
            out.append(SignatoryOut(role=role, party=roles[role], organisation=case.placement.name,
                                    name=person_name(mentor), function=mentor.function))
        elif role == "supervisor":
            sup = case.supervisor
            out.append(SignatoryOut(role=role, party=roles[role], organisation=institution.name,
                                    name=person_name(sup), function=sup.function))
    return out


def _clauses(case: CaseRecord, program: Program, lang: str) -> list[ClauseOut]:
    out = []
    for index, clause in enumerate(program.clauses):
        if clause.when and not case.declarations.confirmed(clause.when):
            continue
        where = f"program.clauses[{index}]"
        out.append(ClauseOut(id=clause.id,
                             title=_require(clause.title.get(lang), f"{where}.title.{lang}", NOT_TRANSLATED),
                             text=_require(clause.text.get(lang), f"{where}.text.{lang}", NOT_TRANSLATED)))
    return out


def _activities(case: CaseRecord, program: Program, lang: str) -> list[ActivityGroupOut]:
    groups = []
    for kind in program.activity_types:
        items = []
        hours = 0.0
        for task in case.tasks:
            if task.activity_type != kind.id:
                continue
            items.append(ActivityItemOut(description=task.description,
                                         date=L.short_date(task.date) if task.date else None,
                                         class_group=task.class_group,
                                         hours=L.number(task.hours, lang) if task.hours is not None else None))
            hours += float(task.hours or 0)
        groups.append(ActivityGroupOut(id=kind.id, title=L.ACTIVITY_TYPES[lang].get(kind.id, kind.title),
                                       description=kind.description if lang == "nl" else None,
                                       items=items, hours=L.number(hours, lang)))
    return groups


def _task(task: Task, lang: str) -> TaskOut:
    return TaskOut(description=task.description,
                   share=f"{L.number(task.share, lang)} %" if task.share is not None else None,
                   language=L.LANGUAGES[lang].get(task.language, task.language) if task.language else None,
                   hours=L.number(task.hours, lang) if task.hours is not None else None)


def _profiles(case: Case) -> tuple[Program, Institution]:
    """The case's program and institution (a validated case has both)."""
    program, institution = case.program_profile, case.institution_profile
    if program is None:
        raise ContextError("case.program", MISSING)
    if institution is None:
        raise ContextError("case.institution", MISSING)
    return program, institution


def derived_values(case: Case, lang: str, today: dt.date, letter: LetterTranslation | None,
                   letter_error: ContextError | None = None) -> DerivedValues:
    """Every value the templates need that is not a plain field of the case, program or institution.

    ``letter`` is the mentor letter in ``lang`` (None when the program has none in that language; then a value
    that needs it raises ``letter_error``).
    """
    record = case.record
    program, institution = _profiles(case)

    def need_letter() -> LetterTranslation:
        if letter is None:
            raise letter_error or ContextError("program.mentor_letter", MISSING)
        return letter

    placement = record.placement
    period, placement_weeks = _period(record.period, program, lang)
    second = record.second_placement
    second_out = None
    total_days = period.working_days
    if second is not None:
        p2, weeks2 = _period(second.period, program, lang)
        total_days += p2.working_days
        placement_weeks += weeks2
        second_out = SecondPlacementOut(
            name=second.placement.name,
            address=address_line(second.placement.address, lang),
            representative=_person(second.placement.representative),
            mentor=_person(second.mentors[0]),
            period=p2,
        )
    agreement = record.agreement
    signed = agreement.date or agreement.signed_on or today
    copies = program.copies
    holders = [L.COPY_HOLDERS[lang].get(h, h) for h in program.copy_holders]
    # what the student receives: the case's own text, or inherited defaults (written in Dutch) in a Dutch pack;
    # otherwise the template's standard sentence (the mentor letter's compensation is what the mentor receives)
    compensation = record.compensation if (case.states("compensation") or lang == "nl") else None
    approval_steps: list[str] = []
    if program.approval_flow:
        approval_steps = list(program.approval_flow if lang == "nl" else need_letter().approval_flow or ())
        _require(approval_steps, f"program.mentor_letter.translations.{lang}.approval_flow", NOT_TRANSLATED)
    absence = record.absence
    student = record.student
    return DerivedValues(
        today=L.long_date(today, lang),
        student_name=student.full_name,
        student_address=address_line(student.address, lang) if student.address else None,
        institution_name=institution.name,
        institution_short=institution.short_name or institution.name,
        institution_address=address_line(institution.address, lang),
        institution_representative=_institution_person(institution.representative, lang),
        placement_name=placement.name + (f" {placement.legal_form}" if placement.legal_form else ""),
        placement_address=address_line(placement.address, lang),
        placement_representative=_person(placement.representative),
        mentor=_person(record.mentors[0]),
        mentors=[MentorOut(**_person(m).model_dump(), role=m.role) for m in record.mentors],
        supervisor=_person(record.supervisor),
        coordinator=_coordinator(institution, letter, lang),
        period=period,
        second=second_out,
        working_days=total_days,
        weeks=_whole_weeks(total_days, lang),
        program_name=program.name,
        academic_year=program.academic_year or record.cohort,
        languages=_lang_names(list(record.languages), lang) or None,
        tasks=[_task(task, lang) for task in record.tasks],
        signatories=_signatories(record, program, institution, lang),
        copies=copies,
        copies_text=L.COPIES[lang].get(copies, str(copies)),
        copy_holders=L.join_words(holders, lang) or None,
        digital=bool(program.approval_flow),
        approval_steps=approval_steps,
        clauses=_clauses(record, program, lang),
        compensation=compensation,
        absence_days=L.number(absence.days_per_week, lang) if absence.days_per_week else None,
        place=_require(agreement.place, "case.agreement.place"),
        date=L.long_date(signed, lang),
        cpd=_cpd(letter, placement_weeks, lang) if letter else None,
        activities=_activities(record, program, lang),
    )


def build_context(case: Case, lang: str, *, today: dt.date | None = None, need_letter: bool = True) -> dict[str, Any]:
    """The whole render context for ``case`` in ``lang``.

    Raises ContextError for a value that cannot be made (e.g. a mentor letter without a translation when
    ``need_letter``, i.e. when the pack holds a mentor letter).
    """
    if lang not in L.DOC_LANGS:
        raise ContextError("lang", msg("render.reason.unknown-lang", lang=lang))
    today = today or dt.date.today()
    letter: LetterTranslation | None = None
    letter_error: ContextError | None = None
    try:
        letter = mentor_letter(case.program_profile, lang)
    except ContextError as exc:
        if need_letter:
            raise
        letter_error = exc
    letter_path = "program.mentor_letter" if lang == "nl" else f"program.mentor_letter.translations.{lang}"
    derived = derived_values(case, lang, today, letter, letter_error)
    program_data = case.program.data if case.program else {}
    institution_data = case.institution.data if case.institution else {}
    # the templates see the validated case, program and institution as their schemas describe them; the program's
    # and institution's parts are the same for every case of a cohort, so they are wrapped once
    return {
        "lang": lang,
        "case": wrap(case.data, "case"),
        "program": _shared(program_data, "program", lambda: wrap(program_data, "program")),
        "institution": _shared(institution_data, "institution", lambda: wrap(institution_data, "institution")),
        "letter": _shared(program_data, letter_path, lambda: wrap(
            letter.model_dump(mode="json", exclude_unset=True) if letter else {}, letter_path)),
        "d": wrap(derived.model_dump(mode="json"), "d"),
    }


_SHARED: dict[tuple[int, str], tuple[object, Any]] = {}


def _shared(owner: object, key: str, make: Callable[[], Any]) -> Any:
    """``make()`` once per ``owner`` (a program's or institution's data, read-only once loaded) and ``key``."""
    slot = (id(owner), key)
    hit = _SHARED[slot] if slot in _SHARED else None
    if hit is None or hit[0] is not owner:  # the owner is kept alive with its value, so its id is not reused
        if len(_SHARED) >= 256:
            _SHARED.clear()
        hit = _SHARED[slot] = (owner, make())
    return hit[1]


# --------------------------------------------------------------------------------------------- the schema


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
            "d": derived_schema(),
        },
    }
