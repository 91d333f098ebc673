"""The web server's guards, in-process: the upload read while it streams (limit, private folder, fields), the rate
limit per client, single-use downloads that expire, and the names a student types in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pipeline.report.setup import GivenNames, names_case
from pipeline.web.limits import Downloads, RateLimiter
from pipeline.web.uploads import BadUpload, UploadTooLarge, disk_name, display_name, read_upload

BOUNDARY = "----stagepipe"


def form(*parts: tuple[str, str | None, bytes]) -> bytes:
    out = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        out += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


async def chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i:i + size]


def read(body: bytes, folder: Path, max_file: int = 10_000, length: str | None = None) -> object:
    return asyncio.run(read_upload(f"multipart/form-data; boundary={BOUNDARY}", length, chunks(body), folder,
                                   max_file))


def test_the_file_goes_to_the_private_folder_under_a_name_of_ours(tmp_path: Path) -> None:
    body = form(("program", None, b"tm-om"), ("report", "../../etc/mijn verslag.DOCX", b"PK\x03\x04data"),
                ("mentors", None, "Zoë Peeters".encode()))
    upload = read(body, tmp_path)
    assert upload.fields == {"program": "tm-om", "mentors": "Zoë Peeters"}  # type: ignore[attr-defined]
    assert upload.file == tmp_path / "report.docx"  # type: ignore[attr-defined]
    assert upload.file.read_bytes() == b"PK\x03\x04data"  # type: ignore[attr-defined]
    assert upload.filename == "mijn verslag.DOCX"  # type: ignore[attr-defined]
    assert disk_name("x.tar.gz\x00") == "report.gz" and display_name("C:\\a\\b\x07.pdf") == "b.pdf"


def test_the_limit_holds_while_the_body_streams_and_before_it_when_declared(tmp_path: Path) -> None:
    body = form(("report", "big.pdf", b"%PDF-" + b"0" * 50_000))
    with pytest.raises(UploadTooLarge):
        read(body, tmp_path)
    with pytest.raises(UploadTooLarge):  # a declared length over the limit: refused before a byte is read
        asyncio.run(read_upload(f"multipart/form-data; boundary={BOUNDARY}", str(10**9), chunks(b""), tmp_path,
                                10_000))


def test_a_form_that_is_not_multipart_or_has_too_much_in_a_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadUpload):
        asyncio.run(read_upload("application/json", None, chunks(b"{}"), tmp_path, 10_000))
    with pytest.raises(BadUpload):
        read(form(("people", None, b"x" * 20_000)), tmp_path)


def test_rate_limit_per_client_with_a_burst() -> None:
    limiter = RateLimiter(per_minute=6, burst=2)
    assert limiter.take("a") == 0 and limiter.take("a") == 0
    assert 0 < limiter.take("a") <= 10  # the third at once waits about 10 s
    assert limiter.take("b") == 0  # another client is not held up
    assert RateLimiter(0).take("a") == 0


def test_a_download_works_once_and_expires() -> None:
    downloads = Downloads(seconds=60)
    token = downloads.put(b"data", "verslag.docx", "application/octet-stream")
    item = downloads.take(token)
    assert item is not None and item.data == b"data"
    assert downloads.take(token) is None
    expired = Downloads(seconds=0)
    assert expired.take(expired.put(b"x", "x", "x")) is None
    assert len(token) >= 32


def test_typed_names_become_the_names_the_checks_look_for() -> None:
    from pipeline.report.names import case_names

    case = names_case(GivenNames(mentors=("Sarah De Smet",), placements=("Janssens & Zonen", "Dierenkliniek Aa"),
                                 people=("Luc",)), "tm-om")
    known = {(n.role, n.name) for n in case_names(case.record)}
    assert {("mentor", "Sarah De Smet"), ("placement", "Janssens & Zonen"), ("placement", "Dierenkliniek Aa"),
            ("person", "Luc")} <= known
    assert all(n.name or not n.variants for n in case_names(case.record))  # the empty student finds nothing
