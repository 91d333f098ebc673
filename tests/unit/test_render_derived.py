"""The schema of ``d`` comes from its type (pipeline.render.derived), in the plain shape the template linter reads."""

from __future__ import annotations

import json

from pipeline.render.context import context_schema
from pipeline.render.derived import DerivedValues, derived_schema


def test_the_schema_of_d_is_plain_every_field_is_required_and_closed() -> None:
    schema = derived_schema()
    text = json.dumps(schema)
    assert "$ref" not in text and "anyOf" not in text and "$defs" not in text
    assert schema["required"] == list(DerivedValues.model_fields)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["student_address"] == {"type": ["string", "null"]}
    assert schema["properties"]["second"]["type"] == ["object", "null"]
    assert schema["properties"]["mentors"]["items"]["required"] == ["name", "function", "email", "phone", "role"]
    assert schema["properties"]["clauses"]["items"]["properties"]["title"] == {"type": "string"}  # a field, kept


def test_the_context_schema_describes_d_with_it() -> None:
    assert context_schema()["properties"]["d"] == derived_schema()
