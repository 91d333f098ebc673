"""The students' web page and the JSON API (`stagepipe serve`): upload a report, read the result, download it annotated.

Routes: ``GET /`` (the form), ``POST /check`` (the result page), ``POST /api/check`` (the check's JSON, as
`stagepipe check --format json`), ``GET /download/{token}`` (single-use, 10 minutes), ``GET /healthz``,
``GET /openapi.json`` and ``GET /static/...``. Every upload gets a private folder that is removed when the answer
is sent; the checks run in the worker pool (pipeline.web.pool). The page works without JavaScript; its one script
(same origin) only shows that the check is running.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import shutil
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.messages import DEFAULT_LANG, LANGS, Translator, msg
from pipeline.messages import Message as Text
from pipeline.report.setup import GivenNames
from pipeline.web.limits import Downloads, RateLimiter
from pipeline.web.pool import CheckFailed, CheckJob, CheckOutcome, CheckPool
from pipeline.web.uploads import BadUpload, Upload, UploadTooLarge, read_upload

log = logging.getLogger("stagepipe.web")

MB = 1024**2
MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".pdf": "application/pdf", ".json": "application/json"}
STATIC = {"style.css": ("pipeline.output", "templates/style.css", "text/css; charset=utf-8"),
          "web.css": ("pipeline.web", "static/web.css", "text/css; charset=utf-8"),
          "web.js": ("pipeline.web", "static/web.js", "text/javascript; charset=utf-8")}
CSP = {"default-src": "'none'", "style-src": "'self'", "script-src": "'self'", "img-src": "'self'",
       "form-action": "'self'", "base-uri": "'none'", "frame-ancestors": "'none'"}
SECURITY_HEADERS = [
    (b"content-security-policy", "; ".join(f"{k} {v}" for k, v in CSP.items()).encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_SPLIT_NAMES = re.compile(r"[\n;,]+")


@dataclass
class ServeSettings:
    """What `stagepipe serve` was told (and what the tests and the bench set)."""

    workers: int = 2
    queue: int = 16  # checks that may wait for a worker; past that: 503 with Retry-After
    check_seconds: float = 90.0  # a check is cancelled (its worker killed) past this
    upload_seconds: float = 60.0  # reading one upload
    max_upload_mb: float = 20.0
    rate_per_minute: float = 12.0  # checks per client per minute (0: no limit)
    rate_burst: int | None = None
    inputs: Path | None = None  # institutions/ and programs/ (default: the sample inputs)
    cases: Path | None = None  # case files: a student number finds the student's case
    server: str | None = None  # LanguageTool URL the workers use
    warm: bool = True  # workers load deduce's model before their first check


@dataclass(frozen=True)
class ProgramChoice:
    id: str
    name: str


@dataclass
class State:
    settings: ServeSettings
    pool: CheckPool
    downloads: Downloads = field(default_factory=Downloads)
    rate: RateLimiter = field(default_factory=lambda: RateLimiter(0))
    programs: list[ProgramChoice] = field(default_factory=list)
    students: dict[str, Path] = field(default_factory=dict)  # student number → case file
    started: float = field(default_factory=time.monotonic)


def load_programs(inputs: Path) -> list[ProgramChoice]:
    from pipeline.load.project import load_project

    folders = [p for p in (inputs / "programs", inputs / "institutions") if p.is_dir()]
    project = load_project(folders)
    choices = []
    for program_id, source in project.programs.items():
        name = source.data.get("name") if isinstance(source.data.get("name"), str) else program_id
        choices.append(ProgramChoice(program_id, str(name)))
    return sorted(choices, key=lambda p: p.name.casefold())


def index_students(cases: Path) -> dict[str, Path]:
    """Student number → case file, for every case file under ``cases`` (read once at the start)."""
    from pipeline.load.yaml_source import YamlLoadError, load_yaml

    out: dict[str, Path] = {}
    for path in sorted(cases.rglob("*.y*ml")):
        try:
            data = load_yaml(path).data
        except (YamlLoadError, OSError):
            continue
        student = data.get("student")
        number = student.get("id") if isinstance(student, dict) else None
        if isinstance(number, (str, int)) and str(number).strip():
            out[str(number).strip()] = path
    return out


# --- pages ------------------------------------------------------------------------------------------------------

@functools.cache
def environment(lang: str) -> jinja2.Environment:
    """The page templates (pipeline/web/templates) beside the report's (pipeline/output/templates), translated."""
    loader = jinja2.ChoiceLoader([jinja2.PackageLoader("pipeline.web", "templates"),
                                  jinja2.PackageLoader("pipeline.output", "templates")])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    tr = Translator(lang)
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=tr.id, ngettext=lambda one, many, n, **values: tr.id(one if n == 1 else many, n=n, **values),
        newstyle=False)
    return env


