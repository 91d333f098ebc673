"""The local LanguageTool server's bookkeeping, in this process: jars, state file, lock, and the `languagetool`
commands that stop before any server is needed. (With real processes:
tests/integration/test_language_server_processes.py.)"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pipeline.language import server
from pipeline.language.errors import LanguageToolNotInstalled, LanguageToolUnavailable
from tests.helpers import invoke, server_state


def test_missing_jars_say_run_make_languagetool(tmp_path: Path) -> None:
    with pytest.raises(LanguageToolNotInstalled) as caught:
        server.jar_version(tmp_path / "nowhere")
    assert "make languagetool" in str(caught.value)


def test_jar_version_comes_from_the_server_jar(tmp_path: Path) -> None:
    (tmp_path / "languagetool-core-6.8.jar").touch()
    (tmp_path / "languagetool-server-6.8.jar").touch()
    assert server.jar_version(tmp_path) == "6.8"


def test_state_file_round_trip_and_corrupt_file(own_cache: Path) -> None:
    assert server.read_state() is None
    server._write_state(server_state(1234))
    assert server.read_state() == server_state(1234)
    (own_cache / "languagetool" / "server.json").write_text("{not json")
    assert server.read_state() is None


def test_lock_is_exclusive_and_bounded() -> None:
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with server._locked(5):
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert entered.wait(5)
        with pytest.raises(LanguageToolUnavailable) as caught, server._locked(0.5):
            pass
        assert caught.value.key == "lt.lock-timeout"
    finally:
        release.set()
        holder.join(10)
    with server._locked(1):  # free again
        pass


def test_status_without_a_server_exits_1() -> None:
    result = invoke("languagetool", "status")
    assert result.exit_code == 1
    assert "draait niet" in result.output


def test_cli_check_missing_file_exits_2(tmp_path: Path) -> None:
    result = invoke("languagetool", "check", tmp_path / "weg.txt")
    assert result.exit_code == 2
    assert "pad bestaat niet" in result.output


def test_cli_check_non_utf8_file_exits_2(tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_bytes("café".encode("latin-1"))
    result = invoke("languagetool", "check", report)
    assert result.exit_code == 2
    assert "geen geldige UTF-8-tekst (byte 3)" in result.output


def test_cli_check_bad_server_url_exits_2(tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_text("Goed zo.", encoding="utf-8")
    result = invoke("languagetool", "check", report, "--server", "ftp://x")
    assert result.exit_code == 2
    assert "ongeldige LanguageTool-URL" in result.output


@pytest.mark.parametrize("args", [[], ["start"], ["stop"], ["status"], ["check"]])
def test_help_everywhere(args: list[str]) -> None:
    result = invoke("languagetool", *args, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
