import json

import pytest
from jsonschema import Draft202012Validator

from pipeline.paths import SCHEMAS_DIR
from pipeline.validate.rules import REGISTRY

SCHEMAS = sorted(SCHEMAS_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid_2020_12_with_id(path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema") and schema["$id"].endswith(path.name)


def _properties(node, trail=""):
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{trail}/{name}", sub
        for key, value in node.items():
            if key != "properties":
                yield from _properties(value, trail)
            else:
                for name, sub in value.items():
                    yield from _properties(sub, f"{trail}/{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, trail)


def _has_description(sub, schema) -> bool:
    """Directly, or through the $ref an editor follows."""
    if "description" in sub:
        return True
    ref = sub.get("$ref")
    if not ref:
        return False
    file, _, fragment = ref.partition("#")
    target = json.loads((SCHEMAS_DIR / file).read_text(encoding="utf-8")) if file else schema
    for token in fragment.strip("/").split("/"):
        target = target[token]
    return _has_description(target, target)


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_property_has_a_description_for_editors(path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    missing = [where for where, sub in _properties(schema)
               if isinstance(sub, dict) and not _has_description(sub, schema)]
    assert not missing, missing


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_rule_kind_option_schema_is_valid(name) -> None:
    kind = REGISTRY[name]
    Draft202012Validator.check_schema(kind.options_schema())
    assert kind.summary, f"{name} needs a docstring: its first line is the README summary"
