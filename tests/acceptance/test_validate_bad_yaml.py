"""`stagepipe validate` over bad YAML through the real CLI: exit 1 with a located finding, never a traceback; paths
that cannot be validated exit 2. (tests/unit/test_yaml_source.py has the loader's findings themselves.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DATA, run_cli

YAML = DATA / "yaml"


@pytest.mark.parametrize("name", ["syntax.yaml", "duplicate-key.yaml", "not-mapping.yaml", "python-tag.yaml",
                                  "empty.yaml", "non-utf8.yaml", "billion-laughs.yaml"])
def test_cli_reports_bad_yaml_with_exit_1_and_no_traceback(tmp_path: Path, name: str) -> None:
    cases = tmp_path / "cases" / "x"
    cases.mkdir(parents=True)
    target = cases / name
    target.write_bytes((YAML / name).read_bytes())
    result = run_cli("validate", target)
    assert result.code == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{name}:" in result.stdout and "fout [yaml." in result.stdout


def test_cli_missing_path_exits_2() -> None:
    result = run_cli("validate", "does/not/exist.yaml")
    assert result.code == 2
    assert "bestaat niet" in result.stderr and "Traceback" not in result.stderr


def test_cli_folder_without_yaml_exits_2(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path)
    assert result.code == 2 and "geen YAML" in result.stderr


def test_cli_file_of_unknown_kind(tmp_path: Path) -> None:
    path = tmp_path / "loose.yaml"
    path.write_text("id: loose\n", encoding="utf-8")
    result = run_cli("validate", "--format", "json", path)
    assert result.code == 1 and result.json()["findings"][0]["rule"] == "kind.unknown"


def test_cli_all_problems_at_once(tmp_path: Path) -> None:
    cases = tmp_path / "cases" / "x"
    cases.mkdir(parents=True)
    for name in ("syntax.yaml", "duplicate-key.yaml", "empty.yaml"):
        (cases / name).write_bytes((YAML / name).read_bytes())
    doc = run_cli("validate", "--format", "json", cases).json()
    assert sorted(f["rule"] for f in doc["findings"]) == ["yaml.duplicate-key", "yaml.empty", "yaml.syntax"]
