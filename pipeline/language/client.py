"""Check text with LanguageTool (through language_tool_python, always with ``remote_server``) and return Findings.

Which server: an explicit URL (``--server``), else ``$STAGEPIPE_LANGUAGETOOL_URL`` (an institution's own server),
else the local server from the pinned jars, started on demand and reused (pipeline.language.server). A public
LanguageTool API is only ever used when the user puts its URL in one of those two places.

language_tool_python is only given ``remote_server``: on that path it never downloads or starts anything
(it would only do so for a local server of its own). Its fixed 300 s request timeout is replaced by ours, so a
dead or hung server gives a clear LanguageToolUnavailable, not a hang.
"""

from __future__ import annotations

import bisect
import http.client
import json
import os
import re
import time
import urllib.parse
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from typing import Any, Self

import language_tool_python
import requests
from language_tool_python.exceptions import LanguageToolError as _LibraryError

from pipeline.findings import Finding, Location, sort_findings
from pipeline.language import server
from pipeline.language.categories import CategoryMap, load_category_map
from pipeline.language.errors import LanguageToolRequestError, LanguageToolUnavailable
from pipeline.language.explain import dt_hint
from pipeline.messages import msg, verbatim

DEFAULT_LANGUAGE = "nl-BE"
ENV_URL = "STAGEPIPE_LANGUAGETOOL_URL"
MAX_REQUEST_CHARS = 20_000  # well under the server's maxTextLength; split at paragraph boundaries
REQUEST_TIMEOUT = 120.0  # seconds per request (language_tool_python retries a failed request once)
HINT_SUGGESTIONS = 3
_SEPARATOR = "\n\n"  # LanguageTool treats an empty line as a paragraph boundary
_SPELLER_RULE = re.compile(r"MORFOLOGIK|HUNSPELL|SPELLER|SPELLING_RULE")  # the spellers' rule ids, any language


@dataclass(frozen=True)
class Paragraph:
    """A block of text to check; ``location`` (page, paragraph, file, ...) is copied into its findings."""

    text: str
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class _Piece:
    index: int  # which paragraph
    start: int  # where the piece starts inside that paragraph
    text: str


def normalize_url(url: str) -> str:
    """``http(s)://host[:port][/path]`` without a trailing ``/`` or ``/v2``; raises LanguageToolRequestError."""
    cleaned = url.strip().rstrip("/")
    cleaned = cleaned.removesuffix("/v2").rstrip("/")
    parts = urllib.parse.urlsplit(cleaned)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise LanguageToolRequestError(msg("lt.bad-url", url=url))
    return cleaned


def configured_url(explicit: str | None = None) -> tuple[str, str] | None:
    """(URL, where it came from) when a server is configured; None means: use the local server."""
    if explicit:
        return normalize_url(explicit), "--server"
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return normalize_url(env), ENV_URL
    return None


class _BoundedLanguageTool(language_tool_python.LanguageTool):
    """language_tool_python's client with our request timeout instead of its fixed 300 s."""

    def __init__(self, language: str, remote_server: str, timeout: float, proxies: dict[str, str] | None) -> None:
        # The library reads the class constant _TIMEOUT for every request; an instance value overrides it.
        setattr(self, "_TIMEOUT", timeout)  # noqa: B010
        super().__init__(language=language, remote_server=remote_server, proxies=proxies)


