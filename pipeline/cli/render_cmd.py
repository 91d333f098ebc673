"""`stagepipe render [CASES...] --out DIR [--pdf] [--jobs N] [--lang nl|en|fr] [--force]`: contract packs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pipeline.cli.common import emit, fail, format_options, is_debug
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import LANGS, msg


@click.command(cls=HelpCommand, help=N_("cli.render"))
@click.argument("cases", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help=N_("cli.render.out"))
@click.option("--pdf", is_flag=True, help=N_("cli.render.pdf"))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help=N_("cli.render.jobs"))
@click.option("--lang", "doc_lang", type=click.Choice(["nl", "en", "fr"]), default=None,
              help=N_("cli.render.doc-lang"))
@click.option("--force", is_flag=True, help=N_("cli.render.force"))
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.render.templates"))
@format_options
@click.option("--messages", "msg_lang", type=click.Choice(LANGS), default=None, is_eager=True,
              help=N_("cli.render.messages"))
@click.option("--progress/--no-progress", default=None,
              help=N_("cli.render.progress"))
def render(cases: tuple[Path, ...], out: Path, pdf: bool, jobs: int | None, doc_lang: str | None, force: bool,
           templates: Path | None, fmt: str, output: Path | None, color: bool | None,
           msg_lang: str | None, progress: bool | None) -> None:
    """Render contract packs (agreement, info sheet, mentor letter, ...) for case files or folders of them.

    CASES default to inputs/cases. Unchanged cases are skipped; cases with validation errors are refused.
    Exit 0 when every pack was made or was up to date, 1 when a case failed, 2 when it could not run.
    """
    from pipeline.load.project import PathMissing
    from pipeline.output import FormatOptions
    from pipeline.output.text import pack_line
    from pipeline.paths import TEMPLATES_DIR, project_inputs
    from pipeline.render.batch import render_cases
    from pipeline.render.pack import PackResult, RenderOptions

    lang = message_lang(msg_lang)
    paths = list(cases) or [project_inputs() / "cases"]
    options = RenderOptions(out=out, templates=templates or TEMPLATES_DIR, pdf=pdf, lang=doc_lang, force=force,
                            jobs=jobs or min(4, os.cpu_count() or 1), debug=is_debug())
    bar = None
    show_bar = sys.stderr.isatty() if progress is None else progress
    line_options = FormatOptions(lang=lang)
    to_stderr = fmt != "text" and output is None  # stdout holds the document

    def on_result(result: PackResult) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix_str(result.case_id, refresh=False)
            if result.status == "failed":
                bar.write(pack_line(result.case_id, "failed", line_options), file=sys.stderr)
        else:
            click.echo(pack_line(result.case_id, result.status, line_options), err=to_stderr)

    def on_total(total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.refresh()

    if show_bar:
        from tqdm import tqdm

        bar = tqdm(desc="stagepipe render", unit=" dossier", file=sys.stderr, dynamic_ncols=True)
    try:
        report = render_cases(paths, options, progress=on_result, on_total=on_total)
    except PathMissing as exc:
        fail("render", msg("path.missing", path=exc), lang)
    finally:
        if bar is not None:
            bar.close()
    result = report.result(out)
    emit(result, fmt, lang, output, color, base=str(Path.cwd()))
    if not result.packs:
        fail("render", msg("path.no-yaml", path=", ".join(map(str, paths))), lang)
    sys.exit(result.exit_code)
