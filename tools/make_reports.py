"""Generate the sample internship reports in inputs/reports/ (DOCX, PDF, Markdown) and their manifest reports.json.

The words are hand-written Dutch in tools/report_text/ (markup: tools/report_markup.py); this script picks the case
file, the lay-out and what to leave out. Everything is deterministic: fixed dates in the documents and the zips, no
randomness. `python tools/make_reports.py` (or `make reports`) regenerates all of it; `--no-pdf` skips LibreOffice
(the PDF and the measuring of the TOC's page numbers, which are then read from tools/report_text/toc-pages.json).
`--list` prints the manifest as tab-separated lines for `make check-reports`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_docx import Look, ReportDocument, toc_entries  # noqa: E402
from report_markup import TEXT_DIR, Item, TitlePage, read  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "inputs" / "reports"
CASES = ROOT / "inputs" / "cases"
TOC_PAGES = TEXT_DIR / "toc-pages.json"
MANIFEST = "reports.json"
TASK_TABLE_WIDTHS = {3: (9.0, 2.4, 4.6)}  # tables of three columns: description, share, language


@dataclass(frozen=True)
class Sample:
    """One sample report and how `stagepipe check` must answer it."""

    file: str
    program: str | None
    case: str | None  # relative to the project root
    expect: int  # exit code of `stagepipe check`
    description: str

    @property
    def name(self) -> str:
        """The output name (outputs/reports/<name>.html): the file name, with the suffix when it is not a DOCX."""
        stem, suffix = self.file.rsplit(".", 1)
        return stem if suffix == "docx" else f"{stem}-{suffix}"


SAMPLES = (
    Sample("om-goed.docx", "tm-om", "inputs/cases/2021-2022/om-jana-peeters.yaml", 0,
           "Goed tm-om-verslag: titelpagina, inhoudsopgave (TOC-veld), kop- en voettekst met paginanummer, de zeven "
           "secties in volgorde met subtitels, een tabel, 16-20 pagina's, 5000-5500 woorden, anoniem, taalfout-vrij."),
    Sample("om-problemen.docx", "tm-om", "inputs/cases/2021-2022/om-jana-peeters.yaml", 1,
           "tm-om-verslag vol problemen: twee secties ontbreken en een staat op de verkeerde plaats, twee titels "
           "vetgedrukt in plaats van kopstijl, veel te kort, dt- en spelfouten, namen van mentor en bedrijf, geen "
           "inhoudsopgave, geen paginanummers."),
    Sample("dgk-lekken.docx", "ugent-dgk", "inputs/cases/2024-2025/dgk-amber-claeys.yaml", 1,
           "UGent-diergeneeskunde-verslag met de vier secties (genummerd, Kop-stijlen en een titel in hoofdletters) "
           "en een logboektabel, maar niet anoniem: praktijk, dierenarts, eigenaar, telefoon, e-mail, adres."),
    Sample("dgk-lekken.pdf", "ugent-dgk", "inputs/cases/2024-2025/dgk-amber-claeys.yaml", 1,
           "Hetzelfde verslag als PDF (LibreOffice): dezelfde lekken, gelezen uit een PDF."),
    Sample("ims-reflecties.docx", "tm-ims", "inputs/cases/2023-2024/ims-robbe-goossens.yaml", 1,
           "Wekelijkse stagewerkreflecties week 1-4 (vijf vaste vragen): week 2 laat een antwoord leeg, week 4 "
           "slaat een vraag over."),
    Sample("verslag.md", None, None, 0,
           "Kort Markdown-verslag zonder opleidingsprofiel: alleen herkenning van koppen, anonimiteit en taal."),
)


# ---------------------------------------------------------------------------------------------------- inputs

def load_case(relative: str) -> dict[str, Any]:
    with open(ROOT / relative, encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def stored_toc_pages() -> dict[str, list[int]]:
    if not TOC_PAGES.is_file():
        return {}
    data = json.loads(TOC_PAGES.read_text(encoding="utf-8"))
    return {name: [page for _, page in entries] for name, entries in data.items()}


def _split_title(items: list[Item]) -> tuple[TitlePage, list[Item]]:
    if not items or not isinstance(items[0], TitlePage):
        raise ValueError("a report text starts with its [titelpagina]")
    return items[0], items[1:]


# ---------------------------------------------------------------------------------------------------- reports

def om_goed(path: Path, *, look: Look | None = None, pages: Sequence[int] | None = None) -> Path:
    """The good tm-om report; ``pages`` are the TOC's cached page numbers (default: the stored ones)."""
    sample = SAMPLES[0]
    case = load_case(str(sample.case))
    name = f"{case['student']['first_name']} {case['student']['last_name']}"
    title, body = _split_title(read(TEXT_DIR / "om.txt", values=case))
    doc = ReportDocument(f"Stageverslag — {name}", name, look or Look())
    doc.title_page(title.lines[0], title.lines[1], title.lines[2:])
    doc.toc(toc_entries(body, pages if pages is not None else stored_toc_pages().get(sample.file)))
    doc.add(body, widths=TASK_TABLE_WIDTHS)
    doc.header_footer(f"Stageverslag Organisatie en Management — {name}", page_numbers=True)
    doc.save(path)
    return path


