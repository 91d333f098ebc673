"""Run every benchmark module listed in MODULES (or those named on the command line)."""

from __future__ import annotations

import importlib
import sys

MODULES: list[str] = ["languagetool", "packs", "report", "scale", "deid_recall", "language_quality",
                      "anonymity_hidden", "imports", "web"]


def main(argv: list[str]) -> int:
    # `python -m bench language_quality --split dev`: one module with its own options goes to its main()
    if len(argv) > 1 and argv[0] in MODULES and any(a.startswith("-") for a in argv[1:]):
        module = importlib.import_module(f"bench.{argv[0]}")
        return int(module.main(argv[1:]))
    names = argv or MODULES
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
