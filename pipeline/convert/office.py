"""The one warm LibreOffice for page layout: a long-lived `soffice` per slot, reused across checks (and processes).

`soffice --convert-to` starts LibreOffice for every call, about a second of every DOCX check. Here one LibreOffice
listens on a private UNO pipe, driven by a small bridge (pipeline/convert/uno_bridge.py) that runs under the Python
that has LibreOffice's ``uno`` module (Debian's python3-uno; ``$STAGEPIPE_UNO_PYTHON`` names another) and answers
on loopback. A slot has its own LibreOffice profile, state file and lock in ``cache_dir()/libreoffice/``:
``office-<slot>.json`` records the bridge's pid, port, owner and a token only its owner can read.

Who uses which slot, and how long the office lives:
- a single `stagepipe check`: slot 0, no owner; the office outlives the command (the next check of the evening is
  warm) and stops by itself after ``IDLE_SECONDS`` without a request, as the LanguageTool server stays up;
- a job of a cohort check and a worker of `stagepipe serve`: ``Office.claim(owner=os.getpid())``, a slot of their
  own from 1 on, held by a lock while the process lives; the office dies with its owner (the bridge watches it)
  and is stopped when the owner ends normally.

The office is started when a check first needs it, reused while it answers, started again when it died, and
restarted after ``MAX_DOCUMENTS`` documents (LibreOffice grows with every document it opens). A conversion that
runs past its timeout kills it (the next check starts a fresh one). Documents are opened hidden and read-only,
macros never run and links never updated, and stored with the filter `soffice --convert-to pdf` uses: the pages are
those of the cold path (tested on every sample). Without a uno Python, ``available()`` is False and the page layout
takes the cold path (pipeline.convert.libreoffice), with the same pages.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import xmlrpc.client
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any

from pipeline.convert.libreoffice import ConversionFailed, ConversionTimedOut, ConverterUnavailable, find_soffice
from pipeline.messages import msg
from pipeline.paths import cache_dir
from pipeline.processes import running

ENV_PYTHON = "STAGEPIPE_UNO_PYTHON"
ENV_WARM = "STAGEPIPE_WARM_OFFICE"  # 0: never use a warm office (the cold path for every check)
ENV_IDLE = "STAGEPIPE_OFFICE_IDLE"  # seconds without a request before the office stops by itself
ENV_OWNER = "STAGEPIPE_OFFICE_OWNER"  # a pid: offices started without an owner of their own die with it (the tests)
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
MAX_DOCUMENTS = 200
IDLE_SECONDS = 900.0
START_SECONDS = 60.0
CLAIM_SLOTS = range(1, 65)  # the slots cohort jobs and server workers claim (0 is the single check's)
BRIDGE = Path(__file__).resolve().parent / "uno_bridge.py"


@dataclass(frozen=True)
class OfficeState:
    pid: int  # the bridge's; its process group holds LibreOffice too
    port: int
    token: str
    started: float
    documents: int = 0
    owner: int | None = None  # the process it dies with; None: it stops when idle


@functools.cache
def uno_python() -> str | None:
    """A Python that can ``import uno``, or None."""
    explicit = os.environ.get(ENV_PYTHON, "").strip()
    for candidate in ([explicit] if explicit else list(UNO_PYTHONS)):
        if not (shutil.which(candidate) or Path(candidate).is_file()):
            continue
        try:
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return candidate
    return None


def _env_seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def enabled() -> bool:
    """May a warm office be used (not switched off with STAGEPIPE_WARM_OFFICE=0)? Whether it can start is known
    when it starts (Office.ensure raises ConverterUnavailable without a uno Python)."""
    return os.environ.get(ENV_WARM, "").strip().lower() not in ("0", "false", "no", "off")


def available() -> bool:
    """Can a warm office run here?"""
    try:
        find_soffice()
    except ConverterUnavailable:
        return False
    return enabled() and uno_python() is not None


_LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen([sys.executable, *sys.argv[1:]], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,"
    " start_new_session=True)\n"
    "print(p.pid, flush=True)\n"
    "os._exit(0)\n"
)


def _env_owner() -> int | None:
    value = os.environ.get(ENV_OWNER, "").strip()
    return int(value) if value.isdigit() else None


class Office:
    """The warm LibreOffice of one slot."""

    def __init__(self, slot: int = 0, *, owner: int | None = None, max_documents: int = MAX_DOCUMENTS,
                 idle: float | None = None) -> None:
        self.slot = slot
        self.owner = owner if owner is not None else _env_owner()
        self.max_documents = max_documents
        self.idle = idle if idle is not None else _env_seconds(ENV_IDLE, IDLE_SECONDS)
        self.folder = cache_dir() / "libreoffice"
        self.starts = 0  # how often this object started an office (tests, bench)
        self._claim: IO[str] | None = None

    @classmethod
    def claim(cls, owner: int, **kwargs: Any) -> Office:
        """An office on a slot no other process holds (from ``CLAIM_SLOTS``), that dies with ``owner``; the slot is
        held until ``release()`` or the end of this process. Not started yet: the first conversion starts it."""
        folder = cache_dir() / "libreoffice"
        folder.mkdir(parents=True, exist_ok=True)
        for slot in CLAIM_SLOTS:
            fh = open(folder / f"office-{slot}.claim", "w")  # noqa: SIM115 - held while the process uses the slot
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.close()
                continue
            office = cls(slot, owner=owner, **kwargs)
            office._claim = fh
            return office
        raise ConverterUnavailable(msg("office.no-slot"))

    def release(self) -> None:
        """Stop this office and give its slot back."""
        self.stop()
        if self._claim is not None:
            self._claim.close()
            self._claim = None

    # --- state

    @property
    def state_file(self) -> Path:
        return self.folder / f"office-{self.slot}.json"

    def _read(self) -> OfficeState | None:
        try:
            return OfficeState(**json.loads(self.state_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def _write(self, state: OfficeState) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the token: its owner only
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(state), fh)
        os.replace(temporary, self.state_file)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / f"office-{self.slot}.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # --- lifecycle

    def _proxy(self, state: OfficeState, timeout: float) -> Any:
        return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{state.port}/", allow_none=True,
                                         transport=_Transport(timeout))

    def _alive(self, state: OfficeState) -> bool:
        try:
            return bool(self._proxy(state, 5.0).ping(state.token))
        except (OSError, xmlrpc.client.Error):
            return False

    def running(self) -> OfficeState | None:
        state = self._read()
        return state if state is not None and self._alive(state) else None

    def _start(self) -> OfficeState:
        python = uno_python()
        if python is None:
            raise ConverterUnavailable(msg("office.no-uno"))
        soffice = find_soffice()
        profile = self.folder / f"office-profile-{self.slot}"
        token = secrets.token_hex(16)
        # the launcher starts the bridge in a session of its own, prints its pid and exits: the office outlives
        # this process, which holds no Popen of a process it leaves running
        owner = ["--owner", str(self.owner)] if self.owner is not None else []
        proc = subprocess.Popen([python, "-c", _LAUNCHER, str(BRIDGE), "--soffice", soffice, "--profile",
                                 profile.resolve().as_uri(), "--token", token, "--idle", str(self.idle), *owner],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                cwd=self.folder)
        assert proc.stdout is not None
        lines = _lines(proc, 2, START_SECONDS)
        proc.stdout.close()
        proc.wait()
        pid = int(lines[0]) if lines and lines[0].isdigit() else None
        if pid is None or len(lines) < 2 or not lines[1].startswith("READY "):
            if pid is not None:
                _kill_group(pid)
            raise ConversionFailed(msg("office.start-failed", detail=(lines[-1] if lines else "") or "-"))
        self.starts += 1
        state = OfficeState(pid=pid, port=int(lines[1].split()[1]), token=token, started=time.time(),
                            owner=self.owner)
        self._write(state)
        return state

    def ensure(self) -> OfficeState:
        """The running office of this slot: the one there, or a new one (started again after MAX_DOCUMENTS, and
        when the one there has another owner)."""
        with self._locked():
            state = self._read()
            if state is not None and state.documents < self.max_documents and state.owner == self.owner \
                    and self._alive(state):
                return state
            if state is not None:
                self._end(state)
            return self._start()

    def _end(self, state: OfficeState) -> None:
        try:
            self._proxy(state, 5.0).stop(state.token)
        except (OSError, xmlrpc.client.Error):
            pass
        deadline = time.monotonic() + 10
        while running(state.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        _kill_group(state.pid)
        self.state_file.unlink(missing_ok=True)

    def stop(self) -> bool:
        """End this slot's office; False when none was running."""
        with self._locked():
            state = self._read()
            if state is None:
                return False
            self._end(state)
            return True

    # --- work

    def convert(self, source: Path, target: Path, *, timeout: float = 90.0) -> Path:
        """``source`` (a DOCX) as a PDF at ``target``; raises ConversionFailed. LibreOffice reads a private copy
        next to ``target`` (nothing is ever written beside the user's file)."""
        copy = target.with_name(f".{target.stem}-{secrets.token_hex(4)}.docx")  # never the source itself
        shutil.copyfile(source, copy)
        state = self.ensure()
        try:
            self._proxy(state, timeout).convert(state.token, str(copy), str(target))
        except TimeoutError as exc:
            with self._locked():
                self._end(state)  # a document that hangs LibreOffice: the next check gets a fresh one
            raise ConversionTimedOut(msg("convert.timeout", seconds=f"{timeout:.0f}")) from exc
        except (OSError, xmlrpc.client.Error) as exc:
            detail = exc.faultString if isinstance(exc, xmlrpc.client.Fault) else f"{type(exc).__name__}: {exc}"
            raise ConversionFailed(msg("office.failed", detail=str(detail)[:300])) from exc
        finally:
            copy.unlink(missing_ok=True)
        with self._locked():
            now = self._read()
            if now is not None and now.pid == state.pid:
                self._write(replace(now, documents=now.documents + 1))
        if not target.is_file() or target.stat().st_size == 0:
            raise ConversionFailed(msg("convert.no-pdf"))
        return target


class _Transport(xmlrpc.client.Transport):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: Any) -> Any:
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def _lines(proc: subprocess.Popen[bytes], count: int, seconds: float) -> list[str]:
    """The first ``count`` lines ``proc`` and its children print (the bridge's pid, then READY <port> or
    FAILED ...), waiting at most ``seconds``."""
    import selectors

    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + seconds
    data = b""
    while data.count(b"\n") < count and time.monotonic() < deadline:
        if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        data += chunk
    selector.close()
    return [line.strip() for line in data.decode("utf-8", "replace").splitlines()[:count]]


def _kill_group(pid: int) -> None:
    """The bridge and its LibreOffice (they share the bridge's process group)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    running(pid)
