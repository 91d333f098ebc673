"""Render a cohort: skip unchanged packs, validate the rest, render in N worker processes, one LibreOffice each.

``render_cases`` is the core of `stagepipe render`: it returns one PackResult per case and reports progress
through a callback; it never prints, never exits. One failing case never stops the others.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.findings import Finding, Location, Severity
from pipeline.load.project import Case, discover, kind_from_path, load_project
from pipeline.messages import Message, Text, joined, msg
from pipeline.render.context import ContextError, build_context
from pipeline.render.engine import RenderError, TemplateCache
from pipeline.render.pack import (
    HashCache,
    PackPlan,
    PackResult,
    RenderOptions,
    UnsafeCaseId,
    finalize,
    new_workdir,
    plan_pack,
    remove_stale,
    up_to_date,
)
from pipeline.render.templates import TemplateMissing
from pipeline.results import PackOutcome, RenderResult
from pipeline.validate.runner import Validation, validate

ProgressFn = Callable[[PackResult], None]

_TEMPLATES = TemplateCache()  # per process: each template compiled once
_PROGRESS_QUEUE: Any = None
_CONTENT: dict[Path, bytes] = {}  # documents written by this process, so finalize need not read them back


@dataclass
class RenderReport:
    results: list[PackResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # not tied to one case (e.g. no LibreOffice)

    def result(self, out: Path) -> RenderResult:
        return RenderResult(packs=tuple(PackOutcome(r.case_id, r.status, tuple(r.findings), str(r.case_file))
                                        for r in self.results), general=tuple(self.findings), out=str(out))


def _internal(exc: BaseException, options: RenderOptions) -> Message:
    """An internal error as a finding's message: what it is, and its traceback only with --debug."""
    detail = f"{exc!r}\n{traceback.format_exc()}" if options.debug else repr(exc)
    return msg("render.internal", detail=detail)


def _finding(rule: str, message: Message, *, file: Path | str | None = None, pointer: str | None = None,
             paragraph: int | None = None, text: str | None = None) -> Finding:
    return Finding(check="render", rule=rule, severity=Severity.ERROR, message=message,
                   location=Location(file=str(file) if file else None, pointer=pointer, paragraph=paragraph),
                   text=text)


def _case_pointer(field_path: str | None) -> str | None:
    """case.mentors[0].phone → /mentors/0/phone (a place in the case file)."""
    if not field_path or not field_path.startswith("case."):
        return None
    return "/" + field_path[5:].replace("[", ".").replace("]", "").replace(".", "/")


def _case_files(paths: Iterable[Path]) -> list[Path]:
    return [p for p in discover(paths) if kind_from_path(p)[0] in ("case", None)]


def _invalid(case_file: Path, case_id: str, errors: list[Finding]) -> PackResult:
    summary = _finding("invalid-case", msg("render.invalid", count=len(errors) or 1), file=case_file)
    return PackResult(case_id, case_file, "failed", findings=[summary, *errors])


def render_cases(paths: Iterable[Path], options: RenderOptions, *, progress: ProgressFn | None = None,
                 on_total: Callable[[int], None] | None = None) -> RenderReport:
    """Render the packs of every case under ``paths`` into ``options.out``.

    ``on_total`` hears how many case files there are, ``progress`` each case as it is done (rendered, skipped
    or failed), in the order they finish.
    """
    report = RenderReport()
    options.out.mkdir(parents=True, exist_ok=True)
    remove_stale(options.out)
    hashes = HashCache()

    def done(result: PackResult) -> None:
        report.results.append(result)
        if progress is not None:
            progress(result)

    todo: list[Path] = []
    case_files = _case_files(paths)
    if on_total is not None:
        on_total(len(case_files))
    for case_file in case_files:
        if not options.force and up_to_date(case_file, options, hashes):
            done(PackResult(case_file.stem, case_file, "skipped", target=hashes.out_root(options.out) / case_file.stem))
        else:
            todo.append(case_file)
    if not todo:
        return report

    project = load_project(todo)
    validation = validate(project)
    loaded = {source.path: source for source in project.cases}
    items: list[Case] = []
    seen: dict[str, Path] = {}
    for case_file in todo:
        key = case_file.resolve()
        source = loaded.get(key)
        cross = validation.cross_errors(key)
        if source is None or cross:
            done(_invalid(key, case_file.stem, cross))
            continue
        case = project.resolve_case(source)
        if case.id in seen:
            done(PackResult(case.id, key, "failed", findings=[
                _finding("duplicate-id", msg("render.duplicate-id", id=case.id, other=seen[case.id]), file=key)]))
            continue
        seen[case.id] = key
        items.append(case)

    if not items:
        return report
    jobs = max(1, min(options.jobs, len(items)))
    if jobs == 1:
        for result in render_chunk(items, options, 0, validation):
            done(result)
    else:
        _render_parallel(items, options, jobs, validation, done)
    return report


