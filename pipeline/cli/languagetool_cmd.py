"""`stagepipe languagetool start|stop|status|check`: the local LanguageTool server and a plain-text check."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from pipeline.cli.common import emit, fail, output_options
from pipeline.cli.help import N_, HelpGroup
from pipeline.cli.lang import message_lang
from pipeline.language import server
from pipeline.language.client import DEFAULT_LANGUAGE, REQUEST_TIMEOUT, configured_url, open_checker
from pipeline.language.errors import LanguageToolError
from pipeline.messages import Text, msg, translate

_server_option = click.option(
    "--server",
    "server_url",
    metavar="URL",
    help=N_("cli.option.server"),
)
_format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help=N_("cli.option.format")
)


def _fail(ctx: click.Context, error: LanguageToolError) -> None:
    click.echo(f"stagepipe: {error.message(message_lang())}", err=True)
    ctx.exit(2)


def _say(message: Text) -> None:
    click.echo(translate(message, message_lang()))


@click.group("languagetool", cls=HelpGroup, help=N_("cli.languagetool"))
def languagetool() -> None:
    """Local LanguageTool server (Dutch spelling, grammar and dt-errors) and a plain-text check.

    The server runs on this machine (127.0.0.1) from the jars pinned in tools/languagetool/pom.xml
    ('make languagetool'). Set STAGEPIPE_LANGUAGETOOL_URL (or --server) to use your institution's own
    LanguageTool server instead; text is never sent to a public service unless you configure one.
    """


@languagetool.command(help=N_("cli.languagetool.install"))
@click.option("--rules/--no-rules", default=True, show_default=True, help=N_("cli.languagetool.install.rules"))
@click.option("--force", is_flag=True, help=N_("cli.languagetool.install.force"))
@click.pass_context
def install(ctx: click.Context, rules: bool, force: bool) -> None:
    """Fetch the pinned LanguageTool jars with Maven into $STAGEPIPE_LANGUAGETOOL_HOME (default: the user's cache)."""
    from pipeline.language.install import install as fetch

    try:
        done = fetch(rules=rules, force=force)
    except LanguageToolError as e:
        _fail(ctx, e)
        return
    said = msg("lt.installed") if done.fetched else msg("lt.install-present")
    _say(said.with_values(version=done.version, jars=done.jars, lib=str(done.lib)))


@languagetool.command(help=N_("cli.languagetool.start"))
@click.option("--timeout", type=float, default=server.START_TIMEOUT, show_default=True,
              help=N_("cli.languagetool.start.timeout"))
@click.pass_context
def start(ctx: click.Context, timeout: float) -> None:
    """Start the local LanguageTool server, or reuse the one that is running."""
    try:
        result = server.ensure_server(timeout=timeout)
    except LanguageToolError as e:
        _fail(ctx, e)
        return
    state = result.state
    if result.reused:
        _say(msg("lt.reused", version=state.version, url=state.url, pid=state.pid))
    elif result.replaced is not None:
        seconds = f"{result.seconds:.1f}"
        _say(msg("lt.restarted", version=state.version, url=state.url, pid=state.pid, seconds=seconds,
                 old=result.replaced))
    else:
        seconds = f"{result.seconds:.1f}"
        _say(msg("lt.started", version=state.version, url=state.url, pid=state.pid, seconds=seconds))


@languagetool.command(help=N_("cli.languagetool.stop"))
@click.pass_context
def stop(ctx: click.Context) -> None:
    """Stop the local LanguageTool server (a configured server is not touched)."""
    try:
        state = server.stop()
    except LanguageToolError as e:
        _fail(ctx, e)
        return
    if state is None:
        _say(msg("lt.not-running"))
    else:
        _say(msg("lt.stopped", pid=state.pid))


@languagetool.command(help=N_("cli.languagetool.status"))
@_server_option
@_format_option
@click.pass_context
def status(ctx: click.Context, server_url: str | None, fmt: str) -> None:
    """Say whether the local server runs (exit 0) or not (exit 1), and whether a configured server answers."""
    try:
        configured = configured_url(server_url)
    except LanguageToolError as e:
        _fail(ctx, e)
        return
    server.cleanup_stale()
    state = server.running()
    configured_answers = server.answers(configured[0]) if configured else None
    if fmt == "json":
        out: dict[str, object] = {"running": state is not None, "local": None, "configured": None}
        if state is not None:
            out["local"] = {"url": state.url, "pid": state.pid, "port": state.port, "version": state.version,
                            "started": state.started, "fingerprint": state.fingerprint,
                            "current": server.is_current(state)}  # fmt: skip
        if configured:
            out["configured"] = {"url": configured[0], "source": configured[1], "answers": configured_answers}
        click.echo(json.dumps(out, indent=2))
    else:
        if state is not None:
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(state.started))
            _say(msg("lt.running", version=state.version, url=state.url, pid=state.pid, since=since))
            if not server.is_current(state):
                _say(msg("lt.outdated", lib=str(server.lib_dir())))
        else:
            _say(msg("lt.not-running"))
        if configured:
            answer = msg("lt.answers") if configured_answers else msg("lt.no-answer")
            _say(msg("lt.configured", url=configured[0], source=configured[1], answer=answer))
    ctx.exit(0 if state is not None else 1)


@languagetool.command(help=N_("cli.languagetool.check"))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--language", "language", default=DEFAULT_LANGUAGE, show_default=True,
              help=N_("cli.languagetool.check.language"))
@output_options
@_server_option
@click.option("--ignore-rule", "ignore_rules", multiple=True, metavar="ID",
              help=N_("cli.languagetool.check.ignore-rule"))
@click.option("--word", "words", multiple=True, metavar="WORD", help=N_("cli.languagetool.check.word"))
@click.option("--timeout", type=float, default=REQUEST_TIMEOUT, show_default=True,
              help=N_("cli.languagetool.check.timeout"))
def check(
    file: Path,
    language: str,
    fmt: str,
    lang: str | None,
    output: Path | None,
    color: bool | None,
    server_url: str | None,
    ignore_rules: tuple[str, ...],
    words: tuple[str, ...],
    timeout: float,
) -> None:
    """Check a plain-text FILE (UTF-8) for spelling, grammar, style and dt-errors.

    Exit 0: no errors; 1: errors found; 2: could not check.
    """
    from pipeline.results import LanguageResult

    lang = message_lang(lang)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        fail("languagetool", msg("path.missing", path=file), lang)
    except OSError as e:
        fail("languagetool", msg("path.unreadable", path=file, reason=e.strerror or str(e)), lang)
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as e:
        fail("languagetool", msg("text.encoding.at", path=file, byte=e.start), lang)
    try:
        with open_checker(
            server_url, language=language, ignore_rules=ignore_rules, words=words, timeout=timeout
        ) as checker:
            if checker.started is not None and not checker.started.reused:
                state = checker.started.state
                seconds = f"{checker.started.seconds:.1f}"
                click.echo(translate(msg("lt.started", version=state.version, url=state.url, pid=state.pid,
                                         seconds=seconds), lang), err=True)
            findings = checker.check_text(text, file=str(file))
    except LanguageToolError as e:
        fail("languagetool", e.text, lang)
    result = LanguageResult(file=str(file), language=language, characters=len(text), findings=tuple(findings))
    emit(result, fmt, lang, output, color)
    sys.exit(result.exit_code)
