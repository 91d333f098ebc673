"""ReportError carries its message as data: an error raised in the sandboxed reader reads the same in the parent."""

from __future__ import annotations

import pickle

from pipeline.messages import msg
from pipeline.report.errors import ReportError


def test_report_error_keeps_its_message_through_pickle() -> None:
    error = ReportError(msg("read.too-large", size_mb="60.0", limit_mb="50"), exit_code=2)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ReportError and copy.exit_code == 2 and copy.text == error.text
    assert copy.message("nl") == error.message("nl") and "60.0" in copy.message("en")
    assert copy.message("nl") != copy.message("en")
    assert str(copy) == copy.message("nl")
