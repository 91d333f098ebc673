"""`stagepipe status COHORT [--format text|json|html|xlsx]`: the overview of a cohort."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pipeline.cli.common import emit, fail, write_atomically
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import LANGS, msg


@click.command("status", cls=HelpCommand, help=N_("cli.status"))
@click.argument("cohort")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "xlsx"]), default="text",
              show_default=True, help=N_("cli.status.format"))
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.option.output"))
@click.option("--lang", "lang", type=click.Choice(LANGS), default=None, is_eager=True, help=N_("cli.option.lang"))
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False), default=None, help=N_("cli.status.inputs"))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=Path("outputs"),
              show_default=True, help=N_("cli.status.out"))
@click.option("--checks", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.status.checks"))
def status(cohort: str, fmt: str, output: Path | None, lang: str | None, inputs: Path | None, out: Path,
           checks: Path | None) -> None:
    """Per student: valid or not, pack rendered and up to date, signing deadline and days left, report checked."""
    from pipeline.cohort.status import cohort_status
    from pipeline.output import FormatOptions
    from pipeline.paths import TEMPLATES_DIR, project_inputs
    from pipeline.results import StatusResult

    lang = message_lang(lang)
    inputs = inputs or project_inputs()
    if not (inputs / "cases" / cohort).is_dir():
        fail("status", msg("status.no-cohort", cohort=cohort, folder=inputs / "cases"), lang)
    today = dt.date.today()
    students = cohort_status(inputs, cohort, out, checks or out / "checks", TEMPLATES_DIR, today)
    result = StatusResult(cohort=cohort, students=tuple(students), today=today)
    if fmt == "xlsx":
        from pipeline.output.status import status_workbook

        data = status_workbook(result, FormatOptions(lang=lang))
        if output is not None:
            write_atomically(output, data)
        elif sys.stdout.isatty():
            fail("status", msg("import.template-tty"), lang)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        return
    emit(result, fmt, lang, output, None)
