"""The typed records (pipeline.load.models) against the JSON Schemas: same properties, same required fields, same
enums, open where the schema is open; and every valid file parses."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pydantic
import pytest
from pydantic import BaseModel

from pipeline.load.models import CaseRecord, Institution, LetterTranslation, MentorLetter, Program
from pipeline.load.project import load_project
from pipeline.paths import SCHEMAS_DIR
from pipeline.validate.schema import validate_against, validator_for
from tests.helpers import DATA, INPUTS

SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS_DIR.glob("*.schema.json")}
MODELS = {"institution.schema.json": Institution, "program.schema.json": Program, "case.schema.json": CaseRecord}


def _resolve(node: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
    """A schema node with its $ref followed (sibling keywords kept), and the document it came from."""
    while "$ref" in node:
        target, _, fragment = node["$ref"].partition("#")
        document = target or current
        resolved: Any = SCHEMAS[document]
        for token in [t for t in fragment.split("/") if t]:
            resolved = resolved[token]
        node = {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
        current = document
    return node, current


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _compare(node: dict[str, Any], annotation: Any, path: str, current: str, problems: list[str]) -> None:
    node, current = _resolve(node, current)
    annotation = _without_none(annotation)
    if "properties" in node:
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            problems.append(f"{path}: the schema has properties, the model has {annotation!r}")
            return
        fields = annotation.model_fields
        if set(node["properties"]) != set(fields):
            problems.append(f"{path}: only in the schema {sorted(set(node['properties']) - set(fields))}, "
                            f"only in {annotation.__name__} {sorted(set(fields) - set(node['properties']))}")
        required = {name for name, info in fields.items() if info.is_required()}
        if required != set(node.get("required", [])):
            problems.append(f"{path}: required {sorted(node.get('required', []))}, {annotation.__name__} "
                            f"requires {sorted(required)}")
        closed = node.get("additionalProperties") is False
        if closed != (annotation.model_config.get("extra") == "forbid"):
            problems.append(f"{path}: additionalProperties {node.get('additionalProperties')!r}, "
                            f"{annotation.__name__} extra={annotation.model_config.get('extra')!r}")
        for name, schema in node["properties"].items():
            if name in fields:
                _compare(schema, fields[name].annotation, f"{path}/{name}", current, problems)
        return
    origin = get_origin(annotation)
    if node.get("type") == "array":
        if origin not in (tuple, list):
            problems.append(f"{path}: an array in the schema, {annotation!r} in the model")
            return
        _compare(node.get("items", {}), get_args(annotation)[0], f"{path}[]", current, problems)
        return
    if node.get("type") == "object":
        if origin not in (Mapping, dict, typing.Mapping):
            problems.append(f"{path}: an open object in the schema, {annotation!r} in the model")
            return
        values = node.get("additionalProperties")
        if isinstance(values, dict):
            _compare(values, get_args(annotation)[1], f"{path}/*", current, problems)
        return
    enum = node.get("enum") or ([node["const"]] if "const" in node else None)
    if enum is not None:
        if get_origin(annotation) is not Literal or set(get_args(annotation)) != set(enum):
            problems.append(f"{path}: enum {enum}, the model has {annotation!r}")


@pytest.mark.parametrize("schema_name", sorted(MODELS))
def test_every_schema_property_has_a_model_field_and_every_field_a_property(schema_name: str) -> None:
    problems: list[str] = []
    _compare(SCHEMAS[schema_name], MODELS[schema_name], schema_name, schema_name, problems)
    assert not problems, "\n".join(problems)


def test_a_mentor_letter_translation_has_the_letters_fields_and_the_approval_flow() -> None:
    letter = set(MentorLetter.model_fields) - {"translations"}
    assert set(LetterTranslation.model_fields) == letter | {"approval_flow"}


SAMPLES = load_project([INPUTS])


@pytest.mark.parametrize("source", [*SAMPLES.programs.values(), *SAMPLES.institutions.values()],
                         ids=lambda s: s.path.name)
def test_every_sample_profile_parses(source: Any) -> None:
    typed = source.as_program() if source.kind == "program" else source.as_institution()
    assert typed.id == source.path.stem


@pytest.mark.parametrize("source", SAMPLES.cases, ids=lambda s: s.path.name)
def test_every_sample_case_parses_with_its_program_and_institution(source: Any) -> None:
    case = SAMPLES.resolve_case(source)
    assert case.record.id == case.id
    assert case.program_profile is not None and case.record.program == case.program_profile.id
    assert case.institution_profile is not None and case.record.institution == case.institution_profile.id


TEST_CASES = sorted((DATA / "cases").glob("*.yaml"))


@pytest.mark.parametrize("path", TEST_CASES, ids=[p.stem for p in TEST_CASES])
def test_every_test_case_parses_when_it_passes_its_schema_and_is_refused_when_not(project: Path, path: Path) -> None:
    target = project / "cases" / "test" / path.name
    target.write_bytes(path.read_bytes())
    loaded = load_project([target])
    assert loaded.cases, f"{path.name}: not a loadable case file"
    case = loaded.resolve_case(loaded.cases[0])
    errors = [f for f in validate_against(validator_for("case"), case.data, case.locate) if f.severity.name == "ERROR"]
    if errors:  # what the schema refuses, the typed record refuses too: nothing invalid reaches the checks
        with pytest.raises(pydantic.ValidationError):
            _ = case.record
    else:
        assert case.record.id == case.data["id"]


def test_tm_om_counts_public_holidays_as_working_days_and_the_others_do_not() -> None:
    counting = {pid for pid, source in SAMPLES.programs.items() if source.as_program().counts_public_holidays}
    assert counting == {"tm-om"}


def test_numbers_keep_the_type_the_file_wrote() -> None:
    tm_om = SAMPLES.programs["tm-om"].as_program()
    assert tm_om.report.length is not None
    assert isinstance(tm_om.report.length.min, int) and tm_om.report.length.min == 5000


def test_the_records_are_frozen() -> None:
    tm_om = SAMPLES.programs["tm-om"].as_program()
    with pytest.raises(ValueError):
        tm_om.copies = 2  # type: ignore[misc]
