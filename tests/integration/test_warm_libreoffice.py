"""The warm LibreOffice of the server's workers (pipeline.convert.warm): the same pages as a LibreOffice started for
the document, a fraction of the time, and a LibreOffice that died is started again for the next document."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.convert import warm
from pipeline.report import pages
from tests.helpers import INPUTS

REPORT = INPUTS / "reports" / "om-goed.docx"


@pytest.fixture()
def warm_office(own_cache: Path) -> Iterator[None]:
    if not warm.uno_available():
        pytest.fail("the system's python3 cannot import uno: install Debian's python3-uno (make system)",
                    pytrace=False)
    assert warm.keep_warm()
    try:
        yield
    finally:
        office = warm.running_office()
        if office is not None:
            office.close()
        warm._enabled, warm._office = False, None


@pytest.mark.usefixtures("warm_office")
def test_a_warm_libreoffice_gives_the_same_pages_and_is_started_again_when_it_died() -> None:
    warm._enabled = False
    cold = pages.pdf_page_texts(REPORT)
    warm._enabled = True
    started = time.monotonic()
    assert pages.pdf_page_texts(REPORT) == cold
    first = time.monotonic() - started
    started = time.monotonic()
    assert pages.pdf_page_texts(REPORT) == cold
    assert time.monotonic() - started < max(first, 1.5)  # no LibreOffice started for the second document
    office = warm.running_office()
    assert office is not None
    os.killpg(office.office.pid, signal.SIGKILL)
    office.office.wait(10)
    assert pages.pdf_page_texts(REPORT) == cold  # this one the cold way or by a new warm LibreOffice
    assert warm.running_office() is not office
