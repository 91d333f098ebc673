"""`stagepipe serve` through HTTP, as a learning platform or a page without JavaScript uses it: the JSON API and
its OpenAPI description, /healthz, security headers, single-use downloads, the limits (size while streaming,
queue with 503 and Retry-After, rate per client, a check cancelled at its time limit), and the page's form."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import requests

from pipeline.language import server as lt
from pipeline.paths import SCHEMAS_DIR
from tests.helpers import INPUTS
from tests.web_server import Server, running_server

REPORTS = INPUTS / "reports"


def post(server: Server, path: str, report: Path, **fields: str) -> requests.Response:
    with requests.Session() as session:
        session.trust_env = False
        return session.post(f"{server.url}{path}", files={"report": (report.name, report.read_bytes())},
                            data=fields, timeout=180)


def test_api_check_returns_the_check_json_and_the_annotated_report_once(web: Server) -> None:
    answer = post(web, "/api/check?annotate=1&lang=en", REPORTS / "om-problemen.docx", program="tm-om",
                  mentors="Sarah De Smet", placements="Janssens & Zonen")
    assert answer.status_code == 200, answer.text
    result = answer.json()
    jsonschema.validate(result, json.loads((SCHEMAS_DIR / "check-result.schema.json").read_text(encoding="utf-8")))
    assert result["report"] == "om-problemen.docx" and result["program"] == "tm-om"
    assert all(f["location"].get("file") in (None, "om-problemen.docx") for f in result["findings"])
    assert any(f["rule"] == "known-name" and f["text"] == "Sarah De Smet" for f in result["findings"])
    assert any(f["message"].startswith("name of your") for f in result["findings"])  # English messages
    link = answer.headers["Link"]
    assert link.endswith('rel="annotated"')
    href = link[1:link.index(">")]
    first = requests.get(f"{web.url}{href}", timeout=30)
    assert first.status_code == 200 and first.content[:2] == b"PK"
    assert "attachment" in first.headers["Content-Disposition"]
    assert requests.get(f"{web.url}{href}", timeout=30).status_code == 404  # single use


def test_the_page_works_without_javascript_and_every_answer_carries_the_security_headers(web: Server) -> None:
    page = requests.get(f"{web.url}/", timeout=30)
    assert page.status_code == 200 and "<form" in page.text
    result = post(web, "/check?lang=nl", REPORTS / "dgk-lekken.pdf", program="ugent-dgk")
    assert result.status_code == 200
    assert 'class="verdict failed"' in result.text and "/download/" in result.text
    assert "Je verslag met opmerkingen (PDF)" in result.text
    for answer in (page, result, requests.get(f"{web.url}/healthz", timeout=30)):
        csp = answer.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp and "script-src 'self'" in csp
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert "<style" not in result.text and " style=" not in result.text  # nothing inline for the CSP to allow
    assert "http" not in "".join(line for line in result.text.splitlines() if "src=" in line or "href=" in line
                                 and "stylesheet" in line)  # no third-party scripts, fonts or styles


def test_healthz_reports_languagetool_and_libreoffice_ready_and_openapi_describes_the_api(web: Server) -> None:
    health = requests.get(f"{web.url}/healthz", timeout=30).json()
    assert health["languagetool"] == {"ready": True} and health["libreoffice"] == {"ready": True}
    spec = requests.get(f"{web.url}/openapi.json", timeout=30).json()
    assert spec["openapi"].startswith("3.1")
    operation = spec["paths"]["/api/check"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert set(operation["responses"]) >= {"200", "413", "422", "503"}
    assert spec["components"]["schemas"]["CheckResult"]["properties"]["findings"]


def test_bad_input_is_a_clear_answer_never_a_dead_server(web: Server, tmp_path: Path) -> None:
    bomb = tmp_path / "bom.docx"
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (300 * 1024**2) + b"/>")
    answer = post(web, "/api/check", bomb)
    assert answer.status_code == 422 and "zip" in answer.json()["error"]["message"]
    answer = post(web, "/api/check", REPORTS / "om-goed.docx", program="no-such-program")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "unknown-program"
    answer = requests.post(f"{web.url}/api/check", data={"program": "tm-om"}, timeout=30)
    assert answer.status_code == 400
    assert requests.get(f"{web.url}/healthz", timeout=30).status_code == 200


def test_an_upload_over_the_limit_is_refused_while_it_streams(web: Server) -> None:
    """The body is cut off at the limit (20 MB): a client sending 200 MB is answered long before it is done."""
    with socket.create_connection(("127.0.0.1", int(web.url.rsplit(":", 1)[1])), timeout=30) as sock:
        boundary = "x" * 20
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"report\"; filename=\"big.pdf\"\r\n\r\n")
        sock.sendall((f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                      f"boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
        sent = 0
        chunk = b"%PDF-" + b"0" * (1024**2)
        answer = b""
        sock.settimeout(0.01)
        data = head.encode() + chunk
        while sent < 200 * 1024**2 and not answer:
            try:
                sock.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            except OSError:
                break
            sent += len(data)
            data = chunk
            try:
                answer = sock.recv(4096)
            except TimeoutError:
                pass
        sock.settimeout(30)
        answer += sock.recv(4096) if not answer else b""
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < 60 * 1024**2


@pytest.fixture(scope="module")
def strict(lt_server: lt.ServerState, lt_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with one worker, no queue, 3 checks a minute per client and a 1.5 s time limit."""
    folder = tmp_path_factory.mktemp("strict")
    (folder / "tmp").mkdir()
    with running_server(lt_server.url, lt_cache, folder / "serve.log", "--workers", "1", "--queue", "0", "--rate", "3",
                        "--timeout", "1.5", tmp=folder / "tmp") as server:
        yield server


def long_report(folder: Path) -> Path:
    """A Markdown report of 6,000 different sentences: its language and anonymity checks take well over 1.5 s."""
    path = folder / "lang-verslag.md"
    sentences = (f"Op dag {i} van de stage schreef ik {i % 7 + 2} verslagen over het werk in de praktijk."
                 for i in range(6000))
    path.write_text("# Inleiding\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    return path


def test_past_the_queue_the_answer_is_503_with_retry_after_and_a_slow_check_is_cancelled(
        strict: Server, tmp_path: Path) -> None:
    answers: list[requests.Response] = []
    slow_report = long_report(tmp_path)

    def slow() -> None:
        answers.append(post(strict, "/api/check", slow_report, program="tm-om"))

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    busy = post(strict, "/check", REPORTS / "verslag.md", program="tm-om")
    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    assert "De server is nu erg druk" in busy.text
    thread.join(60)
    assert answers[0].status_code == 504 and answers[0].json()["error"]["code"] == "timeout"
    page = post(strict, "/check", slow_report, program="tm-om", mentors="Sarah De Smet")  # the page says so too
    assert page.status_code == 504 and "duurde te lang" in page.text
    limited = post(strict, "/api/check", REPORTS / "verslag.md")  # the fourth check within a minute
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    deadline = time.monotonic() + 120
    while requests.get(f"{strict.url}/healthz", timeout=30).json()["checks"]["alive"] != 1:  # the killed worker
        assert time.monotonic() < deadline, "the killed worker was not replaced"  # is replaced
        time.sleep(0.5)
    assert "Sarah" not in strict.log_text() and "stageverslag" not in strict.log_text()  # no names, no file names
    assert not list((strict.log.parent / "tmp").glob("stagepipe-upload-*"))  # every upload's folder is gone
