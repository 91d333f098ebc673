"""The local LanguageTool server: started from the pinned Maven jars on loopback, reused across runs, stopped on demand.

State lives in ``cache_dir()/languagetool/``: ``server.json`` ({pid, port, started, version, fingerprint, ...}), ``server.lock``
(held while a server starts, so two stagepipe processes never start two servers), ``server.log`` (the server's
output) and ``server.properties`` (its settings). The server is started without ``--public``, so LanguageTool
binds it to localhost only; every request from here goes to 127.0.0.1 directly, never through a proxy.

``fingerprint`` is what the server's classpath held when it started (``lib_fingerprint``): the jars' names and
sizes and the content of stagepipe's own rules jar. A running server whose fingerprint differs from ``lib/`` now
(``make languagetool`` rebuilt our dt rules, or the pom changed) is stopped and started again, so a check never
runs against older rules.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import psutil

from pipeline.language.errors import LanguageToolNotInstalled, LanguageToolUnavailable
from pipeline.language.rules import JAR_PREFIX
from pipeline.messages import Text, msg
from pipeline.paths import PROJECT_ROOT, cache_dir

CHECKOUT_LIB = PROJECT_ROOT / "tools" / "languagetool" / "lib"  # `make languagetool` in the checkout
ENV_HOME = "STAGEPIPE_LANGUAGETOOL_HOME"  # where `stagepipe languagetool install` puts the jars (its lib/)
MAIN_CLASS = "org.languagetool.server.HTTPServer"
HOST = "127.0.0.1"
LOOPBACK_HOSTS = frozenset({HOST, "localhost", "::1"})
DEFAULT_HEAP = "1g"  # nl + en + fr with pipeline caching stay well under 1 GiB
START_TIMEOUT = 120.0  # a cold start (JVM, rules, Dutch dictionaries) takes 15-30 s on 2 cores
STOP_TIMEOUT = 15.0
WARMUP_LANGUAGE = "nl-BE"  # the first check of a language loads its rules: do that before saying "ready"
# the report check also asks the English speller (pipeline.language.vocabulary): load it too, spelling rules only
WARMUP_SPELLERS = [{"language": language, "text": "deployment", "enabledCategories": "TYPOS", "enabledOnly": "true"}
                   for language in ("en-US", WARMUP_LANGUAGE)]
MIN_JAVA = 17

# LanguageTool's own limits; the client sends at most ~20,000 characters per request.
SERVER_PROPERTIES = {
    "maxTextLength": "50000",
    "maxCheckTimeMillis": "120000",
    "pipelineCaching": "true",  # reuses rule pipelines between requests: about twice the throughput
    "maxPipelinePoolSize": "50",
    "pipelineExpireTimeInSeconds": "3600",
    # results per sentence: a student who checks again after a few corrections waits only for the sentences that
    # changed (about 20 MB for 20,000 sentences; an hour, then LanguageTool asks its rules again)
    "cacheSize": "20000",
    "cacheTTLSeconds": "3600",
}

# Starts the server detached from us (own session, not our child), prints its pid and exits: the server
# outlives the CLI call that started it, and no Popen object of ours is left behind for a running process.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "log = open(sys.argv[1], 'ab')\n"
    "p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,"
    " start_new_session=True, close_fds=True)\n"
    "print(p.pid, flush=True)\n"
    "os._exit(0)\n"
)

# Loopback only: never through an HTTP(S)_PROXY from the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class ServerState:
    """What server.json records about the running server."""

    pid: int
    port: int
    started: float  # epoch seconds
    version: str
    lib: str
    java: str
    heap: str
    fingerprint: str = ""  # lib_fingerprint() of the jars it was started with ("" in state from before we kept one)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


@dataclass(frozen=True)
class StartResult:
    state: ServerState
    reused: bool
    seconds: float  # time until ready (0 when reused)
    replaced: int | None = None  # pid of the server that was stopped because lib/ changed since it started


def state_dir() -> Path:
    return cache_dir() / "languagetool"


def _state_file() -> Path:
    return state_dir() / "server.json"


def log_file() -> Path:
    return state_dir() / "server.log"


# --- installation ---------------------------------------------------------------------------------------------


def home() -> Path:
    """Where `stagepipe languagetool install` puts the jars: ``$STAGEPIPE_LANGUAGETOOL_HOME``, else the user's cache."""
    env = os.environ.get(ENV_HOME)
    return Path(env) if env else cache_dir() / "languagetool"


