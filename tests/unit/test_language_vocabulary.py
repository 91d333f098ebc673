"""The speller's post-filter (pipeline/language/vocabulary.py) and the language check around it, in this process: a
stand-in lexicon answers which words LanguageTool's English and Dutch spellers know (the real server:
tests/integration/test_language_vocabulary.py)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from pipeline.findings import Finding, Location, Severity
from pipeline.language.client import Paragraph
from pipeline.language.vocabulary import (
    Passage,
    chunk_around,
    compound_splits,
    is_acronym,
    is_code_token,
    near_miss,
    repeated_as_remarks,
    screen,
    starts_sentence,
)
from pipeline.load.models import ReportRules
from pipeline.messages import translate, verbatim
from pipeline.report.checks.base import ReportContext
from pipeline.report.checks.language import check_language, refine
from pipeline.report.document import Block, BlockKind, Document, Part
from pipeline.report.runner import stamp_severity
from tests import profiles
from tests.helpers import program_profile

SPELLER = "MORFOLOGIK_RULE_NL_NL"
ENGLISH = {"deployment", "namespaces", "troubleshooting", "Troubleshooting", "on-premise", "cluster", "weight",
           "premise", "on", "with", "repository", "draft", "requirements", "track"}
DUTCH = {"applicatie", "ontwikkelaars", "analyse", "ornament", "kunst", "schuilen", "vers", "cloud", "infrastructuur",
         "scout", "kameraad", "functies"}


@dataclass
class FakeLexicon:
    """What LanguageTool's spellers would say, and which words were asked (one batch per language and call)."""

    english: set[str] = field(default_factory=lambda: set(ENGLISH))
    dutch: set[str] = field(default_factory=lambda: set(DUTCH))
    asked: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    def known_words(self, words: Collection[str], language: str) -> set[str]:
        self.asked.append((language, frozenset(words)))
        known = self.english if language.startswith("en") else self.dutch
        return {w for w in words if w in known}


def speller_findings(text: str, *words: str, paragraph: int = 0, fix: str = "") -> list[Finding]:
    """A finding of the Dutch speller on every occurrence of each word, as LanguageTool gives them."""
    out = []
    for word in words:
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            out.append(Finding(check="language", rule=SPELLER, severity=Severity.WARNING,
                               message=verbatim("Er is een mogelijke spelfout gevonden."),
                               location=Location(paragraph=paragraph, offset=m.start(), length=len(word)), text=word,
                               hint=fix or None, category="spelling"))
    return out


def kept(text: str, *words: str, lexicon: FakeLexicon | None = None, **passage: Any) -> tuple[list[str], dict[str, int]]:
    found = speller_findings(text, *words)
    result = screen(found, {0: Passage(text, **passage)}, lexicon=lexicon or FakeLexicon())
    return [f.text or "" for f in result.kept], dict(result.accepted)


# --- each reason -----------------------------------------------------------------------------------------------


def test_english_terms_of_the_trade_pass_with_one_batched_request() -> None:
    lexicon = FakeLexicon()
    text = "De deployment van de namespaces liep mis; troubleshooting duurde een dag. De oplossing was moelijk."
    words, reasons = kept(text, "deployment", "namespaces", "troubleshooting", "moelijk", lexicon=lexicon)
    assert words == ["moelijk"]
    assert reasons == {"english": 3}
    [english] = [asked for language, asked in lexicon.asked if language == "en-US"]  # one request for all
    assert {"deployment", "namespaces", "troubleshooting", "moelijk"} <= english


def test_planted_typos_next_to_english_jargon_are_still_found() -> None:
    text = ("Na de deployment moest ik de namespaces isntalleren, het restultaat was dat de troubleshooting "
            "uiteindeljk moelijk bleef.")
    words, _ = kept(text, "deployment", "namespaces", "isntalleren", "restultaat", "troubleshooting", "uiteindeljk",
                    "moelijk")
    assert words == ["isntalleren", "restultaat", "uiteindeljk", "moelijk"]


