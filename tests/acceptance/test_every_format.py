"""Every command that reports findings gives text, JSON, HTML and JUnit through the same formatters, in Dutch and in
English: validate, check, render, templates lint and languagetool check, each run through the real CLI."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import DATA, INPUTS, ROOT, copy_sample_cases, invoke

FORMATS = ("text", "json", "html", "junit")
LANGS = ("nl", "en")
REPORT = ROOT / "inputs" / "reports" / "om-problemen.docx"
CASE = INPUTS / "cases" / "2021-2022" / "om-jana-peeters.yaml"

# a word each language's output must contain, and one it must not (the other language's)
WORDS = {"nl": ("fout", "error(s)"), "en": ("error", "fout(en)")}


def parse(fmt: str, output: str) -> object:
    """The output as its format: JSON data, an XML tree, an HTML page that is one self-contained document."""
    if fmt == "json":
        return json.loads(output)
    if fmt == "junit":
        root = ET.fromstring(output.split("\n", 1)[1] if output.startswith("<?xml") else output)
        assert root.tag == "testsuites" and root.get("tests") is not None
        return root
    if fmt == "html":
        assert output.startswith("<!DOCTYPE html>") and output.rstrip().endswith("</html>")
        assert not re.search(r"<(script|link|img|iframe)\b", output)
        return output
    return output


def check_language(fmt: str, lang: str, output: str) -> None:
    if fmt == "html":
        assert f'<html lang="{lang}">' in output
    elif fmt == "text":
        present, absent = WORDS[lang]
        assert present in output and absent not in output, output[-2000:]


@pytest.fixture
def invalid_project(tmp_path: Path) -> Path:
    project = tmp_path / "inputs"
    for folder in ("institutions", "programs"):
        shutil.copytree(INPUTS / folder, project / folder)
    (project / "cases" / "test").mkdir(parents=True)
    shutil.copy(DATA / "cases" / "om-too-few-days.yaml", project / "cases" / "test")
    return project


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_in_every_format(fmt: str, lang: str, invalid_project: Path) -> None:
    result = invoke("validate", invalid_project, "--format", fmt, "--lang", lang)
    assert result.exit_code == 1, result.output
    parsed = parse(fmt, result.output)
    check_language(fmt, lang, result.output)
    if fmt == "json":
        assert isinstance(parsed, dict) and parsed["passed"] is False and parsed["findings"][0]["message_id"]
    if fmt == "junit":
        assert isinstance(parsed, ET.Element) and parsed.get("failures") != "0"
    assert "working-days" in result.output


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_check_in_every_format(fmt: str, lang: str) -> None:
    result = invoke("check", REPORT, "--case", CASE, "--no-language", "--no-pages", "--format", fmt, "--lang", lang)
    assert result.exit_code == 1, result.output
    parsed = parse(fmt, result.output)
    check_language(fmt, lang, result.output)
    if fmt == "json":
        assert isinstance(parsed, dict) and parsed["sections"]["missing"]
        messages = [f["message"] for f in parsed["findings"]]
        assert any(("ontbreekt" if lang == "nl" else "missing") in m for m in messages), messages


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_render_in_every_format(fmt: str, lang: str, invalid_project: Path, tmp_path: Path) -> None:
    copy_sample_cases(invalid_project, "om-jana-peeters")  # renders; om-too-few-days is refused
    result = invoke("render", invalid_project / "cases", "--out", tmp_path / "out", "--jobs", "1",
                    "--no-progress", "--format", fmt, "--messages", lang)
    assert result.exit_code == 1, result.output  # one case renders, the invalid one fails
    document = result.output if fmt == "text" else result.output[result.output.index("<" if fmt != "json" else "{"):]
    parsed = parse(fmt, document)
    if fmt == "json":
        assert isinstance(parsed, dict)
        assert sorted(p["status"] for p in parsed["packs"]) == ["failed", "rendered"]
    check_language(fmt, lang, document)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_templates_lint_in_every_format(fmt: str, lang: str) -> None:
    result = invoke("templates", "lint", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    parse(fmt, result.output)
    if fmt == "html":
        assert f'<html lang="{lang}">' in result.output


@pytest.mark.integration
@pytest.mark.usefixtures("lt_server", "lt_env")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_languagetool_check_in_every_format(fmt: str, lang: str, tmp_path: Path) -> None:
    text = tmp_path / "verslag.txt"
    text.write_text("Hij vind het een leerrijke stage.\n", encoding="utf-8")
    result = invoke("languagetool", "check", text, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output  # a warning: without a program no language finding is an error
    document = result.output[result.output.index("<" if fmt in ("html", "junit") else "{" if fmt == "json" else ""):]
    parse(fmt, document)
    assert "NL_SIMPLE_REPLACE_HIJ_VIND" in document


def test_global_lang_and_environment_choose_the_language(invalid_project: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str | Path) -> str:
        return str(invoke(*args).output)

    assert "fout" in run("validate", invalid_project)
    monkeypatch.setenv("STAGEPIPE_LANG", "en")
    assert "error" in run("validate", invalid_project) and "fout" not in run("validate", invalid_project)
    assert "fout" in run("validate", invalid_project, "--lang", "nl")
    monkeypatch.delenv("STAGEPIPE_LANG")
    assert "error" in run("--lang", "en", "validate", invalid_project)
