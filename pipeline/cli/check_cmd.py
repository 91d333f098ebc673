"""`stagepipe check REPORT [--program ID] [--case CASE.yaml] [--format text|json|html|junit] [--no-language]`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from pipeline.report.checks.base import CHECK_ORDER

FORMATS = ("text", "json", "html", "junit")


def _write_atomically(path: Path, text: str) -> None:
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


@click.command()
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--program", "program", metavar="ID", default=None,
              help="Program profile whose rules apply (default: the case's program).")
@click.option("--case", "case", type=click.Path(path_type=Path), default=None,
              help="The student's case file: its people and places are the names to keep out of the report.")
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder with institutions/, programs/ and cases/ (default: the case's, else ./inputs).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the output to this file (atomically) instead of standard output.")
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the HTML page to this file (whatever --format prints).")
@click.option("--no-language", is_flag=True, help="Skip the language check (no LanguageTool server needed).")
@click.option("--only", multiple=True, metavar="CHECK",
              help=f"Run only these checks (repeatable): {', '.join(CHECK_ORDER)}.")
@click.option("--skip", multiple=True, metavar="CHECK", help="Skip these checks (repeatable).")
@click.option("--no-pages", is_flag=True, help="Do not lay out a DOCX with LibreOffice to count its pages.")
@click.option("--server", metavar="URL", default=None,
              help="LanguageTool server to use (default: $STAGEPIPE_LANGUAGETOOL_URL, else the local one).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the messages.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when on a terminal).")
def check(report: Path, program: str | None, case: Path | None, inputs: Path | None, fmt: str, output: Path | None,
          html_file: Path | None, no_language: bool, only: tuple[str, ...], skip: tuple[str, ...], no_pages: bool,
          server: str | None, lang: str, color: bool | None) -> None:
    """Check an internship report (DOCX, PDF, TXT or Markdown) before you submit it.

    Sections and their order, pages and words, anonymity, Dutch spelling and grammar (dt-errors), lay-out.
    Exit 0 when nothing of severity error was found, 1 when something was, 2 when the check could not run.
    """
    from pipeline.language.errors import LanguageToolError
    from pipeline.output import REPORT_FORMATTERS
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import CheckOptions, check_report, parse_groups

    try:
        groups = parse_groups(only, [*skip, *(["language"] if no_language else [])])
        options = CheckOptions(report=report, program=program, case=case, inputs=inputs, groups=groups, lang=lang,
                               server=server, count_pages=not no_pages)
        result = check_report(options)
    except ReportError as exc:
        click.echo(f"stagepipe check: {report}: {exc.message(lang)}", err=True)
        sys.exit(exc.exit_code)
    except LanguageToolError as exc:
        advice = ("gebruik --no-language om zonder taalcontrole te controleren" if lang == "nl"
                  else "use --no-language to check without the language check")
        click.echo(f"stagepipe check: {exc} ({advice})", err=True)
        sys.exit(2)
    if html_file is not None:
        _write_atomically(html_file, REPORT_FORMATTERS["html"](result, lang=lang, colour=False))
    colour = (output is None and sys.stdout.isatty()) if color is None else color
    text = REPORT_FORMATTERS[fmt](result, lang=lang, colour=colour)
    if output is not None:
        _write_atomically(output, text if text.endswith("\n") else text + "\n")
    else:
        click.echo(text)
    sys.exit(result.exit_code)
