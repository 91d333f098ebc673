"""The OpenAPI 3.1 description of the JSON API (``GET /openapi.json``), for a learning platform's plugin or a script.

The description is data (pipeline/web/openapi.json); the answer of ``POST /api/check`` is described by the check
result's own JSON Schema (schemas/check-result.schema.json, 2020-12, which OpenAPI 3.1 takes as it is), put in
here when the document is served, so the API and `stagepipe check --format json` cannot drift apart.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from pipeline import __version__
from pipeline.paths import SCHEMAS_DIR


@functools.cache
def document() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(resources.files("pipeline.web").joinpath("openapi.json").read_text("utf-8"))
    schema = json.loads((SCHEMAS_DIR / "check-result.schema.json").read_text(encoding="utf-8"))
    schema.pop("$schema", None)
    spec["info"]["version"] = __version__
    spec["components"]["schemas"]["CheckResult"] = schema
    return spec
