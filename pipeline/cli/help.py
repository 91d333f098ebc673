"""`--help` in the user's language: command and option help are message ids, translated when the help is shown.

``N_("cli.check.program")`` marks an id for `pybabel extract` (N_ is one of its default keywords) and returns it
unchanged; the command classes here translate every id of a command and its options just before click formats the
help, in the language of ``message_lang`` (stagepipe --lang, $STAGEPIPE_LANG, else Dutch).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from pipeline.cli.lang import LANG_ENV, message_lang
from pipeline.messages import DEFAULT_LANG, Message, translate
from pipeline.results import CHECK_ORDER

PREFIX = "cli."
# values the help texts may name ({checks}, {env}, {default})
VALUES: dict[str, Any] = {"checks": ", ".join(CHECK_ORDER), "env": LANG_ENV, "default": DEFAULT_LANG}


def N_(message_id: str) -> str:  # noqa: N802 - the name pybabel extract looks for
    """Mark ``message_id`` as a help text to translate when shown."""
    return message_id


def help_text(text: str | None) -> str | None:
    """A help id in the user's language; any other text as it is."""
    if not text or not text.startswith(PREFIX) or " " in text:
        return text
    return translate(Message(text, tuple(VALUES.items())), message_lang())


@contextmanager
def _translated(command: click.Command) -> Iterator[None]:
    saved: list[tuple[Any, str, Any]] = [(command, "help", command.help), (command, "short_help", command.short_help)]
    saved += [(param, "help", getattr(param, "help", None)) for param in command.params]
    try:
        for owner, attribute, value in saved:
            if isinstance(value, str):
                setattr(owner, attribute, help_text(value))
        yield
    finally:
        for owner, attribute, value in saved:
            setattr(owner, attribute, value)


def _help_option(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = help_text(N_("cli.option.help"))
    return option


class _TranslatedHelp(click.Command):
    """Help, short help, option help and the --help option itself, translated at the moment they are shown."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(super().get_help_option(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)


class HelpCommand(_TranslatedHelp):
    """A command whose help and option help are message ids."""


class HelpGroup(_TranslatedHelp, click.Group):
    """A group whose help is a message id; its commands are HelpCommands."""

    command_class = HelpCommand
