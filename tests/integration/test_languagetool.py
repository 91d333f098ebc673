"""LanguageTool against the real server from the pinned Maven jars: findings, dt regressions, CLI, lifecycle."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
import yaml

from pipeline.findings import Location, Severity
from pipeline.language import ENV_URL, LanguageChecker, LanguageToolUnavailable, Paragraph, open_checker, server
from pipeline.language.categories import load_category_map
from tests.helpers import DATA, invoke, suggestions

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("lt_env")]

DT_SENTENCES: dict[str, Any] = yaml.safe_load((DATA / "language" / "dt_sentences.yaml").read_text(encoding="utf-8"))
CORRECT_PARAGRAPH = (
    "Tijdens de stage heb ik veel bijgeleerd over de werking van een praktijk voor gezelschapsdieren. "
    "De dierenarts gaf me elke dag nieuwe opdrachten en ik kreeg de kans om zelf consultaties voor te bereiden. "
    "Op het einde van de week bespraken we samen wat goed ging en wat beter kon."
)


@pytest.fixture(scope="module")
def checker(lt_server: server.ServerState) -> Any:
    with LanguageChecker(lt_server.url, managed=True) as c:
        yield c


def _long_dutch_text(chars: int) -> str:
    paragraphs: list[str] = []
    week = 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        week += 1
        paragraphs.append(
            f"In week {week} van de stage besprak ik met mijn mentor de planning voor dag {week * 5}. "
            f"We overliepen samen {week + 2} dossiers en ik noteerde de afspraken in het logboek. "
            f"Daarna bereidde ik {week % 7 + 1} consultaties voor, zodat het team goed voorbereid was."
        )
    return "\n\n".join(paragraphs)


# --- the cases named in the issue -----------------------------------------------------------------------------


def test_hij_vind_is_a_dt_error(checker: LanguageChecker) -> None:
    findings = checker.check_text("Hij vind het een leerrijke stage.")
    assert [(f.category, f.text, f.location.offset, f.location.length) for f in findings] == [("dt", "Hij vind", 0, 8)]
    f = findings[0]
    assert f.check == "language" and f.severity is Severity.WARNING  # without a program nothing fails a report
    assert "bedoelt u" in str(f.message)  # LanguageTool's own Dutch message
    # the hint says which rule applies, then the correction
    assert str(f.hint).startswith("Regel: staat het onderwerp") and str(f.hint).endswith("Verbetering: Hij vindt")


def test_onmiddelijk_is_a_spelling_error(checker: LanguageChecker) -> None:
    findings = checker.check_text("Ik heb dat onmiddelijk gedaan.")
    assert [(f.category, f.text, f.location.column) for f in findings] == [("spelling", "onmiddelijk", 12)]
    assert findings[0].hint is not None and findings[0].hint.startswith("onmiddellijk")


def test_correct_dutch_paragraph_has_no_findings(checker: LanguageChecker) -> None:
    assert checker.check_text(CORRECT_PARAGRAPH) == []


def test_leerrijk_is_style_advice_not_a_spelling_error(checker: LanguageChecker) -> None:
    [finding] = checker.check_text("Mijn stage was heel leerrijk.")
    assert (finding.rule, finding.category, finding.severity) == ("NL_SIMPLE_REPLACE_LEERRIJK", "style", Severity.INFO)


# --- dt regressions and known gaps ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", DT_SENTENCES["wrong"], ids=lambda c: c["sentence"])
def test_dt_regression_sentence_is_flagged(checker: LanguageChecker, case: dict[str, str]) -> None:
    findings = checker.check_text(case["sentence"])
    dt = [f for f in findings if f.category == "dt"]
    assert [f.text for f in dt] == [case["text"]], findings
    assert case["fix"] in suggestions(dt[0])
    assert case.get("rule", dt[0].rule) == dt[0].rule


@pytest.mark.parametrize("sentence", DT_SENTENCES["correct"])
def test_correct_dt_sentence_has_no_findings(checker: LanguageChecker, sentence: str) -> None:
    assert checker.check_text(sentence) == []


@pytest.mark.parametrize("gap", load_category_map().known_gaps, ids=lambda g: g.text)
def test_known_dt_gap_is_still_missed(checker: LanguageChecker, gap: Any) -> None:
    # LanguageTool 6.8 misses these d/t errors (pipeline/language/data/dt_rules.yaml, known_gaps). When this fails,
    # an upgrade catches one: move it to tests/data/language/dt_sentences.yaml.
    assert [f for f in checker.check_text(gap.text) if f.category == "dt"] == []
    assert checker.check_text(gap.correct) == []


# --- paragraphs, chunking, program word lists and ignore lists ---------------------------------------------------


def test_paragraph_findings_keep_their_location_and_offset(checker: LanguageChecker) -> None:
    paragraphs = [
        Paragraph(CORRECT_PARAGRAPH, Location(file="verslag.docx", page=1, paragraph=0)),
        Paragraph("Mijn mentor was tevreden. Hij vind het een leerrijke stage.", Location(page=2, paragraph=7)),
        Paragraph("Ik heb dat onmiddelijk gedaan.", Location(page=3, paragraph=9)),
    ]
    findings = checker.check_paragraphs(paragraphs)
    got = [(f.category, f.location.page, f.location.paragraph, f.location.offset, f.text) for f in findings]
    assert got == [("dt", 2, 7, 26, "Hij vind"), ("spelling", 3, 9, 11, "onmiddelijk")]


def test_small_requests_give_the_same_findings_as_one(lt_server: server.ServerState) -> None:
    text = (
        _long_dutch_text(3000)
        + "\n\nHij vind dat goed.\n\n"
        + _long_dutch_text(1500)
        + "\n\nIk heb dat onmiddelijk gedaan."
    )
    with LanguageChecker(lt_server.url) as whole, LanguageChecker(lt_server.url, max_chars=700) as chunked:
        one = [(f.category, f.location.line, f.location.column, f.text) for f in whole.check_text(text)]
        many = [(f.category, f.location.line, f.location.column, f.text) for f in chunked.check_text(text)]
    assert one == many
    assert [c for c, *_ in one] == ["dt", "spelling"]


def test_program_words_are_accepted(lt_server: server.ServerState) -> None:
    sentence = "De opleiding Organisatie en Management heeft een traject Events4Business."
    with LanguageChecker(lt_server.url) as plain:
        assert [f.text for f in plain.check_text(sentence)] == ["Events4Business"]
    with LanguageChecker(lt_server.url, words=["events4business"]) as with_words:
        assert with_words.check_text(sentence) == []


def test_program_ignore_rules_drop_matches(lt_server: server.ServerState) -> None:
    text = "Hij vind het een leerrijke stage. Ik heb dat onmiddelijk gedaan."
    with LanguageChecker(lt_server.url, ignore_rules=["MORFOLOGIK_RULE_NL_NL", "NL_SIMPLE_REPLACE_*"]) as c:
        assert c.check_text(text) == []


def test_server_has_dutch_english_and_french(lt_server: server.ServerState) -> None:
    with server._open(lt_server.url, "v2/languages", None, 10) as response:
        codes = {e["longCode"] for e in json.load(response)}
    assert {"nl-BE", "nl-NL", "en-GB", "en-US", "fr"} <= codes


def test_server_listens_on_loopback_only(lt_server: server.ServerState) -> None:
    listening = [c.laddr for c in psutil.Process(lt_server.pid).net_connections("inet") if c.status == "LISTEN"]
    assert listening and all(addr.ip == "127.0.0.1" for addr in listening)


def test_configured_url_is_used_instead_of_a_local_server(
    lt_server: server.ServerState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path))  # no local server here
    monkeypatch.setenv(ENV_URL, lt_server.url + "/v2/")
    with open_checker() as c:
        assert c.url == lt_server.url and c.started is None and not c.managed
        assert [f.category for f in c.check_text("Hij vind het goed.")] == ["dt"]
    assert server.read_state() is None  # nothing was started


# --- CLI ------------------------------------------------------------------------------------------------------


def test_cli_check_text_output(lt_server: server.ServerState, tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_text("Mijn stage was boeiend.\n\nHij vind het een leerrijke stage.\nIk heb dat onmiddelijk gedaan.\n")
    result = invoke("languagetool", "check", report)
    assert result.exit_code == 0, result.output  # warnings: without a program no language finding is an error
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{report}:3:1: dt NL_SIMPLE_REPLACE_HIJ_VIND: ")
    assert lines[0].endswith("Verbetering: Hij vindt)")  # the rule that applies, then the correction
    assert lines[1].startswith(f"{report}:4:12: spelling MORFOLOGIK_RULE_NL_NL: ")
    assert "2 taalopmerking(en) (1 dt, 1 spelling)" in lines[2]


def test_cli_check_json_output(lt_server: server.ServerState, tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_text("Hij vind het een leerrijke stage.\n", encoding="utf-8")
    result = invoke("languagetool", "check", report, "--format", "json", "--language", "nl-BE")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["file"] == str(report) and out["language"] == "nl-BE" and out["passed"] is True
    assert out["summary"] == {"errors": 0, "warnings": 1, "infos": 0}
    [finding] = out["findings"]
    assert finding["category"] == "dt" and finding["rule"] == "NL_SIMPLE_REPLACE_HIJ_VIND"
    assert finding["severity"] == "warning"
    assert finding["location"] == {"file": str(report), "line": 1, "column": 1, "offset": 0, "length": 8}


def test_cli_check_correct_file_passes(lt_server: server.ServerState, tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_text(CORRECT_PARAGRAPH, encoding="utf-8")
    result = invoke("languagetool", "check", report, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["passed"] is True


def test_cli_start_reuses_the_running_server(lt_server: server.ServerState) -> None:
    result = invoke("languagetool", "start")
    assert result.exit_code == 0, result.output
    assert "hergebruikt" in result.output and f"pid {lt_server.pid}" in result.output
    status = invoke("languagetool", "status", "--format", "json")
    assert status.exit_code == 0
    assert json.loads(status.output)["local"]["pid"] == lt_server.pid


# --- a server that dies mid-run ---------------------------------------------------------------------------------


def test_server_killed_mid_run_gives_a_clear_error(
    lt_server: server.ServerState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path))  # a second server, just for this test
    # Two CLI calls at once start one server: one says "gestart", the other waits and reuses it.
    command = [sys.executable, "-m", "pipeline", "languagetool", "start"]
    calls = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=server.START_TIMEOUT + 60)[0] for p in calls]
    assert [p.returncode for p in calls] == [0, 0], outputs
    state = server.read_state()
    assert state is not None and state.pid != lt_server.pid
    assert sorted("gestart" in out for out in outputs) == [False, True], outputs
    assert sorted("hergebruikt" in out for out in outputs) == [False, True], outputs
    assert all(f"pid {state.pid}" in out for out in outputs)

    text = _long_dutch_text(100_000)  # five requests: several seconds of work
    killer = threading.Timer(1.5, psutil.Process(state.pid).kill)
    began = time.monotonic()
    killer.start()
    try:
        with open_checker(timeout=30) as c, pytest.raises(LanguageToolUnavailable) as caught:
            c.check_text(text)
    finally:
        killer.cancel()
    assert time.monotonic() - began < 60
    assert caught.value.key == "lt.died"
    assert "antwoordt niet meer" in str(caught.value) and state.url in str(caught.value)

    status = invoke("languagetool", "status")
    assert status.exit_code == 1 and "draait niet" in status.output
    assert server.read_state() is None  # the stale state file was cleaned up
    dead = invoke("languagetool", "check", "--server", state.url, __file__)
    assert dead.exit_code == 2
    assert "niet bereikbaar" in dead.output


# --- last: stop the session server through the CLI --------------------------------------------------------------


def test_cli_stop_stops_the_server(lt_server: server.ServerState) -> None:
    result = invoke("languagetool", "stop")
    assert result.exit_code == 0 and f"pid {lt_server.pid}" in result.output, result.output
    assert not server.is_alive(lt_server)
    assert invoke("languagetool", "status").exit_code == 1
    assert "draait niet" in invoke("languagetool", "stop").output
