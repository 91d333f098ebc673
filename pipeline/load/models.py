"""Typed, read-only views of institutions, program profiles and cases, built once a file passed its schema.

The JSON Schemas in ``schemas/`` decide what is valid and say where a problem sits (file:line:column); these
models are what the rest of the code reads after that: frozen pydantic models with one field per schema property
(``tests/unit/test_load_models.py`` keeps the two in step). Where a schema leaves a mapping open (``defaults``, a
clause's text per language) the field is a ``Mapping``; where it forbids unknown keys the model does too.

Lists become tuples and absent lists empty tuples; absent values are None. Numbers keep what the file wrote
(``40`` stays an int, ``40.5`` a float), dates become ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

Number: TypeAlias = int | float  # JSON Schema "number": an int stays an int, so it prints as the file wrote it
Language: TypeAlias = Literal["nl", "en", "fr"]
SeverityName: TypeAlias = Literal["error", "warning", "info"]
Signatory: TypeAlias = Literal["institution", "placement", "student", "mentor", "supervisor"]
DocumentName: TypeAlias = Literal["stageovereenkomst", "infofiche", "mentorbrief", "stageplanning"]
DeclarationName: TypeAlias = Literal["no_family_member", "nda", "copyright_waiver", "thesis_at_placement"]
ReportPart: TypeAlias = Literal["body", "toc", "title-page", "appendix", "headers-footers", "tables", "footnotes",
                                "endnotes"]
AnonymityScope: TypeAlias = Literal["placement", "mentors", "representative", "people", "clients", "addresses",
                                    "phone", "email", "url", "organisations", "identifiers", "metadata"]
LayoutItem: TypeAlias = Literal["title-page", "toc", "page-numbers", "header-footer", "heading-consistency"]


class Model(BaseModel):
    """A frozen record of validated data: unknown keys are refused, nothing can be changed after parsing."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --------------------------------------------------------------------------------------------- common.schema.json


class Address(Model):
    street: str
    postal_code: str
    city: str
    country: str = "BE"


class Person(Model):
    name: str
    title: str | None = None
    function: str | None = None
    email: str | None = None
    phone: str | None = None
    department: str | None = None


# --------------------------------------------------------------------------------------------- institution


class Insurance(Model):
    insurer: str | None = None
    policy_number: str | None = None
    accidents: str
    liability: str


class Institution(Model):
    """An institution (inputs/institutions/<id>.yaml)."""

    kind: Literal["institution"] | None = None
    id: str
    name: str
    short_name: str | None = None
    legal_form: str | None = None
    enterprise_number: str | None = None
    address: Address
    website: str | None = None
    representative: Person
    coordinators: tuple[Person, ...]
    insurance: Insurance
    logo: str | None = None
    allow_list: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = {}  # merged into each case by the loader (same shape as a case)
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------- program


class ProgramPeriod(Model):
    start: dt.date | None = None
    end: dt.date | None = None
    working_days: int | None = None
    weeks: Number | None = None
    hours: Number | None = None
    description: str | None = None


class Deadline(Model):
    id: str
    date: dt.date | None = None
    relative: str | None = None
    description: str
    consequence: str | None = None


class Clause(Model):
    id: str
    when: DeclarationName | None = None
    title: Mapping[str, str]  # language -> text
    text: Mapping[str, str]


class RuleEntry(BaseModel):
    """One rule of the profile: a kind and its options. The options of each kind are declared and checked by the
    kind itself (pipeline/validate/rules), so this record keeps them as they are (``options``)."""

    model_config = ConfigDict(frozen=True, extra="allow", defer_build=True)

    kind: str
    id: str | None = None
    severity: SeverityName | None = None
    tracks: tuple[str, ...] | None = None
    stage_types: tuple[str, ...] | None = None
    description: str | None = None

    @property
    def options(self) -> Mapping[str, Any]:
        """The kind's own options (everything but the common ones)."""
        return self.model_extra or {}


class Section(Model):
    id: str
    title: str
    synonyms: tuple[str, ...] = ()
    optional: bool = False
    counts: bool = True


class Range(Model):
    min: Number | None = None
    max: Number | None = None


class LengthRule(Model):
    unit: Literal["words", "characters", "characters_no_spaces"] | None = None
    min: Number | None = None
    max: Number | None = None
    include: tuple[ReportPart, ...] | None = None


class AnonymityRule(Model):
    severity: SeverityName | None = None
    scope: tuple[AnonymityScope, ...] | None = None
    allow: tuple[str, ...] = ()


class CategorySeverity(Model):
    """How severe a language finding of each category is for a program (pipeline.language.categories)."""

    spelling: SeverityName | None = None
    grammar: SeverityName | None = None
    style: SeverityName | None = None
    dt: SeverityName | None = None
    other: SeverityName | None = None


class LanguageCheckRule(Model):
    severity: SeverityName | None = None
    category_severity: CategorySeverity | None = None
    ignore_rules: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


