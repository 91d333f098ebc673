"""The unit layer runs in this process only: no subprocess (no CLI, LibreOffice or LanguageTool), no deduce model.

A unit test that tries, in its body or in any fixture it uses (session fixtures too), fails with a message saying
where it belongs; so does a unit test marked `integration`. Forking our own code (the report reader's sandbox) is
allowed: it starts no other program. Each test also gets a cache folder of its own and no configured LanguageTool
URL, so it cannot reach a server that another run left behind.
"""

from __future__ import annotations

import subprocess
from collections.abc import Generator
from contextlib import ExitStack
from pathlib import Path
from typing import NoReturn

import pytest

from pipeline.report import deid

WHERE = "tests/acceptance (the real CLI) or tests/integration (a real external component)"
_GUARD = pytest.StashKey[ExitStack]()


class _NoSubprocess(subprocess.Popen):  # type: ignore[type-arg]
    def __init__(self, args: object, *rest: object, **kwargs: object) -> None:
        pytest.fail(f"a unit test started a subprocess ({args!r}): move it to {WHERE}", pytrace=False)


def _no_deduce() -> NoReturn:
    pytest.fail(f"a unit test loaded deduce's model: replace it (see test_report_anonymity.py) or move it to {WHERE}",
                pytrace=False)


# runtest hooks of this conftest run only for the items below tests/unit; the guard holds from the start of the
# item's setup (its fixtures, of any scope) to the end of its teardown, under whatever its fixtures patch
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    if item.get_closest_marker("integration"):
        pytest.fail(f"{item.nodeid} is marked integration: it belongs in tests/integration", pytrace=False)
    guard = item.stash[_GUARD] = ExitStack()
    patch = guard.enter_context(pytest.MonkeyPatch.context())
    patch.setattr(subprocess, "Popen", _NoSubprocess)
    patch.setattr(deid, "model", _no_deduce)  # also when another layer built the model earlier in this process
    patch.setattr(deid, "_import_deduce", _no_deduce)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    finally:
        if _GUARD in item.stash:
            item.stash[_GUARD].close()


@pytest.fixture(autouse=True)
def unit_cache(own_cache: Path) -> Path:
    """Every unit test has a cache folder of its own and no configured LanguageTool server."""
    return own_cache
