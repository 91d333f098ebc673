"""What a report check reads from the program's ``report:`` block, declared as a model (as rule kinds declare
theirs): each field is a key of that block, with the type pipeline.load.models.ReportRules gives it."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from pipeline.load.models import ReportRules


class GroupOptions(BaseModel):
    """The keys of the report block one check reads (``register(group, options=...)``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


Options = TypeVar("Options", bound=GroupOptions)


def read_options(report: ReportRules, model: type[Options]) -> Options:
    """A check's declared options, read from a program's report block."""
    return model.model_validate({name: getattr(report, name) for name in model.model_fields})
