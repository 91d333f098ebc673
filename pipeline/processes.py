"""Whether a process runs, for the state files of other runs (a render's lock, a warm LibreOffice's owner)."""

from __future__ import annotations

import os

import psutil


def running(pid: int) -> bool:
    """Whether ``pid`` runs. A zombie (killed, not yet reaped) does not; one that is our own child is reaped here."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
    except ChildProcessError:  # not our child: its parent reaps it
        pass
    try:
        return psutil.Process(pid).status() not in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True
