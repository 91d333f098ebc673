"""Where the project's data lives: schemas, templates, sample inputs, caches."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
INPUTS_DIR = PROJECT_ROOT / "inputs"


def cache_dir() -> Path:
    """A per-user cache folder (``$STAGEPIPE_CACHE`` or ``$XDG_CACHE_HOME/stagepipe``)."""
    env = os.environ.get("STAGEPIPE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stagepipe"
