"""Why LanguageTool could not be used: each error carries a message, shown in the user's language."""

from __future__ import annotations

from pipeline.messages import DEFAULT_LANG, Message, translate


class LanguageToolError(Exception):
    """LanguageTool could not be used; ``text`` says why (a message id with its values)."""

    def __init__(self, text: Message) -> None:
        self.text = text
        super().__init__(translate(text, DEFAULT_LANG))

    @property
    def key(self) -> str:
        """The message id (stable: for tests and other programs)."""
        return self.text.id

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return translate(self.text, lang)


class LanguageToolNotInstalled(LanguageToolError):
    """The jars or Java are missing: run `make languagetool`."""


class LanguageToolUnavailable(LanguageToolError):
    """The server could not be started, does not answer, died or timed out."""


class LanguageToolRequestError(LanguageToolError):
    """The server answered, but not with a result (bad URL, unsupported language, malformed answer)."""
