"""`stagepipe check REPORT [--program ID] [--case CASE.yaml] [--format text|json|html|junit] [--no-language]`, and a
cohort: `stagepipe check DIR... --cases inputs/cases/COHORT [--jobs N] [--mapping CSV] [-o DIR]`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline.cli.common import _COLOR, _LANG, emit, fail, is_debug, write_atomically
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import joined, msg, translate, verbatim
from pipeline.output import CHECK_FORMATS

if TYPE_CHECKING:
    from pipeline.convert.office import Office
    from pipeline.report.anonymity_process import AnonymityProcess
    from pipeline.results import ReportResult


@click.command(cls=HelpCommand, help=N_("cli.check"))
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="REPORT|DIR...")
@click.option("--program", "program", metavar="ID", default=None,
              help=N_("cli.check.program"))
@click.option("--case", "case", type=click.Path(path_type=Path), default=None,
              help=N_("cli.check.case"))
@click.option("--cases", "cases", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.check.cases"))
@click.option("--mapping", "mapping", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.check.mapping"))
@click.option("--jobs", "-j", "jobs", type=click.IntRange(min=1, max=32), default=None, help=N_("cli.check.jobs"))
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.check.inputs"))
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help=N_("cli.check.format"))
@_LANG
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), default=None,
              help=N_("cli.check.output"))
@_COLOR
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.check.html"))
@click.option("--annotate", "annotate_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.check.annotate"))
@click.option("--no-language", is_flag=True, help=N_("cli.check.no-language"))
@click.option("--only", multiple=True, metavar="CHECK", help=N_("cli.check.only"))
@click.option("--skip", multiple=True, metavar="CHECK", help=N_("cli.check.skip"))
@click.option("--no-pages", is_flag=True, help=N_("cli.check.no-pages"))
@click.option("--server", metavar="URL", default=None, help=N_("cli.option.server"))
@click.option("--time-budget", "time_budget", type=click.FloatRange(min=1.0), metavar="SECONDS", default=None,
              envvar="STAGEPIPE_TIME_BUDGET", help=N_("cli.check.time-budget"))
def check(reports: tuple[Path, ...], program: str | None, case: Path | None, cases: Path | None,
          mapping: Path | None, jobs: int | None, inputs: Path | None, fmt: str, lang: str | None,
          output: Path | None, color: bool | None, html_file: Path | None, annotate_file: Path | None, no_language: bool,
          only: tuple[str, ...], skip: tuple[str, ...], no_pages: bool, server: str | None,
          time_budget: float | None) -> None:
    """Check an internship report (DOCX, PDF, TXT or Markdown) before you submit it, or a cohort's reports.

    Sections and their order, pages and words, anonymity, Dutch spelling and grammar (dt-errors), lay-out.
    Exit 0 when nothing of severity error was found, 1 when something was, 2 when the check could not run.
    """
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import parse_groups

    lang = message_lang(lang)
    try:
        groups = parse_groups(only, [*skip, *(["language"] if no_language else [])])
    except ReportError as exc:
        fail("check", exc.text, lang, exc.exit_code)
    if cases is not None or len(reports) > 1 or any(path.is_dir() for path in reports):
        if annotate_file is not None:
            fail("check", msg("cohort.annotate"), lang)
        _cohort(reports, cases, mapping, jobs, inputs, groups, fmt, lang, output, color, server, no_pages,
                time_budget)
    if fmt == "csv":
        fail("check", msg("cohort.csv-only"), lang)
    report = reports[0]
    _single(report, program, case, inputs, groups, fmt, lang, output, color, html_file, annotate_file, server,
            no_pages, time_budget)


def _single(report: Path, program: str | None, case: Path | None, inputs: Path | None, groups: tuple[str, ...],
            fmt: str, lang: str, output: Path | None, color: bool | None, html_file: Path | None,
            annotate_file: Path | None, server: str | None, no_pages: bool, time_budget: float | None) -> None:
    if output is not None and output.is_dir():
        fail("check", msg("check.output-folder", path=output), lang)
    # first, before any import or thread of the check: deduce loads in a child while this process reads the report
    anonymity = _anonymity_process() if "anonymity" in groups and report.is_file() else None

    from pipeline.language.errors import LanguageToolError
    from pipeline.output import FormatOptions, format_result
    from pipeline.report.errors import ReportError
    from pipeline.report.setup import CheckOptions, check_or_refuse

    try:
        options = CheckOptions(report=report, program=program, case=case, inputs=inputs, groups=groups,
                               server=server, count_pages=not no_pages, time_budget=time_budget,
                               office=warm_office(0), anonymity=anonymity)
        result = check_or_refuse(options)
    except ReportError as exc:
        fail("check", joined((verbatim(str(report)), exc.text), ": "), lang, exc.exit_code)
    except LanguageToolError as exc:
        fail("check", msg("setup.language-unavailable", reason=exc.text), lang)
    finally:
        if anonymity is not None:
            anonymity.close()
    say_why_not_checked(result, lang)
    if html_file is not None:
        write_atomically(html_file, format_result(result, "html", FormatOptions(lang=lang)))
    if annotate_file is not None and not (result.refused or result.internal_error):
        _annotate(result, report, annotate_file, lang)
    if fmt != "text" or not (result.refused or result.internal_error) or output is not None:
        emit(result, fmt, lang, output, color)  # json, junit and html: a document for every file
    sys.exit(result.exit_code)


def _anonymity_process() -> AnonymityProcess | None:
    from pipeline.report.anonymity_process import AnonymityProcess

    return AnonymityProcess.start()


def _cohort(reports: tuple[Path, ...], cases: Path | None, mapping: Path | None, jobs: int | None,
            inputs: Path | None, groups: tuple[str, ...], fmt: str, lang: str, output: Path | None,
            color: bool | None, server: str | None, no_pages: bool, time_budget: float | None) -> None:
    from pipeline.convert.office import enabled
    from pipeline.language.errors import LanguageToolError
    from pipeline.report.cohort import (
        CohortOptions,
        check_cohort,
        find_reports,
        load_cases,
        match_reports,
        read_mapping,
        worker_count,
    )

    if cases is None:
        fail("check", msg("cohort.cases-needed"), lang)
    missing = [path for path in (*reports, cases) if not path.exists()]
    if missing:
        fail("check", msg("read.missing", path=missing[0]), lang)
    if output is not None and output.exists() and not output.is_dir():
        fail("check", msg("cohort.output-not-folder", path=output), lang)
    found = load_cases(cases)
    if not found:
        fail("check", msg("cohort.no-cases", path=cases), lang)
    try:
        table = read_mapping(mapping) if mapping is not None else None
    except (OSError, ValueError, KeyError) as exc:
        fail("check", msg("cohort.mapping-unreadable", path=mapping, reason=str(exc)), lang)
    matching = match_reports(find_reports(reports), found, table)
    options = CohortOptions(groups=groups, server=server, count_pages=not no_pages, time_budget=time_budget,
                            inputs=inputs, out=output, lang=lang, warm_office=enabled())
    bar = _progress(len(matching.matched), lang)
    try:
        result = check_cohort(matching, options, jobs=worker_count(jobs), cohort=cases.name,
                              progress=(lambda done, total: bar.update(1)) if bar is not None else None)
    except LanguageToolError as exc:
        fail("check", msg("setup.language-unavailable", reason=exc.text), lang)
    finally:
        if bar is not None:
            bar.close()
    if output is not None:
        write_atomically(output / "overview.json", _formatted(result, "json", lang) + "\n")
    emit(result, fmt, lang, None, color)
    sys.exit(result.exit_code)


def _formatted(result: object, fmt: str, lang: str) -> str:
    from pipeline.output import FormatOptions, format_result

    return format_result(result, fmt, FormatOptions(lang=lang))


def _progress(total: int, lang: str) -> Any:
    """A progress bar on stderr when it is a terminal (tqdm); None otherwise."""
    if not sys.stderr.isatty() or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=translate(msg("cohort.unit"), lang), file=sys.stderr, leave=False)


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
