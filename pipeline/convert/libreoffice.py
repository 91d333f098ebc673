"""DOCX → PDF through LibreOffice headless: one `soffice` call converts a whole batch (never one start per file).

Each converter has its own LibreOffice user profile (two running instances cannot share one); the profile stays
in the cache folder between runs, so only the very first run pays for creating it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pipeline.messages import Text, msg, translate
from pipeline.paths import cache_dir

SOFFICE_NAMES = ("soffice", "libreoffice")


class ConverterError(Exception):
    """LibreOffice could not be used; ``text`` says why (a message, shown in the user's language)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return translate(self.text)


class ConverterUnavailable(ConverterError):
    """LibreOffice is not installed (Debian: libreoffice-writer-nogui; `make system` installs it)."""


class ConversionFailed(ConverterError):
    """LibreOffice ran but did not finish the batch."""


class ConversionTimedOut(ConversionFailed):
    """LibreOffice did not finish in the time it was given (and was killed)."""


def find_soffice() -> str:
    explicit = os.environ.get("STAGEPIPE_SOFFICE")
    if explicit:
        if shutil.which(explicit) or Path(explicit).is_file():
            return explicit
        raise ConverterUnavailable(msg("convert.env-missing", value=explicit))
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ConverterUnavailable(msg("convert.not-found"))


@dataclass
class BatchResult:
    pdfs: dict[Path, Path] = field(default_factory=dict)  # docx -> pdf, for every file that converted
    failed: dict[Path, str] = field(default_factory=dict)  # docx -> why
    seconds: float = 0.0


class Converter:
    """A LibreOffice with its own profile; ``convert(files)`` turns many .docx into .pdf in one process."""

    def __init__(self, slot: int = 0, *, soffice: str | None = None, timeout_base: float = 90.0,
                 timeout_per_file: float = 10.0):
        self.soffice = soffice or find_soffice()
        self.timeout_base = timeout_base
        self.timeout_per_file = timeout_per_file
        self._lock_fh: IO[str] | None = None
        self.profile = self._claim_profile(slot)

    def _claim_profile(self, slot: int) -> Path:
        """A profile folder only this converter uses: cache/lo-profile-<slot>, or a fresh temporary one."""
        base = cache_dir() / "libreoffice"
        try:
            base.mkdir(parents=True, exist_ok=True)
            for n in range(slot, slot + 16):
                lock_path = base / f"profile-{n}.lock"
                fh = open(lock_path, "w")
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    fh.close()
                    continue
                self._lock_fh = fh
                return base / f"profile-{n}"
        except OSError:
            pass
        return Path(tempfile.mkdtemp(prefix="stagepipe-lo-"))

    def close(self) -> None:
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def convert(self, files: Sequence[Path], *, progress: Callable[[int], None] | None = None) -> BatchResult:
        """Convert ``files`` (any folders) to PDF next to them, in one LibreOffice process.

        soffice writes every PDF into one --outdir, so the files are linked into a scratch folder under unique
        names first (two packs both have a stageovereenkomst.docx).
        """
        result = BatchResult()
        if not files:
            return result
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="stagepipe-convert-") as scratch_name:
            scratch = Path(scratch_name)
            inputs = scratch / "in"
            outputs = scratch / "out"
            inputs.mkdir()
            outputs.mkdir()
            names: dict[str, Path] = {}
            for index, source in enumerate(files):
                name = f"d{index:06d}"
                link = inputs / f"{name}.docx"
                try:
                    os.link(source, link)
                except OSError:
                    shutil.copyfile(source, link)
                names[name] = Path(source)
            command = [self.soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo",
                       "--nodefault", f"-env:UserInstallation={self.profile.resolve().as_uri()}",
                       "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outputs),
                       *[str(inputs / f"{n}.docx") for n in names]]
            timeout = self.timeout_base + self.timeout_per_file * len(names)
            env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp", "HOME": os.environ.get("HOME", str(scratch))}
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                    start_new_session=True)
            log = b""
            try:
                deadline = time.monotonic() + timeout
                done = 0
                while True:
                    try:
                        out, _ = proc.communicate(timeout=0.25)
                        log += out or b""
                        break
                    except subprocess.TimeoutExpired:
                        if time.monotonic() > deadline:
                            os.killpg(proc.pid, signal.SIGKILL)
                            out, _ = proc.communicate()
                            log += out or b""
                            raise ConversionTimedOut(msg("convert.timeout", seconds=f"{timeout:.0f}")) from None
                        if progress is not None:
                            now = sum(1 for _ in outputs.iterdir())
                            if now != done:
                                done = now
                                progress(done)
            except BaseException:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                raise
            message = log.decode("utf-8", "replace").strip()
            for name, source in names.items():
                pdf = outputs / f"{name}.pdf"
                if pdf.is_file() and pdf.stat().st_size > 0:
                    target = source.with_suffix(".pdf")
                    shutil.move(str(pdf), target)
                    result.pdfs[source] = target
                else:
                    result.failed[source] = message[-500:] or f"exit code {proc.returncode}, no PDF"
        if progress is not None:
            progress(len(result.pdfs))
        result.seconds = time.perf_counter() - started
        return result
