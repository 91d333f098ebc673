"""`stagepipe templates lint`: Jinja errors and unknown fields of every template, all at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.findings import Severity, exit_code
from pipeline.messages import t
from pipeline.output.json_format import dumps
from pipeline.output.text import format_line, summary_counts
from pipeline.paths import INPUTS_DIR, TEMPLATES_DIR


@click.group()
def templates() -> None:
    """Contract-pack templates (templates/<document>/[<program>/]<lang>.docx)."""


@templates.command("lint")
@click.option("--templates", "root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Templates folder (default: the project's templates/).")
@click.option("--programs", "programs_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Program profiles whose documents and languages must all have a template "
                   "(default: inputs/programs).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the messages.")
def lint_cmd(root: Path | None, programs_dir: Path | None, fmt: str, lang: str) -> None:
    """Check every template before any rendering: Jinja errors with the paragraph or table cell they sit in,
    fields the render context does not provide, and a template for every program's document and language.

    Exit 0 when clean, 1 when there are errors, 2 when the templates folder does not exist.
    """
    from pipeline.load.project import load_project
    from pipeline.render.lint import lint_templates

    root = root or TEMPLATES_DIR
    if not root.is_dir():
        click.echo(f"stagepipe templates lint: {t('path.missing', lang, path=root)}", err=True)
        sys.exit(2)
    folder = programs_dir or INPUTS_DIR / "programs"
    programs = load_project([folder], lang=lang).programs if folder.is_dir() else {}
    findings, count = lint_templates(root, list(programs.values()), lang,
                                     {pid: str(p.path) for pid, p in programs.items()})
    counts = summary_counts(findings)
    if fmt == "json":
        click.echo(dumps({"templates": count, "findings": [f.to_dict() for f in findings],
                          "summary": {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING]},
                          "passed": counts[Severity.ERROR] == 0}))
    else:
        base = str(Path.cwd())
        for finding in findings:
            line = format_line(finding, lang=lang, base=base)
            click.echo(line + (f"\n    {finding.text}" if finding.text else ""))
        click.echo(t("summary.lint", lang, templates=count, errors=counts[Severity.ERROR],
                     warnings=counts[Severity.WARNING]))
    sys.exit(exit_code(findings))
