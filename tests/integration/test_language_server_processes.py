"""The local LanguageTool server's bookkeeping with real processes, without starting LanguageTool: the Java version
from a stand-in `java` on PATH or JAVA_HOME, and server state left behind by a process that has exited."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.language import server
from pipeline.language.errors import LanguageToolNotInstalled
from tests.helpers import server_state

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("own_cache")]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


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


def test_dead_or_foreign_pid_is_not_our_server() -> None:
    assert not server.is_alive(server_state(_dead_pid()))
    assert not server.is_alive(server_state(os.getpid()))  # alive, but not a LanguageTool server: a reused pid


def test_stale_state_is_cleaned_up() -> None:
    server._write_state(server_state(_dead_pid()))
    server.cleanup_stale()
    assert server.read_state() is None


def test_stop_without_a_server_removes_stale_state() -> None:
    assert server.stop() is None
    server._write_state(server_state(_dead_pid()))
    assert server.stop() is None
    assert server.read_state() is None
