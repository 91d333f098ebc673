"""The warm LibreOffice (pipeline.convert.office, the one of `stagepipe check`, cohort jobs and the server's workers)
against the real one: the same pages as the cold path on every sample, reused across checks, started again when it
died and after N documents, the cold path when it fails, stopped on request, dying with its owner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.convert.libreoffice import ConversionFailed
from pipeline.convert.office import Office, available
from pipeline.report.pages import pdf_page_texts
from tests import pdf_files as pf
from tests import report_files as rf
from tests.helpers import INPUTS


def test_a_warm_office_can_run_here() -> None:
    """`make test` installs LibreOffice and python3-uno (make system): without them this layer fails, never skips."""
    assert available(), "needs LibreOffice and python3-uno (make system), and STAGEPIPE_WARM_OFFICE not switched off"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path / "cache"))
    warm = Office(3, max_documents=3)
    try:
        yield warm
    finally:
        warm.stop()


def samples(tmp_path: Path) -> list[Path]:
    built = [rf.full_report(tmp_path / "volledig.docx"), pf.styled_report(tmp_path / "stijlen.docx"),
             pf.manual_report(tmp_path / "handmatig.docx")]
    return sorted(INPUTS.joinpath("reports").glob("*.docx")) + built


def test_the_same_pages_as_the_cold_path_on_every_sample(office: Office, tmp_path: Path) -> None:
    for sample in samples(tmp_path):
        cold = pdf_page_texts(sample)
        warm = pdf_page_texts(sample, office=office)
        assert len(warm) == len(cold), sample.name
        assert [len(page.split()) for page in warm] == [len(page.split()) for page in cold], sample.name
    assert office.starts >= 1


def test_reused_then_started_again_after_max_documents(office: Office, tmp_path: Path) -> None:
    report = rf.full_report(tmp_path / "v.docx")
    pids = []
    for n in range(4):
        office.convert(report, tmp_path / f"v{n}.pdf", timeout=60)
        state = office.running()
        assert state is not None
        pids.append(state.pid)
    assert pids[0] == pids[1] == pids[2] != pids[3]  # max_documents=3: the fourth document gets a fresh office
    assert office.starts == 2


def test_started_again_when_it_died(office: Office, tmp_path: Path) -> None:
    report = rf.full_report(tmp_path / "v.docx")
    office.convert(report, tmp_path / "a.pdf", timeout=60)
    state = office.running()
    assert state is not None
    os.killpg(state.pid, signal.SIGKILL)  # LibreOffice and its bridge, as a crash would end them
    time.sleep(0.2)
    office.convert(report, tmp_path / "b.pdf", timeout=60)
    again = office.running()
    assert again is not None and again.pid != state.pid and office.starts == 2


def test_stop_ends_it_and_nothing_is_written_next_to_the_report(office: Office, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report = rf.full_report(folder / "v.docx")
    office.convert(report, tmp_path / "v.pdf", timeout=60)
    assert sorted(p.name for p in folder.iterdir()) == ["v.docx"]
    assert office.stop() and office.running() is None and not office.stop()


def test_the_cold_path_when_the_warm_office_fails(office: Office, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    report = rf.full_report(tmp_path / "v.docx")
    cold = pdf_page_texts(report)

    def broken(*args: object, **kwargs: object) -> Path:
        raise ConversionFailed("LibreOffice died")

    monkeypatch.setattr(office, "convert", broken)
    assert pdf_page_texts(report, office=office) == cold


def test_claimed_slots_differ_and_the_office_dies_with_its_owner(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path / "cache"))
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    first, second = Office.claim(owner=owner.pid), Office.claim(owner=owner.pid)
    try:
        assert first.slot != second.slot and 0 not in (first.slot, second.slot)
        first.convert(rf.full_report(tmp_path / "v.docx"), tmp_path / "v.pdf", timeout=60)
        state = first.running()
        assert state is not None and state.owner == owner.pid
        assert Office(first.slot).ensure().pid != state.pid  # another owner never takes it over
        state = first.ensure()
    finally:
        owner.kill()
        owner.wait()
    deadline = time.monotonic() + 10
    while first.running() is not None or _exists(state.pid):
        assert time.monotonic() < deadline, "the office outlived its owner"
        time.sleep(0.2)
    for office in (first, second):
        office.release()


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
