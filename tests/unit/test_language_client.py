"""The LanguageTool client against a small fake server on loopback: offsets, requests, filters and errors."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import language_tool_python.download_lt
import pytest

from pipeline.findings import Location
from pipeline.language import client
from pipeline.language.client import LanguageChecker, Paragraph, configured_url, normalize_url
from pipeline.language.errors import LanguageToolRequestError, LanguageToolUnavailable

LANGUAGES = [
    {"name": "Dutch (Belgium)", "code": "nl", "longCode": "nl-BE"},
    {"name": "Dutch", "code": "nl", "longCode": "nl"},
]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fake_match(text: str, word: str, rule: str = "MORFOLOGIK_RULE_NL_NL", fix: str = "") -> list[dict[str, Any]]:
    """A LanguageTool match for every occurrence of ``word``, with offsets in UTF-16 units as the real server."""
    out = []
    start = text.find(word)
    while start >= 0:
        out.append({
            "message": f"fout: {word}",
            "replacements": [{"value": fix}] if fix else [],
            "offset": _utf16_len(text[:start]),
            "length": _utf16_len(word),
            "context": {"text": text[max(0, start - 20) : start + 40], "offset": min(start, 20), "length": len(word)},
            "sentence": "",
            "rule": {"id": rule, "issueType": "misspelling", "category": {"id": "TYPOS", "name": "Typos"}},
        })  # fmt: skip
        start = text.find(word, start + 1)
    return out


@dataclass
class FakeServer:
    url: str
    requests: list[dict[str, str]] = field(default_factory=list)
    respond: Callable[[str], list[dict[str, Any]]] = lambda text: []
    hang: threading.Event | None = None
    error: tuple[int, str] | None = None


@pytest.fixture()
def fake() -> Iterator[FakeServer]:
    state = FakeServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.endswith("/v2/languages"):
                self._send(200, json.dumps(LANGUAGES).encode())
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            form["_path"] = self.path
            state.requests.append(form)
            if state.hang is not None:
                state.hang.wait(30)
                return
            if state.error is not None:
                self._send(state.error[0], state.error[1].encode(), "text/plain")
                return
            self._send(200, json.dumps({"matches": state.respond(form["text"])}).encode())

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    if state.hang is not None:
        state.hang.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def no_download(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language_tool_python tried to download LanguageTool")

    monkeypatch.setattr(language_tool_python.download_lt.LocalLanguageTool, "download", refuse)
    monkeypatch.delenv(client.ENV_URL, raising=False)


# --- configuration --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://lt.school.be:8081", "http://lt.school.be:8081"),
        ("http://lt.school.be:8081/", "http://lt.school.be:8081"),
        ("https://lt.school.be/v2/", "https://lt.school.be"),
        ("https://school.be/languagetool/v2", "https://school.be/languagetool"),
    ],
)
def test_normalize_url(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


@pytest.mark.parametrize("bad", ["lt.school.be", "ftp://lt.school.be", "http://", "http://x/?a=1"])
def test_bad_url_is_refused_in_dutch(bad: str) -> None:
    with pytest.raises(LanguageToolRequestError, match="ongeldige LanguageTool-URL"):
        normalize_url(bad)


def test_explicit_url_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert configured_url() is None  # nothing configured: the local server
    monkeypatch.setenv(client.ENV_URL, "http://lt.school.be:8081/")
    assert configured_url() == ("http://lt.school.be:8081", client.ENV_URL)
    assert configured_url("http://other:9000") == ("http://other:9000", "--server")


# --- splitting into requests ------------------------------------------------------------------------------------


def test_paragraph_spans_split_at_empty_lines() -> None:
    text = "Eerste regel\nzelfde alinea.\n\n  \nTweede alinea.\n\n\nDerde."
    assert [text[a:b] for a, b in client._paragraph_spans(text)] == [
        "Eerste regel\nzelfde alinea.",
        "Tweede alinea.",
        "Derde.",
    ]


def test_long_paragraph_is_cut_after_a_sentence() -> None:
    text = " ".join(f"Dit is zin nummer {i}." for i in range(300))
    pieces = client._split_long(text, 500)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 500 for _, p in pieces)
    assert all(p.endswith(". ") for _, p in pieces[:-1])
    assert [start for start, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_pieces_are_packed_within_the_limit() -> None:
    pieces = [client._Piece(i, 0, "x" * n) for i, n in enumerate([300, 300, 300, 900, 50])]
    chunks = list(client._pack(pieces, 700))
    assert [[p.index for p in c] for c in chunks] == [[0, 1], [2], [3], [4]]


def test_python_length_counts_emoji_as_one() -> None:
    assert client._python_length("a😀b c", 0, 4) == 3


# --- findings from a (fake) server ----------------------------------------------------------------------------


def test_check_text_maps_offsets_lines_and_emoji(fake: FakeServer) -> None:
    fake.respond = lambda text: fake_match(text, "onmiddelijk", fix="onmiddellijk")
    text = "Eerste alinea 😀.\n\nTweede 😀 alinea:\nik deed dat onmiddelijk.\n"
    with LanguageChecker(fake.url) as checker:
        [f] = checker.check_text(text, file="verslag.txt")
    assert f.text == "onmiddelijk" and f.category == "spelling" and f.hint == "onmiddellijk"
    assert f.location == Location(file="verslag.txt", line=4, column=13, offset=text.index("onmiddelijk"), length=11)
    assert fake.requests[0]["language"] == "nl-BE"


def test_paragraphs_are_sent_in_bounded_requests(fake: FakeServer) -> None:
    fake.respond = lambda text: fake_match(text, "fuot")
    paragraphs = [
        Paragraph(f"Alinea {i} met een fuot erin. " * 10, Location(page=i // 3 + 1, paragraph=i)) for i in range(12)
    ]
    with LanguageChecker(fake.url, max_chars=1000) as checker:
        findings = checker.check_paragraphs(paragraphs)
    assert len(fake.requests) > 1 and all(len(r["text"]) <= 1000 for r in fake.requests)
    assert len(findings) == 120
    for f in findings:
        block = paragraphs[f.location.paragraph or 0]
        assert f.location.page == block.location.page
        assert block.text[f.location.offset : f.location.offset + f.location.length] == "fuot"  # type: ignore[operator]


def test_ignore_rules_go_to_the_server_and_patterns_are_filtered(fake: FakeServer) -> None:
    fake.respond = lambda text: (
        fake_match(text, "vind", rule="NL_SIMPLE_REPLACE_HIJ_VIND", fix="vindt") + fake_match(text, "fuot")
    )
    with LanguageChecker(fake.url, ignore_rules=["NL_SIMPLE_REPLACE_*", "UPPERCASE_SENTENCE_START"]) as checker:
        findings = checker.check_text("Hij vind een fuot.")
    assert [f.text for f in findings] == ["fuot"]
    assert fake.requests[0]["disabledRules"] == "UPPERCASE_SENTENCE_START"


def test_accepted_words_suppress_spelling_only(fake: FakeServer) -> None:
    fake.respond = lambda text: fake_match(text, "Events4Business") + fake_match(text, "Thomsa More")
    with LanguageChecker(fake.url, words=["events4business", "Thomsa More"]) as checker:
        assert checker.check_text("Ik volg Events4Business aan Thomsa More.") == []
    with LanguageChecker(fake.url, words=["Thomsa"]) as checker:
        assert [f.text for f in checker.check_text("Ik volg Events4Business aan Thomsa More.")] == [
            "Events4Business",
            "Thomsa More",
        ]


def test_a_server_under_a_path_keeps_its_path(fake: FakeServer) -> None:
    with LanguageChecker(fake.url + "/languagetool/v2/") as checker:
        assert checker.url == fake.url + "/languagetool"
        checker.check_text("Goed zo.")
    assert fake.requests[0]["_path"] == "/languagetool/v2/check"


def test_loopback_requests_bypass_proxies_from_the_environment(
    fake: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    with LanguageChecker(fake.url) as checker:
        assert checker.check_text("Goed zo.") == []
    assert len(fake.requests) == 1


# --- errors ---------------------------------------------------------------------------------------------------


def test_hung_server_times_out_with_a_clear_error(fake: FakeServer) -> None:
    fake.hang = threading.Event()
    began = time.monotonic()
    with LanguageChecker(fake.url, timeout=1) as checker, pytest.raises(LanguageToolUnavailable) as caught:
        checker.check_text("Dit antwoord komt nooit.")
    assert time.monotonic() - began < 10
    assert caught.value.key == "lt.timeout"
    assert "gaf geen antwoord binnen 1 s" in str(caught.value)


def test_server_error_is_reported(fake: FakeServer) -> None:
    fake.error = (413, "Error: Your text exceeds the limit of 50000 characters")
    with LanguageChecker(fake.url) as checker, pytest.raises(LanguageToolRequestError) as caught:
        checker.check_text("Te lang.")
    assert caught.value.key == "lt.bad-response"
    assert "exceeds the limit" in str(caught.value)


def test_nothing_listening_is_unreachable_or_died() -> None:
    with pytest.raises(LanguageToolUnavailable) as caught:
        LanguageChecker("http://127.0.0.1:9")
    assert caught.value.key == "lt.unreachable" and "niet bereikbaar" in str(caught.value)
    with pytest.raises(LanguageToolUnavailable) as caught:
        LanguageChecker("http://127.0.0.1:9", managed=True)
    assert caught.value.key == "lt.died" and "stagepipe languagetool start" in str(caught.value)
    assert "no longer answers" in caught.value.message("en")


def test_unsupported_language_lists_the_known_ones(fake: FakeServer) -> None:
    with pytest.raises(LanguageToolRequestError) as caught:
        LanguageChecker(fake.url, language="xx-YY")
    assert caught.value.key == "lt.language"
    assert "nl-BE" in str(caught.value)
