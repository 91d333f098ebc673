"""`stagepipe check REPORT [--program ID] [--case CASE.yaml] [--format text|json|html|junit] [--no-language]`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.cli.common import emit, fail, output_options, write_atomically
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import joined, msg, verbatim

if TYPE_CHECKING:
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
@click.option("--annotate", "annotate_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.check.annotate"))
@click.option("--no-language", is_flag=True, help=N_("cli.check.no-language"))
@click.option("--only", multiple=True, metavar="CHECK", help=N_("cli.check.only"))
@click.option("--skip", multiple=True, metavar="CHECK", help=N_("cli.check.skip"))
@click.option("--no-pages", is_flag=True, help=N_("cli.check.no-pages"))
@click.option("--server", metavar="URL", default=None, help=N_("cli.option.server"))
def check(report: Path, program: str | None, case: Path | None, inputs: Path | None, fmt: str, lang: str | None,
          output: Path | None, color: bool | None, html_file: Path | None, annotate_file: Path | None,
          no_language: bool, only: tuple[str, ...],
          skip: tuple[str, ...], no_pages: bool, server: str | None) -> None:
    """Check an internship report (DOCX, PDF, TXT or Markdown) before you submit it.

    Sections and their order, pages and words, anonymity, Dutch spelling and grammar (dt-errors), lay-out.
    Exit 0 when nothing of severity error was found, 1 when something was, 2 when the check could not run.
    """
    from pipeline.language.errors import LanguageToolError
    from pipeline.output import FormatOptions, format_result
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import CheckOptions, check_report, parse_groups

    lang = message_lang(lang)
    try:
        groups = parse_groups(only, [*skip, *(["language"] if no_language else [])])
        options = CheckOptions(report=report, program=program, case=case, inputs=inputs, groups=groups,
                               server=server, count_pages=not no_pages)
        result = check_report(options)
    except ReportError as exc:
        fail("check", joined((verbatim(str(report)), exc.text), ": "), lang, exc.exit_code)
    except LanguageToolError as exc:
        fail("check", msg("setup.language-unavailable", reason=exc.text), lang)
    if html_file is not None:
        write_atomically(html_file, format_result(result, "html", FormatOptions(lang=lang)))
    if annotate_file is not None:
        _annotate(result, report, annotate_file, lang)
    emit(result, fmt, lang, output, color)
    sys.exit(result.exit_code)


def _annotate(result: ReportResult, report: Path, target: Path, lang: str) -> None:
    """The report with its findings as Word comments or PDF highlights, written atomically to ``target``."""
    from pipeline.annotate import AnnotateError, annotate_report

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        annotate_report(result, report, Path(name), lang)
        os.replace(name, target)
    except AnnotateError as exc:
        fail("check", msg("annotate.failed", reason=exc.text), lang)
    finally:
        Path(name).unlink(missing_ok=True)