def lib_dir() -> Path:
    """The folder of jars the server runs from: $STAGEPIPE_LANGUAGETOOL_HOME/lib when set, else the checkout's
    tools/languagetool/lib when it has the jars, else the installed home's lib/."""
    if os.environ.get(ENV_HOME):
        return home() / "lib"
    if any(CHECKOUT_LIB.glob("languagetool-server-*.jar")):
        return CHECKOUT_LIB
    return home() / "lib"


def jar_version(lib: Path | None = None) -> str:
    """The LanguageTool version of the jars in ``lib``; raises LanguageToolNotInstalled when there are none."""
    lib = lib or lib_dir()
    jars = sorted(lib.glob("languagetool-server-*.jar")) if lib.is_dir() else []
    if not jars:
        raise LanguageToolNotInstalled(msg("lt.not-installed", path=str(lib)))
    return jars[-1].name.removeprefix("languagetool-server-").removesuffix(".jar")


def lib_fingerprint(lib: Path | None = None) -> str:
    """What a server started from ``lib`` has on its classpath: every jar's name and size, and the content of
    stagepipe's own (small) jars; and the settings it is started with (SERVER_PROPERTIES: a server from before the
    result cache is started again with it). Maven's jars carry their version in their name; our rules jar is rebuilt
    when the rules change. "" when there are no jars. Cheap (no large file is read), and the same for two checkouts with
    the same jars, so two worktrees sharing one cache folder do not restart each other's server for nothing."""
    lib = lib or lib_dir()
    jars = sorted(lib.glob("*.jar")) if lib.is_dir() else []
    if not jars:
        return ""
    digest = hashlib.sha256()
    for jar in jars:
        digest.update(f"{jar.name}\0{jar.stat().st_size}\0".encode())
        if jar.name.startswith(JAR_PREFIX):
            digest.update(hashlib.sha256(jar.read_bytes()).digest())
    digest.update(json.dumps(SERVER_PROPERTIES, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def find_java() -> str:
    """A Java executable of version 17 or newer (``$JAVA_HOME/bin/java`` first, then ``java`` on PATH)."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    found: Text = msg("lt.no-java")
    for java in candidates:
        major = _java_major(java)
        if major is not None and major >= MIN_JAVA:
            return java
        found = f"{java}: version {major}"
    raise LanguageToolNotInstalled(msg("lt.java-missing", found=found))


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


# --- HTTP probes ----------------------------------------------------------------------------------------------


def answers(url: str, timeout: float = 5.0) -> bool:
    """True when ``url`` (a server base URL) answers ``/v2/languages`` with a list."""
    try:
        with _open(url, "v2/languages", None, timeout) as response:
            return isinstance(json.load(response), list)
    except (OSError, ValueError):
        return False


def _open(base: str, path: str, data: dict[str, str] | None, timeout: float) -> Any:
    full = urllib.parse.urljoin(base.rstrip("/") + "/", path)
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    if urllib.parse.urlsplit(full).hostname in LOOPBACK_HOSTS:
        return _DIRECT.open(full, body, timeout=timeout)
    return urllib.request.urlopen(full, body, timeout=timeout)


# --- state file and lock --------------------------------------------------------------------------------------


def read_state() -> ServerState | None:
    try:
        raw = json.loads(_state_file().read_text(encoding="utf-8"))
        return ServerState(**{k: raw[k] for k in ServerState.__dataclass_fields__ if k in raw or k != "fingerprint"})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(state: ServerState) -> None:
    path = _state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _remove_state() -> None:
    with contextlib.suppress(FileNotFoundError):
        _state_file().unlink()


@contextlib.contextmanager
def _locked(timeout: float) -> Iterator[None]:
    """Hold ``server.lock`` (waits at most ``timeout`` seconds for another stagepipe that is starting a server)."""
    state_dir().mkdir(parents=True, exist_ok=True)
    lock = state_dir() / "server.lock"
    with open(lock, "a+b") as fh:
        deadline = time.monotonic() + timeout
        while not _try_lock(fh):
            if time.monotonic() > deadline:
                raise LanguageToolUnavailable(msg("lt.lock-timeout", seconds=round(timeout), lock=str(lock)))
            time.sleep(0.2)
        try:
            yield
        finally:
            _unlock(fh)


def _try_lock(fh: Any) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fh: Any) -> None:
    if sys.platform == "win32":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# --- processes ------------------------------------------------------------------------------------------------


def _our_process(pid: int, port: int) -> psutil.Process | None:
    """The process ``pid`` if it is still a LanguageTool server on ``port`` (guards against reused pids)."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return None
        cmdline = proc.cmdline()
    except (psutil.Error, OSError):
        return None
    if MAIN_CLASS in cmdline and str(port) in cmdline:
        return proc
    return None


def is_alive(state: ServerState) -> bool:
    return _our_process(state.pid, state.port) is not None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _log_tail(lines: int = 5) -> str:
    try:
        text = log_file().read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    interesting = [ln.strip() for ln in text.splitlines() if ln.strip() and "WARNING: this process" not in ln]
    return " | ".join(interesting[-lines:])


# --- lifecycle ------------------------------------------------------------------------------------------------


def running() -> ServerState | None:
    """The recorded server if its process is alive and it answers; None otherwise (no side effects)."""
    state = read_state()
    if state is not None and is_alive(state) and answers(state.url):
        return state
    return None


def is_current(state: ServerState, lib: Path | None = None) -> bool:
    """Whether ``state``'s server was started with the jars (and our rules) that ``lib`` (default: ``lib_dir()``)
    holds now. Without jars in ``lib`` there is nothing to compare with, and a running server is kept."""
    now = lib_fingerprint(lib or lib_dir())
    return not now or state.fingerprint == now


def ensure_server(timeout: float = START_TIMEOUT, heap: str = DEFAULT_HEAP, lib: Path | None = None) -> StartResult:
    """Reuse the running local server or start one; returns once it answers a Dutch check. A server started with
    other jars or older rules than ``lib`` (default: ``lib_dir()``) holds now is stopped and started again
    (``StartResult.replaced``)."""
    lib = lib or lib_dir()
    state = running()
    if state is not None and is_current(state, lib):
        return StartResult(state, reused=True, seconds=0.0)
    with _locked(timeout + 30):
        state = running()  # another process may have started (or restarted) it while we waited for the lock
        if state is not None and is_current(state, lib):
            return StartResult(state, reused=True, seconds=0.0)
        replaced = None
        stale = read_state()
        if stale is not None and is_alive(stale):
            if not is_current(stale, lib):
                _terminate(stale, STOP_TIMEOUT)  # started with older rules or other jars: never check with those
                replaced = stale.pid
            elif answers(stale.url, timeout=30.0):  # only slow (a busy machine): keep it, others may be using it
                return StartResult(stale, reused=True, seconds=0.0)
            else:
                _terminate(stale, STOP_TIMEOUT)  # alive but not answering: a hung server is no use to anyone
        _remove_state()
        return replace(_start(timeout, heap, lib), replaced=replaced)


def _start(timeout: float, heap: str, lib: Path) -> StartResult:
    version = jar_version(lib)
    fingerprint = lib_fingerprint(lib)  # before the JVM reads lib/: a later change makes the next call restart it
    java = find_java()
    state_dir().mkdir(parents=True, exist_ok=True)
    properties = state_dir() / "server.properties"
    properties.write_text("".join(f"{k}={v}\n" for k, v in SERVER_PROPERTIES.items()), encoding="utf-8")
    began = time.monotonic()
    for attempt in range(3):  # the free port may be taken between our probe and the JVM's bind
        port = _free_port()
        cmd = [
            java, f"-Xmx{heap}", "-Djava.net.preferIPv4Stack=true", "-Dfile.encoding=UTF-8",
            "-cp", str(lib / "*"), MAIN_CLASS, "--port", str(port), "--config", str(properties),
        ]  # fmt: skip
        log_file().write_bytes(b"")
        launched = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(log_file()), *cmd],
            capture_output=True, text=True, timeout=60, check=False, cwd=state_dir(),
        )  # fmt: skip
        if launched.returncode != 0 or not launched.stdout.strip().isdigit():
            raise LanguageToolUnavailable(msg("lt.start-exited", log=str(log_file()), tail=launched.stderr.strip()))
        state = ServerState(
            pid=int(launched.stdout.strip()), port=port, started=time.time(), version=version,
            lib=str(lib), java=java, heap=heap, fingerprint=fingerprint,
        )  # fmt: skip
        _write_state(state)
        try:
            _wait_until_ready(state, began + timeout, timeout)
        except LanguageToolUnavailable:
            bind_error = "BindException" in _log_tail(20) or "Address already in use" in _log_tail(20)
            _terminate(state, STOP_TIMEOUT)
            _remove_state()
            if bind_error and attempt < 2:
                continue
            raise
        return StartResult(state, reused=False, seconds=time.monotonic() - began)
    raise AssertionError("unreachable")  # pragma: no cover


