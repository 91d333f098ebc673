"""`stagepipe new case --program ID [--cohort C] [--id ID]`: a case file to fill."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.common import fail
from pipeline.cli.help import N_, HelpGroup
from pipeline.cli.lang import message_lang
from pipeline.messages import msg, translate


@click.group("new", cls=HelpGroup, help=N_("cli.new"))
def new() -> None:
    """Write a new file to fill in."""


@new.command("case", help=N_("cli.new.case"))
@click.option("--program", "program", metavar="ID", required=True, help=N_("cli.new.case.program"))
@click.option("--cohort", metavar="C", default=None, help=N_("cli.new.case.cohort"))
@click.option("--id", "case_id", metavar="ID", default=None, help=N_("cli.new.case.id"))
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.new.case.inputs"))
@click.option("--lang", "lang", type=click.Choice(["nl", "en"]), default=None, is_eager=True,
              help=N_("cli.option.lang"))
def case(program: str, cohort: str | None, case_id: str | None, inputs: Path | None, lang: str | None) -> None:
    """A case file with every field the program needs; the fields to fill are marked."""
    from pipeline.paths import project_inputs
    from pipeline.project.new import ProjectError, new_case

    lang = message_lang(lang)
    try:
        made = new_case(inputs or project_inputs(), program, cohort=cohort, case_id=case_id, lang=lang)
    except ProjectError as exc:
        fail("new case", exc.text, lang)
    click.echo(translate(msg("new.done", path=made.path, count=made.to_fill), lang))
