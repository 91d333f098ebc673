"""`stagepipe templates lint`: Jinja errors and unknown fields of every template, all at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.common import emit, fail, output_options
from pipeline.cli.help import N_, HelpGroup
from pipeline.cli.lang import message_lang
from pipeline.messages import msg


@click.group(cls=HelpGroup, help=N_("cli.templates"))
def templates() -> None:
    """Contract-pack templates (templates/<document>/[<program>/]<lang>.docx)."""


@templates.command("lint", help=N_("cli.templates.lint"))
@click.option("--templates", "root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.templates.lint.templates"))
@click.option("--programs", "programs_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.templates.lint.programs"))
@output_options
def lint_cmd(root: Path | None, programs_dir: Path | None, fmt: str, lang: str | None, output: Path | None,
             color: bool | None) -> None:
    """Check every template before any rendering: Jinja errors with the paragraph or table cell they sit in,
    fields the render context does not provide, and a template for every program's document and language.

    Exit 0 when clean, 1 when there are errors, 2 when the templates folder does not exist.
    """
    from pipeline.load.project import load_project
    from pipeline.paths import TEMPLATES_DIR, project_inputs
    from pipeline.render.lint import lint_templates
    from pipeline.results import LintResult

    lang = message_lang(lang)
    root = root or TEMPLATES_DIR
    if not root.is_dir():
        fail("templates lint", msg("path.missing", path=root), lang)
    folder = programs_dir or project_inputs() / "programs"
    programs = load_project([folder]).programs if folder.is_dir() else {}
    findings, count = lint_templates(root, list(programs.values()),
                                     {pid: str(p.path) for pid, p in programs.items()})
    result = LintResult(templates=count, findings=tuple(findings), root=str(root))
    emit(result, fmt, lang, output, color, base=str(Path.cwd()))
    sys.exit(result.exit_code)
