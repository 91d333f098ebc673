"""A LanguageTool server of a bench's own: started in a folder of the bench (never the user's cache), stopped after,
the environment as it was."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.language import ENV_URL, server


@contextmanager
def own_server(folder: Path | str, *, sentence_cache: bool = True) -> Iterator[server.StartResult]:
    """Start (and warm up) a server whose state lives in ``folder``; yield what ``ensure_server`` returned.

    ``sentence_cache=False``: the server asks its rules again for every sentence. A bench that checks the same text
    again and again would otherwise measure LanguageTool's result cache, not a check of a new report."""
    saved = {key: os.environ.get(key) for key in ("STAGEPIPE_CACHE", ENV_URL)}
    properties = server.SERVER_PROPERTIES
    os.environ["STAGEPIPE_CACHE"] = str(folder)
    os.environ.pop(ENV_URL, None)
    if not sentence_cache:
        server.SERVER_PROPERTIES = {key: value for key, value in properties.items() if not key.startswith("cache")}
    try:
        yield server.ensure_server()
    finally:
        os.environ["STAGEPIPE_CACHE"] = str(folder)
        server.stop()
        server.SERVER_PROPERTIES = properties
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
