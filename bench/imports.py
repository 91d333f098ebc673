"""`stagepipe import` of a 1,000-row sheet, through the real CLI (start-up included): rows per second, and the
second run (every case file there already, unchanged). Target: 1,000 rows in at most 5 s.

Prints `bench: <name> <value> <unit>` lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.paths import INPUTS_DIR
from tests.sheets import cohort_sheet

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "1000"))


def emit(name: str, value: float, unit: str) -> None:
    print(f"bench: {name} {value:.4g} {unit}", flush=True)


def _import(root: Path, sheet: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline", "import", str(sheet), "--program", "ugent-dgk",
                           "--cohort", "bench", "--format", "json", "-o", str(root / "import.json")],
                          cwd=root, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr}")
    return seconds


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        root = Path(tmp)
        for kind in ("institutions", "programs"):
            shutil.copytree(INPUTS_DIR / kind, root / "inputs" / kind)
        sheet = cohort_sheet(root / "cohort.xlsx", ROWS)
        first = _import(root, sheet)
        again = _import(root, sheet)
        emit("import_rows_per_s", ROWS / first, "rows/s")
        emit("import_1000_rows_s", first * 1000 / ROWS, "s")
        emit("import_again_rows_per_s", ROWS / again, "rows/s")


if __name__ == "__main__":
    run()
