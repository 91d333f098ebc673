"""Contract packs on a synthetic 1,000-case cohort: compiled vs naive docxtpl, 1 and 2 jobs, PDFs, incremental.

Prints `bench: <name> <value> <unit>` lines. The naive loop (load, render, save with docxtpl, same template, same
contexts) is measured in the same run, and its document text is compared with ours.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.paths import INPUTS_DIR, TEMPLATES_DIR

COHORT = int(os.environ.get("BENCH_PACKS_CASES", "1000"))
PDF_CASES = int(os.environ.get("BENCH_PACKS_PDF_CASES", "120"))
NAIVE_DOCS = int(os.environ.get("BENCH_PACKS_NAIVE_DOCS", "60"))


def emit(name: str, value: float, unit: str) -> None:
    print(f"bench: {name} {value:.4g} {unit}", flush=True)


def synthetic_cohort(root: Path, count: int) -> Path:
    """inputs/ with the sample institutions and programs and ``count`` cases cycled from the sample cases."""
    inputs = root / "inputs"
    shutil.copytree(INPUTS_DIR / "institutions", inputs / "institutions")
    shutil.copytree(INPUTS_DIR / "programs", inputs / "programs")
    samples = sorted((INPUTS_DIR / "cases").rglob("*.yaml"))
    for n in range(count):
        source = samples[n % len(samples)]
        text = source.read_text(encoding="utf-8")
        case_id = f"{source.stem}-{n:04d}"
        text = text.replace(f"id: {source.stem}", f"id: {case_id}", 1)
        # unique student numbers within a cohort: append the sequence number to the sample's
        for line in text.splitlines():
            if line.startswith("  id: "):
                old = line[len("  id: "):].strip().strip('"')
                text = text.replace(line, f'  id: "{old[:12]}{n:04d}"', 1)
                break
        folder = inputs / "cases" / source.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{case_id}.yaml").write_text(text, encoding="utf-8")
    return inputs


def naive_vs_compiled(inputs: Path) -> tuple[float, float, bool]:
    """ms per document: docxtpl load-render-save vs our compiled template, same template and contexts."""
    from docxtpl import DocxTemplate

    from pipeline.load.project import load_project
    from pipeline.render.context import build_context
    from pipeline.render.engine import CompiledTemplate, make_environment
    from tests.helpers import docx_text

    project = load_project([inputs / "cases" / "2021-2022"])
    cases = [project.resolve_case(s) for s in project.cases][:NAIVE_DOCS]
    contexts = [build_context(c, "nl", today=dt.date(2025, 1, 1)) for c in cases]
    template = TEMPLATES_DIR / "stageovereenkomst" / "nl.docx"
    env = make_environment()
    naive_out = []
    started = time.perf_counter()
    for context in contexts:
        tpl = DocxTemplate(template)
        tpl.render(context, env, autoescape=True)
        buffer = io.BytesIO()
        tpl.save(buffer)
        naive_out.append(buffer.getvalue())
    naive = (time.perf_counter() - started) / len(contexts) * 1000
    compiled = CompiledTemplate(template)
    started = time.perf_counter()
    fast_out = [compiled.render(context) for context in contexts]
    fast = (time.perf_counter() - started) / len(contexts) * 1000
    same = all(docx_text(a) == docx_text(b) for a, b in zip(naive_out, fast_out, strict=True))
    return naive, fast, same


def run_render(inputs: Path, out: Path, *, jobs: int, pdf: bool = False, force: bool = True,
               paths: list[Path] | None = None) -> tuple[float, int, int]:
    from pipeline.render.batch import render_cases
    from pipeline.render.pack import RenderOptions

    options = RenderOptions(out=out, templates=TEMPLATES_DIR, pdf=pdf, jobs=jobs, force=force)
    started = time.perf_counter()
    report = render_cases(paths or [inputs / "cases"], options)
    seconds = time.perf_counter() - started
    result = report.result(out)
    failed = result.count("failed")
    if failed:
        first = next(r for r in report.results if r.status == "failed")
        raise RuntimeError(f"{failed} case(s) failed, e.g. {first.case_id}: {first.findings[0].message}")
    docs = sum(sum(1 for name in r.outputs if name.endswith(".docx")) for r in report.results
               if r.status == "rendered")
    return seconds, docs, result.count("rendered")


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="stagepipe-bench-") as tmp:
        root = Path(tmp)
        inputs = synthetic_cohort(root, COHORT)
        emit("packs_cohort_cases", COHORT, "cases")

        naive, fast, same = naive_vs_compiled(inputs)
        emit("naive_docxtpl_ms_per_docx", naive, "ms")
        emit("compiled_template_ms_per_docx", fast, "ms")
        emit("compiled_identical_text", 1 if same else 0, "bool")

        runs = []
        for _ in range(2):
            seconds, docs, _ = run_render(inputs, root / "out1", jobs=1)
            runs.append(seconds / docs * 1000)
        one = min(runs)
        emit("render_ms_per_docx_1job", one, "ms")
        seconds, docs, _ = run_render(inputs, root / "out2", jobs=2)
        seconds2, docs2, _ = run_render(inputs, root / "out2", jobs=2)
        two = min(seconds / docs, seconds2 / docs2) * 1000
        emit("render_ms_per_docx_2jobs", two, "ms")
        emit("render_docx_total_s_2jobs", min(seconds, seconds2), "s")
        emit("render_speedup_vs_naive", naive / one, "x")

        # incremental: one case of the 1,000 changed
        changed = sorted((inputs / "cases").rglob("*.yaml"))[COHORT // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        seconds, _, rendered = run_render(inputs, root / "out2", jobs=2, force=False)
        assert rendered == 1, rendered
        emit("incremental_rebuild_s", seconds, "s")
        seconds, _, rendered = run_render(inputs, root / "out2", jobs=2, force=False)
        assert rendered == 0, rendered
        emit("noop_rebuild_s", seconds, "s")

        # PDF: a sub-cohort through LibreOffice, one soffice per worker for the whole batch
        every = sorted((inputs / "cases").rglob("*.yaml"))
        pdf_cases = every[:: max(1, len(every) // PDF_CASES)][:PDF_CASES]  # all programs and languages
        # warm the LibreOffice profiles once (a first start creates them: not part of a batch's cost)
        run_render(inputs, root / "warm", jobs=2, pdf=True, paths=pdf_cases[:2])
        seconds, docs, _ = run_render(inputs, root / "pdf", jobs=2, pdf=True, paths=pdf_cases)
        emit("pdf_docs", docs, "docs")
        emit("pdf_s_per_doc", seconds / docs, "s")
        seconds1, docs1, _ = run_render(inputs, root / "pdf1", jobs=1, pdf=True, paths=pdf_cases[: PDF_CASES // 2])
        emit("pdf_s_per_doc_1job", seconds1 / docs1, "s")


if __name__ == "__main__":
    run()