class LanguageChecker:
    """One connection to one LanguageTool server, for one language, with a program's ignore list and words."""

    def __init__(
        self,
        url: str,
        *,
        language: str = DEFAULT_LANGUAGE,
        ignore_rules: Iterable[str] = (),
        words: Iterable[str] = (),
        timeout: float = REQUEST_TIMEOUT,
        max_chars: int = MAX_REQUEST_CHARS,
        managed: bool = False,
        categories: CategoryMap | None = None,
    ) -> None:
        self.url = normalize_url(url)
        self.language = language
        self.timeout = timeout
        self.max_chars = max_chars
        self.managed = managed  # the local server stagepipe started: a failure means it died
        self.categories = categories or load_category_map()
        self.ignore_rules = tuple(r.strip() for r in ignore_rules if r.strip())
        self.words = _accepted_words(words)
        self.started: server.StartResult | None = None  # set by open_checker when it started the local server
        loopback = urllib.parse.urlsplit(self.url).hostname in server.LOOPBACK_HOSTS
        # Loopback goes direct even when HTTP(S)_PROXY is set: report text must not leave the machine.
        proxies = {"no_proxy": ",".join(sorted(server.LOOPBACK_HOSTS))} if loopback else None
        self._proxies = proxies
        self._spellers: dict[str, _BoundedLanguageTool | None] = {}  # language -> a client asking its spellers only
        self._known: dict[str, dict[str, bool]] = {}  # language -> word -> does its speller know it
        self.deadline: float | None = None  # time.monotonic() past which check_paragraphs sends no more requests
        self.stopped: int | None = None  # then: how many paragraphs were checked whole
        try:
            # the trailing "/" keeps a path prefix (https://host/languagetool/) when the library appends "v2/"
            self._tool = _BoundedLanguageTool(language, self.url + "/", timeout, proxies)
        except _LibraryError as e:
            raise self._failure(e) from e
        except ValueError as e:  # language_tool_python: "unsupported language"
            known = ", ".join(self._known_languages())
            raise LanguageToolRequestError(msg("lt.language", language=language, url=self.url, known=known)) from e
        self._tool.disabled_rules = {r for r in self.ignore_rules if not _is_pattern(r)}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._tool.close()
        for tool in self._spellers.values():
            if tool is not None:
                tool.close()

    # --- which words a speller knows --------------------------------------------------------------------------

    def known_words(self, words: Collection[str], language: str) -> set[str]:
        """The words LanguageTool's spellers for ``language`` accept (its TYPOS rules find nothing in them).

        Asked on the same server as the check, one word a paragraph, in as few requests as fit (one for a report's
        few hundred words); answers are kept for the checker's life. A server without ``language`` knows none.
        """
        wanted = {w for w in words if w and not any(ch.isspace() for ch in w)}
        known = self._known.setdefault(language, {})
        ask = sorted(w for w in wanted if w not in known)
        tool = self._speller(language) if ask else None
        if tool is None:
            known.update(dict.fromkeys(ask, False))
        else:
            for chunk in _word_chunks(ask, self.max_chars):
                text = _SEPARATOR.join(chunk)
                starts, position = [], 0
                for word in chunk:
                    starts.append(position)
                    position += len(word) + len(_SEPARATOR)
                flagged = {bisect.bisect_right(starts, int(m.offset)) - 1 for m in self._request(text, tool)
                           if _SPELLER_RULE.search(str(m.rule_id))}  # not rules that read the neighbouring words
                known.update({word: k not in flagged for k, word in enumerate(chunk)})
        return {w for w in wanted if known.get(w)}

    def _speller(self, language: str) -> _BoundedLanguageTool | None:
        if language not in self._spellers:
            try:
                tool = _BoundedLanguageTool(language, self.url + "/", self.timeout, self._proxies)
            except ValueError:  # the server does not have this language
                self._spellers[language] = None
                return None
            except _LibraryError as e:
                raise self._failure(e) from e
            tool.enabled_categories = {"TYPOS"}
            tool.enabled_rules_only = True
            self._spellers[language] = tool
        return self._spellers[language]

    # --- checking ---------------------------------------------------------------------------------------------

    def check_paragraphs(self, paragraphs: Sequence[Paragraph | str]) -> list[Finding]:
        """Findings for each paragraph; offsets are relative to its paragraph, the rest of its location is kept."""
        blocks = [p if isinstance(p, Paragraph) else Paragraph(p) for p in paragraphs]
        findings = []
        for piece, offset, length, match in self._matches(blocks):
            block = blocks[piece.index]
            start = piece.start + offset
            location = replace(block.location, offset=start, length=length)
            finding = self._finding(match, block.text[start : start + length], location)
            if finding is not None:
                findings.append(finding)
        return sort_findings(findings)

    def check_text(self, text: str, file: str | None = None) -> list[Finding]:
        """Findings for a plain text; offsets are relative to ``text``, with line and column (1-based)."""
        spans = _paragraph_spans(text)
        blocks = [Paragraph(text[a:b]) for a, b in spans]
        line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        findings = []
        for piece, offset, length, match in self._matches(blocks):
            start = spans[piece.index][0] + piece.start + offset
            line = bisect.bisect_right(line_starts, start)
            column = start - line_starts[line - 1] + 1
            location = Location(file=file, line=line, column=column, offset=start, length=length)
            finding = self._finding(match, text[start : start + length], location)
            if finding is not None:
                findings.append(finding)
        return sort_findings(findings)

    def _finding(self, match: Any, matched: str, location: Location) -> Finding | None:
        rule_id = str(match.rule_id)
        if any(fnmatchcase(rule_id, p) for p in self.ignore_rules):
            return None
        replacements = [str(r) for r in match.replacements]
        category = self.categories.categorize(
            rule_id, match.category, match.rule_issue_type, matched, replacements[:HINT_SUGGESTIONS]
        )
        if category == "spelling" and self.words and _is_accepted(matched, self.words):
            return None
        suggestions = replacements[:HINT_SUGGESTIONS]
        dt_rule = dt_hint(self.categories, rule_id, matched, suggestions) if category == "dt" else None
        return Finding(
            check="language",
            rule=rule_id,
            severity=self.categories.severity(category),
            message=verbatim(str(match.message)),  # LanguageTool's own words, in the language checked
            location=location,
            text=matched,
            hint=dt_rule or " | ".join(suggestions) or None,  # suggestions are data; a dt finding says its rule
            category=category,
        )

    def _matches(self, blocks: Sequence[Paragraph]) -> Iterator[tuple[_Piece, int, int, Any]]:
        """(piece, offset in piece, length, language_tool_python Match) for every match, request by request."""
        pieces = [
            _Piece(i, start, part)
            for i, block in enumerate(blocks)
            for start, part in _split_long(block.text, self.max_chars)
            if part.strip()
        ]
        self.stopped = None
        for chunk in _pack(pieces, self.max_chars):
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.stopped = chunk[0].index  # the paragraphs before this request's first one are done
                return
            text = _SEPARATOR.join(p.text for p in chunk)
            starts = []
            position = 0
            for p in chunk:
                starts.append(position)
                position += len(p.text) + len(_SEPARATOR)
            for match in self._request(text):
                offset = int(match.offset)  # language_tool_python already mapped UTF-16 offsets to Python's
                length = _python_length(text, offset, int(match.error_length))
                k = bisect.bisect_right(starts, offset) - 1
                if k < 0:
                    continue
                piece_start, piece = starts[k], chunk[k]
                inside = offset - piece_start
                if inside >= len(piece.text):
                    continue  # a match on the separator between two paragraphs: not the student's text
                yield piece, inside, min(length, len(piece.text) - inside), match

    def _request(self, text: str, tool: language_tool_python.LanguageTool | None = None) -> list[Any]:
        try:
            return list((tool or self._tool).check(text))
        except _LibraryError as e:
            raise self._failure(e) from e
        except (KeyError, TypeError) as e:
            raise LanguageToolRequestError(msg("lt.bad-response", url=self.url, detail=repr(e))) from e

    # --- errors -----------------------------------------------------------------------------------------------

    def _failure(self, error: _LibraryError) -> Exception:
        cause = error.__cause__
        if isinstance(cause, json.JSONDecodeError) or cause is None:
            detail = str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
            return LanguageToolRequestError(msg("lt.bad-response", url=self.url, detail=detail))
        if isinstance(cause, requests.Timeout):
            return LanguageToolUnavailable(msg("lt.timeout", url=self.url, seconds=round(self.timeout)))
        if isinstance(cause, (OSError, http.client.HTTPException)):
            reason = _reason(cause)
            message = msg("lt.died", url=self.url, reason=reason) if self.managed else msg("lt.unreachable", url=self.url,
                                                                                         reason=reason)
            return LanguageToolUnavailable(message)
        return LanguageToolRequestError(msg("lt.bad-response", url=self.url, detail=str(error)[:300]))

    def _known_languages(self) -> list[str]:
        try:
            with server._open(self.url, "v2/languages", None, min(self.timeout, 10.0)) as response:
                return sorted({str(e.get("longCode")) for e in json.load(response)})
        except (OSError, ValueError, AttributeError):
            return []


