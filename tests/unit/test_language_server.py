"""The local LanguageTool server's bookkeeping, without starting Java: jars, Java version, state file, lock."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.language import server
from pipeline.language.errors import LanguageToolNotInstalled, LanguageToolUnavailable


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("STAGEPIPE_LANGUAGETOOL_URL", raising=False)
    return tmp_path / "cache"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _state(pid: int, port: int = 8099) -> server.ServerState:
    return server.ServerState(pid=pid, port=port, started=0.0, version="6.8", lib="lib", java="java", heap="1g")


def test_missing_jars_say_run_make_languagetool(tmp_path: Path) -> None:
    with pytest.raises(LanguageToolNotInstalled) as caught:
        server.jar_version(tmp_path / "nowhere")
    assert "make languagetool" in str(caught.value)


def test_jar_version_comes_from_the_server_jar(tmp_path: Path) -> None:
    (tmp_path / "languagetool-core-6.8.jar").touch()
    (tmp_path / "languagetool-server-6.8.jar").touch()
    assert server.jar_version(tmp_path) == "6.8"


def _fake_java(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    java = folder / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2021-01-01' >&2\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return java


def test_java_older_than_17_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_java(tmp_path / "bin", "11.0.2")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(LanguageToolNotInstalled) as caught:
        server.find_java()
    assert "Java 17" in str(caught.value) and "version 11" in str(caught.value)


def test_java_home_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    java = _fake_java(tmp_path / "jdk" / "bin", "17.0.15")
    _fake_java(tmp_path / "bin", "1.8.0_292")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    assert server.find_java() == str(java)
    assert server._java_major(str(tmp_path / "bin" / "java")) == 8


def test_state_file_round_trip_and_corrupt_file(own_cache: Path) -> None:
    assert server.read_state() is None
    server._write_state(_state(1234))
    assert server.read_state() == _state(1234)
    (own_cache / "languagetool" / "server.json").write_text("{not json")
    assert server.read_state() is None


def test_dead_or_foreign_pid_is_not_our_server() -> None:
    assert not server.is_alive(_state(_dead_pid()))
    assert not server.is_alive(_state(os.getpid()))  # alive, but not a LanguageTool server: a reused pid


def test_stale_state_is_cleaned_up(own_cache: Path) -> None:
    server._write_state(_state(_dead_pid()))
    server.cleanup_stale()
    assert server.read_state() is None


def test_stop_without_a_server_removes_stale_state() -> None:
    assert server.stop() is None
    server._write_state(_state(_dead_pid()))
    assert server.stop() is None
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
    result = CliRunner().invoke(main, ["languagetool", "status"])
    assert result.exit_code == 1
    assert "draait niet" in result.output


def test_cli_check_missing_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["languagetool", "check", str(tmp_path / "weg.txt")])
    assert result.exit_code == 2
    assert "pad bestaat niet" in result.output


def test_cli_check_non_utf8_file_exits_2(tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_bytes("café".encode("latin-1"))
    result = CliRunner().invoke(main, ["languagetool", "check", str(report)])
    assert result.exit_code == 2
    assert "geen geldige UTF-8-tekst (byte 3)" in result.output


def test_cli_check_bad_server_url_exits_2(tmp_path: Path) -> None:
    report = tmp_path / "verslag.txt"
    report.write_text("Goed zo.", encoding="utf-8")
    result = CliRunner().invoke(main, ["languagetool", "check", str(report), "--server", "ftp://x"])
    assert result.exit_code == 2
    assert "ongeldige LanguageTool-URL" in result.output


@pytest.mark.parametrize("args", [[], ["start"], ["stop"], ["status"], ["check"]])
def test_help_everywhere(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["languagetool", *args, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
