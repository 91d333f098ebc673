"""`stagepipe validate PATH...`: schema errors and program rules, all at once, with file:line:column."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.findings import exit_code
from pipeline.load.project import PathMissing, load_project
from pipeline.messages import t
from pipeline.output.json_format import dumps, validation_document
from pipeline.output.text import format_validation


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the messages.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when on a terminal).")
def validate(paths: tuple[Path, ...], fmt: str, lang: str, color: bool | None) -> None:
    """Validate case files, program profiles and institutions (files or folders of YAML).

    Exit 0 when valid, 1 when there are errors, 2 when it could not run (e.g. a path that does not exist).
    """
    try:
        from pipeline.validate.runner import validate_project

        project = load_project(paths, lang=lang)
    except PathMissing as exc:
        click.echo(f"stagepipe validate: {t('path.missing', lang, path=exc)}", err=True)
        sys.exit(2)
    if not project.files:
        click.echo(f"stagepipe validate: {t('path.no-yaml', lang, path=', '.join(map(str, paths)))}", err=True)
        sys.exit(2)
    findings = validate_project(project, lang=lang)
    if fmt == "json":
        click.echo(dumps(validation_document(findings, [str(p) for p in project.files])))
    else:
        colour = sys.stdout.isatty() if color is None else color
        click.echo(format_validation(findings, len(project.files), lang=lang, colour=colour, base=str(Path.cwd())))
        requested = set(project.files)
        cohorts = {source.cohort for source in project.cases}
        click.echo(t("summary.kinds", lang,
                     institutions=sum(s.path in requested for s in project.institutions.values()),
                     programs=sum(s.path in requested for s in project.programs.values()),
                     cases=len(project.cases), cohorts=len(cohorts)))
    sys.exit(exit_code(findings))