def open_checker(
    server_url: str | None = None,
    *,
    language: str = DEFAULT_LANGUAGE,
    ignore_rules: Iterable[str] = (),
    words: Iterable[str] = (),
    timeout: float = REQUEST_TIMEOUT,
    start_timeout: float = server.START_TIMEOUT,
) -> LanguageChecker:
    """A checker on the configured server, or on the local one (started now if it is not running)."""
    configured = configured_url(server_url)
    options: dict[str, Any] = {"language": language, "ignore_rules": ignore_rules, "words": words, "timeout": timeout}
    if configured is not None:
        return LanguageChecker(configured[0], **options)
    started = server.ensure_server(timeout=start_timeout)
    checker = LanguageChecker(started.state.url, managed=True, **options)
    checker.started = started
    return checker


# --- helpers --------------------------------------------------------------------------------------------------


def _is_pattern(rule: str) -> bool:
    return any(ch in rule for ch in "*?[")


def _normalize_word(word: str) -> str:
    return word.strip().strip(".,;:!?\"'()[]“”‘’").casefold()


def _is_accepted(matched: str, accepted: frozenset[str]) -> bool:
    words = [_normalize_word(w) for w in matched.split()]
    return _normalize_word(matched) in accepted or (bool(words) and all(w in accepted for w in words))


