"""Why a report could not be checked at all (exit 2, or 1 for a file that is not a valid report)."""

from __future__ import annotations

from typing import Any

from pipeline.messages import catalog

MESSAGES: dict[str, dict[str, str]] = {
    "report.missing": {"nl": "bestand bestaat niet: {path}", "en": "file does not exist: {path}"},
}

_t = catalog(MESSAGES)


class ReportError(Exception):
    """A report that cannot be read, with a message key, its values and an exit code (1: bad file, 2: could not run).

    Modules that raise it add their own keys to ``MESSAGES`` (``MESSAGES.update({...})`` at import).
    """

    def __init__(self, key: str, *, exit_code: int = 1, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
        self.exit_code = exit_code

    def message(self, lang: str = "nl") -> str:
        return _t(self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.message("nl")
