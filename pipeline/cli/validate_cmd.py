"""`stagepipe validate PATH...`: schema errors and program rules, all at once, with file:line:column."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.common import emit, fail, output_options
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import msg


@click.command(cls=HelpCommand, help=N_("cli.validate"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options
def validate(paths: tuple[Path, ...], fmt: str, lang: str | None, output: Path | None, color: bool | None) -> None:
    """Validate case files, program profiles and institutions (files or folders of YAML).

    Exit 0 when valid, 1 when there are errors, 2 when it could not run (e.g. a path that does not exist).
    """
    from pipeline.load.project import PathMissing, load_project
    from pipeline.results import ProjectSummary, ValidationResult
    from pipeline.validate.runner import validate_project

    lang = message_lang(lang)
    try:
        project = load_project(paths)
    except PathMissing as exc:
        fail("validate", msg("path.missing", path=exc), lang)
    if not project.files:
        fail("validate", msg("path.no-yaml", path=", ".join(map(str, paths))), lang)
    requested = set(project.files)
    summary = ProjectSummary(
        institutions=sum(s.path in requested for s in project.institutions.values()),
        programs=sum(s.path in requested for s in project.programs.values()),
        cases=len(project.cases), cohorts=len({source.cohort for source in project.cases}))
    result = ValidationResult(files=tuple(str(p) for p in project.files), findings=tuple(validate_project(project)),
                              summary=summary)
    emit(result, fmt, lang, output, color, base=str(Path.cwd()))
    sys.exit(result.exit_code)
