"""What every command shares: --format, --lang, -o/--output, --color, and writing a result (atomically to a file)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from pipeline.messages import DEFAULT_LANG, LANGS, Text, translate
from pipeline.output import FORMATS, FormatOptions, format_result

F = TypeVar("F", bound=Callable[..., Any])
LANG_ENV = "STAGEPIPE_LANG"


_FORMAT = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                       help="Output format.")
_LANG = click.option("--lang", "lang", type=click.Choice(LANGS), default=None,
                     help=f"Language of the messages (default: stagepipe --lang, ${LANG_ENV}, else {DEFAULT_LANG}).")
_OUTPUT = click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False), default=None,
                       help="Write the output to this file (atomically) instead of standard output.")
_COLOR = click.option("--color/--no-color", "color", default=None,
                      help="Colour the text output (default: when on a terminal).")


def output_options(function: F) -> F:
    """--format, --lang, -o/--output and --color, the same on every command that reports findings."""
    return _FORMAT(_LANG(_OUTPUT(_COLOR(function))))


def format_options(function: F) -> F:
    """--format, -o/--output and --color, for a command whose --lang means something else (render's documents)."""
    return _FORMAT(_OUTPUT(_COLOR(function)))


def message_lang(explicit: str | None = None) -> str:
    """The language of the messages: the command's --lang, else stagepipe --lang, else $STAGEPIPE_LANG, else nl."""
    if explicit:
        return explicit
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("lang"):
            return str(ctx.obj["lang"])
        ctx = ctx.parent
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return env if env in LANGS else DEFAULT_LANG


def is_debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("debug"))


def write_atomically(path: Path, text: str) -> None:
    """Write next to the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(result: Any, fmt: str, lang: str, output: Path | None, color: bool | None, *,
         base: str | None = None) -> None:
    """Format ``result`` and print it, or write it to ``output``."""
    colour = (output is None and fmt == "text" and sys.stdout.isatty()) if color is None else color
    text = format_result(result, fmt, FormatOptions(lang=lang, colour=colour, base=base))
    if output is not None:
        write_atomically(output, text if text.endswith("\n") else text + "\n")
    else:
        click.echo(text)


def fail(command: str, message: Text, lang: str, code: int = 2) -> NoReturn:
    """Say why a command could not run, on stderr, and exit (2 by default)."""
    click.echo(f"stagepipe {command}: {translate(message, lang)}", err=True)
    sys.exit(code)
