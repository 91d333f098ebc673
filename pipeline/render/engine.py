"""docxtpl templates compiled once per process and rendered strictly: escaped values, no missing or empty field.

docxtpl re-reads the .docx, re-patches its XML and re-compiles the Jinja template on every ``render`` (most of its
time). ``CompiledTemplate`` does docxtpl's XML preparation (its own ``patch_xml``) and the Jinja compilation once,
keeps every zip entry of the template in memory, and per document only renders the compiled parts, applies
docxtpl's own post-processing (line breaks, tables, drawing ids) and writes the zip. The document text is the same
as docxtpl's (checked by the bench and a test).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template
from jinja2.exceptions import TemplateError, UndefinedError
from lxml import etree

from pipeline.render.context import NullValue

DOCUMENT_PART = "word/document.xml"
_HEADER_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")
_TAG_RE = re.compile(r"<[^>]+>")
_SURVIVOR = re.compile(r"\{\{|\{%")
_XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class MissingFieldError(UndefinedError):
    """A template used a value the context does not have; ``field`` is its full path (``case.mentors[0].phone``)."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


class EmptyFieldError(TemplateError):
    """A template printed a value that is empty (None or blank text): the document would have a hole."""

    def __init__(self, field: str | None = None):
        super().__init__(field or "")
        self.field = field


class MissingField(StrictUndefined):
    """StrictUndefined that names the whole path of the missing value."""

    def _path(self) -> str:
        obj = self._undefined_obj
        base = getattr(obj, "_path", None)
        name = self._undefined_name
        if base is None:
            return str(name) if name is not None else (self._undefined_hint or "?")
        return f"{base}[{name}]" if isinstance(name, int) else f"{base}.{name}"

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        raise MissingFieldError(self._path())

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __hash__ = _fail_with_undefined_error
    __contains__ = __int__ = __float__ = __complex__ = __pow__ = __rpow__ = _fail_with_undefined_error
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __div__ = _fail_with_undefined_error
    __rdiv__ = __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _fail_with_undefined_error
    __mod__ = __rmod__ = __pos__ = __neg__ = __call__ = __getitem__ = _fail_with_undefined_error
    __lt__ = __le__ = __gt__ = __ge__ = _fail_with_undefined_error


def _refuse_empty(value: Any) -> Any:
    if isinstance(value, StrictUndefined):
        return value
    if isinstance(value, NullValue):
        raise EmptyFieldError(value._path)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise EmptyFieldError()
    return value


def make_environment() -> Environment:
    """The one Jinja environment for documents: autoescape (XML), strict undefined, no empty output."""
    env = Environment(autoescape=True, undefined=MissingField, finalize=_refuse_empty)
    return env


@dataclass(frozen=True)
class RenderProblem:
    """Where a render failed: the template part and paragraph, its text, and the field involved."""

    kind: str  # missing-field | empty-field | template-error | invalid-xml | tag-survived
    part: str
    paragraph: int | None
    snippet: str
    field: str | None
    detail: str


class RenderError(Exception):
    def __init__(self, problem: RenderProblem):
        super().__init__(problem.detail)
        self.problem = problem


def _paragraph_of_line(source: str, lineno: int | None) -> tuple[int | None, str]:
    """docxtpl puts every <w:p on its own line: line N of the compiled source is (within) a paragraph."""
    if lineno is None:
        return None, ""
    lines = source.split("\n")
    if not 1 <= lineno <= len(lines):
        return None, ""
    paragraph = sum(1 for line in lines[:lineno] if line.startswith("<w:p"))
    snippet = " ".join(_TAG_RE.sub("", lines[lineno - 1]).split())
    return paragraph, snippet[:160]


def _template_lineno(tb: TracebackType | None) -> int | None:
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def _empty_field_name(snippet: str) -> str | None:
    match = re.search(r"\{\{\s*([^}|]+?)\s*(\||\}\})", snippet)
    return match.group(1) if match else None


@dataclass
class _Part:
    name: str
    source: str  # the patched XML handed to Jinja (kept for error locations)
    template: Template


