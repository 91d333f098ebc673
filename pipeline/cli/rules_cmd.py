"""`stagepipe rules`: the rule kinds program profiles can use, with their options."""

from __future__ import annotations

import json

import click


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the rule kinds a program profile can use in `rules:` and their options."""
    from pipeline.validate.rules import REGISTRY  # here, not at import: other commands need no rule kinds
    from pipeline.validate.rules.base import COMMON_OPTIONS

    kinds = [REGISTRY[name] for name in sorted(REGISTRY)]
    if fmt == "json":
        click.echo(json.dumps([{"kind": k.name, "summary": k.summary, "default_severity": k.severity.value,
                                "required": list(k.required), "options": k.options} for k in kinds],
                              ensure_ascii=False, indent=2))
        return
    for kind in kinds:
        options = ", ".join(f"{name}{'*' if name in kind.required else ''}" for name in kind.options) or "—"
        click.echo(f"{kind.name:24} {kind.summary}\n{'':24} opties: {options}")
    click.echo(f"\nAlle regels: {', '.join(COMMON_OPTIONS)} (* = verplicht)")