def page_lang(request: Request) -> str:
    lang = request.query_params.get("lang", "")
    return lang if lang in LANGS else DEFAULT_LANG


def render_page(state: State, lang: str, *, status: int = 200, message: Text | None = None, kind: str = "error",
                result_html: str | None = None, title: str | None = None, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Response:
    tr = Translator(lang)
    context = {
        "lang": lang,
        "other_lang": "en" if lang == "nl" else "nl",
        "programs": state.programs,
        "cases": bool(state.students) or state.settings.cases is not None,
        "max_mb": f"{state.settings.max_upload_mb:g}",
        "message": tr(message) if message is not None else None,
        "kind": kind,
        "result_html": Markup(result_html) if result_html is not None else None,  # noqa: S704 - our own template
        "title": title,
        "form": form or {},
    }
    html = environment(lang).get_template("page.html.j2").render(**context)
    return Response(html, status_code=status, media_type="text/html; charset=utf-8", headers=headers)


def _downloads_html(lang: str, links: list[dict[str, str]], notes: list[str]) -> str:
    return environment(lang).get_template("downloads.html.j2").render(lang=lang, links=links, notes=notes)


# --- the check ----------------------------------------------------------------------------------------------------

class Refusal(Exception):
    """An answer other than a result: its status, message, kind ("error", "busy") and headers."""

    def __init__(self, status: int, message: Text, kind: str = "error", headers: dict[str, str] | None = None,
                 code: str = "error") -> None:
        super().__init__(message.id)
        self.status = status
        self.message = message
        self.kind = kind
        self.headers = headers or {}
        self.code = code
        self.form: dict[str, str] = {}  # what the student chose, to show the form as it was


def client_of(request: Request) -> str:
    return request.client.host if request.client else "-"


def _names(fields: dict[str, str]) -> GivenNames | None:
    def split(key: str) -> tuple[str, ...]:
        return tuple(n.strip() for n in _SPLIT_NAMES.split(fields.get(key, ""))[:50] if len(n.strip()) >= 2)

    names = GivenNames(mentors=split("mentors"), placements=split("placements"), people=split("people"))
    return names if names else None


def _renamed(outcome: CheckOutcome, shown: str) -> CheckOutcome:
    """The result with the student's file name wherever the private folder's path stood."""
    from pipeline.results import ReportResult

    result = outcome.result
    if result is None:
        return outcome
    path = result.document.path

    def fix(location: Any) -> Any:
        return replace(location, file=shown) if location.file == path else location

    findings = [replace(f, location=fix(f.location), related=tuple(fix(r) for r in f.related)) for f in result.findings]
    document = replace(result.document, path=shown)
    renamed = ReportResult(document=document, program=result.program, findings=findings, checks=result.checks,
                           summaries=result.summaries)
    return replace(outcome, result=renamed)


async def run_check(state: State, request: Request, *, require_program: bool, annotate: bool) -> tuple[
        CheckOutcome, Upload, str]:
    """Rate limit, a place in the queue, the upload into a private folder, the check; raises Refusal. The folder
    is gone when this returns."""
    settings = state.settings
    wait = state.rate.take(client_of(request))
    if wait > 0:
        seconds = str(max(1, round(wait)))
        raise Refusal(429, msg("web.rate-limited", seconds=seconds), "busy", {"Retry-After": seconds}, "rate-limited")
    if not state.pool.reserve():
        seconds = str(state.pool.retry_after())
        raise Refusal(503, msg("web.busy", seconds=seconds), "busy", {"Retry-After": seconds}, "busy")
    folder = Path(tempfile.mkdtemp(prefix="stagepipe-upload-"))  # mode 0700: this process's user only
    try:
        try:
            async with asyncio.timeout(settings.upload_seconds):
                upload = await read_upload(request.headers.get("content-type"), request.headers.get("content-length"),
                                           request.stream(), folder, int(settings.max_upload_mb * MB))
        except UploadTooLarge as exc:
            raise Refusal(413, msg("web.too-large", limit_mb=f"{exc.limit / MB:g}"), code="too-large") from exc
        except (BadUpload, TimeoutError) as exc:
            raise Refusal(400, msg("web.bad-form"), code="bad-form") from exc
        if upload.file is None or upload.size == 0:
            raise Refusal(400, msg("web.no-file"), code="no-file")
        lang = upload.fields.get("lang", "")
        lang = lang if lang in LANGS else page_lang(request)
        try:
            return await _checked(state, upload, folder, lang, require_program, annotate)
        except Refusal as refusal:
            refusal.form = {"program": upload.fields.get("program", "")}
            raise
    finally:
        state.pool.release()
        await asyncio.to_thread(shutil.rmtree, folder, True)


async def _checked(state: State, upload: Upload, folder: Path, lang: str, require_program: bool,
                   annotate: bool) -> tuple[CheckOutcome, Upload, str]:
    """The check of an upload that arrived whole: the student's choices, the worker, the result renamed."""
    settings = state.settings
    assert upload.file is not None
    program = upload.fields.get("program", "").strip() or None
    if program is not None and program not in {p.id for p in state.programs}:
        raise Refusal(400, msg("web.unknown-program"), code="unknown-program")
    case = None
    number = upload.fields.get("student", "").strip()
    if number:
        case = state.students.get(number)
        if case is None:
            raise Refusal(400, msg("web.unknown-student"), code="unknown-student")
        program = None  # the case names its program
    elif require_program and program is None:
        raise Refusal(400, msg("web.choose-program"), code="no-program")
    job = CheckJob(report=upload.file, folder=folder, lang=lang, program=program, case=case,
                   names=_names(upload.fields) if case is None else None, inputs=settings.inputs,
                   server=settings.server, annotate=annotate)
    try:
        outcome = await state.pool.run(job)
    except CheckFailed as exc:
        log.warning("check %s after %.0f s", exc.kind, settings.check_seconds if exc.kind == "timeout" else 0)
        if exc.kind == "timeout":
            raise Refusal(504, msg("web.timeout", seconds=f"{settings.check_seconds:g}"), code="timeout") from exc
        raise Refusal(500, msg("web.crashed"), code="crashed") from exc
    if outcome.refused is not None:
        raise Refusal(outcome.status, msg("web.refused", reason=outcome.refused), code="refused")
    outcome = _renamed(outcome, upload.filename or "report")
    if outcome.annotated is not None:
        outcome.annotated_bytes = await asyncio.to_thread(outcome.annotated.read_bytes)
    return outcome, upload, lang


def _annotated_name(shown: str, suffix: str) -> str:
    stem = Path(shown).stem or "report"
    return f"{stem}-stagepipe{suffix}"


def _json_text(outcome: CheckOutcome, lang: str) -> str:
    from pipeline.output import FormatOptions, format_result

    assert outcome.result is not None
    return format_result(outcome.result, "json", FormatOptions(lang=lang))


def _download_token(state: State, outcome: CheckOutcome, shown: str) -> str | None:
    data = outcome.annotated_bytes
    if data is None or outcome.annotated is None:
        return None
    suffix = outcome.annotated.suffix
    return state.downloads.put(data, _annotated_name(shown, suffix), MEDIA.get(suffix, "application/octet-stream"))


def _result_page(state: State, outcome: CheckOutcome, upload: Upload, lang: str) -> str:
    from pipeline.output import FormatOptions
    from pipeline.output.report_html import render_fragment

    assert outcome.result is not None
    tr = Translator(lang)
    shown = upload.filename or "report"
    links = []
    token = _download_token(state, outcome, shown)
    if token is not None and outcome.annotated is not None:
        label = msg("web.download.docx") if outcome.annotated.suffix == ".docx" else msg("web.download.pdf")
        links.append({"href": f"/download/{token}?lang={lang}", "label": tr(label), "kind": "annotated"})
    json_token = state.downloads.put(_json_text(outcome, lang).encode("utf-8"), f"{Path(shown).stem}-stagepipe.json",
                                     MEDIA[".json"])
    links.append({"href": f"/download/{json_token}?lang={lang}", "label": tr(msg("web.download.json")),
                  "kind": "json"})
    notes = [tr(n) for n in outcome.notes]
    after = Markup(_downloads_html(lang, links, notes))  # noqa: S704 - our own template, autoescaped
    names = {p.id: p.name for p in state.programs}
    program = names.get(outcome.result.program or "", outcome.result.program)  # the name a student knows
    return render_fragment(outcome.result, FormatOptions(lang=lang), after_verdict=after, program=program)


# --- routes -------------------------------------------------------------------------------------------------------

def _state(request: Request) -> State:
    state: State = request.app.state.stagepipe
    return state


async def home(request: Request) -> Response:
    return render_page(_state(request), page_lang(request))


async def check_page(request: Request) -> Response:
    state = _state(request)
    lang = page_lang(request)
    try:
        outcome, upload, lang = await run_check(state, request, require_program=True, annotate=True)
    except Refusal as refusal:
        return render_page(state, lang, status=refusal.status, message=refusal.message, kind=refusal.kind,
                           headers=refusal.headers, form=refusal.form)
    html = await asyncio.to_thread(_result_page, state, outcome, upload, lang)
    title = Translator(lang)(msg("html.title", report=upload.filename or "report"))
    return render_page(state, lang, result_html=html, title=title)


async def check_api(request: Request) -> Response:
    state = _state(request)
    lang = page_lang(request)
    annotate = request.query_params.get("annotate", "") in ("1", "true", "yes")
    try:
        outcome, upload, lang = await run_check(state, request, require_program=False, annotate=annotate)
    except Refusal as refusal:
        body = {"error": {"code": refusal.code, "message": Translator(lang)(refusal.message)}}
        return JSONResponse(body, status_code=refusal.status, headers=refusal.headers)
    text = await asyncio.to_thread(_json_text, outcome, lang)
    headers = {}
    token = _download_token(state, outcome, upload.filename or "report")
    if token is not None:
        headers["Link"] = f'</download/{token}>; rel="annotated"'
    return Response(text, media_type="application/json", headers=headers)


async def download(request: Request) -> Response:
    state = _state(request)
    item = state.downloads.take(request.path_params["token"])
    if item is None:
        return render_page(state, page_lang(request), status=404, message=msg("web.download.gone"))
    name = item.filename.encode("ascii", "replace").decode().replace('"', "'")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(item.data, media_type=item.media_type, headers=headers)


async def healthz(request: Request) -> Response:
    from pipeline.convert.libreoffice import ConverterUnavailable, find_soffice
    from pipeline.language.server import answers

    state = _state(request)
    url = state.settings.server
    lt = bool(url) and await asyncio.to_thread(answers, url or "", 3.0)
    try:
        find_soffice()
        lo = True
    except ConverterUnavailable:
        lo = False
    pool = state.pool.health()
    ready = lt and lo and pool["alive"] > 0
    body = {"status": "ok" if ready else "degraded", "languagetool": {"ready": lt}, "libreoffice": {"ready": lo},
            "checks": pool, "downloads": len(state.downloads)}
    return JSONResponse(body, status_code=200 if ready else 503)


async def openapi(request: Request) -> Response:
    from pipeline.web.openapi import document

    return JSONResponse(document())


@functools.cache
def _static(name: str) -> bytes:
    package, path, _ = STATIC[name]
    return resources.files(package).joinpath(path).read_bytes()


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:
        return Response(status_code=404)
    return Response(_static(name), media_type=STATIC[name][2], headers={"Cache-Control": "public, max-age=3600"})


# --- middleware ---------------------------------------------------------------------------------------------------

class Guard:
    """Security headers on every answer, no caching of pages, a log line without names or tokens, and a clear 500
    instead of a dead connection when something unexpected happens."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = {"code": 0}
        path = str(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                headers += SECURITY_HEADERS
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # noqa: BLE001 - the server never dies on a request
            log.exception("unexpected error on %s", _route(path))
            if status["code"] == 0:
                body = b'{"error": {"code": "internal"}}'
                await send_with_headers({"type": "http.response.start", "status": 500,
                                         "headers": [(b"content-type", b"application/json")]})
                await send_with_headers({"type": "http.response.body", "body": body})
        finally:
            log.info("%s %s %s %.2fs", scope.get("method"), _route(path), status["code"], time.monotonic() - started)


def _route(path: str) -> str:
    """The path without a download token (a log never holds a working link)."""
    return "/download/…" if path.startswith("/download/") else path


# --- the app ------------------------------------------------------------------------------------------------------

def create_app(settings: ServeSettings) -> Starlette:
    from pipeline.paths import INPUTS_DIR

    inputs = settings.inputs or INPUTS_DIR
    state = State(settings=settings, pool=CheckPool(settings.workers, settings.queue, settings.check_seconds,
                                                    warm=settings.warm),
                  rate=RateLimiter(settings.rate_per_minute, settings.rate_burst),
                  programs=load_programs(inputs),
                  students=index_students(settings.cases) if settings.cases else {})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await state.pool.start()
        try:
            yield
        finally:
            state.pool.stop()

    routes = [Route("/", home, methods=["GET"]), Route("/check", check_page, methods=["POST"]),
              Route("/api/check", check_api, methods=["POST"]), Route("/download/{token}", download, methods=["GET"]),
              Route("/healthz", healthz, methods=["GET"]), Route("/openapi.json", openapi, methods=["GET"]),
              Route("/static/{name}", static, methods=["GET"])]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.stagepipe = state
    app.add_middleware(Guard)
    return app

