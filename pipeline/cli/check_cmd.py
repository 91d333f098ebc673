"""`stagepipe check REPORT [--program ID] [--case CASE.yaml] [--format text|json|html|junit] [--no-language]`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.cli.common import emit, fail, is_debug, output_options, write_atomically
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import joined, msg, translate, verbatim

if TYPE_CHECKING:
    from pipeline.convert.office import Office
    from pipeline.results import ReportResult


@click.command(cls=HelpCommand, help=N_("cli.check"))
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--program", "program", metavar="ID", default=None,
              help=N_("cli.check.program"))
@click.option("--case", "case", type=click.Path(path_type=Path), default=None,
              help=N_("cli.check.case"))
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.check.inputs"))
@output_options
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.check.html"))
@click.option("--no-language", is_flag=True, help=N_("cli.check.no-language"))
@click.option("--only", multiple=True, metavar="CHECK", help=N_("cli.check.only"))
@click.option("--skip", multiple=True, metavar="CHECK", help=N_("cli.check.skip"))
@click.option("--no-pages", is_flag=True, help=N_("cli.check.no-pages"))
@click.option("--server", metavar="URL", default=None, help=N_("cli.option.server"))
@click.option("--time-budget", "time_budget", type=click.FloatRange(min=1.0), metavar="SECONDS", default=None,
              envvar="STAGEPIPE_TIME_BUDGET", help=N_("cli.check.time-budget"))
def check(report: Path, program: str | None, case: Path | None, inputs: Path | None, fmt: str, lang: str | None,
          output: Path | None, color: bool | None, html_file: Path | None, no_language: bool, only: tuple[str, ...],
          skip: tuple[str, ...], no_pages: bool, server: str | None, time_budget: float | None) -> None:
    """Check an internship report (DOCX, PDF, TXT or Markdown) before you submit it.

    Sections and their order, pages and words, anonymity, Dutch spelling and grammar (dt-errors), lay-out.
    Exit 0 when nothing of severity error was found, 1 when something was, 2 when the check could not run.
    """
    from pipeline.language.errors import LanguageToolError
    from pipeline.output import FormatOptions, format_result
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import CheckOptions, check_or_refuse, parse_groups

    lang = message_lang(lang)
    try:
        groups = parse_groups(only, [*skip, *(["language"] if no_language else [])])
        options = CheckOptions(report=report, program=program, case=case, inputs=inputs, groups=groups,
                               server=server, count_pages=not no_pages, time_budget=time_budget,
                               office=warm_office(0))
        result = check_or_refuse(options)
    except ReportError as exc:
        fail("check", joined((verbatim(str(report)), exc.text), ": "), lang, exc.exit_code)
    except LanguageToolError as exc:
        fail("check", msg("setup.language-unavailable", reason=exc.text), lang)
    say_why_not_checked(result, lang)
    if html_file is not None:
        write_atomically(html_file, format_result(result, "html", FormatOptions(lang=lang)))
    if fmt != "text" or not (result.refused or result.internal_error):
        emit(result, fmt, lang, output, color)  # json, junit and html: a document for every file
    elif output is not None:
        emit(result, fmt, lang, output, color)
    sys.exit(result.exit_code)


def warm_office(slot: int) -> Office | None:
    """The warm LibreOffice of a slot for the page layout (pipeline.convert.office), None when switched off."""
    from pipeline.convert.office import Office, enabled

    return Office(slot) if enabled() else None


def say_why_not_checked(result: ReportResult, lang: str) -> None:
    """A refused report or an internal error, said on stderr as well (the traceback of an internal error only with
    --debug): a person at a terminal reads it there, a build run still gets its document on stdout."""
    if result.internal_error is not None:
        if is_debug():
            click.echo(result.internal_error.rstrip(), err=True)
        click.echo(f"stagepipe check: {result.document.path}: {translate(result.findings[0].message, lang)}", err=True)
    elif result.refused:
        click.echo(f"stagepipe check: {result.document.path}: {translate(result.findings[0].message, lang)}", err=True)
