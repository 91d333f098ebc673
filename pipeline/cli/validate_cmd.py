"""`stagepipe validate`: placeholder until the validator lands."""

import click


@click.command()
def validate() -> None:
    """Validate case files, program profiles and institutions."""
    raise click.ClickException("not implemented yet")
