"""A warm LibreOffice: one `soffice` listening on a private UNO pipe, driven through UNO, served on loopback.

This file runs as a script under a Python that has LibreOffice's ``uno`` module (Debian: python3-uno, the system
``python3``), never inside stagepipe's own environment: it imports only the standard library and ``uno``.
pipeline.convert.office starts it, reads ``READY <port>`` from its first line and calls it over XML-RPC:

- ``convert(token, docx, pdf)`` loads ``docx`` hidden and read-only, macros never run and links never updated,
  and stores it as ``pdf`` with ``writer_pdf_Export``, the filter `soffice --convert-to pdf` uses (indexes are not
  updated: the same pages);
- ``ping(token)`` answers ``{"pid", "documents"}``; ``stop(token)`` ends both processes.

It ends by itself when LibreOffice dies, when nobody asked anything for ``--idle`` seconds, on ``stop``, and within
a second of the death of the ``--owner`` process (a watchdog thread: also while a conversion hangs). A call
without the token of the state file (readable only by its owner) is refused: another user on the machine cannot
make it read or write files.
"""

from __future__ import annotations

import argparse
import hmac
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any
from xmlrpc.server import SimpleXMLRPCRequestHandler, SimpleXMLRPCServer

CONNECT_SECONDS = 60.0
WATCH_SECONDS = 1.0
MACROS_NEVER = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
UPDATE_NEVER = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE
uno: Any = None  # LibreOffice's Python bridge, imported by main(): only the uno Python has it


class _Quiet(SimpleXMLRPCRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return None


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for name, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str, soffice: subprocess.Popen[bytes]) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # noqa: BLE001 - NoConnectException until soffice listens
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _watch(owner: int | None, soffice: subprocess.Popen[bytes]) -> None:
    """End everything at once when the owner died (the main loop may be waiting on a conversion that hangs)."""
    while soffice.poll() is None:
        if owner is not None and _gone(owner):
            os.killpg(os.getpgid(0), signal.SIGKILL)  # this bridge and its LibreOffice: their own process group
        time.sleep(WATCH_SECONDS)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--profile", required=True)  # a file:// URL: the user installation
    parser.add_argument("--token", required=True)
    parser.add_argument("--idle", type=float, default=900.0)
    parser.add_argument("--owner", type=int, default=None)  # a pid: end with it
    args = parser.parse_args()
    global uno
    import uno as bridge  # type: ignore[import-not-found]

    uno = bridge
    pipe = f"stagepipe-{os.getpid()}"
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
    soffice = subprocess.Popen(
        [args.soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
         "--nofirststartwizard", "--norestore", "--nolockcheck", f"-env:UserInstallation={args.profile}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        desktop = _connect(pipe, soffice)
    except Exception as exc:  # noqa: BLE001
        print(f"FAILED {type(exc).__name__}: {exc}", flush=True)
        soffice.kill()
        return 1
    state = {"last": time.monotonic(), "documents": 0, "running": True}
    lock = threading.Lock()

    def allowed(token: str) -> None:
        if not hmac.compare_digest(str(token), args.token):
            raise PermissionError("wrong token")
        state["last"] = time.monotonic()

    def convert(token: Any, source: Any, target: Any) -> Any:  # XML-RPC: marshallable values
        allowed(token)
        with lock:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(source), "_blank", 0,
                _props(Hidden=True, ReadOnly=True, MacroExecutionMode=MACROS_NEVER, UpdateDocMode=UPDATE_NEVER))
            if document is None:
                raise ValueError("LibreOffice could not open the document")
            try:
                document.storeToURL(uno.systemPathToFileUrl(target), _props(FilterName="writer_pdf_Export"))
            finally:
                document.close(True)
            state["documents"] = int(state["documents"]) + 1
        return True

    def ping(token: Any) -> Any:
        allowed(token)
        return {"pid": soffice.pid, "documents": int(state["documents"])}

    def stop(token: Any) -> Any:
        allowed(token)
        state["running"] = False
        return True

    server = SimpleXMLRPCServer(("127.0.0.1", 0), requestHandler=_Quiet, allow_none=True, logRequests=False)
    server.timeout = 1.0
    server.register_function(convert)
    server.register_function(ping)
    server.register_function(stop)
    signal.signal(signal.SIGTERM, lambda *_: state.update(running=False))
    threading.Thread(target=_watch, args=(args.owner, soffice), daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    sys.stdout.close()
    try:
        while state["running"] and soffice.poll() is None and time.monotonic() - float(state["last"]) < args.idle:
            server.handle_request()
    finally:
        server.server_close()
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - it may be gone already
            pass
        try:
            soffice.wait(timeout=10)
        except subprocess.TimeoutExpired:
            soffice.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
