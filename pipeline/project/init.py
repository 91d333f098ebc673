"""`stagepipe init DIR`: a working project to start from — inputs/ with the institutions, the five program profiles
and one sample case per program (all from the package), the schemas and editor settings for completion, and a
Makefile with validate/packs/check/status targets. `stagepipe validate inputs/` passes in it at once."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.messages import msg
from pipeline.paths import INPUTS_DIR, SCHEMAS_DIR
from pipeline.project.casefile import case_yaml
from pipeline.project.fields import required_fields
from pipeline.project.new import ID, ProjectError

PROJECT_DATA = Path(__file__).resolve().parent / "data"
INSTITUTION_MODELINE = "# yaml-language-server: $schema=../../schemas/institution.schema.json"
EDITOR_SCHEMAS = {  # .vscode/settings.json: the YAML extension's schema for each kind of file
    "./schemas/case.schema.json": "inputs/cases/**/*.yaml",
    "./schemas/program.schema.json": "inputs/programs/*.yaml",
    "./schemas/institution.schema.json": "inputs/institutions/*.yaml",
}


@dataclass
class InitResult:
    root: Path
    written: list[Path] = field(default_factory=list)
    institution_to_fill: int = 0  # fields of a new institution still to fill


def sample_cases() -> dict[str, Path]:
    """One sample case per program (the first by name), from the package's sample inputs."""
    found: dict[str, Path] = {}
    for path in sorted((INPUTS_DIR / "cases").glob("*/*.yaml")):
        program = yaml.safe_load(path.read_text(encoding="utf-8")).get("program")
        if isinstance(program, str):
            found.setdefault(program, path)
    return found


def init_project(root: Path, institution: str | None = None, lang: str = "nl") -> InitResult:
    """Write the project into ``root`` (which must not exist or be empty); raises ProjectError."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ProjectError(msg("init.not-empty", path=root))
    if institution is not None and not ID.match(institution):
        raise ProjectError(msg("new.bad-id", id=institution))
    result = InitResult(root)
    inputs = root / "inputs"

    def copy(source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        result.written.append(target)

    for kind in ("institutions", "programs"):
        for source in sorted((INPUTS_DIR / kind).glob("*.yaml")):
            copy(source, inputs / kind / source.name)
    for source in sample_cases().values():
        copy(source, inputs / "cases" / source.parent.name / source.name)
    if institution is not None and not (inputs / "institutions" / f"{institution}.yaml").exists():
        text, result.institution_to_fill = case_yaml({"id": institution}, required_fields("institution.schema.json"),
                                                     {}, {}, lang, modeline=INSTITUTION_MODELINE)
        target = inputs / "institutions" / f"{institution}.yaml"
        target.write_text(text, encoding="utf-8")
        result.written.append(target)
    for schema in sorted(SCHEMAS_DIR.glob("*.schema.json")):  # for editors; stagepipe validates with its own copy
        copy(schema, root / "schemas" / schema.name)
    settings = root / ".vscode" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"yaml.schemas": EDITOR_SCHEMAS}, indent=2) + "\n", encoding="utf-8")
    result.written.append(settings)
    copy(PROJECT_DATA / "Makefile", root / "Makefile")
    (root / "reports").mkdir(exist_ok=True)
    return result
