"""The local LanguageTool server's bookkeeping with real processes, without starting LanguageTool: the Java version
from a stand-in `java` on PATH or JAVA_HOME, server state left behind by a process that has exited, and whether
ensure_server reuses a server or restarts it when our rules jar changed (processes stood in for)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.language import rules, server
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


# --- restarted when the rules change ------------------------------------------------------------------------------


def _xml(tmp_path: Path, n: int = 1) -> Path:
    path = tmp_path / "grammar_custom.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<rules lang="nl"><!-- {n} --></rules>\n', encoding="utf-8")
    return path


def _lib(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir(parents=True)
    (lib / "languagetool-server-6.8.jar").write_bytes(b"server" * 100)
    return lib


class _Calls:
    def __init__(self) -> None:
        self.terminated: list[int] = []
        self.started = 0


def _fake_processes(monkeypatch: pytest.MonkeyPatch, state: server.ServerState, calls: _Calls) -> None:
    monkeypatch.setattr(server, "running", lambda: state if not calls.terminated else None)
    monkeypatch.setattr(server, "read_state", lambda: state if not calls.terminated else None)
    monkeypatch.setattr(server, "is_alive", lambda s: not calls.terminated)
    monkeypatch.setattr(server, "answers", lambda url, timeout=5.0: True)

    def terminate(s: server.ServerState, timeout: float) -> bool:
        calls.terminated.append(s.pid)
        return True

    def start(timeout: float, heap: str, lib: Path) -> server.StartResult:
        calls.started += 1
        new = server.ServerState(pid=5678, port=8100, started=1.0, version="6.8", lib=str(lib), java="java",
                                 heap=heap, fingerprint=server.lib_fingerprint(lib))  # fmt: skip
        return server.StartResult(new, reused=False, seconds=1.0)

    monkeypatch.setattr(server, "_terminate", terminate)
    monkeypatch.setattr(server, "_start", start)


def test_a_server_with_the_current_rules_is_reused(own_cache: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lib = _lib(tmp_path)
    rules.build_rules_jar(lib, _xml(tmp_path))
    state = server.ServerState(**{**server_state(1234).__dict__, "fingerprint": server.lib_fingerprint(lib)})
    calls = _Calls()
    _fake_processes(monkeypatch, state, calls)
    result = server.ensure_server(lib=lib)
    assert result.reused and result.state.pid == 1234 and result.replaced is None
    assert calls.terminated == [] and calls.started == 0


def test_a_server_with_older_rules_is_restarted(own_cache: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    lib = _lib(tmp_path)
    xml = _xml(tmp_path)
    rules.build_rules_jar(lib, xml)
    state = server.ServerState(**{**server_state(1234).__dict__, "fingerprint": server.lib_fingerprint(lib)})
    _xml(tmp_path, 2)
    rules.build_rules_jar(lib, xml)  # `make languagetool` after a change of the rules
    calls = _Calls()
    _fake_processes(monkeypatch, state, calls)
    result = server.ensure_server(lib=lib)
    assert calls.terminated == [1234] and calls.started == 1
    assert not result.reused and result.replaced == 1234 and result.state.pid == 5678
    assert result.state.fingerprint == server.lib_fingerprint(lib)
