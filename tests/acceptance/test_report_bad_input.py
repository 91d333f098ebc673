"""Hostile and broken reports: each gives its own clear error (message key, exit code) in bounded time, never a hang,
a crash or an exhausted machine. The CLI is not wired yet, so these call read_report, the function it will call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pipeline.report.readers as readers
from pipeline.messages import msg
from pipeline.report.errors import ReportError
from pipeline.report.readers import read_report, safety
from pipeline.report.readers.sandbox import GIB, ChildFailed, LimitExceeded, run_limited
from tests import helpers
from tests import report_files as rf
from tests.helpers import READ_SECONDS, ROOT
from tests.pdf_files import H, body, image_pdf, page, text_pdf


def refused(path: Path) -> ReportError:
    """The ReportError read_report raises for ``path``, checking it came quickly."""
    error = helpers.refused(read_report, path)
    assert error.message("nl") and error.message("en")  # both languages have the message
    return error


def _text_as_docx(p: Path) -> Path:
    p.write_text("Dit is gewoon tekst, met de verkeerde extensie.", encoding="utf-8")
    return p


def _plain_zip(p: Path) -> Path:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("foto.jpg", b"\xff\xd8\xff")
    return p


def _utf16_dtd(p: Path) -> Path:
    def to_utf16(xml: bytes) -> bytes:
        text = xml.decode("utf-8").replace("UTF-8", "UTF-16")
        body = text.split("?>", 1)
        return ("\ufeff" + body[0] + '?>\n<!DOCTYPE w:document [<!ENTITY x "x">]>' + body[1]).encode("utf-16-le")
    return rf.with_document_xml(p, to_utf16)


def _utf7(p: Path) -> Path:
    return rf.with_document_xml(p, lambda xml: xml.replace(b"encoding='UTF-8'", b"encoding='UTF-7'")
                                .replace(b'encoding="UTF-8"', b'encoding="UTF-7"'))


def _many_entries(p: Path) -> Path:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", b"<w:document/>")
        for i in range(5001):
            z.writestr(f"word/media/{i}.bin", b"")
    return p


def _junk(p: Path) -> Path:
    p.write_bytes(bytes(range(256)) * 8)
    return p


def _latin1_txt(p: Path) -> Path:
    p.write_bytes("Verslag van de stage in Leuven, één week".encode("latin-1"))
    return p


def _rtf(p: Path) -> Path:
    p.write_bytes(b"{\\rtf1\\ansi Stageverslag}")
    return p


def _docm(p: Path) -> Path:
    source = rf.simple_docx(p.with_name("bron.docx"), "Tekst")
    with zipfile.ZipFile(source) as z:
        types = z.read("[Content_Types].xml")
    return rf.rewrite_zip(source, p, {"[Content_Types].xml": types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")})


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("renamed.docx", _text_as_docx, "read.not-docx"),
    ("oud.doc", rf.ole_doc, "read.doc-format"),
    ("oud-hernoemd.docx", rf.ole_doc, "read.doc-format"),
    ("wachtwoord.docx", rf.encrypted_ooxml, "read.encrypted"),
    ("versleuteld.docx", rf.encrypted_zip_entry, "read.encrypted"),
    ("werkmap.docx", rf.xlsx_like, "read.not-word-xlsx"),
    ("libreoffice.docx", rf.odt_like, "read.not-word-odf"),
    ("fotos.docx", _plain_zip, "read.not-word-zip"),
    ("bom.docx", rf.zip_bomb, "read.zip-ratio"),
    ("veel.docx", _many_entries, "read.zip-entries"),
    ("lachjes.docx", rf.billion_laughs_docx, "read.xml-dtd"),
    ("xxe.docx", rf.xxe_docx, "read.xml-dtd"),
    ("utf16.docx", _utf16_dtd, "read.xml-dtd"),
    ("utf7.docx", _utf7, "read.xml-encoding"),
    ("half.docx", rf.truncated_docx, "read.zip-corrupt"),
    ("crc.docx", rf.bad_crc_docx, "read.zip-corrupt"),
    ("leeg.docx", rf.empty_docx, "read.empty"),
    ("macro.docm", _docm, "read.docx-type"),
    ("ruis.bin", _junk, "read.unknown-format"),
    ("ruis.pdf", _junk, "read.not-pdf"),
    ("latin1.txt", _latin1_txt, "read.not-utf8"),
    ("verslag.rtf", _rtf, "read.rtf"),
]


@pytest.mark.parametrize("name, build, key", CASES, ids=[c[0] for c in CASES])
def test_bad_report_is_refused_with_its_own_message(tmp_path: Path, name: str, build: Callable[[Path], Path],
                                                    key: str) -> None:
    error = refused(build(tmp_path / name))
    assert (error.key, error.exit_code) == (key, 1)


def test_zip_bomb_is_small_on_disk_and_never_unpacked(tmp_path: Path) -> None:
    path = rf.zip_bomb(tmp_path / "bom.docx")
    assert path.stat().st_size < 2 * 1024 * 1024
    error = refused(path)
    assert error.values["size_mb"] == 300 and "zip-bom" in error.message("nl")


def test_total_unpacked_size_is_limited(tmp_path: Path) -> None:
    path = rf.simple_docx(tmp_path / "verslag.docx", "Tekst")
    with zipfile.ZipFile(path) as zf, pytest.raises(ReportError) as caught:
        safety.check_archive(zf, safety.ZipLimits(max_total=10_000))
    assert caught.value.key == "read.zip-size"


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = rf.sparse_file(tmp_path / "groot.docx", 200)
    error = refused(path)
    assert error.key == "read.too-large" and error.exit_code == 1
    assert "200.0 MB" in error.message("nl") and "50 MB" in error.message("nl")


def test_the_size_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = rf.full_report(tmp_path / "verslag.docx")
    monkeypatch.setenv("STAGEPIPE_MAX_REPORT_MB", "0.01")
    assert refused(path).key == "read.too-large"
    monkeypatch.setenv("STAGEPIPE_MAX_REPORT_MB", "veel")
    error = refused(path)
    assert (error.key, error.exit_code) == ("read.setting", 2)


def test_missing_file_and_folder_cannot_run(tmp_path: Path) -> None:
    assert (refused(tmp_path / "weg.docx").key, refused(tmp_path / "weg.docx").exit_code) == ("read.missing", 2)
    assert refused(tmp_path).exit_code == 2


def test_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "leeg.docx"
    path.write_bytes(b"")
    assert refused(path).key == "read.empty-file"


def test_a_good_report_still_reads(tmp_path: Path) -> None:
    document = read_report(rf.full_report(tmp_path / "verslag.docx"))
    assert document.format == "docx" and len(document.headings) == 7


def test_format_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    path = rf.full_report(tmp_path / "verslag.txt")  # a real DOCX with a wrong name
    assert read_report(path).format == "docx"


# --- the sandbox


def _children() -> set[str]:
    return {pid for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()}


@pytest.fixture
def no_leftover_children() -> Iterator[None]:
    before = _children()
    yield
    assert _children() <= before  # every child was killed and reaped: no runaway parser, no zombie


def _sleep_forever() -> None:
    while True:
        time.sleep(1)


def _allocate_10_gib() -> bytearray:
    return bytearray(10 * GIB)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.usefixtures("no_leftover_children")
def test_sandbox_returns_results_and_reraises_errors() -> None:
    assert run_limited(sum, [1, 2, 3]) == 6
    with pytest.raises(ReportError) as caught:
        run_limited(lambda: (_ for _ in ()).throw(ReportError(msg("read.empty"))))
    assert caught.value.key == "read.empty" and caught.value.exit_code == 1


@pytest.mark.usefixtures("no_leftover_children")
def test_sandbox_stops_a_parser_that_never_ends() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        run_limited(_sleep_forever, seconds=1)
    assert caught.value.kind == "time" and time.monotonic() - started < 3


@pytest.mark.usefixtures("no_leftover_children")
def test_sandbox_caps_memory() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        run_limited(_allocate_10_gib)
    assert caught.value.kind == "memory" and time.monotonic() - started < READ_SECONDS


@pytest.mark.usefixtures("no_leftover_children")
def test_sandbox_reports_a_child_that_dies() -> None:
    with pytest.raises(ChildFailed, match="SIGKILL"):
        run_limited(_die)


@pytest.mark.parametrize("parser, key", [(lambda kind, path: _sleep_forever(), "read.timeout"),
                                         (lambda kind, path: _allocate_10_gib(), "read.memory"),
                                         (lambda kind, path: _die(), "read.reader-crashed")])
def test_read_report_turns_sandbox_limits_into_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            parser: Callable[[str, Path], object], key: str) -> None:
    monkeypatch.setattr(readers, "_parse", parser)  # stands in for a parser stuck on a hostile file
    monkeypatch.setenv("STAGEPIPE_READ_TIMEOUT", "1")
    error = refused(rf.full_report(tmp_path / "verslag.docx"))
    assert (error.key, error.exit_code) == (key, 1)


# --- a fresh process, as `stagepipe check` is: the reader runs in a sandboxed child, the message is made in the parent

READ_IN_SANDBOX = """
import sys
from pathlib import Path
from pipeline.report.errors import ReportError
from pipeline.report.readers import read_report
try:
    read_report(Path(sys.argv[1]))
except ReportError as e:
    print(e.key, e.exit_code, e.message("en"))
"""


def read_in_fresh_process(path: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", READ_IN_SANDBOX, str(path)], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_pdf_errors_from_the_sandboxed_reader_keep_their_message(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "geheim.pdf", [page(H("Inleiding"), body(1))], password="geheim")
    assert read_in_fresh_process(path) == ("read.pdf.password 1 the PDF file is protected with a password; save it "
                                           "without protection")
    assert read_in_fresh_process(image_pdf(tmp_path / "scan.pdf")).startswith("read.pdf.scanned 1 no text layer")


def test_text_error_from_the_sandboxed_reader_keeps_its_message(tmp_path: Path) -> None:
    path = tmp_path / "leeg.md"
    path.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert read_in_fresh_process(path) == "read.text.empty 1 the document is empty"