class WeeklyReflection(Model):
    questions: tuple[str, ...] = ()
    due: str | None = None


class SeverityPerCheck(Model):
    sections: SeverityName | None = None
    length: SeverityName | None = None
    anonymity: SeverityName | None = None
    language: SeverityName | None = None
    format: SeverityName | None = None


class ReportRules(Model):
    """The program's ``report:`` block: what `stagepipe check` verifies. Each check group declares the part it
    reads (pipeline/report/checks, ``options=``); a test keeps those declarations and this block in step."""

    language: str | None = None
    languages: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    pages: Range | None = None
    length: LengthRule | None = None
    anonymity: AnonymityRule | None = None
    language_check: LanguageCheckRule | None = None
    layout: tuple[LayoutItem, ...] = ()
    weekly_reflection: WeeklyReflection | None = None
    due: dt.date | None = None
    severity: SeverityPerCheck | None = None

    def category_severity(self, group: str, category: str | None) -> SeverityName | None:
        """How severe a language finding of ``category`` is for this program (``language_check.category_severity``),
        None when the program does not say: then ``severity_for`` applies."""
        if group != "language" or category is None or self.language_check is None:
            return None
        per_category = self.language_check.category_severity
        value: SeverityName | None = getattr(per_category, category, None) if per_category is not None else None
        return value

    def severity_for(self, group: str) -> SeverityName | None:
        """How severe a check group's problems are for this program: ``severity.<group>``, else the group's own
        block (``anonymity.severity``, ``language_check.severity``), else None (each check's own severity)."""
        overrides: dict[str, SeverityName | None] = {}
        if self.severity is not None:
            overrides = {"sections": self.severity.sections, "length": self.severity.length,
                         "anonymity": self.severity.anonymity, "language": self.severity.language,
                         "format": self.severity.format}
        if overrides.get(group):
            return overrides[group]
        if group == "anonymity" and self.anonymity is not None:
            return self.anonymity.severity
        if group == "language" and self.language_check is not None:
            return self.language_check.severity
        return None


class Assessment(Model):
    weights: Mapping[str, Number] = {}
    criteria: tuple[str, ...] = ()
    late_penalty: str | None = None


class Competence(Model):
    id: str
    role: str | None = None
    text: str


class CpdPoints(Model):
    per_weeks: Mapping[str, int] | None = None  # weeks (as written) -> points
    max_per_year: int | None = None
    authority: str | None = None


class LetterContent(Model):
    """The texts of a mentor letter, in one language."""

    goals: tuple[str, ...] | None = None
    intro: str | None = None
    student_expectations: tuple[str, ...] | None = None
    mentor_expectations: tuple[str, ...] | None = None
    report: str | None = None
    insurance: str | None = None
    approvals: str | None = None
    compensation: str | None = None
    cpd_points: CpdPoints | None = None
    signatures: tuple[str, ...] | None = None


class LetterTranslation(LetterContent):
    """A mentor letter in another language; it may also translate the program's approval flow."""

    approval_flow: tuple[str, ...] | None = None