def plan_or_fail(case: Case, options: RenderOptions, hashes: HashCache,
                 validation: Validation) -> PackPlan | PackResult:
    """Validate ``case`` and decide its pack; a PackResult (failed) when it cannot be rendered."""
    key = case.source.path
    errors = validation.case_errors(case)
    if errors:
        return _invalid(key, key.stem, errors)  # the file name: an invalid id may be anything
    try:
        return plan_pack(case, options, hashes)
    except UnsafeCaseId:
        return PackResult(key.stem, key, "failed", findings=[
            _finding("unsafe-id", msg("render.unsafe-id", id=case.id), file=key, pointer="/id",
                     text=str(case.id))])
    except TemplateMissing as exc:
        return PackResult(case.id, key, "failed", findings=[
            _finding("template-missing", msg("render.template-missing", document=exc.document,
                                           lang=exc.lang, tried=", ".join(str(p) for p in exc.tried)), file=key)])


def _render_parallel(items: list[Case], options: RenderOptions, jobs: int, validation: Validation,
                     done: Callable[[PackResult], None]) -> None:
    """One chunk per worker when making PDFs (one LibreOffice per worker for the whole batch); smaller chunks
    otherwise, for a smoother progress bar. Workers send each finished pack through a queue."""
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    results = context.Queue()
    if options.pdf:
        chunks = [items[i::jobs] for i in range(jobs)]
    else:
        size = max(1, min(50, len(items) // (jobs * 4) or 1))
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
    received: set[str] = set()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(results,)) as pool:
        futures = [pool.submit(render_chunk, chunk, options, index % jobs, validation, True)
                   for index, chunk in enumerate(chunks)]
        pending = set(futures)
        while pending:
            try:
                result = results.get(timeout=0.2)
            except queue.Empty:
                pending = {f for f in pending if not f.done()}
                continue
            received.add(str(result.case_file))
            done(result)
        while True:  # drain what arrived after the last future finished
            try:
                result = results.get(timeout=0.05)
            except queue.Empty:
                break
            received.add(str(result.case_file))
            done(result)
        for future, chunk in zip(futures, chunks, strict=True):
            error = future.exception()
            if error is not None:  # a worker died: its unfinished cases fail, the others are kept
                for case in chunk:
                    if str(case.source.path) not in received:
                        done(PackResult(case.id, case.source.path, "failed", findings=[
                            _finding("internal", _internal(error, options),
                                     file=case.source.path)]))


def _init_worker(queue: Any) -> None:
    global _PROGRESS_QUEUE
    _PROGRESS_QUEUE = queue


def render_chunk(cases: list[Case], options: RenderOptions, slot: int, validation: Validation,
                 via_queue: bool = False) -> list[PackResult]:
    """Validate and render ``cases`` in this process: DOCX for each, then (with --pdf) one LibreOffice call for
    all of them."""
    results: list[PackResult] = []
    hashes = HashCache()

    def emit(result: PackResult) -> None:
        if via_queue and _PROGRESS_QUEUE is not None:
            _PROGRESS_QUEUE.put(result)
        else:
            results.append(result)

    today = options.today or dt.date.today()
    staged: list[tuple[PackPlan, Path, list[Path]]] = []
    for case in cases:
        try:
            planned = plan_or_fail(case, options, hashes, validation)
        except Exception as exc:  # noqa: BLE001 - one broken case must not stop the batch
            planned = PackResult(case.id, case.source.path, "failed", findings=[
                _finding("internal", _internal(exc, options), file=case.source.path)])
        if isinstance(planned, PackResult):
            emit(planned)
            continue
        plan = planned
        work = new_workdir(options.out, plan.case_id)
        try:
            files = render_documents(plan, work, today)
        except _CaseFailed as exc:
            _discard(work)
            emit(PackResult(plan.case_id, plan.case.source.path, "failed", findings=exc.findings))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken case must not stop the batch
            _discard(work)
            emit(PackResult(plan.case_id, plan.case.source.path, "failed", findings=[
                _finding("internal", _internal(exc, options), file=plan.case.source.path)]))
            continue
        if not options.pdf:
            emit(_finish(plan, work, files))
        else:
            staged.append((plan, work, files))
    if staged:
        from pipeline.convert.libreoffice import ConversionFailed, Converter, ConverterUnavailable

        all_docx = [f for _, _, files in staged for f in files]
        try:
            with Converter(slot) as converter:
                batch = converter.convert(all_docx)
        except (ConverterUnavailable, ConversionFailed, OSError) as exc:
            for plan, work, _ in staged:
                _discard(work)
                emit(PackResult(plan.case_id, plan.case.source.path, "failed", findings=[
                    _finding("pdf-failed", msg("render.no-converter", detail=getattr(exc, "text", str(exc))),
                             file=plan.case.source.path)]))
            return results
        for plan, work, files in staged:
            missing = [f for f in files if f not in batch.pdfs]
            if missing:
                _discard(work)
                emit(PackResult(plan.case_id, plan.case.source.path, "failed", findings=[
                    _finding("pdf-failed", msg("render.pdf-failed", document=f.stem,
                                             detail=batch.failed.get(f, "?")), file=plan.case.source.path)
                    for f in missing]))
                continue
            emit(_finish(plan, work, [*files, *(batch.pdfs[f] for f in files)]))
    return results


class _CaseFailed(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__(str(findings[0].message) if findings else "")
        self.findings = findings


def _discard(work: Path) -> None:
    import shutil

    for path in [p for p in _CONTENT if p.parent == work]:
        del _CONTENT[path]
    shutil.rmtree(work, ignore_errors=True)


def _finish(plan: PackPlan, work: Path, files: list[Path]) -> PackResult:
    outputs = finalize(plan, work, files, {f: _CONTENT.pop(f) for f in files if f in _CONTENT})
    return PackResult(plan.case_id, plan.case.source.path, "rendered", target=plan.target, outputs=outputs)


def render_documents(plan: PackPlan, work: Path, today: dt.date) -> list[Path]:
    """Every document of the pack as .docx in ``work``; all problems of the case at once (raises _CaseFailed)."""
    case_file = plan.case.source.path
    needs_letter = any(ref.document == "mentorbrief" for ref in plan.templates)
    try:
        context = build_context(plan.case, plan.lang, today=today, need_letter=needs_letter)
    except ContextError as exc:
        raise _CaseFailed([_finding("context", msg("render.context", field=exc.field, reason=exc.reason),
                                    file=case_file, pointer=_case_pointer(exc.field), text=exc.field)]) from exc
    files: list[Path] = []
    problems: list[Finding] = []
    for ref in plan.templates:
        try:
            data = _TEMPLATES.get(ref.path).render(context)
        except RenderError as exc:
            problems.append(render_problem_finding(exc, ref.document, ref.path, case_file))
            continue
        target = work / f"{ref.document}.docx"
        target.write_bytes(data)
        files.append(target)
        _CONTENT[target] = data
    if problems:
        raise _CaseFailed(problems)
    return files


PROBLEMS = {"missing-field": msg("render.missing-field"), "empty-field": msg("render.empty-field"),
            "template-error": msg("render.template-error"), "invalid-xml": msg("render.invalid-xml"),
            "tag-survived": msg("render.tag-survived")}


def render_problem_finding(exc: RenderError, document: str, template: Path, case_file: Path) -> Finding:
    problem = exc.problem
    where: Text
    if problem.paragraph is not None and problem.part == "word/document.xml":
        where = msg("render.where.paragraph", n=problem.paragraph)
    elif problem.paragraph is not None:
        where = joined((msg("render.where.part", part=problem.part), msg("render.where.paragraph", n=problem.paragraph)))
    else:
        where = msg("render.where.part", part=problem.part)
    message = PROBLEMS[problem.kind].with_values(
        document=document, template=_short(template), where=where, field=problem.field or "?",
        detail=problem.detail if problem.kind != "tag-survived" else problem.snippet)
    pointer = _case_pointer(problem.field)
    return Finding(check="render", rule=problem.kind, severity=Severity.ERROR, message=message,
                   location=Location(file=str(case_file), pointer=pointer, paragraph=problem.paragraph),
                   text=problem.snippet or problem.field)


def _short(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
