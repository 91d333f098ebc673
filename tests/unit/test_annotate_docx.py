"""Word comments on the exact words: the runs recorded by the DOCX reader, runs split at a finding's edges (their
look kept), comments on every kind of block the reader makes (paragraphs, headings, table cells, text in a
hyperlink), the student's text unchanged, and findings without words anchored on the report as a whole."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.annotate import annotate_report
from pipeline.annotate.docx_comments import run_text, split_run
from pipeline.findings import Finding, Location, Severity
from pipeline.messages import msg, verbatim
from pipeline.report.readers.docx import read_docx
from pipeline.results import ReportResult
from tests import report_files as rf
from tests.acceptance.test_web_browser import comment_anchors


def finding(document_path: str, block: int, offset: int | None, length: int | None, check: str = "anonymity",
            related: tuple[Location, ...] = ()) -> Finding:
    return Finding(check=check, rule="known-name", severity=Severity.ERROR, message=verbatim("naam"),
                   location=Location(file=document_path, paragraph=block, offset=offset, length=length),
                   hint=msg("anonymity.hint"), related=related)


def build(tmp_path: Path) -> Path:
    doc = rf.new_document()
    doc.add_heading("Inleiding", level=1)
    p = doc.add_paragraph("Mijn mentor ")
    p.add_run("Sarah De").bold = True
    p.add_run(" Smet hielp me bij Janssens & Zonen.")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Mentor"
    table.cell(0, 1).paragraphs[0].text = "Eerste regel"
    table.cell(0, 1).add_paragraph("bij Sarah thuis")
    link = parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>www.janssens.be</w:t></w:r></w:hyperlink>')
    q = doc.add_paragraph("Zie ")
    q._p.append(link)
    path = tmp_path / "verslag.docx"
    doc.save(str(path))
    return path


def result_for(path: Path, findings: list[Finding]) -> ReportResult:
    document = read_docx(path)
    return ReportResult(document=document, program=None, findings=findings, checks=["anonymity"])


def test_split_run_keeps_the_text_and_the_look_on_both_sides() -> None:
    run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:b/></w:rPr><w:t>Sarah</w:t><w:tab/><w:t>De Smet</w:t></w:r>')
    holder = parse_xml(f'<w:p {nsdecls("w")}/>')
    holder.append(run)
    right = split_run(run, 8)
    assert (run_text(run), run_text(right)) == ("Sarah\tDe", " Smet")
    assert right.find(qn("w:rPr")).find(qn("w:b")) is not None
    assert right.find(qn("w:t")).get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_each_comment_sits_on_its_words_across_runs_in_tables_and_links(tmp_path: Path) -> None:
    path = build(tmp_path)
    document = read_docx(path)
    index = {b.text: b.index for b in document.blocks}
    body = "Mijn mentor Sarah De Smet hielp me bij Janssens & Zonen."
    cell = "Eerste regel\nbij Sarah thuis"
    findings = [finding(str(path), index[body], 12, 13), finding(str(path), index[body], 39, 16),
                finding(str(path), index[cell], 17, 5), finding(str(path), index["Zie www.janssens.be"], 4, 15),
                finding(str(path), index["Inleiding"], None, None, check="sections")]
    out = tmp_path / "annotated.docx"
    summary = annotate_report(result_for(path, findings), path, out, "nl")
    assert (summary.anchored, summary.unanchored) == (5, 0)
    anchors = comment_anchors(out)
    assert [words for _, _, words in anchors] == ["Inleiding", "Sarah De Smet", "Janssens & Zonen", "Sarah",
                                                  "www.janssens.be"]
    assert {author for author, _, _ in anchors} == {"stagepipe"}
    assert all(text.startswith("Fout (") for _, text, _ in anchors)
    before, after = docx.Document(str(path)), docx.Document(str(out))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    bold = [r.text for p in after.paragraphs for r in p.runs if r.bold]
    assert bold == ["Sarah De"]  # the bold run stays bold, and only it


def test_a_repeated_finding_gets_a_comment_at_each_place_and_one_without_words_goes_on_the_report(
        tmp_path: Path) -> None:
    path = build(tmp_path)
    document = read_docx(path)
    body = next(b for b in document.blocks if b.text.startswith("Mijn mentor"))
    cell = next(b for b in document.blocks if b.text.startswith("Eerste regel"))
    again = Location(file=str(path), paragraph=cell.index, offset=17, length=5)
    findings = [finding(str(path), body.index, 12, 5, related=(again,)),
                Finding(check="length", rule="pages-min", severity=Severity.ERROR, message=verbatim("te kort"),
                        location=Location(file=str(path)))]
    out = tmp_path / "annotated.docx"
    summary = annotate_report(result_for(path, findings), path, out, "en")
    assert (summary.anchored, summary.unanchored) == (2, 1)
    anchors = comment_anchors(out)
    assert [words for _, _, words in anchors].count("Sarah") == 2
    assert any(text.startswith("[the whole report] Error (Length): te kort") for _, text, _ in anchors)
