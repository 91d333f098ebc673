"""Why a report could not be checked at all (exit 2, or 1 for a file that is not a valid report)."""

from __future__ import annotations

from typing import Any

from pipeline.messages import LANGS, catalog

MESSAGES: dict[str, dict[str, str]] = {
    "report.missing": {"nl": "bestand bestaat niet: {path}", "en": "file does not exist: {path}"},
}

_t = catalog(MESSAGES)


class ReportError(Exception):
    """A report that cannot be read, with a message key, its values and an exit code (1: bad file, 2: could not run).

    Modules that raise it add their own keys to ``MESSAGES`` (``MESSAGES.update({...})`` at import). The texts are
    resolved when the error is made and travel with it when pickled, so an error raised in the sandboxed reader
    process reads the same in the parent, whichever modules the parent has imported.
    """

    def __init__(self, key: str, *, exit_code: int = 1, texts: dict[str, str] | None = None, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
        self.exit_code = exit_code
        self.texts = texts or {lang: _t(key, lang, **values) for lang in LANGS}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.key, self.exit_code, self.texts, self.values))

    def message(self, lang: str = "nl") -> str:
        return self.texts.get(lang) or self.texts["nl"]

    def __str__(self) -> str:
        return self.message("nl")


def _rebuild(cls: type[ReportError], key: str, exit_code: int, texts: dict[str, str],
             values: dict[str, Any]) -> ReportError:
    return cls(key, exit_code=exit_code, texts=texts, **values)
