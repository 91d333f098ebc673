"""Each report check declares what it reads from the program's report block; the declarations, the typed block
(pipeline.load.models.ReportRules) and the program schema's `report` block agree."""

from __future__ import annotations

import json

from pipeline.load.models import ReportRules
from pipeline.paths import SCHEMAS_DIR
from pipeline.report.checks.base import CHECK_ORDER, OPTIONS, ReportContext
from pipeline.report.checks.options import read_options
from pipeline.report.document import Document
from pipeline.report.runner import load_checks

# keys of the report block no check group reads: the runner's severity per group, and a date for people
NOT_A_GROUPS_OPTION = {"severity", "due"}


def report_schema_keys() -> set[str]:
    schema = json.loads((SCHEMAS_DIR / "program.schema.json").read_text(encoding="utf-8"))
    return set(schema["properties"]["report"]["properties"])


def test_every_check_group_declares_its_options() -> None:
    load_checks(CHECK_ORDER)
    assert all(OPTIONS[group] for group in CHECK_ORDER), {g: OPTIONS[g] for g in CHECK_ORDER}


def test_declared_options_are_keys_of_the_report_block_with_the_same_type_and_default() -> None:
    load_checks(CHECK_ORDER)
    block = ReportRules.model_fields
    for group in CHECK_ORDER:
        for model in OPTIONS[group]:
            for name, field in model.model_fields.items():
                assert name in block, f"{group}: {model.__name__}.{name} is not a key of the report block"
                assert field.annotation == block[name].annotation, (group, model.__name__, name)
                assert field.default == block[name].default, (group, model.__name__, name)


def test_every_key_of_the_program_schemas_report_block_is_read_by_a_check_group() -> None:
    load_checks(CHECK_ORDER)
    declared = {name for group in CHECK_ORDER for model in OPTIONS[group] for name in model.model_fields}
    assert report_schema_keys() == set(ReportRules.model_fields)
    assert report_schema_keys() - declared == NOT_A_GROUPS_OPTION


def test_a_check_reads_its_options_typed_from_the_program() -> None:
    from pipeline.report.checks.length import LengthOptions

    report = ReportRules.model_validate({"length": {"unit": "words", "min": 5000, "max": 5500}, "pages": {"min": 16}})
    options = read_options(report, LengthOptions)
    assert options.length is not None and (options.length.min, options.length.max) == (5000, 5500)
    assert options.pages is not None and options.pages.min == 16
    empty = ReportContext(document=Document(path="x.txt", format="text", blocks=[])).options(LengthOptions)
    assert empty.length is None and empty.pages is None
