"""Bad YAML is a located finding, never a crash, never executed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.findings import Severity
from pipeline.load.yaml_source import MAX_BYTES, YamlLoadError, load_yaml
from tests.helpers import DATA

YAML = DATA / "yaml"


def load_error(path: Path) -> YamlLoadError:
    with pytest.raises(YamlLoadError) as info:
        load_yaml(path)
    assert info.value.finding.severity is Severity.ERROR
    assert info.value.finding.location.file == str(path)
    return info.value


@pytest.mark.parametrize(("name", "rule", "line"), [
    ("syntax.yaml", "yaml.syntax", 5),
    ("duplicate-key.yaml", "yaml.duplicate-key", 6),
    ("not-mapping.yaml", "yaml.not-mapping", 1),
    ("python-tag.yaml", "yaml.tag", 2),
    ("custom-tag.yaml", "yaml.tag", 2),
    ("empty.yaml", "yaml.empty", 1),
    ("non-utf8.yaml", "yaml.encoding", 3),
    ("billion-laughs.yaml", "yaml.too-complex", None),
    ("tab.yaml", "yaml.syntax", 3),
])
def test_bad_yaml_gives_a_located_finding(name: str, rule: str, line: int | None) -> None:
    error = load_error(YAML / name)
    assert error.finding.rule == rule
    if line is not None:
        assert error.finding.location.line == line


def test_duplicate_key_names_the_first_line() -> None:
    error = load_error(YAML / "duplicate-key.yaml")
    assert "first_name" in str(error.finding.message) and "regel 4" in str(error.finding.message)


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = Path("/tmp/stagepipe-pwned")
    marker.unlink(missing_ok=True)
    load_error(YAML / "python-tag.yaml")
    assert not marker.exists()


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("id: big\nnotes: '" + "x" * (MAX_BYTES + 10) + "'\n", encoding="utf-8")
    assert load_error(big).finding.rule == "yaml.too-large"


def test_recursive_alias(tmp_path: Path) -> None:
    path = tmp_path / "rec.yaml"
    path.write_text("a: &a\n  b: *a\n", encoding="utf-8")
    assert load_error(path).finding.rule in {"yaml.recursive", "yaml.syntax"}


def test_dates_stay_iso_strings_and_positions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("id: x\nperiod:\n  start: 2024-02-12\n  list:\n    - a\n    - b: 1\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc.data["period"]["start"] == "2024-02-12"
    assert doc.locate("/period/start").line == 3
    assert doc.locate("/period").line == 2  # a mapping value points at its key
    assert doc.locate("/period/list/1/b").line == 6
    assert doc.locate("/period/missing").line == 2  # nearest existing parent


def test_merge_keys_are_supported(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n", encoding="utf-8")
    assert load_yaml(path).data["other"] == {"x": 1, "y": 3}