def _wait_until_ready(state: ServerState, deadline: float, timeout: float) -> None:
    """Poll until the server answers, then warm it up with one Dutch check and the spellers' requests the report
    check makes (English and Dutch); bounded by ``deadline``."""
    while True:
        if not is_alive(state):
            raise LanguageToolUnavailable(msg("lt.start-exited", log=str(log_file()), tail=_log_tail()))
        if answers(state.url, timeout=2.0):
            break
        if time.monotonic() > deadline:
            raise LanguageToolUnavailable(msg("lt.start-timeout", seconds=round(timeout), log=str(log_file())))
        time.sleep(0.25)
    remaining = max(deadline - time.monotonic(), 1.0)
    try:
        with _open(state.url, "v2/check", {"language": WARMUP_LANGUAGE, "text": "Dit is een korte zin."}, remaining):
            pass
        for speller in WARMUP_SPELLERS:
            with _open(state.url, "v2/check", speller, max(deadline - time.monotonic(), 1.0)):
                pass
    except (OSError, ValueError) as e:
        if not is_alive(state):
            raise LanguageToolUnavailable(msg("lt.start-exited", log=str(log_file()), tail=_log_tail())) from e
        raise LanguageToolUnavailable(msg("lt.start-timeout", seconds=round(timeout), log=str(log_file()))) from e


