"""`stagepipe doctor`: what is installed and ready — Java, LanguageTool, LibreOffice, deduce's cache, fonts — and for
each missing part the command that fixes it (Debian and Ubuntu package names, as `make system` installs them)."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass

from pipeline import __version__
from pipeline.messages import Message, Text, msg

APT = "sudo apt-get install "
FONTS = ("Liberation Sans", "DejaVu Sans")  # Arial's metric twin (the templates' font) and the fallback


@dataclass(frozen=True)
class Part:
    """One part stagepipe uses: ready or not, what was found, and the command that fixes it."""

    id: str  # python | java | languagetool | maven | libreoffice | deduce | fonts
    ready: bool
    detail: Text
    fix: str | None = None
    required: bool = True  # without it a command cannot do its job (else: slower, or only `languagetool install`)


def _java() -> Part:
    from pipeline.language import server
    from pipeline.language.errors import LanguageToolError

    try:
        return Part("java", True, server.find_java())
    except LanguageToolError as exc:
        return Part("java", False, exc.text, APT + "openjdk-17-jre-headless")


def _languagetool() -> Part:
    from pipeline.language import server
    from pipeline.language.client import configured_url
    from pipeline.language.errors import LanguageToolError

    try:
        configured = configured_url(None)
    except LanguageToolError:
        configured = None
    if configured:
        answers = server.answers(configured[0])
        return Part("languagetool", answers, msg("doctor.lt-configured", url=configured[0],
                                                answer=msg("lt.answers") if answers else msg("lt.no-answer")))
    lib = server.lib_dir()
    try:
        version = server.jar_version(lib)
    except LanguageToolError:
        return Part("languagetool", False, msg("doctor.lt-missing", lib=str(lib)), "stagepipe languagetool install")
    running = server.running()
    state = msg("doctor.lt-running", url=running.url) if running else msg("doctor.lt-stopped")
    return Part("languagetool", True, msg("doctor.lt-ready", version=version, lib=str(lib), state=state))


def _maven(languagetool_ready: bool) -> Part:
    from pipeline.language.errors import LanguageToolError
    from pipeline.language.install import find_maven

    try:
        return Part("maven", True, find_maven(), required=False)
    except LanguageToolError as exc:
        return Part("maven", False, exc.text, APT + "maven", required=not languagetool_ready)


def _libreoffice() -> Part:
    from pipeline.convert.libreoffice import ConverterError, find_soffice

    try:
        return Part("libreoffice", True, find_soffice())
    except ConverterError as exc:
        return Part("libreoffice", False, exc.text, APT + "libreoffice-writer-nogui")


def _deduce() -> Part:
    from pipeline.report import deid

    cache = deid.cache_file()
    if cache is None:
        return Part("deduce", False, msg("doctor.deduce-missing"), f"{sys.executable} -m pip install deduce")
    if cache.is_file():
        return Part("deduce", True, msg("doctor.deduce-ready", path=str(cache)))
    return Part("deduce", False, msg("doctor.deduce-cold", path=str(cache)), "stagepipe doctor --prepare",
                required=False)


def _fonts() -> Part:
    fc_list = shutil.which("fc-list")
    fix = APT + "fonts-liberation2 fonts-dejavu-core"
    if fc_list is None:
        return Part("fonts", False, msg("doctor.fonts-unknown"), APT + "fontconfig", required=False)
    try:
        listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=30,
                                check=False).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    missing = [font for font in FONTS if font not in listed]
    if missing:
        return Part("fonts", False, msg("doctor.fonts-missing", fonts=", ".join(missing)), fix, required=False)
    return Part("fonts", True, ", ".join(FONTS))


def diagnose() -> list[Part]:
    """Every part, in the order a coordinator meets them."""
    python = Part("python", True, msg("doctor.python", version=__version__, python=platform.python_version(),
                                      path=os.path.dirname(os.path.dirname(__file__))))
    languagetool = _languagetool()
    return [python, _java(), languagetool, _maven(languagetool.ready), _libreoffice(), _deduce(), _fonts()]


def prepare() -> Message:
    """Build what is built on first use (deduce's lookup cache), so the first `check` is not the slow one."""
    from pipeline.report import deid

    deid.model()
    return msg("doctor.prepared")
