"""Fixtures for tests against real external components.

LanguageTool: one real server from the Maven jars (tools/languagetool/lib/), started once per session in a cache
folder of its own (never the user's), and stopped at the end. Missing jars fail the tests, they are not skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import language_tool_python.download_lt
import pytest

from pipeline.language import ENV_URL, server
from pipeline.language.errors import LanguageToolError


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
    """Point the CLI and open_checker at the session's server (use with pytest.mark.usefixtures)."""
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
