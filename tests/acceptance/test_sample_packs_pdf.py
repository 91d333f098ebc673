"""Every sample case renders all its documents as DOCX and PDF (LibreOffice), and each says who, where and when."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.load.project import load_project
from pipeline.render.context import derived_values, mentor_letter
from pipeline.render.pack import documents_of
from tests.helpers import INPUTS, docx_text, run_cli

pytestmark = pytest.mark.integration

PROJECT = load_project([INPUTS])
CASES = [PROJECT.resolve_case(source) for source in PROJECT.cases]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    return flat("\n".join(page.extract_text() or "" for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice (soffice) is not installed: run `make system` (Debian libreoffice-writer-nogui)")
    out = tmp_path_factory.mktemp("packs")
    result = run_cli("render", INPUTS / "cases", "--out", out, "--pdf", "--jobs", "2", timeout=600)
    assert result.code == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_document_names_the_student_the_placement_the_period_and_the_signatories(packs: Path, case) -> None:
    lang = str(case.data.get("language") or "nl")
    d = derived_values(case, lang, dt.date.today(), mentor_letter(case.program_profile, lang))
    pack = packs / case.id
    for document in documents_of(case):
        for path, text in ((pack / f"{document}.docx", flat(docx_text(pack / f"{document}.docx"))),
                           (pack / f"{document}.pdf", pdf_text(pack / f"{document}.pdf"))):
            assert d.student_name in text, path
            assert case.data["placement"]["name"] in text, path
            assert d.period.start in text and d.period.end in text, path
            if document in ("stageovereenkomst", "stageplanning"):
                for signatory in d.signatories:
                    assert signatory.name in text, (path, signatory)
            assert "{{" not in text and "{%" not in text, path
    assert (pack / f"{case.id}.zip").is_file()


def test_tm_om_agreement_has_three_signatories_in_triplicate(packs: Path) -> None:
    text = pdf_text(packs / "om-jana-peeters" / "stageovereenkomst.pdf")
    assert "in drievoud" in text and "Janssens & Zonen" in text
    assert text.count("gelezen en goedgekeurd") == 3


def test_ugent_dgk_letter_gives_continuing_education_points(packs: Path) -> None:
    text = pdf_text(packs / "dgk-lien-de-wilde" / "mentorbrief.pdf")
    assert "1 bijscholingspunt" in text and "maximum van 10 punten per stagegever per jaar" in text
    french = pdf_text(packs / "dgk-amber-claeys" / "stageovereenkomst.pdf")
    assert "Approuver la convention de stage" in french


def test_pdf_pages_are_numbered(packs: Path) -> None:
    reader = PdfReader(packs / "om-jana-peeters" / "stageovereenkomst.pdf")
    assert len(reader.pages) >= 2
    assert f"pagina 1 van {len(reader.pages)}" in flat(reader.pages[0].extract_text())
