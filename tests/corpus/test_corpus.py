"""The real-world corpus: DOCX and PDF files from the public test suites of other projects (tools/corpus.py copies
them from git mirrors into .cache/corpus/, never into the repository). Every file gets a result, checked or refused
with its reason; none an internal error; none takes long; a sample through the real CLI prints a JSON document on
stdout.

Its own layer, run by `make corpus` (which builds the corpus first), not by `make test`: the files come from outside
the repository. Without a built corpus these tests fail, saying how to build it; they never pass by skipping."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pipeline.report.setup import CheckOptions, check_or_refuse
from tests.helpers import ROOT, run_cli

SECONDS = 60.0  # per file, without language and layout; the worst of 278 files took under 10 s
CORPUS = Path(os.environ.get("STAGEPIPE_CORPUS", ROOT / ".cache" / "corpus"))


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Path, dict[str, Any]]]:
    manifest = CORPUS / "MANIFEST.json"
    if not manifest.is_file():
        pytest.fail(f"no corpus in {CORPUS}: `make corpus` builds it (tools/corpus.py, from git mirrors)",
                    pytrace=False)
    entries: list[dict[str, Any]] = json.loads(manifest.read_text("utf-8"))
    return [(CORPUS / entry["file"], entry) for entry in entries]


def test_every_real_world_file_gets_a_result_and_no_internal_error(corpus: list[tuple[Path, dict[str, Any]]]) -> None:
    kinds = {".docx": 0, ".pdf": 0}
    problems = []
    for path, entry in corpus:
        kinds[path.suffix] += 1
        started = time.monotonic()
        result = check_or_refuse(CheckOptions(report=path, program="tm-om", count_pages=False,
                                              groups=("sections", "length", "anonymity", "format")))
        seconds = time.monotonic() - started
        if result.internal_error is not None or seconds > SECONDS:
            problems.append((entry["repository"], entry["path"], round(seconds, 1), result.internal_error))
        if result.refused:
            [finding] = result.findings
            assert finding.check == "read" and finding.message.id.startswith("read."), entry
    assert not problems
    assert kinds[".docx"] >= 10 and kinds[".pdf"] >= 10


def test_a_sample_through_the_cli_prints_a_document(corpus: list[tuple[Path, dict[str, Any]]]) -> None:
    schema = Draft202012Validator(json.loads((ROOT / "schemas" / "check-result.schema.json").read_text("utf-8")))
    for path, entry in corpus[:: max(1, len(corpus) // 8)]:
        result = run_cli("check", path, "--no-language", "--no-pages", "--format", "json", timeout=180)
        assert result.code in (0, 1), (entry, result.stderr)
        assert "Traceback" not in result.stderr
        schema.validate(result.json())
