"""`stagepipe serve [--host 127.0.0.1] [--port 8080] [--workers N] [--cases DIR]`: the students' web page and API."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from pipeline.cli.common import fail
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import msg, translate


@click.command(cls=HelpCommand, help=N_("cli.serve"))
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("cli.serve.host"))
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help=N_("cli.serve.port"))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help=N_("cli.serve.workers"))
@click.option("--queue", default=16, show_default=True, type=click.IntRange(0, 10_000), help=N_("cli.serve.queue"))
@click.option("--cases", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help=N_("cli.serve.cases"))
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help=N_("cli.check.inputs"))
@click.option("--timeout", "check_seconds", default=90.0, show_default=True, type=click.FloatRange(1, 3600),
              help=N_("cli.serve.timeout"))
@click.option("--max-upload-mb", default=20.0, show_default=True, type=click.FloatRange(0.01, 1024),
              help=N_("cli.serve.max-upload"))
@click.option("--rate", "rate_per_minute", default=12.0, show_default=True, type=click.FloatRange(0, 100_000),
              help=N_("cli.serve.rate"))
@click.option("--server", metavar="URL", default=None, help=N_("cli.option.server"))
@click.option("--forwarded-allow-ips", default=None, metavar="IPS", help=N_("cli.serve.forwarded"))
def serve(host: str, port: int, workers: int, queue: int, cases: Path | None, inputs: Path | None,
          check_seconds: float, max_upload_mb: float, rate_per_minute: float, server: str | None,
          forwarded_allow_ips: str | None) -> None:
    """The students' page (upload a report, read the result, download it annotated) and POST /api/check."""
    import uvicorn

    from pipeline.language.client import configured_url
    from pipeline.language.errors import LanguageToolError
    from pipeline.web.app import ServeSettings, create_app

    lang = message_lang()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        configured = configured_url(server)
        if configured is not None:
            url = configured[0]
        else:
            from pipeline.language import server as lt

            click.echo(translate(msg("serve.languagetool-starting"), lang), err=True)
            url = lt.ensure_server().state.url
    except LanguageToolError as exc:
        fail("serve", msg("setup.language-unavailable", reason=exc.text), lang)
    settings = ServeSettings(workers=workers, queue=queue, check_seconds=check_seconds, max_upload_mb=max_upload_mb,
                             rate_per_minute=rate_per_minute, inputs=inputs, cases=cases, server=url)
    app = create_app(settings)
    click.echo(translate(msg("serve.listening", url=f"http://{host}:{port}/"), lang), err=True)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info", server_header=False,
                proxy_headers=forwarded_allow_ips is not None, forwarded_allow_ips=forwarded_allow_ips,
                timeout_keep_alive=5, limit_concurrency=max(64, 4 * (workers + queue)))
