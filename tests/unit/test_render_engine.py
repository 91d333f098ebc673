"""The compiled template engine: same text as docxtpl, strict about missing and empty values, escapes values."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from pipeline.load.project import Case, load_project
from pipeline.paths import TEMPLATES_DIR
from pipeline.render.context import build_context
from pipeline.render.engine import CompiledTemplate, RenderError, make_environment
from pipeline.render.templates import all_templates
from tests.helpers import INPUTS, docx_text

TODAY = dt.date(2025, 1, 15)


def make_template(path: Path, *paragraphs: str, cell: str | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cell is not None:
        document.add_table(rows=1, cols=1).cell(0, 0).text = cell
    document.save(path)
    return path


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    project = load_project([INPUTS])
    return {c.id: c for c in (project.resolve_case(s) for s in project.cases)}


def with_data(sample: Case, **changes: object) -> Case:
    data = json.loads(json.dumps(sample.data))
    for pointer, value in changes.items():
        node = data
        keys = pointer.split("__")
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[keys[-1]] = value
    return Case(source=sample.source, program=sample.program, institution=sample.institution, data=data)


TEMPLATES = all_templates(TEMPLATES_DIR)


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(p.relative_to(TEMPLATES_DIR)) for p in TEMPLATES])
def test_compiled_render_gives_the_same_text_as_docxtpl(template: Path, cases: dict[str, Case]) -> None:
    sample = cases["lo-emma-wouters"] if "stageplanning" in str(template) else cases["om-ruben-vermeulen"]
    context = build_context(sample, template.stem, today=TODAY)
    fast = CompiledTemplate(template).render(context)
    naive = DocxTemplate(template)
    naive.render(context, make_environment(), autoescape=True)
    buffer = io.BytesIO()
    naive.save(buffer)
    assert docx_text(fast) == docx_text(buffer.getvalue())


def test_missing_field_names_the_field_and_the_paragraph(tmp_path: Path, cases: dict[str, Case]) -> None:
    template = make_template(tmp_path / "t.docx", "Hallo {{ d.student_name }}", "Geboren {{ case.student.birth_date }}")
    context = build_context(cases["dgk-lien-de-wilde"], "nl", today=TODAY)
    assert "birth_date" not in context["case"]["student"]
    with pytest.raises(RenderError) as excinfo:
        CompiledTemplate(template).render(context)
    problem = excinfo.value.problem
    assert (problem.kind, problem.field, problem.paragraph) == ("missing-field", "case.student.birth_date", 2)
    assert "Geboren" in problem.snippet


def test_missing_field_inside_a_loop_names_the_item(tmp_path: Path, cases: dict[str, Case]) -> None:
    template = make_template(tmp_path / "t.docx", "{% for m in case.mentors %}{{ m.order_number }}{% endfor %}")
    context = build_context(cases["om-jana-peeters"], "nl", today=TODAY)
    with pytest.raises(RenderError) as excinfo:
        CompiledTemplate(template).render(context)
    assert excinfo.value.problem.field == "case.mentors[0].order_number"


def test_an_empty_optional_value_is_an_error_when_printed(tmp_path: Path, cases: dict[str, Case]) -> None:
    template = make_template(tmp_path / "t.docx", "Functie: {{ d.supervisor.phone }}")
    context = build_context(cases["om-jana-peeters"], "nl", today=TODAY)
    with pytest.raises(RenderError) as excinfo:
        CompiledTemplate(template).render(context)
    assert (excinfo.value.problem.kind, excinfo.value.problem.field) == ("empty-field", "d.supervisor.phone")


def test_values_with_xml_characters_quotes_and_line_breaks_render_correctly(tmp_path: Path,
                                                                           cases: dict[str, Case]) -> None:
    nasty = 'Janssens & Zonen <BV> "De Ster" \'t Hoekje'
    task = "meten < 5 mm & > 2 mm\ntweede regel"
    sample = with_data(cases["om-jana-peeters"], placement__name=nasty, tasks__0__description=task)
    template = make_template(tmp_path / "t.docx", "{{ case.placement.name }}",
                             "{% for t in d.tasks %}[{{ t.description }}]{% endfor %}", cell="{{ d.placement_name }}")
    data = CompiledTemplate(template).render(build_context(sample, "nl", today=TODAY))
    text = docx_text(data)
    assert nasty in text
    assert "[meten < 5 mm & > 2 mm\ntweede regel]" in text  # the line break is a real <w:br/>
    assert f"{nasty} NV" in text
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "&amp; Zonen &lt;BV&gt;" in xml and "<w:br/>" in xml


def test_every_real_template_renders_without_a_surviving_tag(cases: dict[str, Case]) -> None:
    for template in TEMPLATES:
        sample = cases["lo-ines-mertens"] if "stageplanning" in str(template) else cases["ims-kobe-lemmens"]
        data = CompiledTemplate(template).render(build_context(sample, template.stem, today=TODAY))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    blob = archive.read(name)
                    assert b"{{" not in blob and b"{%" not in blob, (template, name)


def test_a_template_syntax_error_is_reported_with_its_paragraph(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", "eerste", "{% if d.digital %}nooit gesloten")
    with pytest.raises(RenderError) as excinfo:
        CompiledTemplate(template)
    assert excinfo.value.problem.kind == "template-error"
