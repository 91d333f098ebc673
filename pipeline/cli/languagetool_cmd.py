"""`stagepipe languagetool start|stop|status|check`: the local LanguageTool server and a plain-text check."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import click

from pipeline.findings import Finding, exit_code, has_errors
from pipeline.language import server
from pipeline.language.client import DEFAULT_LANGUAGE, REQUEST_TIMEOUT, configured_url, open_checker
from pipeline.language.errors import LanguageToolError
from pipeline.messages import t

LANG = "nl"  # students read these messages

_server_option = click.option(
    "--server",
    "server_url",
    metavar="URL",
    help="LanguageTool server to use instead of the local one (default: $STAGEPIPE_LANGUAGETOOL_URL, "
    "else the local server, started on demand).",
)
_format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)


def _fail(ctx: click.Context, error: LanguageToolError) -> None:
    click.echo(f"stagepipe: {error.message(LANG)}", err=True)
    ctx.exit(2)


@click.group("languagetool")
def languagetool() -> None:
    """Local LanguageTool server (Dutch spelling, grammar and dt-errors) and a plain-text check.

    The server runs on this machine (127.0.0.1) from the jars pinned in tools/languagetool/pom.xml
    ('make languagetool'). Set STAGEPIPE_LANGUAGETOOL_URL (or --server) to use your institution's own
    LanguageTool server instead; text is never sent to a public service unless you configure one.
    """


@languagetool.command()
@click.option("--timeout", type=float, default=server.START_TIMEOUT, show_default=True, help="Seconds to wait for it.")
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
        click.echo(t("lt.reused", LANG, version=state.version, url=state.url, pid=state.pid))
    else:
        seconds = f"{result.seconds:.1f}"
        click.echo(t("lt.started", LANG, version=state.version, url=state.url, pid=state.pid, seconds=seconds))


@languagetool.command()
@click.pass_context
def stop(ctx: click.Context) -> None:
    """Stop the local LanguageTool server (a configured server is not touched)."""
    try:
        state = server.stop()
    except LanguageToolError as e:
        _fail(ctx, e)
        return
    if state is None:
        click.echo(t("lt.not-running", LANG))
    else:
        click.echo(t("lt.stopped", LANG, pid=state.pid))


@languagetool.command()
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
                            "started": state.started}  # fmt: skip
        if configured:
            out["configured"] = {"url": configured[0], "source": configured[1], "answers": configured_answers}
        click.echo(json.dumps(out, indent=2))
    else:
        if state is not None:
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(state.started))
            click.echo(t("lt.running", LANG, version=state.version, url=state.url, pid=state.pid, since=since))
        else:
            click.echo(t("lt.not-running", LANG))
        if configured:
            answer = t("lt.answers" if configured_answers else "lt.no-answer", LANG)
            click.echo(t("lt.configured", LANG, url=configured[0], source=configured[1], answer=answer))
    ctx.exit(0 if state is not None else 1)


@languagetool.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "language", default=DEFAULT_LANGUAGE, show_default=True, help="Language of the text.")
@_format_option
@_server_option
@click.option("--ignore-rule", "ignore_rules", multiple=True, metavar="ID", help="LanguageTool rule id to ignore "
              "(repeatable; shell patterns such as NL_SIMPLE_REPLACE_* allowed).")  # fmt: skip
@click.option("--word", "words", multiple=True, metavar="WORD", help="Word or name to accept (repeatable).")
@click.option("--timeout", type=float, default=REQUEST_TIMEOUT, show_default=True, help="Seconds per request.")
@click.pass_context
def check(
    ctx: click.Context,
    file: Path,
    language: str,
    fmt: str,
    server_url: str | None,
    ignore_rules: tuple[str, ...],
    words: tuple[str, ...],
    timeout: float,
) -> None:
    """Check a plain-text FILE (UTF-8) for spelling, grammar, style and dt-errors.

    Exit 0: no errors; 1: errors found; 2: could not check.
    """
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        click.echo(f"stagepipe: {t('path.missing', LANG, path=file)}", err=True)
        ctx.exit(2)
        return
    except OSError as e:
        click.echo(f"stagepipe: {file}: {t('yaml.unreadable', LANG, reason=e.strerror or e)}", err=True)
        ctx.exit(2)
        return
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as e:
        click.echo(f"stagepipe: {file}: {t('text.encoding', LANG, byte=e.start)}", err=True)
        ctx.exit(2)
        return
    try:
        with open_checker(
            server_url, language=language, ignore_rules=ignore_rules, words=words, timeout=timeout
        ) as checker:
            if checker.started is not None and not checker.started.reused:
                state = checker.started.state
                seconds = f"{checker.started.seconds:.1f}"
                click.echo(t("lt.started", LANG, version=state.version, url=state.url, pid=state.pid,
                             seconds=seconds), err=True)  # fmt: skip
            findings = checker.check_text(text, file=str(file))
    except LanguageToolError as e:
        _fail(ctx, e)
        return
    if fmt == "json":
        out = {
            "file": str(file),
            "language": language,
            "findings": [f.to_dict() for f in findings],
            "passed": not has_errors(findings),
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(_text_line(f))
        click.echo(_summary(findings, len(text), language))
    ctx.exit(exit_code(findings))


def _text_line(f: Finding) -> str:
    loc = f.location
    hint = f" ({f.hint})" if f.hint else ""
    return f"{loc.file}:{loc.line}:{loc.column}: {f.category} {f.rule}: {f.message}{hint}"


def _summary(findings: list[Finding], chars: int, language: str) -> str:
    counts = Counter(f.category for f in findings)
    detail = ""
    if counts:
        detail = " (" + ", ".join(f"{n} {c}" for c, n in sorted(counts.items())) + ")"
    return t("summary.language", LANG, chars=chars, language=language, count=len(findings), detail=detail)
