"""Run a parser in a forked child with an address-space cap and a wall-time limit; the result comes back pickled."""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")

GIB = 1024**3
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY = 2 * GIB
MAX_RESULT_BYTES = 512 * 1024**2  # a pickled Document of a 50 MB report is far smaller


class LimitExceeded(Exception):
    """The child ran out of time or memory (``kind`` is "time" or "memory", ``limit`` in seconds or bytes)."""

    def __init__(self, kind: str, limit: float) -> None:
        super().__init__(f"{kind} limit {limit} exceeded")
        self.kind = kind
        self.limit = limit


class ChildFailed(Exception):
    """The child died without an answer (a signal, a crash in C code) or sent one that cannot be read."""


def _address_space_in_use() -> int:
    """Bytes of virtual memory this process has mapped now (0 when /proc cannot tell)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap_memory(budget: int) -> None:
    # The child starts as a copy of the parent, so the cap is the parent's mappings plus the budget: an absolute
    # 2 GiB would leave a parent with many threads (64 MB malloc arenas each) almost nothing to parse with.
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space_in_use() + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash on a hostile file must not write a core dump


def _child(write_fd: int, fn: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    """Body of the forked child: never returns (os._exit skips the parent's atexit handlers and buffers)."""
    code = 0
    try:
        _cap_memory(memory)
        try:
            payload: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            payload = ("memory", None)
        except BaseException as exc:  # noqa: B036 - everything goes back to the parent, which re-raises it
            payload = ("error", exc)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        except Exception as exc:  # an unpicklable result or exception
            data = pickle.dumps(("failed", f"{type(exc).__name__}: {exc}"))
        view = memoryview(data)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int, deadline: float) -> int | None:
    """Wait for the child until ``deadline``, then kill it; its wait status (None when already reaped)."""
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if done:
            return status
        if time.monotonic() > deadline:
            _kill(pid)
            try:
                return os.waitpid(pid, 0)[1]
            except ChildProcessError:
                return None
        time.sleep(0.01)


def run_limited(fn: Callable[..., T], *args: Any, seconds: float = DEFAULT_SECONDS,
                memory: int = DEFAULT_MEMORY) -> T:
    """``fn(*args)`` in a forked child with at most ``memory`` more bytes of address space and ``seconds`` of wall time.

    Returns its result; re-raises the exception it raised; raises LimitExceeded (time or memory) or ChildFailed.
    Forking keeps ``fn`` free to be any callable (a closure, a lambda): nothing but the result is pickled.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is the parent's result
        os.close(read_fd)
        _child(write_fd, fn, args, memory)
    os.close(write_fd)
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    reaped = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                _kill(pid)
                raise LimitExceeded("time", seconds)
            ready, _, _ = select.select([read_fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_RESULT_BYTES:
                _kill(pid)
                raise ChildFailed(f"result larger than {MAX_RESULT_BYTES} bytes")
            chunks.append(chunk)
        status = _reap(pid, time.monotonic() + 5)
        reaped = True
    finally:
        os.close(read_fd)
        if not reaped:
            _reap(pid, time.monotonic())  # killed above or interrupted: never leave a zombie or a runaway parser
    if not chunks:
        if status is not None and os.WIFSIGNALED(status):
            raise ChildFailed(f"killed by {signal.Signals(os.WTERMSIG(status)).name}")
        raise ChildFailed(f"exited with code {os.WEXITSTATUS(status) if status is not None else '?'} without a result")
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception as exc:
        raise ChildFailed(f"unreadable result: {type(exc).__name__}") from exc
    if kind == "ok":
        return cast(T, value)  # what fn returned, through pickle
    if kind == "error":
        raise value
    if kind == "memory":
        raise LimitExceeded("memory", memory)
    raise ChildFailed(str(value))
