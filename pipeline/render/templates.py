"""Where a document's template is: templates/<document>/<program-id>/<lang>.docx first, else the default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DOCUMENTS = ("stageovereenkomst", "infofiche", "mentorbrief", "stageplanning")
DEFAULT_DOCUMENTS = ("stageovereenkomst", "infofiche", "mentorbrief")


@dataclass(frozen=True)
class TemplateRef:
    document: str
    lang: str
    path: Path
    program: str | None  # set when a program override was chosen


class TemplateMissing(Exception):
    def __init__(self, document: str, lang: str, tried: list[Path]):
        super().__init__(f"{document} ({lang}): {', '.join(str(p) for p in tried)}")
        self.document = document
        self.lang = lang
        self.tried = tried


def candidates(root: Path, document: str, program: str | None, lang: str) -> list[Path]:
    paths = []
    if program:
        paths.append(root / document / program / f"{lang}.docx")
    paths.append(root / document / f"{lang}.docx")
    return paths


def find_template(root: Path, document: str, program: str | None, lang: str) -> TemplateRef:
    tried = candidates(root, document, program, lang)
    for index, path in enumerate(tried):
        if path.is_file():
            return TemplateRef(document, lang, path, program if (program and index == 0) else None)
    raise TemplateMissing(document, lang, tried)


def all_templates(root: Path) -> list[Path]:
    """Every .docx under the templates folder (defaults and program overrides), sorted."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.docx") if p.is_file() and not p.name.startswith("~$"))


def describe(root: Path, path: Path) -> tuple[str, str | None, str]:
    """(document, program or None, lang) of a template path under ``root``."""
    rel = path.relative_to(root).parts
    if len(rel) == 3:
        return rel[0], rel[1], Path(rel[2]).stem
    return rel[0], None, Path(rel[-1]).stem