@pytest.mark.parametrize(("text", "word", "reason"), [
    ("Ik werkte bij FlowFactor in Gent.", "FlowFactor", "code-token"),  # CamelCase
    ("Het bedrijf Axxes nam contact op.", "Axxes", "name"),  # capitalised in mid-sentence
    ("Tuxis Internet Engineering levert de servers.", "Tuxis", "name"),  # a name of several capitalised words
    ("Sumina, 2022 beschrijft dat ook.", "Sumina", "name"),  # a citation
    ("Prof. Dr. Michener beschreef de soort.", "Michener", "name"),  # a title does not end a sentence
    ("Ik maakte drie VM's aan.", "VM's", "acronym"),
    ("De VDIs draaien op een cluster.", "VDIs", "acronym"),
    ("Zie https://github.com/flowfactor/demo voor de code.", "flowfactor", "code-token"),
    ("Het script staat in ./bijlagen/main.py klaar.", "bijlagen", "code-token"),
    ("De waarde komt uit equipment_details in de databank.", "equipment_details", "code-token"),
    ("Een k8s cluster draait op Neo4j.", "k8s", "code-token"),
    ("Start het met --extensions erbij.", "--extensions", "code-token"),
    ("De Quarkus-applicatie draait.", "Quarkus-applicatie", "compound"),  # a name and a Dutch word
    ("Ik woon in Oost-Vlaanderen.", "Oost-Vlaanderen", "name"),
    ("Een RAID-5 opstelling.", "RAID-5", "acronym"),
    ("Een requirements-analyse volgt.", "requirements-analyse", "compound"),  # English and Dutch
    ("Voor- en -functies kijken we later.", "-functies", "compound"),  # an elided compound
    ("Dat is de cloudinfrastructuur van het bedrijf.", "cloudinfrastructuur", "compound"),
    ("Hij was een scoutskameraad van mij.", "scoutskameraad", "compound"),  # a linking -s-
])
def test_each_reason(text: str, word: str, reason: str) -> None:
    words, reasons = kept(text, word)
    assert words == [] and reasons == {reason: 1}


def test_code_spans_hide_every_rule_and_code_blocks_are_not_sent() -> None:
    text = "Voer kubectl get pods uit en kijk."
    start = text.index("kubectl get pods")
    grammar = Finding(check="language", rule="KOMMA_ONTBR", severity=Severity.WARNING, message=verbatim("komma"),
                      location=Location(paragraph=0, offset=start + 8, length=8), text="get pods", category="grammar")
    result = screen([*speller_findings(text, "kubectl"), grammar],
                    {0: Passage(text, code_spans=((start, start + 16),))}, lexicon=FakeLexicon())
    assert result.kept == [] and dict(result.accepted) == {"code": 2}


def test_program_and_institution_words_are_accepted() -> None:
    text = "Tijdens het terugkommoment in de E4B-track sprak ik met Thomsa More."
    found = speller_findings(text, "terugkommoment", "E4B-track", "Thomsa")
    result = screen(found, {0: Passage(text)}, lexicon=FakeLexicon(), accepted_words=["terugkommoment", "E4B",
                                                                                      "Thomsa More"])
    assert result.kept == []
    assert dict(result.accepted) == {"accepted-word": 2, "compound": 1}


def test_names_the_document_writes_as_names() -> None:
    passages = {0: Passage("We gebruikten Kubernetes voor alles."), 1: Passage("kubernetes draait nu lokaal."),
                2: Passage("Symfony is het raamwerk."), 3: Passage("Symfony draait ook lokaal."),
                4: Passage("Moelijk was het niet.")}
    found = [*speller_findings(passages[1].text, "kubernetes", paragraph=1),
             *speller_findings(passages[2].text, "Symfony", paragraph=2),
             *speller_findings(passages[3].text, "Symfony", paragraph=3),
             *speller_findings(passages[4].text, "Moelijk", paragraph=4)]
    result = screen(found, passages, lexicon=FakeLexicon())
    assert [f.text for f in result.kept] == ["Moelijk"]
    assert dict(result.accepted) == {"name-in-document": 3}