def om_problemen(path: Path) -> Path:
    """Same case, sloppy: no TOC, no page numbers, chapters run on, headings partly bold text."""
    case = load_case(str(SAMPLES[1].case))
    name = f"{case['student']['first_name']} {case['student']['last_name']}"
    title, body = _split_title(read(TEXT_DIR / "om-problemen.txt", values=case))
    doc = ReportDocument("Stageverslag", name, Look(chapter_on_new_page=False, line_spacing=1.15))
    doc.title_page(title.lines[0], title.lines[1], title.lines[2:])
    doc.page_break()
    doc.add(body)
    doc.header_footer("Stageverslag", page_numbers=False)
    doc.save(path)
    return path


def dgk_lekken(path: Path) -> Path:
    """UGent DGK, saved as a Dutch Word would (Kop1/Kop2), with the case's names, phone, e-mail and address in it."""
    case = load_case(str(SAMPLES[2].case))
    name = f"{case['student']['first_name']} {case['student']['last_name']}"
    title, body = _split_title(read(TEXT_DIR / "dgk.txt", values=case))
    look = Look(chapter_on_new_page=False, line_spacing=1.3, heading_style_ids=("Kop1", "Kop2"))
    doc = ReportDocument("Stageverslag kennismakingsstage", name, look)
    doc.title_page(title.lines[0], title.lines[1], title.lines[2:])
    doc.page_break()
    doc.add(body, widths={3: (3.4, 1.4, 11.2)})
    doc.header_footer(None, page_numbers=True)
    doc.save(path)
    return path


def ims_reflecties(path: Path) -> Path:
    case = load_case(str(SAMPLES[4].case))
    name = f"{case['student']['first_name']} {case['student']['last_name']}"
    title, body = _split_title(read(TEXT_DIR / "ims.txt", values=case))
    doc = ReportDocument("Wekelijkse stagewerkreflecties", name, Look(chapter_on_new_page=False, line_spacing=1.3))
    doc.title_page(title.lines[0], title.lines[1], title.lines[2:])
    doc.page_break()
    doc.add(body)
    doc.header_footer(f"Stagewerkreflecties — {name}", page_numbers=True)
    doc.save(path)
    return path


def verslag_md(path: Path) -> Path:
    path.write_text((TEXT_DIR / "verslag.md").read_text(encoding="utf-8"), encoding="utf-8")
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "om-goed.docx": om_goed,
    "om-problemen.docx": om_problemen,
    "dgk-lekken.docx": dgk_lekken,
    "ims-reflecties.docx": ims_reflecties,
    "verslag.md": verslag_md,
}


# ---------------------------------------------------------------------------------------------------- LibreOffice

def to_pdf(docx: Path, folder: Path) -> Path:
    """Convert a copy of ``docx`` in ``folder`` with the pipeline's LibreOffice converter."""
    from pipeline.convert.libreoffice import Converter

    copy = folder / docx.name
    shutil.copyfile(docx, copy)
    with Converter() as converter:
        result = converter.convert([copy])
    if copy not in result.pdfs:
        raise RuntimeError(f"LibreOffice could not convert {docx.name}: {result.failed.get(copy)}")
    return result.pdfs[copy]


