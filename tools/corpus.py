"""Rebuild the real-world corpus: DOCX and PDF files from the public test suites of other projects, for
tests/corpus/test_corpus.py (`make corpus`). Nothing of it is ever committed: the files stay under .cache/corpus/ (git-ignored).

    python tools/corpus.py [--mirrors DIR] [--out DIR]     # default: $STAGEPIPE_MIRRORS or /work/.mirror

Each source is a bare git mirror of a public repository (``<mirrors>/<owner>+<name>/repo``, as the search tool's
``fetch`` lays them down; ``git clone --mirror`` gives the same). The script copies the files a source lists, at the
mirror's HEAD, with the source's licence text beside them, and writes MANIFEST.json (repository, commit, path, licence
of every file). Only sources whose licence allows copying for testing are listed; the files keep their licence and
their authors (CC BY-SA 4.0 files: attribution in the manifest, shared alike if ever passed on).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / ".cache" / "corpus"
MAX_BYTES = 8 * 1024**2  # larger test files (scanned books) add time, not cases


@dataclass(frozen=True)
class Source:
    repo: str  # owner/name on GitHub
    patterns: tuple[str, ...]  # paths in the repository (fnmatch)
    licence_file: str
    licence: str  # SPDX id


SOURCES = (
    Source("py-pdf/sample-files", ("*.pdf",), "LICENSE", "CC-BY-SA-4.0"),
    Source("pdfminer/pdfminer.six", ("samples/*.pdf",), "LICENSE", "MIT"),
    Source("mwilliamson/python-mammoth", ("tests/test-data/*.docx",), "LICENSE", "BSD-2-Clause"),
    Source("python-openxml/python-docx", ("tests/test_files/*.docx", "features/steps/test_files/*.docx"), "LICENSE",
           "MIT"),
    Source("jgm/pandoc", ("test/docx/*.docx", "test/command/*.docx"), "COPYING.md", "GPL-2.0-or-later"),
)


def _git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror), *args], capture_output=True, check=True).stdout


def default_mirrors() -> Path:
    return Path(os.environ.get("STAGEPIPE_MIRRORS", "/work/.mirror"))


def build(mirrors: Path, out: Path) -> list[dict[str, str]]:
    """Copy every listed file of every source whose mirror is there; the manifest's entries (empty: no mirror)."""
    entries: list[dict[str, str]] = []
    if out.exists():
        shutil.rmtree(out)
    for source in SOURCES:
        mirror = mirrors / source.repo.replace("/", "+") / "repo"
        if not mirror.is_dir():
            print(f"corpus: no mirror of {source.repo} in {mirrors}, skipped", file=sys.stderr)
            continue
        commit = _git(mirror, "rev-parse", "HEAD").decode().strip()
        listing = [line.split("\t", 1) for line in _git(mirror, "ls-tree", "-r", "-l", "HEAD").decode().splitlines()]
        folder = out / source.repo.replace("/", "+")
        folder.mkdir(parents=True)
        (folder / "LICENCE.txt").write_bytes(_git(mirror, "show", f"HEAD:{source.licence_file}"))
        for meta, path in listing:
            size = meta.split()[3]
            if not any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, f"*/{p}") for p in source.patterns) \
                    or not size.isdigit() or int(size) > MAX_BYTES:
                continue
            target = folder / path.replace("/", "__")
            target.write_bytes(_git(mirror, "show", f"HEAD:{path}"))
            entries.append({"file": str(target.relative_to(out)), "repository": f"https://github.com/{source.repo}",
                            "commit": commit, "path": path, "licence": source.licence})
    if entries:
        (out / "MANIFEST.json").write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    return entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=default_mirrors())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    entries = build(args.mirrors, args.out)
    print(f"corpus: {len(entries)} files in {args.out}")
    return 0 if entries else 1


if __name__ == "__main__":
    sys.exit(main())
