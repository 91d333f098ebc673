"""Checks on a DOCX zip before python-docx opens it: zip bombs, encrypted entries, DTDs (billion laughs, XXE), damage."""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.messages import msg
from pipeline.report.errors import ReportError

MB = 1024**2


_DTD_MARKERS = ("<!DOCTYPE", "<!ENTITY")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# encodings in which "<!DOCTYPE" is the same bytes as in ASCII (a byte scan finds it); UTF-16 is decoded first
_ASCII_COMPATIBLE = {"utf-8", "utf8", "ascii", "us-ascii", "iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252",
                     *(f"iso-8859-{n}" for n in range(2, 16)), *(f"windows-125{n}" for n in range(9))}
_UTF16 = {"utf-16", "utf-16le", "utf-16be", "utf16"}
_CHUNK = 64 * 1024
# a safe parser for the few parts we read ourselves (content types, app.xml): no DTD, no entities, no network
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                              remove_blank_text=True)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 5000
    max_total: int = 200 * MB  # uncompressed, all entries
    max_ratio: float = 100.0  # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 5 * MB  # small entries may compress very well (repeated XML) without harm


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip, or ReportError report.zip-corrupt (no central directory, truncated, not a zip at all)."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise ReportError(msg("read.zip-corrupt", detail=_short(exc))) from exc


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def check_archive(zf: zipfile.ZipFile, limits: ZipLimits = ZipLimits()) -> None:
    """Refuse zip bombs (entry count, declared total size, compression ratio) and encrypted entries.

    The declared sizes are what counts: Python's zipfile never returns more than an entry declares, so a header
    that lies about its size can make an entry shorter, never larger.
    """
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise ReportError(msg("read.zip-entries", count=len(infos), limit=limits.max_entries))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReportError(msg("read.encrypted"))
        total += info.file_size
        if info.file_size > limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise ReportError(msg("read.zip-ratio", part=info.filename, size_mb=info.file_size // MB, ratio=int(ratio)))
    if total > limits.max_total:
        raise ReportError(msg("read.zip-size", size_mb=total // MB, limit_mb=limits.max_total // MB))


def iter_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """One entry in bounded chunks (never ``.read()`` of unknown size); damage becomes report.zip-corrupt."""
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):  # zipfile stops at the declared size; a bad CRC shows at the end
                yield chunk
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, zlib.error, EOFError) as exc:
        if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
            raise ReportError(msg("read.encrypted")) from exc
        raise ReportError(msg("read.zip-corrupt", detail=f"{info.filename}: {_short(exc)}")) from exc


def read_part(zf: zipfile.ZipFile, name: str, max_bytes: int) -> bytes:
    """An XML part's bytes, refused when larger than ``max_bytes`` or holding a DTD (KeyError when absent)."""
    info = zf.getinfo(name)
    if info.file_size > max_bytes:
        raise ReportError(msg("read.zip-size", size_mb=info.file_size // MB, limit_mb=max(max_bytes // MB, 1)))
    data = b"".join(iter_entry(zf, info))
    _scan_xml(name, [data])
    return data


def refuse_dtd(name: str, data: bytes) -> None:
    """ReportError read.xml-dtd when the XML part ``data`` declares a DTD or entities (in any encoding we read)."""
    _scan_xml(name, [data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK)] or [b""])


def _encoding_of(name: str, head: bytes) -> str:
    """The encoding to scan a part in: 'ascii' (any ASCII-compatible one) or 'utf-16'; refuses the rest (UTF-7,
    UTF-32, EBCDIC...), in which '<!DOCTYPE' would not be visible as bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[:2] in (b"<\x00", b"\x00<"):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        raise ReportError(msg("read.xml-encoding", part=name, encoding="utf-32"))
    declared = _DECLARED_ENCODING.match(head.removeprefix(codecs.BOM_UTF8))
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in _UTF16:
            return "utf-16"
        if encoding not in _ASCII_COMPATIBLE:
            raise ReportError(msg("read.xml-encoding", part=name, encoding=encoding))
    return "ascii"


def _scan_xml(name: str, chunks: Iterable[bytes]) -> None:
    """Refuse a DTD anywhere in an XML part, read chunk by chunk (a marker split over two chunks is still found)."""
    decoder: codecs.IncrementalDecoder | None = None
    carry = ""
    first = True
    keep = max(map(len, _DTD_MARKERS)) - 1
    for chunk in chunks:
        if first:
            first = False
            if _encoding_of(name, chunk[:256]) == "utf-16":
                big_endian = chunk.startswith(codecs.BOM_UTF16_BE) or chunk[:2] == b"\x00<"
                decoder = codecs.getincrementaldecoder("utf-16-be" if big_endian else "utf-16-le")(errors="replace")
        text = carry + (decoder.decode(chunk) if decoder else chunk.decode("latin-1"))
        if any(marker in text for marker in _DTD_MARKERS):
            raise ReportError(msg("read.xml-dtd", part=name))
        carry = text[-keep:]


def content_types(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """([Content_Types].xml defaults by extension, overrides by part name), both lower case; empty when absent."""
    try:
        data = read_part(zf, "[Content_Types].xml", 4 * MB)
    except KeyError:
        return {}, {}
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReportError(msg("read.zip-corrupt", detail=f"[Content_Types].xml: {_short(exc)}")) from exc
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for element in root:
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        ctype = _attribute(element, "ContentType").lower()
        if tag == "Default":
            defaults[_attribute(element, "Extension").lower()] = ctype
        elif tag == "Override":
            overrides[_attribute(element, "PartName").lstrip("/").lower()] = ctype
    return defaults, overrides


def _attribute(element: etree._Element, name: str) -> str:
    """An XML element's attribute as text; '' when the element does not have it."""
    return str(element.attrib[name]) if name in element.attrib else ""


def is_xml_part(name: str, defaults: dict[str, str], overrides: dict[str, str]) -> bool:
    """Would python-docx parse this entry as XML? Relationship parts always; others by their content type."""
    lower = name.lower()
    if lower.endswith((".xml", ".rels")):
        return True
    ext = posixpath.splitext(lower)[1].lstrip(".")
    ctype = overrides.get(lower) or defaults.get(ext, "")
    return ctype.endswith("xml") and not ctype.startswith("image/")


def check_xml_parts(zf: zipfile.ZipFile) -> None:
    """Read every XML part to its end (checking its CRC) and refuse any DTD."""
    defaults, overrides = content_types(zf)
    for info in zf.infolist():
        if info.is_dir() or not is_xml_part(info.filename, defaults, overrides):
            continue
        _scan_xml(info.filename, iter_entry(zf, info))


def check_docx_zip(zf: zipfile.ZipFile, limits: ZipLimits = ZipLimits()) -> None:
    """Everything above, in order of cost: sizes and encryption from the directory, then the XML contents."""
    check_archive(zf, limits)
    check_xml_parts(zf)