def test_a_typo_that_splits_into_two_words_is_no_compound() -> None:
    # "versschuilen" reads as vers + schuilen, but LanguageTool suggests "verschuilen", one letter away
    words, _ = kept("Hij wou zich niet versschuilen achter excuses.", "versschuilen")
    assert words == []  # without a suggestion: a compound
    text = "Hij wou zich niet versschuilen achter excuses."
    result = screen(speller_findings(text, "versschuilen", fix="verschuilen"), {0: Passage(text)},
                    lexicon=FakeLexicon())
    assert [f.text for f in result.kept] == ["versschuilen"]
    assert compound_splits("moelijk") == []  # too short: moe + lijk is no compound
    assert ("vers", "laag") not in compound_splits("verslaag")


def test_a_dutch_part_with_a_typo_keeps_a_hyphenated_word_flagged() -> None:
    words, _ = kept("De Java-ontwikelaars waren blij.", "Java-ontwikelaars")
    assert words == ["Java-ontwikelaars"]


def test_lowercase_list_items_and_table_cells_need_not_start_like_a_sentence() -> None:
    def upper(text: str) -> Finding:
        return Finding(check="language", rule="UPPERCASE_SENTENCE_START", severity=Severity.WARNING,
                       message=verbatim("hoofdletter"), location=Location(paragraph=0, offset=0, length=3),
                       text=text[:3], category="spelling")

    text = "de stageopdracht bespreken. daarna testen"
    item = screen([upper(text)], {0: Passage(text, sentence=False)}, lexicon=None)
    assert item.kept == [] and dict(item.accepted) == {"not-a-sentence": 1}
    assert screen([upper(text)], {0: Passage(text)}, lexicon=None).kept  # a paragraph is a sentence


def test_casing_advice_on_acronyms_and_names_only() -> None:
    def casing(text: str, word: str) -> Finding:
        start = text.index(word)
        return Finding(check="language", rule="NL_CHECKCASE_X", severity=Severity.WARNING, message=verbatim("klein"),
                       location=Location(paragraph=0, offset=start, length=len(word)), text=word, category="spelling")

    for text, word, shown in [("We bouwden een CI/CD pipeline.", "CD", False),
                              ("Toen kwam Tante Sidonia binnen.", "Tante", False),
                              ("Dat gebeurde in de Middeleeuwen.", "Middeleeuwen", True),
                              ("Met zijn promotor Dr. Rob Fergus.", "Dr.", True)]:
        result = screen([casing(text, word)], {0: Passage(text)}, lexicon=None)
        assert bool(result.kept) is shown, text


def _rule_finding(text: str, words: str, rule: str, category: str) -> Finding:
    start = text.index(words)
    return Finding(check="language", rule=rule, severity=Severity.WARNING, message=verbatim("?"),
                   location=Location(paragraph=0, offset=start, length=len(words)), text=words, category=category)


def test_a_confusion_rule_on_a_word_of_a_name_is_dropped() -> None:
    for text, word, shown in [("Nu debuteerde ook het spook Sus Antigoon.", "Sus", False),
                              ("Het album met Professor Barabas verscheen later.", "Barabas", False),
                              ("Het album met professor Barabas verscheen later.", "Barabas", True),  # one word alone
                              ("Sus ging naar huis.", "Sus", True),  # a sentence's first word: maybe no name
                              ("Mijn sus ging mee.", "sus", True)]:
        result = screen([_rule_finding(text, word, "SUS_ZUS", "spelling")], {0: Passage(text)}, lexicon=None)
        assert bool(result.kept) is shown, text
        assert result.accepted == ({} if shown else {"name": 1})


def test_a_dt_rule_on_english_words_only_is_dropped_but_never_on_one_word() -> None:
    lexicon = FakeLexicon(english={"in", "sync", "hash", "die", "space", "word", "draft"})
    for text, words, shown in [("De mappen blijven zo in sync met de server.", "in sync", False),
                               ("Daarna volgt een hash sync van de wachtwoorden.", "hash sync", False),
                               ("Het word gebruikt door de school.", "Het word", True),  # 'het' is no English word
                               ("Dit word gebruikt door de school.", "word", True),  # one word: a dt-error
                               ("Wat hij zelf houd, is voor hem.", "zelf houd", True)]:
        result = screen([_rule_finding(text, words, "STAM_ZONDER_IK", "dt")], {0: Passage(text)}, lexicon=lexicon)
        assert bool(result.kept) is shown, text
    draft = replace(speller_findings("Een eerste draft van het verslag.", "draft")[0], category="dt")  # draf|draft
    assert screen([draft], {0: Passage("Een eerste draft van het verslag.")}, lexicon=lexicon).kept == []
    assert screen([_rule_finding("Het in sync houden.", "in sync", "STAM_ZONDER_IK", "dt")],
                  {0: Passage("Het in sync houden.")}, lexicon=None).kept  # no speller asked: shown


