"""`stagepipe rules`: the rule kinds program profiles can use, with their options."""

from __future__ import annotations

import json

import click

from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import LANGS, Translator, msg


@click.command(cls=HelpCommand, help=N_("cli.rules"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=N_("cli.option.format"))
@click.option("--lang", "lang", type=click.Choice(LANGS), default=None, is_eager=True, help=N_("cli.rules.lang"))
def rules(fmt: str, lang: str | None) -> None:
    """List the rule kinds a program profile can use in `rules:` and their options."""
    from pipeline.validate.rules import REGISTRY  # here, not at import: other commands need no rule kinds
    from pipeline.validate.rules.base import COMMON_OPTIONS

    tr = Translator(message_lang(lang))
    kinds = [REGISTRY[name] for name in sorted(REGISTRY)]
    if fmt == "json":
        click.echo(json.dumps([{"kind": k.name, "summary": tr(k.summary), "default_severity": k.severity.value,
                                "required": list(k.required), "options": k.options} for k in kinds],
                              ensure_ascii=False, indent=2))
        return
    for kind in kinds:
        options = ", ".join(f"{name}{'*' if name in kind.required else ''}" for name in kind.options) or "—"
        label = tr(msg("rules.options", options=options))
        click.echo(f"{kind.name:24} {tr(kind.summary)}\n{'':24} {label}")
    click.echo("\n" + tr(msg("rules.common", options=", ".join(COMMON_OPTIONS))))
