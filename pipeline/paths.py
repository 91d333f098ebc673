"""Where stagepipe's data lives: package data (schemas, templates, default profiles), the user's project, caches.

Schemas, templates, the sample institutions and program profiles and the LanguageTool pom are package data under
``pipeline/data/`` (read with ``importlib.resources``). In the checkout those entries are symlinks to the folders
editors and the README know (``schemas/``, ``templates/``, ``inputs/``, ``tools/languagetool/``), so there is one
copy of each file; the wheel holds real copies. Paths are resolved, so in the checkout they are the checkout's own.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent  # the checkout, when stagepipe runs from one (site-packages when installed)


def _package_data() -> Path:
    data = resources.files("pipeline") / "data"
    if not isinstance(data, Path):  # stagepipe is installed on disk (pip, pipx): LibreOffice and docxtpl read files
        raise RuntimeError(f"stagepipe's package data is not on disk: {data}")
    return data


DATA_DIR = _package_data()
SCHEMAS_DIR = (DATA_DIR / "schemas").resolve()
TEMPLATES_DIR = (DATA_DIR / "templates").resolve()
# the sample institutions, programs and cases: the checkout's inputs/, or the package's copy of it
INPUTS_DIR = (DATA_DIR / "inputs" / "programs").resolve().parent
LANGUAGETOOL_DATA = DATA_DIR / "languagetool"  # pom.xml (the pinned jars) and rules/ (our own rules' XML)


def project_inputs() -> Path:
    """The inputs/ folder a command works on when none is given: ./inputs when it holds programs/ (a project made
    by `stagepipe init`, or the checkout), else the sample inputs."""
    local = Path("inputs")
    return local if (local / "programs").is_dir() else INPUTS_DIR


def cache_dir() -> Path:
    """A per-user cache folder (``$STAGEPIPE_CACHE`` or ``$XDG_CACHE_HOME/stagepipe``)."""
    env = os.environ.get("STAGEPIPE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stagepipe"
