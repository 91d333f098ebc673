"""One case's pack: documents (DOCX, PDF), a zip of them and manifest.json, written atomically into <out>/<case-id>/.

The pack is built in a hidden sibling folder (``.tmp-<case>-<pid>-<random>``); manifest.json is written last and
the folder is renamed into place, so a killed run never leaves a half pack behind: the next run finds no
manifest (or the old one), renders the case again and removes the stale temporary folders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.load.project import Case
from pipeline.processes import running
from pipeline.render.templates import DEFAULT_DOCUMENTS, TemplateRef, find_template

if TYPE_CHECKING:
    from pipeline.render.manifest import InputFile, Manifest, PackInputs, PackOptions

MANIFEST = "manifest.json"
SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_TMP_PREFIX = ".tmp-"
_OLD_PREFIX = ".old-"
STALE_AFTER_S = 6 * 3600  # a temporary folder this old is stale even if its pid was reused


class UnsafeCaseId(ValueError):
    """A case id that cannot be a folder name inside --out (e.g. '../../x')."""


def pack_dir(out: Path, case_id: str) -> Path:
    """<out>/<case-id>, refusing any id that is not a plain safe name or would land outside ``out``."""
    if not isinstance(case_id, str) or not SAFE_ID.match(case_id):
        raise UnsafeCaseId(case_id)
    root = out.resolve()
    target = (root / case_id).resolve()
    if target.parent != root:
        raise UnsafeCaseId(case_id)
    return target


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The tool version plus a hash of the render code: a changed renderer re-renders every pack."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def abspath(path: Path | str) -> str:
    """The absolute path as recorded in manifests (no symlink resolution: cheap, and the same at both ends)."""
    return os.path.abspath(path)


class HashCache:
    """Per run: sha256 of input files, each read once, and template lookups, each done once."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self.templates: dict[tuple[str, str | None, str], str] = {}
        self.roots: dict[Path, Path] = {}

    def get(self, path: Path | str) -> str:
        key = abspath(path)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = sha256_file(Path(key))
        return value

    def template_path(self, root: Path, document: str, program: str | None, lang: str) -> str:
        key = (document, program, lang)
        value = self.templates.get(key)
        if value is None:
            value = self.templates[key] = abspath(find_template(root, document, program, lang).path)
        return value

    def out_root(self, out: Path) -> Path:
        root = self.roots.get(out)
        if root is None:
            root = self.roots[out] = out.resolve()
        return root


@dataclass
class RenderOptions:
    out: Path
    templates: Path
    pdf: bool = False
    lang: str | None = None  # None: each case's own language
    force: bool = False
    jobs: int = 1
    today: dt.date | None = None
    debug: bool = False  # an internal error's finding carries its traceback


@dataclass
class PackPlan:
    """Everything needed to render one case, decided before any rendering (picklable for worker processes)."""

    case: Case
    case_id: str
    lang: str
    target: Path
    templates: list[TemplateRef]
    inputs: PackInputs
    options: PackOptions


@dataclass
class PackResult:
    case_id: str
    case_file: Path
    status: str  # rendered | skipped | failed
    target: Path | None = None
    outputs: list[str] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)  # Finding


def documents_of(case: Case) -> list[str]:
    program = case.program_profile
    docs = program.documents if program is not None else ()
    return list(docs) if docs else list(DEFAULT_DOCUMENTS)


def options_record(options: RenderOptions) -> PackOptions:
    from pipeline.render.manifest import PackOptions

    return PackOptions(lang=options.lang, pdf=options.pdf)


def _input(path: Path, hashes: HashCache) -> InputFile:
    from pipeline.render.manifest import InputFile

    return InputFile(path=abspath(path), sha256=hashes.get(path))


def plan_pack(case: Case, options: RenderOptions, hashes: HashCache) -> PackPlan:
    """Decide language, templates and target of ``case`` (raises UnsafeCaseId, TemplateMissing)."""
    from pipeline.render.manifest import PackInputs

    target = pack_dir(options.out, case.id)
    lang = options.lang or case.record.language or "nl"
    program_id = case.program.id if case.program else None
    refs = [find_template(options.templates, doc, program_id, lang) for doc in documents_of(case)]
    inputs = PackInputs(
        case=_input(case.source.path, hashes),
        program=_input(case.program.path, hashes) if case.program is not None else None,
        institution=_input(case.institution.path, hashes) if case.institution is not None else None,
        templates={ref.document: _input(ref.path, hashes) for ref in refs},
    )
    return PackPlan(case=case, case_id=case.id, lang=lang, target=target, templates=refs, inputs=inputs,
                    options=options_record(options))


