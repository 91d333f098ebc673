"""Why LanguageTool could not be used: each error carries a message key so the user reads it in Dutch or English."""

from __future__ import annotations

from typing import Any

from pipeline.messages import t


class LanguageToolError(Exception):
    """LanguageTool could not be used; ``key`` and ``values`` select the user-facing message."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, "nl", **values))

    def message(self, lang: str = "nl") -> str:
        return t(self.key, lang, **self.values)


class LanguageToolNotInstalled(LanguageToolError):
    """The jars or Java are missing: run `make languagetool`."""


class LanguageToolUnavailable(LanguageToolError):
    """The server could not be started, does not answer, died or timed out."""


class LanguageToolRequestError(LanguageToolError):
    """The server answered, but not with a result (bad URL, unsupported language, malformed answer)."""
