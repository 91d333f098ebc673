"""Find and load institutions, program profiles and cases; resolve a case's program and institution defaults."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.findings import Finding, Location, Severity
from pipeline.load.merge import deep_merge
from pipeline.load.pointer import MISSING, resolve
from pipeline.load.yaml_source import YamlDocument, YamlLoadError, load_yaml
from pipeline.messages import msg

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pipeline.load.models import CaseRecord, Institution, Program

_Model = TypeVar("_Model", bound="BaseModel")

KINDS = ("institution", "program", "case")
_FOLDER_KIND = {"institutions": "institution", "programs": "program", "cases": "case"}
YAML_SUFFIXES = (".yaml", ".yml")


class PathMissing(Exception):
    """A path given by the user does not exist (exit 2)."""


@dataclass
class Source:
    """One loaded YAML file and what kind of record it holds."""

    doc: YamlDocument
    kind: str
    cohort: str | None = None
    _model: Any = field(default=None, init=False, repr=False, compare=False)  # the typed record, once parsed

    @property
    def path(self) -> Path:
        return self.doc.path

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def id(self) -> str | None:
        value = self.doc.data.get("id")
        return value if isinstance(value, str) else None

    def as_program(self) -> Program:
        """This program profile as a typed record (parsed once; only for a profile that passed its schema)."""
        from pipeline.load.models import Program

        return self._typed(Program)

    def as_institution(self) -> Institution:
        """This institution as a typed record (parsed once; only for a file that passed its schema)."""
        from pipeline.load.models import Institution

        return self._typed(Institution)

    def _typed(self, model: type[_Model]) -> _Model:
        if not isinstance(self._model, model):
            self._model = model.model_validate(self.doc.data)
        return self._model


@dataclass
class Case:
    """A case with its program and institution resolved and their defaults applied."""

    source: Source
    program: Source | None
    institution: Source | None
    data: dict[str, Any]  # the effective case: institution defaults < program defaults < case

    @property
    def id(self) -> str:
        return str(self.data.get("id", self.source.path.stem))

    @cached_property
    def record(self) -> CaseRecord:
        """The effective case as a typed record (only for a case that passed validation)."""
        from pipeline.load.models import CaseRecord

        return CaseRecord.model_validate(self.data)

    @property
    def program_profile(self) -> Program | None:
        """The case's program profile, typed (None when the program does not exist)."""
        return self.program.as_program() if self.program is not None else None

    @property
    def institution_profile(self) -> Institution | None:
        """The case's institution, typed (None when the institution does not exist)."""
        return self.institution.as_institution() if self.institution is not None else None

    @property
    def program_id(self) -> str:
        """The program id the case file names, as written (the program itself may not exist)."""
        return str(self.source.data.get("program"))

    def states(self, field_name: str) -> bool:
        """Whether the case file itself states a top-level field (rather than inheriting it from defaults)."""
        return field_name in self.source.data

    @property
    def cohort(self) -> str:
        return str(self.data.get("cohort") or self.source.cohort or "")

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        """Where the value at ``pointer`` came from: the case file, or the defaults it inherited."""
        if resolve(self.source.data, pointer) is not MISSING:
            return self.source.doc.locate(pointer, key=key)
        for parent in (self.program, self.institution):
            if parent is not None and resolve(parent.data, "/defaults" + pointer) is not MISSING:
                return parent.doc.locate("/defaults" + pointer, key=key)
        return replace(self.source.doc.locate(pointer, key=key), pointer=pointer)

    def get(self, pointer: str, default: Any = None) -> Any:
        value = resolve(self.data, pointer)
        return default if value is MISSING else value


@dataclass
class Project:
    institutions: dict[str, Source] = field(default_factory=dict)
    programs: dict[str, Source] = field(default_factory=dict)
    cases: list[Source] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file the user asked about

    def resolve_case(self, source: Source) -> Case:
        program = self.programs.get(str(source.data.get("program")))
        inst_id = source.data.get("institution")
        if inst_id is None and program is not None:
            inst_id = program.data.get("institution")
        institution = self.institutions.get(str(inst_id)) if inst_id is not None else None
        effective: dict[str, Any] = {}
        for parent in (institution, program):
            defaults = parent.data.get("defaults") if parent is not None else None
            if isinstance(defaults, dict):
                effective = deep_merge(effective, defaults)
        effective = deep_merge(effective, source.data)
        if "institution" not in effective and inst_id is not None:
            effective["institution"] = inst_id
        if "cohort" not in effective and source.cohort:
            effective["cohort"] = source.cohort
        return Case(source=source, program=program, institution=institution, data=effective)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file under ``paths`` (files as given, folders recursively), sorted; raises PathMissing."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PathMissing(str(path))
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)


def kind_from_path(path: Path) -> tuple[str | None, str | None]:
    """('case', cohort) for inputs/cases/<cohort>/x.yaml, ('program', None) for programs/x.yaml, ..."""
    parts = path.parts
    for i in range(len(parts) - 2, -1, -1):
        kind = _FOLDER_KIND.get(parts[i])
        if kind is None:
            continue
        if kind == "case":
            cohort = parts[i + 1] if len(parts) - i > 2 else None
            return kind, cohort
        return kind, None
    return None, None


def inputs_root(path: Path) -> Path | None:
    """The folder holding institutions/, programs/ and cases/ for a file below it."""
    for parent in path.parents:
        if parent.name in _FOLDER_KIND and (parent.parent / "programs").is_dir():
            return parent.parent
    return None


def _load_source(path: Path, findings: list[Finding]) -> Source | None:
    try:
        doc = load_yaml(path)
    except YamlLoadError as exc:
        findings.append(exc.finding)
        return None
    folder_kind, cohort = kind_from_path(path)
    declared = doc.data.get("kind")
    kind = declared if declared in KINDS else folder_kind
    if kind is None:
        findings.append(Finding(check="yaml", rule="kind.unknown", severity=Severity.ERROR,
                                message=msg("kind.unknown"), location=Location(file=str(path), line=1, column=1)))
        return None
    return Source(doc=doc, kind=kind, cohort=cohort if kind == "case" else None)


def load_project(paths: Iterable[Path]) -> Project:
    """Load the files under ``paths`` plus the programs and institutions their cases refer to."""
    project = Project()
    requested = discover(paths)
    project.files = list(requested)
    roots: dict[Path, None] = {}
    for path in requested:
        root = inputs_root(path)
        if root is not None:
            roots.setdefault(root, None)
    context: list[Path] = []
    for root in roots:
        for folder in ("institutions", "programs"):
            context.extend(discover([root / folder]) if (root / folder).is_dir() else [])
    requested_set = set(requested)
    for path in list(requested) + [p for p in context if p not in requested_set]:
        sink: list[Finding] = project.findings if path in requested_set else []
        source = _load_source(path, sink)
        if source is None:
            continue
        if source.kind == "case":
            if path in requested_set:
                project.cases.append(source)
            continue
        table = project.institutions if source.kind == "institution" else project.programs
        if source.id is not None and source.id not in table:
            table[source.id] = source
        elif source.id is not None and path in requested_set:
            other = table[source.id]
            project.findings.append(Finding(
                check="references", rule="unique-id", severity=Severity.ERROR,
                message=msg("unique.profile-id", id=source.id, other=other.path),
                location=source.doc.locate("/id"), text=source.id))
    return project