def read_manifest(target: Path) -> Manifest | None:
    """The pack's manifest; None when there is none or it is not one this version writes."""
    from pydantic import ValidationError

    from pipeline.render.manifest import Manifest

    try:
        return Manifest.model_validate_json((target / MANIFEST).read_bytes())
    except (OSError, ValidationError):
        return None


def up_to_date(case_file: Path, options: RenderOptions, hashes: HashCache) -> bool:
    """Whether the pack of ``case_file`` exists and was made from exactly the current inputs.

    Decided without parsing YAML: the manifest lists every input file with its hash (case, program,
    institution, templates), the language, the options and the code fingerprint; the template each document
    would use now must be the one it used then; every output must still be there with its size.
    """
    stem = case_file.stem
    if not SAFE_ID.match(stem):  # a plain name: no separator, no dot, so <out>/<stem> stays inside <out>
        return False
    target = hashes.out_root(options.out) / stem
    manifest = read_manifest(target)
    if manifest is None or manifest.tool.code != code_fingerprint():
        return False
    if manifest.options != options_record(options):
        return False
    inputs = manifest.inputs
    try:
        if inputs.case.path != abspath(case_file):
            return False
        records = [inputs.case] + [r for r in (inputs.program, inputs.institution) if r is not None]
        records += list(inputs.templates.values())
        for record in records:
            if hashes.get(record.path) != record.sha256:
                return False
        for document, record in inputs.templates.items():
            if hashes.template_path(options.templates, document, manifest.program, manifest.lang) != record.path:
                return False
        folder = str(target)
        for name, output in manifest.outputs.items():
            if os.stat(os.path.join(folder, name)).st_size != output.bytes:
                return False
    except (OSError, LookupError, ValueError):
        return False
    return bool(manifest.outputs)


def new_workdir(out: Path, case_id: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    work = out / f"{_TMP_PREFIX}{case_id}-{os.getpid()}-{secrets.token_hex(4)}"
    work.mkdir()
    return work


def finalize(plan: PackPlan, work: Path, files: list[Path], content: dict[Path, bytes] | None = None) -> list[str]:
    """Zip the documents, write manifest.json last, and swap ``work`` into place as the case's pack.

    ``content`` holds the bytes of files this process just wrote (saves reading them back).
    """
    content = dict(content or {})
    for path in files:
        if path not in content:
            content[path] = path.read_bytes()
    zip_name = f"{plan.case_id}.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # DOCX and PDF are compressed already
        for path in files:
            info = zipfile.ZipInfo(f"{plan.case_id}/{path.name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, content[path])
    content[work / zip_name] = buffer.getvalue()
    (work / zip_name).write_bytes(content[work / zip_name])
    from pipeline.render.manifest import Manifest, OutputFile, ToolRecord

    outputs = {path.name: OutputFile(sha256=sha256_bytes(content[path]), bytes=len(content[path]))
               for path in [*files, work / zip_name]}
    manifest = Manifest(
        case=plan.case_id,
        program=plan.case.program.id if plan.case.program else None,
        lang=plan.lang,
        documents=[ref.document for ref in plan.templates],
        tool=ToolRecord(name="stagepipe", version=__version__, code=code_fingerprint()),
        options=plan.options,
        inputs=plan.inputs,
        outputs=outputs,
        rendered_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    )
    tmp_manifest = work / (MANIFEST + ".part")
    record = manifest.model_dump(mode="json")
    tmp_manifest.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp_manifest, work / MANIFEST)
    swap_into_place(work, plan.target)
    return sorted(outputs)


def swap_into_place(work: Path, target: Path) -> None:
    """Rename ``work`` to ``target``; an existing pack is first renamed aside, then removed."""
    old = None
    if target.exists():
        old = target.parent / f"{_OLD_PREFIX}{target.name}-{os.getpid()}-{secrets.token_hex(4)}"
        os.replace(target, old)
    os.replace(work, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_stale(out: Path) -> int:
    """Remove temporary and set-aside folders left by killed runs (whose process is gone)."""
    removed = 0
    if not out.is_dir():
        return 0
    for entry in out.iterdir():
        if not entry.is_dir() or not entry.name.startswith((_TMP_PREFIX, _OLD_PREFIX)):
            continue
        parts = entry.name.rsplit("-", 2)
        pid = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else -1
        try:
            recent = time.time() - entry.stat().st_mtime < STALE_AFTER_S
        except OSError:
            continue
        if pid == os.getpid() or (pid > 0 and recent and running(pid)):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    return removed