class Untranslated(Exception):
    """A text of the Dutch mentor letter has no translation (``field`` names it)."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


class MentorLetter(LetterContent):
    translations: Mapping[str, LetterTranslation] = {}

    def in_language(self, lang: str) -> LetterTranslation:
        """The letter in ``lang``: Dutch as written; another language from ``translations``, taking numbers from
        the Dutch letter but never its text (raises Untranslated; KeyError when there is no translation at all)."""
        dutch = self.model_dump(exclude={"translations"}, exclude_unset=True)
        if lang == "nl":
            return LetterTranslation.model_validate(dutch)
        translation = self.translations[lang]
        merged = _translated(self, translation, f"program.mentor_letter.translations.{lang}")
        return LetterTranslation.model_validate(merged)


def _translated(dutch: BaseModel, translation: BaseModel | None, path: str) -> dict[str, Any]:
    """The fields of ``dutch`` with their translation: text must be translated, numbers may be (else kept);
    fields only the translation has are added."""
    out: dict[str, Any] = {}
    given = translation.model_fields_set if translation is not None else set()
    for name in type(dutch).model_fields:
        if name not in dutch.model_fields_set or name == "translations":
            continue
        value = getattr(dutch, name)
        other = getattr(translation, name) if name in given else None
        if isinstance(value, BaseModel):
            out[name] = _translated(value, other, f"{path}.{name}")
        elif isinstance(value, str) or (isinstance(value, tuple) and any(isinstance(x, str) for x in value)):
            if other is None:
                raise Untranslated(f"{path}.{name}")
            out[name] = other
        elif isinstance(value, Mapping):  # weeks -> points: numbers, taken over key by key
            out[name] = {**value, **(other or {})}
        else:
            out[name] = value if other is None else other
    for name in type(translation).model_fields if translation is not None else ():
        if name in given and name not in out:
            out[name] = getattr(translation, name)
    return out


class ActivityType(Model):
    id: str
    title: str
    description: str | None = None


class TimelineStep(Model):
    date: dt.date
    what: str


class Program(Model):
    """A program profile (inputs/programs/<id>.yaml)."""

    kind: Literal["program"] | None = None
    id: str
    name: str
    institution: str
    source: str | None = None
    academic_year: str | None = None
    level: str | None = None
    ects: Number | None = None
    languages: tuple[Language, ...] = ()
    tracks: tuple[str, ...] = ()
    stage_types: tuple[str, ...] = ()
    period: ProgramPeriod | None = None
    deadlines: tuple[Deadline, ...] = ()
    signatories: tuple[Signatory, ...]
    copies: int
    copy_holders: tuple[str, ...] = ()
    approval_flow: tuple[str, ...] = ()
    documents: tuple[DocumentName, ...] = ()
    clauses: tuple[Clause, ...] = ()
    placement_conditions: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = {}  # merged into each case by the loader (same shape as a case)
    rules: tuple[RuleEntry, ...]
    report: ReportRules
    assessment: Assessment | None = None
    competences: tuple[Competence, ...] = ()
    mentor_letter: MentorLetter | None = None
    activity_types: tuple[ActivityType, ...] = ()
    roles: Mapping[str, str] = {}
    timeline: tuple[TimelineStep, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def counts_public_holidays(self) -> bool:
        """Whether public holidays count as placement days (the working-days rule's ``public_holidays: count``)."""
        return any(rule.kind == "working-days" and rule.options.get("public_holidays") == "count"
                   for rule in self.rules)


# --------------------------------------------------------------------------------------------- case


class Placement(Model):
    name: str
    legal_form: str | None = None
    enterprise_number: str | None = None
    address: Address
    representative: Person
    department: str | None = None
    sector: str | None = None
    recognised: bool | None = None
    house_style: str | None = None


class Mentor(Model):
    name: str
    title: str | None = None
    function: str | None = None
    role: Literal["stagementor", "vakmentor", "schoolmentor"] | None = None
    email: str
    phone: str | None = None
    order_number: str | None = None


class Period(Model):
    start: dt.date
    end: dt.date
    hours: Number | None = None
    hours_per_week: Number | None = None
    schedule: str | None = None
    days_off: tuple[dt.date, ...] = ()


class Task(Model):
    description: str
    share: Number | None = None
    in_track: bool | None = None
    language: str | None = None
    activity_type: Literal["observatiestage", "participatiestage", "actieve-stage", "klasoverstijgende-activiteit",
                           "groepsstage"] | None = None
    hours: Number | None = None
    date: dt.date | None = None
    class_group: str | None = None


class Student(Model):
    id: str
    first_name: str
    last_name: str
    email: str
    phone: str | None = None
    address: Address | None = None
    birth_date: dt.date | None = None
    year: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Declarations(Model):
    no_family_member: bool | None = None
    nda: bool | None = None
    copyright_waiver: bool | None = None
    thesis_at_placement: bool | None = None
    thesis_permission_on: dt.date | None = None

    def confirmed(self, name: DeclarationName) -> bool:
        """Whether the declaration ``name`` is made (true)."""
        flags: dict[DeclarationName, bool | None] = {
            "no_family_member": self.no_family_member, "nda": self.nda, "copyright_waiver": self.copyright_waiver,
            "thesis_at_placement": self.thesis_at_placement}
        return flags[name] is True


class Agreement(Model):
    requested_on: dt.date | None = None
    signed_on: dt.date | None = None
    place: str | None = None
    date: dt.date | None = None


class Absence(Model):
    days_per_week: Number | None = None
    approved_by_placement: bool | None = None
    approved_by_coordinator: bool | None = None


class SecondPlacement(Model):
    placement: Placement
    mentors: tuple[Mentor, ...]
    period: Period
    tasks: tuple[Task, ...] = ()


class TrajectoryBlock(Model):
    discipline: str
    weeks: int
    kind: Literal["clinical", "scientific"]
    place: str | None = None


class CaseRecord(Model):
    """The effective case: institution defaults < program defaults < the case file, after validation."""

    kind: Literal["case"] | None = None
    id: str
    program: str
    institution: str
    cohort: str | None = None
    language: Language | None = None
    track: str | None = None
    stage_type: str | None = None
    discipline: str | None = None
    student: Student
    placement: Placement
    mentors: tuple[Mentor, ...]
    supervisor: Person
    other_people: tuple[str, ...] = ()
    period: Period
    tasks: tuple[Task, ...] = ()
    languages: tuple[str, ...] = ()
    declarations: Declarations = Field(default_factory=Declarations)
    agreement: Agreement = Field(default_factory=Agreement)
    absence: Absence = Field(default_factory=Absence)
    compensation: str | None = None
    second_placement: SecondPlacement | None = None
    trajectory: tuple[TrajectoryBlock, ...] = ()
    notes: str | None = None