# --- shapes ----------------------------------------------------------------------------------------------------


def test_shapes_of_code_and_sentence_starts() -> None:
    assert is_code_token("equipmentDetails") and is_code_token("base64") and is_code_token("$client")
    assert not is_code_token("moelijk") and not is_code_token("-functies")
    assert is_code_token("hanzehogeschool", chunk_around("zie https://x.org/hanzehogeschool-logo/ nu", 16, 31))
    assert not is_code_token("demo", "test/demo")  # two words with a slash are words
    assert is_acronym("VM's") and is_acronym("AWS") and not is_acronym("WEIGHT") and not is_acronym("Ik")
    assert starts_sentence("Dit werkt. Nu", 11) and starts_sentence("- item", 2) and not starts_sentence("Dr. X", 4)
    assert near_miss("versschuilen", "verschuilen | vers schuilen") and not near_miss("scoutskameraad", "scouts kameraad")


# --- repeated words --------------------------------------------------------------------------------------------


def test_a_word_used_three_times_is_one_remark_asking_for_the_word_list() -> None:
    text = "Het gedeployed cluster, het gedeployed model en de gedeployed app; ook signen en signen."
    found = speller_findings(text, "gedeployed", "signen", fix="deployen | ingezet")
    kept_findings, remarks = repeated_as_remarks(found)
    assert [f.text for f in kept_findings] == ["signen", "signen"]
    [remark] = remarks
    assert (remark.rule, remark.severity, remark.text, len(remark.related)) == (
        "unknown-word", Severity.INFO, "gedeployed", 2)
    assert remark.location.offset == text.index("gedeployed") and remark.hint == "deployen | ingezet"
    typo = speller_findings("De stagaires, de stagaires en de stagaires.", "stagaires", fix="stagiaires")
    assert repeated_as_remarks(typo) == (typo, [])  # one letter from a word: the same typo three times
    nl, en = translate(remark.message, "nl"), translate(remark.message, "en")
    assert "‘gedeployed’ staat niet in het woordenboek; komt 3× voor" in nl and "woordenlijst van je opleiding" in nl
    assert "‘gedeployed’ is not in the dictionary; used 3×" in en and "word list" in en


# --- the language check: blocks, summary, severities ----------------------------------------------------------


class _Checker:
    """LanguageTool stand-in: the Dutch speller flags the words of WORDS, the spellers know FakeLexicon's words."""

    language = "nl-BE"
    flagged = ("deployment", "moelijk", "gedeployed", "isntalleren", "Hogent")

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.lexicon = FakeLexicon()

    def __enter__(self) -> _Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> list[Finding]:
        out = []
        for p in paragraphs:
            self.sent.append(p.text)
            for f in speller_findings(p.text, *self.flagged, paragraph=p.location.paragraph or 0):
                out.append(replace(f, location=replace(p.location, offset=f.location.offset,
                                                       length=f.location.length)))
        return out

    def known_words(self, words: Collection[str], language: str) -> set[str]:
        return self.lexicon.known_words(words, language)


def _report(*blocks: Block) -> Document:
    return Document(path="v.md", format="markdown", blocks=[replace(b, index=i) for i, b in enumerate(blocks)])


