"""The render context: one builder, a schema it always satisfies, and the program-specific values."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.load.models import Program
from pipeline.load.project import Case, load_project
from pipeline.render.context import ContextError, build_context, derived_values, mentor_letter
from pipeline.render.derived import derived_schema
from tests.helpers import INPUTS

TODAY = dt.date(2025, 1, 15)


def sample_cases() -> list[Case]:
    project = load_project([INPUTS])
    return [project.resolve_case(source) for source in project.cases]


CASES = sample_cases()


def case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


@pytest.mark.parametrize("lang", ["nl", "en", "fr"])
@pytest.mark.parametrize("sample", CASES, ids=[c.id for c in CASES])
def test_every_sample_case_has_a_context_that_matches_its_schema(sample: Case, lang: str) -> None:
    letter = mentor_letter(sample.program_profile, lang)  # every program has a mentor letter in nl, en and fr
    derived = derived_values(sample, lang, TODAY, letter)
    jsonschema.validate(derived.model_dump(mode="json"), derived_schema())
    build_context(sample, lang, today=TODAY)


def test_ugent_dgk_one_week_placement_earns_one_cpd_point_at_most_ten_a_year() -> None:
    d = derived_values(case("dgk-lien-de-wilde"), "nl", TODAY, mentor_letter(case("dgk-lien-de-wilde").program_profile, "nl"))
    assert d.cpd is not None
    assert d.cpd.points == 1
    assert d.cpd.max_per_year == 10
    assert "1 punt voor een stage van 1 week" in d.cpd.rule
    assert "2 punten voor een stage van 4 weken" in d.cpd.rule


def test_ugent_dgk_four_week_placement_earns_two_cpd_points() -> None:
    sample = case("dgk-lien-de-wilde")
    data = json.loads(json.dumps(sample.data))
    data["period"]["start"], data["period"]["end"] = "2025-07-07", "2025-08-01"
    four_weeks = Case(source=sample.source, program=sample.program, institution=sample.institution, data=data)
    cpd = derived_values(four_weeks, "nl", TODAY, mentor_letter(sample.program_profile, "nl")).cpd
    assert cpd is not None and cpd.points == 2


def test_tm_om_is_signed_by_three_parties_in_triplicate() -> None:
    sample = case("om-jana-peeters")
    d = derived_values(sample, "nl", TODAY, mentor_letter(sample.program_profile, "nl"))
    assert [s.role for s in d.signatories] == ["institution", "placement", "student"]
    assert d.copies_text == "in drievoud"
    assert d.working_days == 70 and d.weeks == "14"


def test_ugent_dgk_uses_the_digital_approval_flow_in_french_too() -> None:
    sample = case("dgk-amber-claeys")
    d = derived_values(sample, "fr", TODAY, mentor_letter(sample.program_profile, "fr"))
    assert d.digital is True
    assert d.approval_steps[2] == "Approuver la convention de stage"


def test_tm_ims_nda_clause_only_when_declared() -> None:
    kobe = derived_values(case("ims-kobe-lemmens"), "en", TODAY, None)
    assert [c.id for c in kobe.clauses] == ["nda"]
    assert kobe.clauses[0].title == "Confidentiality"


def test_inherited_dutch_compensation_is_not_printed_in_an_english_pack() -> None:
    sample = case("ims-zoe-van-damme")
    assert "compensation" not in sample.source.data
    d = derived_values(sample, "en", TODAY, mentor_letter(sample.program_profile, "en"))
    assert d.compensation is None  # the template's standard English sentence is used instead


def test_a_missing_translation_is_an_error_naming_the_field() -> None:
    program = json.loads(json.dumps(case("om-jana-peeters").program.data))
    del program["mentor_letter"]["translations"]["fr"]["report"]
    with pytest.raises(ContextError) as excinfo:
        mentor_letter(Program.model_validate(program), "fr")
    assert excinfo.value.field == "program.mentor_letter.translations.fr.report"


def test_dates_are_written_in_the_document_language() -> None:
    sample = case("om-jana-peeters")
    for lang, expected in (("nl", "7 maart 2022"), ("en", "7 March 2022"), ("fr", "7 mars 2022")):
        letter = mentor_letter(sample.program_profile, lang)
        assert derived_values(sample, lang, TODAY, letter).period.start == expected
    assert Path(sample.source.path).exists()
