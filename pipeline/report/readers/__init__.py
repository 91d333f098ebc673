"""Read a report into a Document: size limit, format by content, hostile-file checks, parsing in a sandbox."""

from __future__ import annotations

import codecs
import os
import zipfile
from pathlib import Path

from pipeline.messages import msg
from pipeline.report.document import Document
from pipeline.report.errors import InternalError, ReportError
from pipeline.report.readers import safety
from pipeline.report.readers.sandbox import DEFAULT_MEMORY, DEFAULT_SECONDS, ChildFailed, LimitExceeded, run_limited

MB = 1024**2
DEFAULT_MAX_MB = 50
ENV_MAX_MB = "STAGEPIPE_MAX_REPORT_MB"
ENV_TIMEOUT = "STAGEPIPE_READ_TIMEOUT"  # seconds
ENV_MEMORY_MB = "STAGEPIPE_READ_MEMORY_MB"
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HEAD = 1024



def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value <= 0:
        raise ReportError(msg("read.setting", name=name, value=raw), exit_code=2)
    return value


def max_report_bytes() -> int:
    return int(_env_number(ENV_MAX_MB, DEFAULT_MAX_MB) * MB)


def _scan_file(path: Path, needle: bytes, limit: int) -> bool:
    """Does ``needle`` occur in the first ``limit`` bytes? (bounded, chunked; the file is at most the size limit)"""
    carry = b""
    with open(path, "rb") as fh:
        read = 0
        while read < limit and (chunk := fh.read(1 << 20)):
            read += len(chunk)
            if needle in carry + chunk:
                return True
            carry = chunk[-len(needle):]
    return False