def test_the_check_skips_code_and_counts_why_words_passed() -> None:
    document = _report(
        Block(0, BlockKind.HEADING, "Inleiding", part=Part.BODY),
        Block(0, BlockKind.PARAGRAPH, "De deployment was moelijk; ik ging isntalleren bij Hogent.", part=Part.BODY),
        Block(0, BlockKind.PARAGRAPH, "kubectl apply -f deployment.yaml", code=True, part=Part.BODY),
        Block(0, BlockKind.PARAGRAPH, "Daarna: gedeployed, gedeployed en nog eens gedeployed.", part=Part.BODY))
    checker = _Checker()
    ctx = ReportContext(document=document, language_checker=lambda: checker)  # type: ignore[arg-type,return-value]
    findings = list(check_language(ctx))
    assert "kubectl apply -f deployment.yaml" not in checker.sent
    assert [(f.text, f.severity) for f in findings] == [
        ("moelijk", Severity.WARNING), ("isntalleren", Severity.WARNING), ("gedeployed", Severity.INFO)]
    summary = ctx.summaries.language
    assert summary is not None
    details = summary.as_dict(str)
    assert details["code_blocks"] == 1 and details["repeated_words"] == 1
    assert details["accepted"] == {"english": 1, "name": 1}


def test_refine_keeps_sentences_of_a_set_apart() -> None:
    blocks = [Block(i, BlockKind.PARAGRAPH, "Dat was gedeployed.") for i in range(3)]
    found = [f for i, b in enumerate(blocks) for f in speller_findings(b.text, "gedeployed", paragraph=i)]
    assert [f.rule for f in refine(found, blocks, lexicon=FakeLexicon()).findings] == ["unknown-word"]
    separate = refine(found, blocks, lexicon=FakeLexicon(), separate=True).findings
    assert [(f.rule, f.location.paragraph) for f in separate] == [(SPELLER, 0), (SPELLER, 1), (SPELLER, 2)]


def _finding(category: str | None, severity: Severity, rule: str = "R") -> Finding:
    return Finding(check="language", rule=rule, severity=severity, message=verbatim("x"), category=category)


def test_without_a_program_language_findings_never_fail_a_report() -> None:
    from pipeline.language.categories import load_category_map

    cmap = load_category_map()
    findings = [_finding(c, cmap.severity(c)) for c in ("spelling", "grammar", "dt", "style", "other")]
    stamped = stamp_severity(findings, "language", ReportRules())
    assert [f.severity for f in stamped] == [Severity.WARNING, Severity.WARNING, Severity.WARNING, Severity.INFO,
                                             Severity.INFO]


def test_a_program_sets_severity_per_category_and_remarks_stay_remarks() -> None:
    findings = [_finding("spelling", Severity.WARNING), _finding("dt", Severity.WARNING),
                _finding("style", Severity.INFO), _finding(None, Severity.INFO, "unknown-word")]
    tm_om = ReportRules.model_validate(program_profile("tm-om")["report"])
    assert [f.severity for f in stamp_severity(findings, "language", tm_om)] == [
        Severity.WARNING, Severity.ERROR, Severity.INFO, Severity.INFO]  # the seed: "geen dt-fouten"
    strict = ReportRules.model_validate({"language_check": {"severity": "error",
                                                            "category_severity": {"style": "warning"}}})
    assert [f.severity for f in stamp_severity(findings, "language", strict)] == [
        Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.INFO]
    ugent = ReportRules.model_validate(program_profile("ugent-dgk")["report"])  # severity: warning, as before
    assert [f.severity for f in stamp_severity(findings, "language", ugent)] == [
        Severity.WARNING, Severity.WARNING, Severity.INFO, Severity.INFO]


def test_an_unknown_category_in_the_profile_is_refused_at_its_line(project: Any) -> None:
    from pipeline.load.project import load_project
    from pipeline.validate.runner import validate_project

    path = project / "programs" / "tm-om.yaml"
    text = path.read_text(encoding="utf-8").replace("category_severity: {dt: error}",
                                                     "category_severity: {dt: error, spelink: error}")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "spelink" in row)
    errors = [f for f in validate_project(load_project([path])) if f.severity is Severity.ERROR]
    assert errors and errors[0].location.line == line and "spelink" in translate(errors[0].message, "en")


def test_case_names_stay_accepted_words() -> None:
    case = profiles.case(placement={"name": "Dierenkliniek Ter Linde"})
    from pipeline.report.checks.language import accepted_words

    assert "Dierenkliniek Ter Linde" in accepted_words(None, None, case)
