"""Command line: parses arguments, builds options, calls the core, maps the result to an exit code.

Only this package imports click or calls sys.exit. Each command lives in its own module and is
registered in COMMANDS; the core (pipeline.load, pipeline.validate, ...) never imports from here.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from pipeline import __version__
from pipeline.cli.help import N_, HelpGroup
from pipeline.cli.lang import message_lang
from pipeline.messages import LANGS, msg, translate

# module name inside pipeline.cli -> attribute holding the click command or group
COMMANDS: dict[str, str] = {
    "validate_cmd": "validate",
    "render_cmd": "render",
    "templates_cmd": "templates",
    "rules_cmd": "rules",
    "languagetool_cmd": "languagetool",
    "check_cmd": "check",
    "init_cmd": "init",
    "new_cmd": "new",
    "import_cmd": "import_sheet",
    "status_cmd": "status",
    "doctor_cmd": "doctor",
    "serve_cmd": "serve",
}


class _Group(HelpGroup):
    """Internal errors get one clear line and exit 2; the traceback only with --debug."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `stagepipe ... | head`: the reader has what it wanted; no error, no traceback
            _stdout_to_devnull()
            ctx.exit(141)  # as a shell reports a process ended by SIGPIPE
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.obj and ctx.obj.get("debug"):
                raise
            text = translate(msg("cli.internal-error", error=f"{type(exc).__name__}: {exc}"), message_lang())
            click.echo(f"stagepipe: {text}", err=True)
            ctx.exit(2)


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not fail on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@click.group(cls=_Group, help=N_("cli.main"),
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="stagepipe", help=N_("cli.option.version"))
@click.option("--debug", is_flag=True, help=N_("cli.option.debug"))
@click.option("--lang", type=click.Choice(LANGS), default=None, is_eager=True, help=N_("cli.option.main-lang"))
@click.pass_context
def main(ctx: click.Context, debug: bool, lang: str | None) -> None:
    """stagepipe: validate internship case files, render contract packs, check reports."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["lang"] = lang


for _module, _attr in COMMANDS.items():
    main.add_command(getattr(importlib.import_module(f"pipeline.cli.{_module}"), _attr))
