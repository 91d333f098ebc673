"""JSON Schema validation whose every error becomes a Finding at the YAML node's file:line:column."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from pipeline.findings import Finding, Location, Severity
from pipeline.load.yaml_source import join_pointer
from pipeline.messages import Message, joined, msg
from pipeline.paths import SCHEMAS_DIR
from pipeline.phones import is_phone_number

SCHEMA_FILES = {
    "institution": "institution.schema.json",
    "program": "program.schema.json",
    "case": "case.schema.json",
}

Locator = Callable[..., Location]

# JSON Schema 2020-12's formats plus "phone" (libphonenumber: a number that exists, not a pattern of digits)
FORMAT_CHECKER = FormatChecker(Draft202012Validator.FORMAT_CHECKER.checkers)
FORMAT_CHECKER.checks("phone")(is_phone_number)


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
    schema = _inlined(json.loads((SCHEMAS_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8")), SCHEMA_FILES[kind])
    schema.pop("$defs", None)
    return validator_for_schema(json.dumps(schema))


def _inlined(node: Any, file: str) -> Any:
    """``node`` with every $ref replaced by what it points to (its own keywords win): jsonschema then never looks a
    reference up, which makes validating a case about a third faster (`import` validates every row)."""
    from pipeline.load.pointer import resolve

    if isinstance(node, list):
        return [_inlined(item, file) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, _, fragment = str(node["$ref"]).partition("#")
        target = target or file
        document = json.loads((SCHEMAS_DIR / target).read_text(encoding="utf-8"))
        found = _inlined(resolve(document, fragment or "/"), target)
        return {**found, **{k: _inlined(v, file) for k, v in node.items() if k != "$ref"}}
    return {k: v if k in ("enum", "const", "default") else _inlined(v, file) for k, v in node.items()}


@cache
def validator_for_schema(schema_json: str) -> Draft202012Validator:
    schema = json.loads(schema_json)  # our own schemas: tests/unit/test_schemas.py checks them against the metaschema
    return Draft202012Validator(schema, registry=_registry(), format_checker=FORMAT_CHECKER)


def schema_path(kind: str) -> Path:
    return SCHEMAS_DIR / SCHEMA_FILES[kind]


def _pointer(path: Any) -> str:
    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def _type_name(value: Any) -> Message:
    if value is None:
        return msg("type.null")
    if isinstance(value, bool):
        return msg("type.boolean")
    if isinstance(value, int):
        return msg("type.integer")
    if isinstance(value, float):
        return msg("type.number")
    if isinstance(value, str):
        return msg("type.string")
    if isinstance(value, list):
        return msg("type.array")
    return msg("type.object")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_properties(schema: dict[str, Any]) -> list[str]:
    return sorted(schema.get("properties", {}))


def _findings_for(error: ValidationError, locate: Locator, check: str) -> Iterator[Finding]:
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
            suggestion = msg("schema.suggestion", name=close[0]) if close else ""
            child = join_pointer(pointer, name)
            yield Finding(check=check, rule="schema.additional", severity=Severity.ERROR,
                          message=msg("schema.additional", name=name, suggestion=suggestion),
                          location=locate(child, key=True), text=name)
        return
    if validator == "required":
        missing = [name for name in limit if isinstance(value, dict) and name not in value]
        for name in missing:
            yield Finding(check=check, rule="schema.required", severity=Severity.ERROR,
                          message=msg("schema.required", name=name),
                          location=replace(locate(pointer, key=True), pointer=join_pointer(pointer, name)))
        return
    loc = locate(pointer)
    message: Message
    if validator == "type":
        expected = limit if isinstance(limit, list) else [limit]
        message = msg("schema.type", expected=joined((TYPE_NAMES.get(e, e) for e in expected), " / "),
                      found=joined((_type_name(value), _short(value)), " "))
    elif validator == "enum":
        message = msg("schema.enum", value=_short(value), options=", ".join(map(str, limit)))
    elif validator == "const":
        message = msg("schema.const", expected=_short(limit))
    elif validator == "format":
        message = msg("schema.format", value=_short(value), format=FORMAT_NAMES.get(limit, limit))
    elif validator == "pattern":
        hint = PATTERN_HINTS.get(limit)
        description = hint if hint else (schema.get("description") or schema.get("title") or limit)
        message = msg("schema.pattern", value=_short(value), description=description)
    elif validator in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        message = LIMIT_MESSAGES[validator].with_values(value=_short(value), limit=limit)
    elif validator == "uniqueItems":
        message = msg("schema.uniqueItems")
    else:
        message = msg("schema.other", detail=error.message)
    yield Finding(check=check, rule=f"schema.{validator}", severity=Severity.ERROR, message=message,
                  location=loc, text=None if isinstance(value, (dict, list)) else _short(value))


TYPE_NAMES = {"string": msg("type.string"), "integer": msg("type.integer"), "number": msg("type.number"),
              "boolean": msg("type.boolean"), "object": msg("type.object"), "array": msg("type.array"),
              "null": msg("type.null")}
FORMAT_NAMES = {"date": msg("format.date"), "email": msg("format.email"), "uri": msg("format.uri"),
                "phone": msg("format.phone")}
LIMIT_MESSAGES = {"minimum": msg("schema.minimum"), "maximum": msg("schema.maximum"),
                  "minLength": msg("schema.minLength"), "maxLength": msg("schema.maxLength"),
                  "minItems": msg("schema.minItems"), "maxItems": msg("schema.maxItems")}


def _pattern_hints() -> dict[str, Message]:
    """Regex → the message that explains it in plain words, from the shared definitions."""
    common = json.loads((SCHEMAS_DIR / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    hints = {common["id"]["pattern"]: msg("pattern.id"),
             common["enterprise_number"]["pattern"]: msg("pattern.enterprise_number"),
             common["address"]["properties"]["postal_code"]["pattern"]: msg("pattern.postal_code"),
             common["address"]["properties"]["country"]["pattern"]: msg("pattern.country"),
             "^[a-z]{2}$": msg("pattern.language"), "^[A-Za-z0-9]{4,20}$": msg("pattern.student_id")}
    return hints


PATTERN_HINTS = _pattern_hints()


def validate_against(validator: Draft202012Validator, data: Any, locate: Locator, *,
                     check: str = "schema") -> list[Finding]:
    """Every schema error in ``data``, located through ``locate(pointer, key=...)``."""
    findings: dict[tuple[str, str | None, str, tuple[Any, ...]], Finding] = {}
    for error in validator.iter_errors(data):
        for finding in _findings_for(error, locate, check):
            # jsonschema reports `required` once per missing property, each time with the whole list: say it once
            findings.setdefault((finding.rule, finding.location.pointer, finding.message.id, finding.message.args),
                                finding)
    return list(findings.values())