def pdf_text(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def heading_pages(pdf: Path) -> list[tuple[str, int]]:
    """(title, 1-based page) of every bookmark in the PDF, in order: LibreOffice exports the headings as bookmarks."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    out: list[tuple[str, int]] = []

    def walk(nodes: list[Any]) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node)
            else:
                page = reader.get_destination_page_number(node)
                if page is not None:
                    out.append((str(node.title), page + 1))

    walk(reader.outline)
    return out


def measure_toc(docx: Path, scratch: Path) -> list[tuple[str, int]]:
    """Lay the good report out with LibreOffice and read where each TOC heading lands (the numbers Word caches)."""
    measured = iter(heading_pages(to_pdf(docx, scratch)))
    case = load_case(str(SAMPLES[0].case))
    out = []
    for entry in toc_entries(_split_title(read(TEXT_DIR / "om.txt", values=case))[1]):
        page = next((p for title, p in measured if title == entry.text), None)
        if page is None:
            raise RuntimeError(f"heading {entry.text!r} is not among the PDF's bookmarks")
        out.append((entry.text, page))
    return out


def write_pdf(docx: Path, target: Path, scratch: Path) -> bool:
    """Convert; replace ``target`` only when its text changes (a PDF carries its creation time). True if written."""
    pdf = to_pdf(docx, scratch)
    if target.is_file() and pdf_text(target) == pdf_text(pdf):
        return False
    shutil.move(str(pdf), target)
    return True


# ---------------------------------------------------------------------------------------------------- manifest

def manifest() -> str:
    """reports.json (JSON, so `stagepipe validate inputs/` does not take it for a case file; JSON is also YAML)."""
    rows = [{"name": s.name, "file": s.file, "program": s.program, "case": s.case, "expect": s.expect,
             "description": s.description} for s in SAMPLES]
    doc = {"about": "Sample reports for `stagepipe check`, generated by tools/make_reports.py; `make check-reports` "
                    "runs each and compares its exit code with expect (0 passes, 1 error findings).",
           "reports": rows}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def manifest_lines() -> list[str]:
    """name, file, program, case, expect; '-' for none (for the Makefile's read loop)."""
    return ["\t".join([s.name, s.file, s.program or "-", s.case or "-", str(s.expect)]) for s in SAMPLES]


# ---------------------------------------------------------------------------------------------------- main

def generate(out: Path, *, pdf: bool = True, log: Callable[[str], None] = print) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for file, build in BUILDERS.items():
        build(out / file)
        log(f"wrote {out / file}")
    (out / MANIFEST).write_text(manifest(), encoding="utf-8")
    log(f"wrote {out / MANIFEST}")
    if not pdf:
        return
    with tempfile.TemporaryDirectory(prefix="stagepipe-reports-") as scratch_name:
        scratch = Path(scratch_name)
        measured = measure_toc(out / "om-goed.docx", scratch)
        if [page for _, page in measured] != stored_toc_pages().get("om-goed.docx"):
            lines = ",\n".join(f"  {json.dumps(list(entry), ensure_ascii=False)}" for entry in measured)
            TOC_PAGES.write_text(f'{{"om-goed.docx": [\n{lines}\n]}}\n', encoding="utf-8")
            om_goed(out / "om-goed.docx")
            log(f"TOC page numbers measured with LibreOffice, stored in {TOC_PAGES.name}; rewrote om-goed.docx")
        if write_pdf(out / "dgk-lekken.docx", out / "dgk-lekken.pdf", scratch):
            log(f"wrote {out / 'dgk-lekken.pdf'}")
        else:
            log(f"kept {out / 'dgk-lekken.pdf'} (same text)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write to (default: inputs/reports)")
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice: no PDF, TOC pages as stored")
    parser.add_argument("--list", action="store_true", help="print the manifest as tab-separated lines and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(manifest_lines()))
        return 0
    generate(args.out, pdf=not args.no_pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
