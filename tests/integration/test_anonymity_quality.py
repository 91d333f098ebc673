"""The anonymity check with the real deduce, without a case file, on the labelled reports (issue 10): at most one false
flag per report, no labelled leak lost, and the leaks next to the not-a-name rules still found."""

from __future__ import annotations

import pytest

from bench import language_quality as lq
from pipeline.report.checks.anonymity import check_anonymity
from pipeline.report.checks.base import ReportContext
from pipeline.report.document import Block, BlockKind, Document
from pipeline.report.parts import assign_parts

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("labels, leaks_found", [(lq.ANONYMITY, 44), (lq.ANONYMITY_FRESH, 25)])
def test_labelled_reports_at_most_one_false_flag_each_and_no_leak_lost(labels: object, leaks_found: int) -> None:
    score = lq.anonymity_scores(path=labels)  # type: ignore[arg-type]
    assert score.false_flags <= score.reports, score.false_examples
    assert score.leaks_found >= leaks_found, score.missed


def findings_in(*paragraphs: str) -> list[tuple[str, str | None]]:
    blocks = [Block(i, BlockKind.PARAGRAPH, text, page=2) for i, text in enumerate(paragraphs)]
    ctx = ReportContext(document=Document(path="verslag.md", format="text", blocks=assign_parts(blocks)))
    return [(f.rule, f.text) for f in check_anonymity(ctx) if f.check == "anonymity"]


@pytest.mark.parametrize("sentence, leak", [
    ("Mijn mentor, dokter Van Brugge, werkt er al vijftien jaar.", "Van Brugge"),
    ("Daarna legde Van Brugge me uit hoe hij een keizersnede plant.", "Van Brugge"),
    ("Ik liep stage bij Dierenkliniek Lier, een kliniek in Lier.", "Dierenkliniek Lier"),
    ("Een vaste klant, mevrouw Holstein, kwam elke week met haar Jack Russell.", "Holstein"),
    ("De assistente, Sarah Limousin, deed de anesthesie.", "Sarah Limousin"),
    ("Op vrijdag hielp Veerle me met de vaccinaties.", "Veerle"),
    ("Een boer uit Geel, meneer Peer, belde voor een kalving.", "Peer"),
])
def test_leaks_next_to_the_place_and_breed_lists_are_found(sentence: str, leak: str) -> None:
    assert any(leak in (text or "") for _, text in findings_in(sentence)), findings_in(sentence)


@pytest.mark.parametrize("sentence", [
    "De praktijk ligt in het zuiden van Oost-Vlaanderen, vlak bij de Westhoek.",
    "De meeste bedrijven houden Holstein-koeien, een paar ook Belgisch witblauw.",
    "Voor BVD volgt de praktijk het programma van Dierengezondheidszorg Vlaanderen.",
    "Ik bouwde mee aan de Hybride Cloud Management Tool.",
    "In dit verslag heet de praktijk praktijk A en mijn mentor dierenarts X.",
])
def test_places_breeds_bodies_products_and_references_are_not_reported(sentence: str) -> None:
    assert findings_in(sentence) == []


def test_hidden_parts_set_recall_per_kind_and_no_false_flags() -> None:
    """Issue 14's labelled DOCX reports (bench.anonymity_hidden): cover pages of text boxes and controls, notes,
    comments, properties, image paths, identity numbers, addresses without a street word."""
    from bench import anonymity_hidden

    score = anonymity_hidden.measure()
    assert sum(score.found.values()) >= 53, score.missed  # 54 of 55 when written
    assert score.found["id"] == score.leaks["id"] and score.found["metadata"] == score.leaks["metadata"], score.missed
    assert score.false_flags <= 1, score.false_examples
