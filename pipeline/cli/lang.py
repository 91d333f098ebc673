"""The language of the messages: a command's --lang, else stagepipe --lang, else $STAGEPIPE_LANG, else Dutch."""

from __future__ import annotations

import os

import click

from pipeline.messages import DEFAULT_LANG, LANGS

LANG_ENV = "STAGEPIPE_LANG"


def message_lang(explicit: str | None = None) -> str:
    """The language of the messages: the command's --lang, else stagepipe --lang, else $STAGEPIPE_LANG, else nl."""
    if explicit:
        return explicit
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        chosen = ctx.params.get("lang") or ctx.params.get("msg_lang") or (ctx.obj or {}).get("lang")
        if chosen in LANGS:
            return str(chosen)
        ctx = ctx.parent
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return env if env in LANGS else DEFAULT_LANG
