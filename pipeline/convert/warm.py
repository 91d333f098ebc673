"""A LibreOffice that stays up for the many one-document conversions of a server (`stagepipe serve`'s workers).

Starting LibreOffice costs about 0.9 s of CPU — as much for a one-line document as for a 20-page report — while a
running LibreOffice lays out and exports a 20-page report in about 0.2 s. So each check worker keeps one ``soffice``
running (its own profile, listening on a private pipe, never on a port) and sends it documents through UNO: a small
bridge script run by the system's Python, which has Debian's ``python3-uno`` (the virtual environment cannot import
LibreOffice's own module). Documents are opened hidden and read-only, with macros never run and links never
updated. A conversion that fails or takes too long closes the warm LibreOffice (the next call starts a new one)
and the caller falls back to a LibreOffice of its own (pipeline.report.pages); where there is no ``python3-uno``,
everything works as before, one LibreOffice per document.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from pipeline.convert.libreoffice import ConversionFailed, Converter, ConverterError, ConverterUnavailable
from pipeline.messages import msg

SYSTEM_PYTHON = os.environ.get("STAGEPIPE_UNO_PYTHON", "/usr/bin/python3")
START_SECONDS = 90.0
PROFILE_SLOT = 32  # profiles of warm LibreOffices are claimed from here on (cold converters start at 0)

# Runs in the system's Python (python3-uno): connect to the listening soffice, then convert one document per line.
BRIDGE = r"""
import json, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.monotonic() + float(sys.argv[2])
while True:
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % sys.argv[1])
        break
    except Exception:
        if time.monotonic() > deadline:
            print(json.dumps({"ready": False}), flush=True)
            sys.exit(1)
        time.sleep(0.2)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
print(json.dumps({"ready": True}), flush=True)
# hidden, read-only, macros never run (MacroExecutionMode 0), links never updated (UpdateDocMode 0)
load = (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0), prop("UpdateDocMode", 0))
for line in sys.stdin:
    job = json.loads(line)
    doc = None
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0, load)
        doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "writer_pdf_Export"),))
        answer = {"ok": True}
    except Exception as exc:
        answer = {"ok": False, "error": (type(exc).__name__ + ": " + str(exc))[:300]}
    finally:
        if doc is not None:
            try:
                doc.close(True)
            except Exception:
                pass
    print(json.dumps(answer), flush=True)
"""


try:
    _PRCTL: Any = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    _PRCTL = None
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: killed when the thread that started it ends (Linux), so a worker that dies takes
    its LibreOffice along. The starting thread is the module's own, which lives as long as the process."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _office_binary(soffice: str) -> str:
    """soffice.bin itself (not its launcher, which would stay between us and the process to kill)."""
    resolved = Path(shutil.which(soffice) or soffice).resolve()
    binary = resolved.parent / "soffice.bin"
    return str(binary) if binary.is_file() else soffice


def uno_available(python: str = SYSTEM_PYTHON) -> bool:
    """Whether ``python`` can import LibreOffice's ``uno`` module (Debian: python3-uno)."""
    if not shutil.which(python):
        return False
    try:
        done = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _read_line(stream: IO[str], seconds: float) -> str | None:
    """One line from ``stream`` within ``seconds``; None on a timeout or at its end."""
    ready, _, _ = select.select([stream], [], [], max(0.0, seconds))
    if not ready:
        return None
    line = stream.readline()
    return line or None


class WarmOffice:
    """One running soffice and the UNO bridge that feeds it; ``convert`` one DOCX to PDF at a time."""

    def __init__(self, python: str = SYSTEM_PYTHON, start_seconds: float = START_SECONDS) -> None:
        self._claim = Converter(slot=PROFILE_SLOT)  # a profile only this LibreOffice uses, and the soffice to run
        self._lock = threading.Lock()
        pipe = f"stagepipe-{os.getpid()}-{id(self):x}"
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        profile = self._claim.profile.resolve()
        if not (profile / "user").is_dir():
            # a new profile makes LibreOffice restart itself once, which only its launcher does: let it make one
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run([self._claim.soffice, "--headless", "--invisible", "--norestore", "--nologo",
                                "--nodefault", "--terminate_after_init", f"-env:UserInstallation={profile.as_uri()}"],
                               stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=start_seconds,
                               check=False)
        self.office = subprocess.Popen(
            [_office_binary(self._claim.soffice), "--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo",
             "--nodefault", f"-env:UserInstallation={profile.as_uri()}",
             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True, preexec_fn=_die_with_parent)  # noqa: PLW1509 - only prctl, before exec
        self.bridge = subprocess.Popen([python, "-c", BRIDGE, pipe, str(start_seconds)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                       start_new_session=True, preexec_fn=_die_with_parent)  # noqa: PLW1509
        assert self.bridge.stdout is not None
        line = _read_line(self.bridge.stdout, start_seconds + 5)
        if line is None or not json.loads(line).get("ready"):
            self.close()
            raise ConverterUnavailable(msg("convert.warm-failed"))

    @property
    def alive(self) -> bool:
        return self.office.poll() is None and self.bridge.poll() is None

    def convert(self, source: Path, target: Path, seconds: float = 60.0) -> None:
        """``source`` (a DOCX) as a PDF at ``target``; raises ConversionFailed (and closes this LibreOffice)."""
        with self._lock:
            if not self.alive:
                raise ConversionFailed(msg("convert.warm-failed"))
            assert self.bridge.stdin is not None and self.bridge.stdout is not None
            try:
                self.bridge.stdin.write(json.dumps({"in": str(source), "out": str(target)}) + "\n")
                self.bridge.stdin.flush()
            except OSError as exc:
                self.close()
                raise ConversionFailed(msg("convert.warm-failed")) from exc
            line = _read_line(self.bridge.stdout, seconds)
            if line is None:
                self.close()
                raise ConversionFailed(msg("convert.timeout", seconds=f"{seconds:.0f}"))
            answer: dict[str, Any] = json.loads(line)
            if not answer.get("ok") or not target.is_file():
                raise ConversionFailed(str(answer.get("error") or "no PDF"))

    def close(self) -> None:
        for proc in (self.bridge, self.office):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(10)
        for stream in (self.bridge.stdin, self.bridge.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._claim.close()


_office: WarmOffice | None = None
_starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warm-office")  # starts every warm LibreOffice
_enabled = False
_failed_at = float("-inf")
RETRY_SECONDS = 30.0  # after a failed start, cold conversions for a while before trying again


def keep_warm() -> bool:
    """From now on this process converts through a warm LibreOffice (started now); False where it cannot be."""
    global _enabled
    _enabled = uno_available()
    return _enabled and running_office() is not None


def running_office() -> WarmOffice | None:
    """The process's warm LibreOffice (started again when it died), or None: convert the cold way."""
    global _office, _failed_at
    if not _enabled:
        return None
    if _office is not None and _office.alive:
        return _office
    if _office is not None:
        _office.close()
        _office = None
    if time.monotonic() - _failed_at < RETRY_SECONDS:
        return None
    try:
        _office = _starter.submit(WarmOffice).result()
    except (ConverterError, OSError):
        _failed_at = time.monotonic()
        return None
    return _office
