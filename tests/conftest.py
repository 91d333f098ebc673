"""Fixtures for every layer: a throw-away copy of the sample programs and institutions, and a real LanguageTool server.

LanguageTool: one real server from the Maven jars (tools/languagetool/lib/), started once per session in a cache
folder of its own (never the user's), and stopped at the end. Missing jars fail the tests, they are not skipped.
Shared helpers (paths, the CLI, DOCX text) are in tests/helpers.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import language_tool_python.download_lt
import pytest

from pipeline.language import ENV_URL, server
from pipeline.language.errors import LanguageToolError
from tests.helpers import INPUTS

# a warm LibreOffice a test's `stagepipe check` started (pipeline.convert.office) dies with this test run, and stops by
# itself a minute after its last document (not the quarter of an hour a student's gets): no test leaves one behind
os.environ.setdefault("STAGEPIPE_OFFICE_OWNER", str(os.getpid()))
os.environ.setdefault("STAGEPIPE_OFFICE_IDLE", "60")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/inputs with the sample institutions and programs and an empty cohort folder cases/test/."""
    root = tmp_path / "inputs"
    shutil.copytree(INPUTS / "institutions", root / "institutions")
    shutil.copytree(INPUTS / "programs", root / "programs")
    (root / "cases" / "test").mkdir(parents=True)
    return root


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (LanguageTool state, deduce and LibreOffice caches), no configured server."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("STAGEPIPE_CACHE", str(cache))
    monkeypatch.delenv(ENV_URL, raising=False)
    return cache


def _refuse_download(*args: object, **kwargs: object) -> None:
    raise AssertionError("language_tool_python tried to download LanguageTool; stagepipe only uses remote_server")


def use_lt_cache(patch: pytest.MonkeyPatch, cache: Path) -> None:
    """The test's LanguageTool environment: its own cache folder, no configured URL, downloads refused."""
    patch.setenv("STAGEPIPE_CACHE", str(cache))
    patch.delenv(ENV_URL, raising=False)
    patch.setattr(language_tool_python.download_lt.LocalLanguageTool, "download", _refuse_download)


@pytest.fixture(scope="session")
def lt_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lt-cache")


@pytest.fixture()
def lt_env(lt_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the CLI (also in a subprocess) and open_checker at the session's server (use with lt_server)."""
    use_lt_cache(monkeypatch, lt_cache)


@pytest.fixture(scope="session")
def lt_server(lt_cache: Path) -> Iterator[server.ServerState]:
    """The real LanguageTool server, started once for the session."""
    with pytest.MonkeyPatch.context() as patch:
        use_lt_cache(patch, lt_cache)
        try:
            server.jar_version()
            state = server.ensure_server().state
        except LanguageToolError as e:
            pytest.fail(f"LanguageTool server could not start: {e}. Run 'make languagetool' first.", pytrace=False)
    yield state
    with pytest.MonkeyPatch.context() as patch:
        use_lt_cache(patch, lt_cache)
        server.stop()
