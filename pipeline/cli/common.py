"""What every command shares: --format, --lang, -o/--output, --color, and writing a result (atomically to a file)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from pipeline.cli.help import N_
from pipeline.files import write_atomically as write_atomically  # re-exported: commands write through it
from pipeline.messages import LANGS, Text, translate
from pipeline.output import FORMATS, FormatOptions, format_result

F = TypeVar("F", bound=Callable[..., Any])


_FORMAT = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                       help=N_("cli.option.format"))
# eager, so that `--lang en --help` already knows the language of the help
_LANG = click.option("--lang", "lang", type=click.Choice(LANGS), default=None, is_eager=True,
                     help=N_("cli.option.lang"))
_OUTPUT = click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False), default=None,
                       help=N_("cli.option.output"))
_COLOR = click.option("--color/--no-color", "color", default=None, help=N_("cli.option.color"))


def output_options(function: F) -> F:
    """--format, --lang, -o/--output and --color, the same on every command that reports findings."""
    return _FORMAT(_LANG(_OUTPUT(_COLOR(function))))


def format_options(function: F) -> F:
    """--format, -o/--output and --color, for a command whose --lang means something else (render's documents)."""
    return _FORMAT(_OUTPUT(_COLOR(function)))


def is_debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("debug"))


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