def _accepted_words(words: Iterable[str]) -> frozenset[str]:
    """Accepted words and every word of an accepted name ("Thomas More" accepts "Thomas", "More", "Thomas More")."""
    accepted = set()
    for entry in words:
        if entry.strip():
            accepted.add(_normalize_word(entry))
            accepted.update(_normalize_word(w) for w in entry.split())
    accepted.discard("")
    return frozenset(accepted)


def _reason(error: BaseException) -> str:
    # requests wraps urllib3 wraps the socket error; the innermost one says it best ("Connection refused")
    text = str(error)
    for pattern in (
        r"\[Errno -?\d+\] ([^'\"\)]+)",
        r"(Connection aborted|Remote end closed connection without response)",
    ):
        m = re.search(pattern, text)
        if m:
            return m.group(1).strip()
    return type(error).__name__


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a plain text: blocks separated by empty (or blank) lines."""
    spans = []
    start = 0
    for sep in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text):
        if text[start : sep.start()].strip():
            spans.append((start, sep.start()))
        start = sep.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _split_long(text: str, limit: int) -> list[tuple[int, str]]:
    """A paragraph as (start, piece) pieces of at most ``limit`` characters, cut after a sentence if possible."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(end) + len(end) for end in (". ", "! ", "? ", "\n"))  # just after a sentence
        if cut < limit // 2:
            cut = window.rfind(" ") + 1  # else after a word
        if cut < limit // 2:
            cut = limit
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _pack(pieces: Sequence[_Piece], limit: int) -> Iterator[list[_Piece]]:
    """Consecutive pieces joined into requests of at most ``limit`` characters."""
    chunk: list[_Piece] = []
    size = 0
    for piece in pieces:
        extra = len(piece.text) + (len(_SEPARATOR) if chunk else 0)
        if chunk and size + extra > limit:
            yield chunk
            chunk, size, extra = [], 0, len(piece.text)
        chunk.append(piece)
        size += extra
    if chunk:
        yield chunk


def _word_chunks(words: Sequence[str], limit: int) -> Iterator[list[str]]:
    """Words in groups whose text (one word a paragraph) stays under ``limit`` characters."""
    chunk: list[str] = []
    size = 0
    for word in words:
        extra = len(word) + len(_SEPARATOR)
        if chunk and size + extra > limit:
            yield chunk
            chunk, size = [], 0
        chunk.append(word)
        size += extra
    if chunk:
        yield chunk


def _python_length(text: str, start: int, utf16_units: int) -> int:
    """LanguageTool counts lengths in UTF-16 units (an emoji is 2); Python in code points."""
    i, remaining = start, utf16_units
    while remaining > 0 and i < len(text):
        remaining -= 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i - start
