"""ReportError carries its texts: an error raised in the sandboxed reader reads the same in the parent."""

from __future__ import annotations

import pickle

from pipeline.report.errors import MESSAGES, ReportError


def test_report_error_keeps_its_texts_through_pickle_even_when_the_key_is_unknown_to_the_receiver() -> None:
    MESSAGES["test.only"] = {"nl": "kapot op pagina {page}", "en": "broken on page {page}"}
    try:
        error = ReportError("test.only", exit_code=2, page=3)
    finally:
        del MESSAGES["test.only"]  # the receiving process never registered this key
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ReportError and copy.exit_code == 2 and copy.values == {"page": 3}
    assert copy.message("nl") == "kapot op pagina 3" and copy.message("en") == "broken on page 3"
    assert str(copy) == "kapot op pagina 3"