def _first_bad_utf8(path: Path) -> int | None:
    """Offset of the first byte that is not UTF-8 text (or is NUL), None when the whole file is UTF-8 text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if b"\0" in chunk:
                return offset + chunk.index(b"\0")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset
    return None


def detect_format(path: Path, head: bytes) -> str:
    """'zip' (a DOCX, or a zip the sandbox will name), 'pdf' or 'text', by content; ReportError for anything else."""
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGICS):
        return "zip"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        # Word saves a password-protected .docx as an OLE2 file holding an encrypted package
        encrypted = _scan_file(path, "EncryptedPackage".encode("utf-16-le"), max_report_bytes())
        raise ReportError(msg("read.encrypted") if encrypted else msg("read.doc-format"))
    if head.startswith(b"{\\rtf"):
        raise ReportError(msg("read.rtf"))
    if suffix in TEXT_SUFFIXES:
        bad = _first_bad_utf8(path)
        if bad is not None:
            raise ReportError(msg("read.not-utf8", byte=bad))
        return "text"
    if suffix in (".docx", ".docm", ".dotx"):
        raise ReportError(msg("read.not-docx"))
    if suffix == ".pdf":
        raise ReportError(msg("read.not-pdf"))
    raise ReportError(msg("read.unknown-format"))


def _zip_kind(zf: zipfile.ZipFile) -> None:
    """Refuse a zip that is not a Word document, naming what it is instead."""
    names = {n.lower() for n in zf.namelist()}
    _, overrides = safety.content_types(zf)
    if "word/document.xml" in names or any("wordprocessingml.document.main" in t for t in overrides.values()):
        return
    if "xl/workbook.xml" in names:
        raise ReportError(msg("read.not-word-xlsx"))
    if "ppt/presentation.xml" in names:
        raise ReportError(msg("read.not-word-pptx"))
    if "mimetype" in zf.namelist() and zf.getinfo("mimetype").file_size < 200:
        if b"".join(safety.iter_entry(zf, zf.getinfo("mimetype"))).startswith(b"application/vnd.oasis.opendocument"):
            raise ReportError(msg("read.not-word-odf"))
    raise ReportError(msg("read.not-word-zip"))


def _read_zip(path: Path) -> Document:
    from pipeline.report.readers.docx import read_docx

    with safety.open_zip(path) as zf:
        safety.check_archive(zf)
        _zip_kind(zf)
        safety.check_xml_parts(zf)
    return read_docx(path)


def _parse(kind: str, path: Path) -> Document:
    """Runs in the sandbox: every failure leaves it as a ReportError (or MemoryError, which the sandbox reports)."""
    try:
        if kind == "zip":
            return _read_zip(path)
        if kind == "pdf":
            from pipeline.report.readers.pdf import read_pdf

            return read_pdf(path)
        from pipeline.report.readers.text import read_text

        return read_text(path)
    except (ReportError, MemoryError, InternalError):
        raise
    except RecursionError as exc:
        raise ReportError(msg("read.unreadable-content", detail=msg("read.nested"))) from exc
    except Exception as exc:
        if is_internal(exc):
            raise InternalError.of(exc) from None
        # a parser's surprise on a malformed file is a bad file, not a crash of stagepipe
        detail = f"{type(exc).__name__}: {exc}"
        raise ReportError(msg("read.unreadable-content", detail=detail[:200])) from exc


_OWN_CODE = str(Path(__file__).resolve().parent.parent.parent) + os.sep  # the pipeline package


def is_internal(exc: BaseException) -> bool:
    """Is this exception stagepipe's own problem rather than the file's? A missing dependency (an ImportError,
    pypdf's DependencyError: 'pillow is required') is the installation's; an exception raised in our own code (the
    innermost frame lies in the pipeline package) is a bug. A library parser failing on bytes it was given is the
    file's."""
    if isinstance(exc, ImportError) or type(exc).__name__ == "DependencyError":
        return True
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and last.tb_frame.f_code.co_filename.startswith(_OWN_CODE)


def read_report(path: Path, *, seconds: float | None = None) -> Document:
    """The report at ``path`` as a Document (DOCX, PDF, text or Markdown, told apart by content).

    Raises ReportError: exit 2 when the file is missing or unreadable, 1 when it is not a report stagepipe can read
    (too large, wrong format, damaged, hostile, empty). Parsing runs in a forked child with a memory cap and a time
    limit (``STAGEPIPE_READ_MEMORY_MB``, ``STAGEPIPE_READ_TIMEOUT``, or ``seconds`` when that is less: what is left of
    a check's time budget). A DOCX's pages are as Word marked them; its
    true page count is pipeline.report.pages.count_docx_pages (LibreOffice), which builds on the readers, never the
    other way round.
    """
    path = Path(path)
    if not path.exists():
        raise ReportError(msg("read.missing", path=path), exit_code=2)
    if not path.is_file():
        raise ReportError(msg("read.not-a-file", path=path), exit_code=2)
    try:
        size = path.stat().st_size
        limit = max_report_bytes()
        if size > limit:  # before reading a byte of it
            raise ReportError(msg("read.too-large", size_mb=f"{size / MB:.1f}", limit_mb=f"{limit / MB:g}"))
        if size == 0:
            raise ReportError(msg("read.empty-file"))
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
        kind = detect_format(path, head)
    except OSError as exc:
        raise ReportError(msg("read.unreadable", reason=exc.strerror or str(exc)), exit_code=2) from exc
    seconds = min(_env_number(ENV_TIMEOUT, DEFAULT_SECONDS), seconds if seconds is not None else float("inf"))
    memory = int(_env_number(ENV_MEMORY_MB, DEFAULT_MEMORY / MB) * MB)
    try:
        document = run_limited(_parse, kind, path, seconds=seconds, memory=memory)
    except LimitExceeded as exc:
        if exc.kind == "time":
            raise ReportError(msg("read.timeout", seconds=f"{seconds:g}")) from exc
        raise ReportError(msg("read.memory", limit_mb=memory // MB)) from exc
    except ChildFailed as exc:
        raise ReportError(msg("read.reader-crashed", detail=str(exc))) from exc
    return document


__all__ = ["read_report", "detect_format", "max_report_bytes"]
