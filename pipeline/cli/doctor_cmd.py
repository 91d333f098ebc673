"""`stagepipe doctor [--prepare]`: what is installed and ready, and the command that fixes each missing part."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.common import emit, output_options
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import translate


@click.command("doctor", cls=HelpCommand, help=N_("cli.doctor"))
@click.option("--prepare", is_flag=True, help=N_("cli.doctor.prepare"))
@output_options
def doctor(prepare: bool, fmt: str, lang: str | None, output: Path | None, color: bool | None) -> None:
    """Java, LanguageTool, LibreOffice, deduce's cache and fonts: ready or not. Exit 1 when a needed part is missing."""
    from pipeline.doctor import diagnose
    from pipeline.doctor import prepare as build
    from pipeline.results import DoctorResult

    lang = message_lang(lang)
    if prepare:
        click.echo(translate(build(), lang), err=True)
    result = DoctorResult(parts=tuple(diagnose()))
    emit(result, fmt, lang, output, color)
    sys.exit(result.exit_code)
