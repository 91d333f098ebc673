"""Read a multipart upload while it streams in: the size limit holds before the file is read whole.

The body is fed chunk by chunk to python-multipart's parser; the file part goes straight to disk in the upload's
private folder (never to a temporary file elsewhere), the few text fields stay in memory with a small limit each.
The request stops being read the moment the body passes the limit. The format is not taken from the name or the
content type the browser sends: the report readers decide it by content.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.multipart import MultipartParser, parse_options_header

FIELD_LIMIT = 8 * 1024  # bytes of one text field (names, a student number)
FIELDS_LIMIT = 20  # parts in one form
OVERHEAD = 64 * 1024  # the multipart framing and the text fields, on top of the file
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


class UploadTooLarge(Exception):
    """The body passed the limit (``limit`` bytes)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class BadUpload(Exception):
    """Not a form this app can read (not multipart, no boundary, too many parts, a broken body)."""


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # where the file part was written
    filename: str | None = None  # the name the browser gave it, cleaned (shown to the student only)
    size: int = 0


def display_name(raw: str) -> str:
    """The file's own name, without folders or control characters, at most 120 characters."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:120] or "report"


def disk_name(raw: str) -> str:
    """'report' plus the suffix the student's file has (the text reader looks at .md/.txt), nothing else of it."""
    suffix = Path(display_name(raw)).suffix.lower()
    return "report" + (suffix if _SUFFIX.fullmatch(suffix) else "")


class _Form:
    """python-multipart callbacks: headers of each part, then its data to a field buffer or to the file."""

    def __init__(self, folder: Path, file_field: str, max_file: int) -> None:
        self.folder = folder
        self.file_field = file_field
        self.max_file = max_file
        self.upload = Upload()
        self.parts = 0
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._name: str | None = None
        self._buffer = bytearray()
        self._fh: IO[bytes] | None = None

    def callbacks(self) -> dict[str, object]:
        return {"on_part_begin": self.part_begin, "on_header_field": self.header_field,
                "on_header_value": self.header_value, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_finished, "on_part_data": self.part_data,
                "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self.parts += 1
        if self.parts > FIELDS_LIMIT:
            raise BadUpload("parts")
        self._headers, self._name, self._buffer = {}, None, bytearray()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._header_field.strip().lower()] = self._header_value.strip()
        self._header_field = self._header_value = b""

    def headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name")
        self._name = name.decode("utf-8", "replace") if name is not None else None
        filename = params.get(b"filename")
        if self._name == self.file_field and filename is not None and self.upload.file is None:
            raw = filename.decode("utf-8", "replace")
            self.upload.filename = display_name(raw)
            path = self.folder / disk_name(raw)
            self._fh = open(path, "xb")  # noqa: SIM115 - closed at the part's end or by close()
            self.upload.file = path

    def part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._fh is not None:
            self.upload.size += len(chunk)
            if self.upload.size > self.max_file:
                raise UploadTooLarge(self.max_file)
            self._fh.write(chunk)
        elif self._name is not None:
            if len(self._buffer) + len(chunk) > FIELD_LIMIT:
                raise BadUpload("field")
            self._buffer += chunk

    def part_end(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        elif self._name is not None and self._name != self.file_field:
            self.upload.fields[self._name] = self._buffer.decode("utf-8", "replace")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


async def read_upload(content_type: str | None, content_length: str | None, body: AsyncIterator[bytes],
                      folder: Path, max_file: int, file_field: str = "report") -> Upload:
    """The form in ``body``: its fields, and its file written to ``folder``. Raises UploadTooLarge as soon as the
    declared or the received size passes ``max_file`` (plus the form's framing), BadUpload for anything else."""
    kind, params = parse_options_header(content_type or "")
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise BadUpload("type")
    limit = max_file + OVERHEAD
    if content_length is not None:
        try:
            declared = int(content_length)
        except ValueError as exc:
            raise BadUpload("length") from exc
        if declared > limit:
            raise UploadTooLarge(max_file)
    form = _Form(folder, file_field, max_file)
    parser = MultipartParser(boundary, form.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in body:
            received += len(chunk)
            if received > limit:
                raise UploadTooLarge(max_file)
            parser.write(chunk)
        parser.finalize()
    except (UploadTooLarge, BadUpload):
        raise
    except Exception as exc:  # python-multipart's errors on a broken body
        raise BadUpload("body") from exc
    finally:
        form.close()
    return form.upload
