"""`stagepipe init DIR [--institution ID]`: a working project to start from."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.common import fail
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import msg, translate


@click.command("init", cls=HelpCommand, help=N_("cli.init"))
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--institution", metavar="ID", default=None, help=N_("cli.init.institution"))
@click.option("--lang", "lang", type=click.Choice(["nl", "en"]), default=None, is_eager=True,
              help=N_("cli.option.lang"))
def init(directory: Path, institution: str | None, lang: str | None) -> None:
    """Write a working project: inputs/, schemas/, editor settings and a Makefile."""
    from pipeline.project.init import init_project
    from pipeline.project.new import ProjectError

    lang = message_lang(lang)
    try:
        result = init_project(directory, institution, lang)
    except ProjectError as exc:
        fail("init", exc.text, lang)
    inputs = directory / "inputs"
    counts = {kind: len(list((inputs / kind).glob("*.yaml"))) for kind in ("institutions", "programs")}
    click.echo(translate(msg("init.done", path=directory, institutions=counts["institutions"],
                             programs=counts["programs"], cases=len(list((inputs / "cases").rglob("*.yaml")))), lang))
    if result.institution_to_fill:
        click.echo(translate(msg("init.institution-to-fill", path=inputs / "institutions" / f"{institution}.yaml",
                                 count=result.institution_to_fill), lang))
    click.echo(translate(msg("init.next", path=directory), lang))
