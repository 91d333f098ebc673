"""Linear time: reading a DOCX and the checks that need no component grow with the report, not with its square
(20,000 short paragraphs took 32 s, 25 of them in difflib comparing every paragraph with every section title)."""

from __future__ import annotations

import time
from pathlib import Path

from bench.scale_files import many_paragraphs, write_docx
from pipeline.report.checks.sections import similarity
from pipeline.report.readers.docx import read_docx
from pipeline.report.runner import run_checks
from tests import profiles
from tests.helpers import program_profile

GROUPS = ("sections", "length", "format")


def seconds(path: Path) -> float:
    program = profiles.program(program_profile("tm-om"))
    started = time.perf_counter()
    run_checks(read_docx(path), program=program, groups=GROUPS)
    return time.perf_counter() - started


def test_four_times_the_paragraphs_is_about_four_times_the_time(tmp_path: Path) -> None:
    small = many_paragraphs(tmp_path / "klein.docx", 5_000)
    large = many_paragraphs(tmp_path / "groot.docx", 20_000)
    seconds(small)  # imports and caches
    ratio = min(seconds(large) for _ in range(2)) / min(seconds(small) for _ in range(2))
    assert ratio < 7, ratio  # quadratic would be 16


def test_missing_sections_among_20000_paragraphs_are_looked_for_quickly(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "zonder-koppen.docx", (("", f"{n}. Een korte regel tekst.") for n in range(20_000)))
    started = time.perf_counter()
    result = run_checks(read_docx(path), program=profiles.program(program_profile("tm-om")), groups=("sections",))
    assert [f.rule for f in result.findings].count("missing-section") == 7
    assert time.perf_counter() - started < 15


def test_similarity_is_difflibs_ratio() -> None:
    assert similarity("tussentijds evaluatie", "tussentijdse evaluatie") > 0.97
    assert similarity("evaluatie", "tussentijdse evaluatie") < 0.86
    assert similarity("conclusie wat ik meeneem", "conclusie") == 0.95