class CompiledTemplate:
    """A .docx template prepared once; ``render(context)`` gives the bytes of a filled .docx."""

    def __init__(self, path: Path, env: Environment | None = None):
        self.path = Path(path)
        raw = self.path.read_bytes()
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.env = env or make_environment()
        self._docxtpl = DocxTemplate(io.BytesIO(raw))  # only for docxtpl's own XML preparation and fix-ups
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            self._entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
        self._parts: dict[str, _Part] = {}
        self._doc_root: Any = None
        self._body: Any = None
        for info, blob in self._entries:
            if info.filename == DOCUMENT_PART:
                root = etree.fromstring(blob)
                body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
                assert body is not None  # Word always writes a w:body
                raw_body = etree.tostring(body, encoding="unicode")
                # docxtpl's fix_tables only changes tables whose cells a {%tc %} loop, colspan or hm multiplies
                self._needs_table_fix = bool(re.search(r"\{%-?\s*(tc\s|colspan|hm|vm)", _TAG_RE.sub("", raw_body)))
                source = self._prepare(raw_body)
                self._doc_root, self._body = root, body
                self._parts[info.filename] = _Part(info.filename, source, self._compile(info.filename, source))
            elif _HEADER_FOOTER.match(info.filename):
                source = self._prepare(etree.tostring(etree.fromstring(blob), encoding="unicode"))
                self._parts[info.filename] = _Part(info.filename, source, self._compile(info.filename, source))
        if self._doc_root is None:
            raise ValueError(f"{self.path}: no {DOCUMENT_PART}")

    def _prepare(self, xml: str) -> str:
        xml = self._docxtpl.patch_xml(xml)
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)  # as docxtpl's render_xml_part: one paragraph per line

    def _compile(self, part: str, source: str) -> Template:
        try:
            return self.env.from_string(source)
        except TemplateError as exc:
            paragraph, snippet = _paragraph_of_line(source, getattr(exc, "lineno", None))
            raise RenderError(RenderProblem("template-error", part, paragraph, snippet, None, str(exc))) from exc

    def _render_part(self, part: _Part, context: dict[str, Any]) -> str:
        try:
            xml = part.template.render(context)
        except MissingFieldError as exc:
            paragraph, snippet = _paragraph_of_line(part.source, _template_lineno(exc.__traceback__))
            raise RenderError(RenderProblem("missing-field", part.name, paragraph, snippet, exc.field,
                                            str(exc))) from exc
        except EmptyFieldError as exc:
            paragraph, snippet = _paragraph_of_line(part.source, _template_lineno(exc.__traceback__))
            field = exc.field or _empty_field_name(snippet)
            raise RenderError(RenderProblem("empty-field", part.name, paragraph, snippet, field,
                                            "empty value")) from exc
        except (TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            paragraph, snippet = _paragraph_of_line(part.source, _template_lineno(exc.__traceback__))
            raise RenderError(RenderProblem("template-error", part.name, paragraph, snippet, None,
                                            f"{type(exc).__name__}: {exc}")) from exc
        # docxtpl's post-processing, unchanged (render_xml_part)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if "\n" in xml or "\t" in xml or "\a" in xml or "\f" in xml:  # resolve_listing only touches these
            xml = self._docxtpl.resolve_listing(xml)
        return xml

    def _parse(self, part: str, xml: str) -> Any:
        try:
            return etree.fromstring(xml.encode("utf-8"))  # strict: a corrupt part is an error, never "recovered"
        except etree.XMLSyntaxError as exc:
            raise RenderError(RenderProblem("invalid-xml", part, None, "", None, str(exc))) from exc

    def render(self, context: dict[str, Any]) -> bytes:
        """The filled document as .docx bytes (raises RenderError)."""
        rendered: dict[str, bytes] = {}
        for name, part in self._parts.items():
            xml = self._render_part(part, context)
            self._check_survivors(name, xml)
            if name == DOCUMENT_PART:
                tree = self._parse(name, xml)
                if self._needs_table_fix:
                    tree = self._docxtpl.fix_tables(xml)
                self._docxtpl.docx_ids_index = 1000
                self._docxtpl.fix_docpr_ids(tree)
                self._doc_root.replace(self._body, tree)
                self._body = tree
                rendered[name] = etree.tostring(self._doc_root, encoding="UTF-8", standalone=True)
            else:
                self._parse(name, xml)
                rendered[name] = _XML_DECL + xml.encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for info, blob in self._entries:
                archive.writestr(info, rendered.get(info.filename, blob), compresslevel=1)
        return out.getvalue()

    def _check_survivors(self, part: str, xml: str) -> None:
        match = _SURVIVOR.search(xml)
        if match:
            start = max(0, match.start() - 60)
            snippet = " ".join(_TAG_RE.sub("", xml[start:match.end() + 60]).split())
            raise RenderError(RenderProblem("tag-survived", part, None, snippet, None,
                                            match.group(0)))


class TemplateCache:
    """Compiled templates by path, shared by every render in this process (one compile per template)."""

    def __init__(self, factory: Callable[[Path], CompiledTemplate] = CompiledTemplate):
        self._factory = factory
        self._cache: dict[Path, CompiledTemplate] = {}  # keyed by the path as given (no resolve() per call)

    def get(self, path: Path) -> CompiledTemplate:
        compiled = self._cache.get(path)
        if compiled is None:
            compiled = self._cache[path] = self._factory(Path(path))
        return compiled

