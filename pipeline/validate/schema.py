"""JSON Schema validation whose every error becomes a Finding at the YAML node's file:line:column."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from pipeline.findings import Finding, Location, Severity
from pipeline.load.yaml_source import join_pointer
from pipeline.messages import t
from pipeline.paths import SCHEMAS_DIR

SCHEMA_FILES = {
    "institution": "institution.schema.json",
    "program": "program.schema.json",
    "case": "case.schema.json",
}

Locator = Callable[..., Location]


@lru_cache(maxsize=1)
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


@cache
def validator_for(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    return validator_for_schema(json.dumps(schema))


@cache
def validator_for_schema(schema_json: str) -> Draft202012Validator:
    schema = json.loads(schema_json)  # our own schemas: tests/unit/test_schemas.py checks them against the metaschema
    return Draft202012Validator(schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_path(kind: str) -> Path:
    return SCHEMAS_DIR / SCHEMA_FILES[kind]


def _pointer(path: Any) -> str:
    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def _type_name(value: Any, lang: str) -> str:
    if value is None:
        return t("type.null", lang)
    if isinstance(value, bool):
        return t("type.boolean", lang)
    if isinstance(value, int):
        return t("type.integer", lang)
    if isinstance(value, float):
        return t("type.number", lang)
    if isinstance(value, str):
        return t("type.string", lang)
    if isinstance(value, list):
        return t("type.array", lang)
    return t("type.object", lang)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_properties(schema: dict[str, Any]) -> list[str]:
    return sorted(schema.get("properties", {}))


def _findings_for(error: ValidationError, locate: Locator, lang: str, check: str) -> Iterator[Finding]:
    pointer = _pointer(error.absolute_path)
    validator = str(error.validator)
    value = error.instance
    # the failing (sub)schema and its keyword's value, both JSON from our schemas (jsonschema's types also allow a
    # bool schema and 'unset')
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    limit: Any = error.validator_value
    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = _allowed_properties(schema)
        patterns = list(schema.get("patternProperties", {}))
        for name in value:
            if name in allowed or any(re.search(p, name) for p in patterns):
                continue
            close = difflib.get_close_matches(name, allowed, n=1)
            suggestion = t("schema.suggestion", lang, name=close[0]) if close else ""
            child = join_pointer(pointer, name)
            yield Finding(check=check, rule="schema.additional", severity=Severity.ERROR,
                          message=t("schema.additional", lang, name=name, suggestion=suggestion),
                          location=locate(child, key=True), text=name)
        return
    if validator == "required":
        missing = [name for name in limit if isinstance(value, dict) and name not in value]
        for name in missing:
            loc = locate(pointer, key=True)
            yield Finding(check=check, rule="schema.required", severity=Severity.ERROR,
                          message=t("schema.required", lang, name=name),
                          location=Location(file=loc.file, line=loc.line, column=loc.column,
                                            pointer=join_pointer(pointer, name)))
        return
    loc = locate(pointer)
    if validator == "type":
        expected = limit if isinstance(limit, list) else [limit]
        message = t("schema.type", lang, expected=" / ".join(t(f"type.{e}", lang) for e in expected),
                    found=f"{_type_name(value, lang)} {_short(value)}")
    elif validator == "enum":
        message = t("schema.enum", lang, value=_short(value), options=", ".join(map(str, limit)))
    elif validator == "const":
        message = t("schema.const", lang, expected=_short(limit))
    elif validator == "format":
        fmt = f"format.{limit}"
        message = t("schema.format", lang, value=_short(value), format=t(fmt, lang) if fmt in _FORMATS else limit)
    elif validator == "pattern":
        hint = PATTERN_HINTS.get(limit)
        description = t(hint, lang) if hint else (schema.get("description") or schema.get("title") or limit)
        message = t("schema.pattern", lang, value=_short(value), description=description)
    elif validator in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        message = t(f"schema.{validator}", lang, value=_short(value), limit=limit)
    elif validator == "uniqueItems":
        message = t("schema.uniqueItems", lang)
    else:
        message = t("schema.other", lang, detail=error.message)
    yield Finding(check=check, rule=f"schema.{validator}", severity=Severity.ERROR, message=message,
                  location=loc, text=None if isinstance(value, (dict, list)) else _short(value))


_FORMATS = {"format.date", "format.email", "format.uri"}


def _pattern_hints() -> dict[str, str]:
    """Regex → message key of its plain-language explanation, from the shared definitions."""
    common = json.loads((SCHEMAS_DIR / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    hints = {common["id"]["pattern"]: "pattern.id", common["phone"]["pattern"]: "pattern.phone",
             common["enterprise_number"]["pattern"]: "pattern.enterprise_number",
             common["address"]["properties"]["postal_code"]["pattern"]: "pattern.postal_code",
             common["address"]["properties"]["country"]["pattern"]: "pattern.country",
             "^[a-z]{2}$": "pattern.language", "^[A-Za-z0-9]{4,20}$": "pattern.student_id"}
    return hints


PATTERN_HINTS = _pattern_hints()


def validate_against(validator: Draft202012Validator, data: Any, locate: Locator, *, lang: str = "nl",
                     check: str = "schema") -> list[Finding]:
    """Every schema error in ``data``, located through ``locate(pointer, key=...)``."""
    findings: list[Finding] = []
    for error in validator.iter_errors(data):
        findings.extend(_findings_for(error, locate, lang, check))
    return findings
