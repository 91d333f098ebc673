"""Why a report could not be checked at all (exit 2, or 1 for a file that is not a valid report)."""

from __future__ import annotations

from typing import Any

from pipeline.messages import DEFAULT_LANG, Message, translate


class ReportError(Exception):
    """A report that cannot be read: a message (an id with its values) and an exit code (1: bad file, 2: could not
    run). The message is data, so an error raised in the sandboxed reader process pickles and reads the same in the
    parent."""

    def __init__(self, text: Message, exit_code: int = 1) -> None:
        super().__init__(text, exit_code)
        self.text = text
        self.exit_code = exit_code

    @property
    def key(self) -> str:
        """The message id (stable: for tests and other programs)."""
        return self.text.id

    @property
    def values(self) -> dict[str, Any]:
        return self.text.values

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return translate(self.text, lang)

    def __str__(self) -> str:
        return self.message(DEFAULT_LANG)


class InternalError(Exception):
    """A bug of stagepipe (or of its installation) met while checking a report: never the student's file. The
    command exits 2 with 'internal error, please report'; ``details`` holds the traceback (shown with --debug).
    Plain strings only, so it pickles out of the sandboxed reader unchanged."""

    def __init__(self, error: str, details: str = "") -> None:
        super().__init__(error, details)
        self.error = error
        self.details = details

    def __str__(self) -> str:
        return self.error

    @classmethod
    def of(cls, exc: BaseException) -> InternalError:
        import traceback

        return cls(f"{type(exc).__name__}: {exc}"[:500], "".join(traceback.format_exception(exc)))
