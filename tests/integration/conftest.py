"""Fixtures for tests against real external components.

LanguageTool: one real server from the Maven jars (tools/languagetool/lib/), started once per session in a cache
folder of its own (never the user's), and stopped at the end. Missing jars fail the tests, they are not skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import language_tool_python.download_lt
import pytest

from pipeline.language import ENV_URL, server
from pipeline.language.errors import LanguageToolError


def _refuse_download(*args: object, **kwargs: object) -> None:
    raise AssertionError("language_tool_python tried to download LanguageTool; stagepipe only uses remote_server")


@pytest.fixture(scope="session")
def lt_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """STAGEPIPE_CACHE for the whole session; no configured LanguageTool URL; downloads refused."""
    path = tmp_path_factory.mktemp("lt-cache")
    saved = {k: os.environ.get(k) for k in ("STAGEPIPE_CACHE", ENV_URL)}
    os.environ["STAGEPIPE_CACHE"] = str(path)
    os.environ.pop(ENV_URL, None)
    patch = pytest.MonkeyPatch()
    patch.setattr(language_tool_python.download_lt.LocalLanguageTool, "download", _refuse_download)
    yield path
    patch.undo()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def lt_server(lt_cache: Path) -> Iterator[server.ServerState]:
    """The real LanguageTool server, started once for the session."""
    try:
        server.jar_version()
        result = server.ensure_server()
    except LanguageToolError as e:
        pytest.fail(f"LanguageTool server could not start: {e}. Run 'make languagetool' first.", pytrace=False)
    yield result.state
    server.stop()