def stop(timeout: float = STOP_TIMEOUT) -> ServerState | None:
    """Stop the recorded server; returns its state, or None when none was running. Stale state is removed."""
    with _locked(START_TIMEOUT + 30):
        state = read_state()
        if state is None:
            return None
        was_alive = _terminate(state, timeout)
        _remove_state()
        return state if was_alive else None


def _terminate(state: ServerState, timeout: float) -> bool:
    """SIGTERM, then SIGKILL after ``timeout``; True when the process was alive."""
    proc = _our_process(state.pid, state.port)
    if proc is None:
        return False
    with contextlib.suppress(psutil.Error):
        proc.terminate()
        if not _gone(state, timeout):
            proc.kill()
            _gone(state, timeout)
    return True


def _gone(state: ServerState, timeout: float) -> bool:
    # Not psutil's wait(): the server is not our child, and a zombie that nobody reaps would look alive to it.
    deadline = time.monotonic() + timeout
    while is_alive(state):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def cleanup_stale() -> None:
    """Remove server.json when its process is gone (only if no other stagepipe holds the lock right now)."""
    state = read_state()
    if state is None or is_alive(state):
        return
    with contextlib.suppress(LanguageToolUnavailable), _locked(0):
        state = read_state()
        if state is not None and not is_alive(state):
            _remove_state()
