"""`stagepipe render [CASES...] --out DIR [--pdf] [--jobs N] [--lang nl|en|fr] [--force]`: contract packs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pipeline.findings import Severity
from pipeline.load.project import PathMissing
from pipeline.messages import t
from pipeline.output.text import format_line
from pipeline.paths import INPUTS_DIR, TEMPLATES_DIR
from pipeline.render.pack import PackResult, RenderOptions


@click.command()
@click.argument("cases", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the packs: one sub-folder per case.")
@click.option("--pdf", is_flag=True, help="Also make PDFs (LibreOffice headless, one process per worker).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of CPUs, at most 4).")
@click.option("--lang", type=click.Choice(["nl", "en", "fr"]), default=None,
              help="Language of the documents (default: each case's own `language`, else nl).")
@click.option("--force", is_flag=True, help="Render every case again, also when nothing changed.")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Templates folder (default: the project's templates/).")
@click.option("--messages", "msg_lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the messages.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar (default: when stderr is a terminal; plain lines otherwise).")
def render(cases: tuple[Path, ...], out: Path, pdf: bool, jobs: int | None, lang: str | None, force: bool,
           templates: Path | None, msg_lang: str, progress: bool | None) -> None:
    """Render contract packs (agreement, info sheet, mentor letter, ...) for case files or folders of them.

    CASES default to inputs/cases. Unchanged cases are skipped; cases with validation errors are refused.
    Exit 0 when every pack was made or was up to date, 1 when a case failed, 2 when it could not run.
    """
    from pipeline.render.batch import render_cases

    paths = list(cases) or [INPUTS_DIR / "cases"]
    options = RenderOptions(out=out, templates=templates or TEMPLATES_DIR, pdf=pdf, lang=lang, force=force,
                            jobs=jobs or min(4, os.cpu_count() or 1))
    bar = None
    show_bar = sys.stderr.isatty() if progress is None else progress
    labels = {"rendered": t("render.rendered", msg_lang), "skipped": t("render.skipped", msg_lang),
              "failed": t("render.failed", msg_lang)}

    def on_result(result: PackResult) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix_str(result.case_id, refresh=False)
            if result.status == "failed":
                bar.write(f"{labels['failed']}: {result.case_id}", file=sys.stderr)
        else:
            click.echo(f"{labels[result.status]}: {result.case_id}")

    def on_total(total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.refresh()

    if show_bar:
        from tqdm import tqdm

        bar = tqdm(desc="stagepipe render", unit=" dossier", file=sys.stderr, dynamic_ncols=True)
    try:
        report = render_cases(paths, options, progress=on_result, msg_lang=msg_lang, on_total=on_total)
    except PathMissing as exc:
        click.echo(f"stagepipe render: {t('path.missing', msg_lang, path=exc)}", err=True)
        sys.exit(2)
    finally:
        if bar is not None:
            bar.close()
    base = str(Path.cwd())
    for result in report.results:
        for finding in result.findings:
            click.echo(f"{result.case_id}: {format_line(finding, lang=msg_lang, base=base)}")
    for finding in report.findings:
        click.echo(format_line(finding, lang=msg_lang, base=base))
    click.echo(t("summary.render", msg_lang, total=len(report.results), rendered=report.count("rendered"),
                 skipped=report.count("skipped"), failed=report.count("failed"), out=out))
    if not report.results:
        click.echo(f"stagepipe render: {t('path.no-yaml', msg_lang, path=', '.join(map(str, paths)))}", err=True)
        sys.exit(2)
    errors = any(f.severity is Severity.ERROR for f in report.findings)
    sys.exit(1 if report.count("failed") or errors else 0)
