"""The real deduce on Flemish report sentences: start-up, the trimmed lookup cache, names, metadata, the whole check."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.findings import Severity
from pipeline.report import deid
from pipeline.report.checks.anonymity import check_anonymity
from pipeline.report.checks.base import ReportContext
from pipeline.report.document import Block, BlockKind, Document
from tests import profiles

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("deid_recall", ROOT / "bench" / "deid_recall.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("deid_recall", bench)  # dataclasses look their module up there
_spec.loader.exec_module(bench)


def test_import_prints_nothing_and_leaves_logging_alone() -> None:
    # deduce 3.0.6 calls logging.basicConfig(stdout, DEBUG) on import; our wrapper must keep stdout clean
    code = ("import logging; from pipeline.report import deid; deid._import_deduce(); "
            "import sys; sys.exit(len(logging.getLogger().handlers))")
    done = subprocess.run([sys.executable, "-W", "error", "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_model_builds_its_trimmed_cache_in_the_stagepipe_cache_and_starts_fast(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path))
    deduce = deid._import_deduce()
    start = time.perf_counter()
    deid._create(deduce)
    cold = time.perf_counter() - start
    caches = list(tmp_path.glob("deduce/*/cache/lookup_structs.pickle"))
    assert len(caches) == 1 and caches[0].stat().st_size < 10_000_000  # the full cache is 83 MB
    start = time.perf_counter()
    model = deid._create(deduce)
    warm = time.perf_counter() - start
    assert cold < 30 and warm < 5, (cold, warm)  # deduce's own first start: about 60 s, then 6 s
    assert "street_lookup" not in model.processors["locations"].get_names()


def test_model_is_built_once_per_process() -> None:
    assert deid.model() is deid.model()
    assert deid.init_seconds() is not None


@pytest.mark.parametrize("sentence, name", [
    ("Tijdens mijn stage bij dr. Vandenberghe kreeg ik veel verantwoordelijkheid.", "Vandenberghe"),
    ("Mevrouw Claes bracht haar kat binnen voor een vaccinatie.", "Claes"),
    ("Dr. Van den Broeck legde uit waarom een bloedonderzoek nodig was.", "Van den Broeck"),
    ("Op dinsdag assisteerde ik Lotte bij een keizersnede.", "Lotte"),
    ("In Peeters' praktijk werken drie dierenartsen.", "Peeters"),
    ("Meneer D'Hondt bracht zijn kat binnen na een verkeersongeval.", "D'Hondt"),
])
def test_deduce_finds_flemish_names(sentence: str, name: str) -> None:
    people = [a for a in deid.annotate(sentence) if a.kind == "person"]
    assert any(name in a.text for a in people), people


def test_deduce_metadata_finds_a_misspelt_known_name() -> None:
    hint = deid.PersonHint("mentor", ("Jana",), "Peeters")
    found = [a for a in deid.annotate("Mevrouw Peters en haar collega Janssens.", [hint]) if a.person == "mentor"]
    assert [a.text for a in found] == ["Peters"]


def test_person_recall_on_the_labelled_flemish_sentences() -> None:
    scores = bench.score(bench.load_sentences(), bench.stagepipe_predictor())
    assert scores.total["person"] >= 80
    assert scores.recall("person") >= 0.95, scores.misses
    assert scores.precision("person") >= 0.95, scores.false_positives
    for kind in ("organisation", "address", "phone", "email"):
        assert scores.recall(kind) >= 0.9, (kind, scores.misses)


def test_check_with_real_deduce_reports_strangers_and_known_names() -> None:
    case = profiles.case(student={"first_name": "Wout", "last_name": "Vermeulen"},
                         mentors=[{"name": "Jana Peeters", "email": "jana@vandamme.example.be"}])
    blocks = [Block(0, BlockKind.PARAGRAPH, "Wout Vermeulen", page=1),
              Block(1, BlockKind.HEADING, "Inleiding", page=2, level=1),
              Block(2, BlockKind.PARAGRAPH, "Mijn mentor Jana Peters stelde me voor aan meneer Verstraete, de "
                                           "eigenaar van een hond met oorontsteking. Roos is giftig voor katten.",
                    page=2)]
    from pipeline.report.parts import assign_parts

    document = Document(path="verslag.docx", format="docx", blocks=assign_parts(blocks))
    ctx = ReportContext(document=document, case=case)
    findings = list(check_anonymity(ctx))
    assert [(f.rule, f.text) for f in findings] == [("known-name", "Jana Peters"), ("person", "meneer Verstraete")]
    assert str(findings[0].message).startswith("lijkt op de naam van je stagementor (Jana Peeters)")
    assert all(f.severity is Severity.WARNING for f in findings)
    assert ctx.summaries.as_dict(str)["anonymity"]["deduce"] is True
