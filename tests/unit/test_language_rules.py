"""stagepipe's own dt rules, in this process: the rules jar (built once per XML), the fingerprint of lib/ that decides
whether a running server must be restarted, and the hint that names the rule that applies. (The restart decision with
stand-in processes: tests/integration/test_language_server_processes.py; the rules against the real server:
tests/integration/test_dt_rules.py.)"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.findings import Finding, Location, Severity
from pipeline.language import rules, server
from pipeline.language.categories import load_category_map
from pipeline.language.explain import WHY, dt_hint, kind_from_correction
from pipeline.messages import Message, msg, translate
from pipeline.output.common import is_suggestion

XML = """<?xml version="1.0" encoding="UTF-8"?>
<rules lang="nl"><category id="STAGEPIPE_DT" name="dt"><!-- {n} --></category></rules>
"""


def _xml(tmp_path: Path, n: int = 1) -> Path:
    path = tmp_path / "grammar_custom.xml"
    path.write_text(XML.format(n=n), encoding="utf-8")
    return path


def _lib(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir(parents=True)
    (lib / "languagetool-server-6.8.jar").write_bytes(b"server" * 100)
    (lib / "language-nl-6.8.jar").write_bytes(b"dutch" * 100)
    return lib


# --- the rules jar ----------------------------------------------------------------------------------------------


def test_rules_jar_holds_the_xml_where_languagetool_looks_for_it(tmp_path: Path) -> None:
    xml, lib = _xml(tmp_path), _lib(tmp_path)
    assert rules.build_rules_jar(lib, xml) is True
    with zipfile.ZipFile(lib / "stagepipe-nl-rules.jar") as jar:
        assert jar.read("org/languagetool/rules/nl/grammar_custom.xml") == xml.read_bytes()
        assert "META-INF/MANIFEST.MF" in jar.namelist()
    assert rules.jar_digest(lib / "stagepipe-nl-rules.jar") == rules.xml_digest(xml)


def test_rules_jar_is_built_once_per_xml(tmp_path: Path) -> None:
    xml, lib = _xml(tmp_path), _lib(tmp_path)
    assert rules.build_rules_jar(lib, xml) is True
    before = (lib / "stagepipe-nl-rules.jar").stat().st_mtime_ns
    assert rules.build_rules_jar(lib, xml) is False  # same XML: nothing written
    assert (lib / "stagepipe-nl-rules.jar").stat().st_mtime_ns == before
    _xml(tmp_path, 2)
    assert rules.build_rules_jar(lib, xml) is True  # changed XML: rebuilt
    assert not list(lib.glob("*.tmp"))


def test_same_xml_gives_the_same_jar_bytes(tmp_path: Path) -> None:
    xml = _xml(tmp_path)
    first, second = tmp_path / "a", tmp_path / "b"
    rules.build_rules_jar(first, xml)
    rules.build_rules_jar(second, xml)
    assert (first / rules.RULES_JAR).read_bytes() == (second / rules.RULES_JAR).read_bytes()


def test_a_foreign_or_broken_jar_is_replaced(tmp_path: Path) -> None:
    xml, lib = _xml(tmp_path), _lib(tmp_path)
    (lib / rules.RULES_JAR).write_bytes(b"not a zip")
    assert rules.jar_digest(lib / rules.RULES_JAR) is None
    assert rules.build_rules_jar(lib, xml) is True
    assert rules.jar_digest(lib / rules.RULES_JAR) == rules.xml_digest(xml)


def test_shipped_rules_are_the_ones_dt_rules_yaml_lists() -> None:
    tree = etree.parse(str(rules.RULES_XML), etree.XMLParser(load_dtd=True, resolve_entities=True))
    ids = {str(group.get("id")) for group in tree.iter("rulegroup")}
    assert ids == set(load_category_map().own_rules)
    assert all(re.fullmatch(r"STAGEPIPE_DT_[A-Z_]+", rule) for rule in ids)


def test_every_shipped_rule_has_a_message_a_suggestion_and_examples_both_ways() -> None:
    tree = etree.parse(str(rules.RULES_XML), etree.XMLParser(load_dtd=True, resolve_entities=True))
    for group in tree.iter("rulegroup"):
        examples = list(group.iter("example"))
        assert any(e.get("correction") for e in examples), group.get("id")
        assert any(e.get("correction") is None for e in examples), group.get("id")
        for rule in group.iter("rule"):
            message = rule.find("message")
            assert message is not None and message.find("suggestion") is not None, group.get("id")


# --- the fingerprint of lib/ and the restart ----------------------------------------------------------------------


def test_fingerprint_changes_with_our_rules_jar_only(tmp_path: Path) -> None:
    xml, lib = _xml(tmp_path), _lib(tmp_path)
    assert server.lib_fingerprint(tmp_path / "nowhere") == ""
    before = server.lib_fingerprint(lib)
    rules.build_rules_jar(lib, xml)
    with_rules = server.lib_fingerprint(lib)
    assert with_rules != before
    _xml(tmp_path, 2)
    rules.build_rules_jar(lib, xml)
    assert server.lib_fingerprint(lib) != with_rules
    # Maven's jars count by name and size (a new version has a new name): their bytes are never read
    (lib / "language-nl-6.8.jar").write_bytes(b"DUTCH" * 100)
    assert server.lib_fingerprint(lib) == server.lib_fingerprint(lib)
    (lib / "language-nl-6.9.jar").write_bytes(b"dutch")
    assert server.lib_fingerprint(lib) != with_rules


def test_two_checkouts_with_the_same_jars_have_the_same_fingerprint(tmp_path: Path) -> None:
    xml = _xml(tmp_path)
    a, b = _lib(tmp_path / "a"), _lib(tmp_path / "b")
    rules.build_rules_jar(a, xml)
    rules.build_rules_jar(b, xml)
    assert server.lib_fingerprint(a) == server.lib_fingerprint(b) != ""


def test_install_builds_our_rules_jar_beside_the_jars_it_has_without_maven(tmp_path: Path) -> None:
    from pipeline.language import install
    from pipeline.paths import LANGUAGETOOL_DATA

    lib = _lib(tmp_path)
    (lib / ".stamp").write_text(install._stamp(LANGUAGETOOL_DATA / "pom.xml") + "\n", encoding="utf-8")
    done = install.install(tmp_path)  # the Maven jars are there: only our jar is built (no mvn on this path)
    assert not done.fetched and done.lib == lib
    assert rules.jar_digest(lib / rules.RULES_JAR) == rules.xml_digest(rules.RULES_XML)
    install.install(tmp_path, rules=False)
    assert not (lib / rules.RULES_JAR).exists()


def test_state_from_before_the_fingerprint_is_read_and_counts_as_outdated(own_cache: Path, tmp_path: Path) -> None:
    state = (own_cache / "languagetool" / "server.json")
    state.parent.mkdir(parents=True)
    old = {"pid": 1234, "port": 8099, "started": 0.0, "version": "6.8", "lib": "lib", "java": "java", "heap": "1g"}
    state.write_text(json.dumps(old), encoding="utf-8")
    read = server.read_state()
    assert read is not None and read.fingerprint == ""
    lib = _lib(tmp_path)
    assert not server.is_current(read, lib)
    assert server.is_current(read, tmp_path / "no-jars")  # nothing to compare with: keep the server


# --- which rule applies -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "replacement", "kind"),
    [
        ("Hij vind", "Hij vindt", "pv-3ev"),
        ("Hieronder vind u", "Hieronder vindt u", "pv-3ev"),
        ("Ik vindt het", "Ik vind het", "ik-stam"),
        ("Vindt je het", "Vind je het", "inversie-jij"),
        ("gebeurd", "gebeurt", "pv-geen-vtd"),
        ("worden beheert", "worden beheerd", "vtd"),
        ("verwachte", "verwachtte", "verleden"),
        ("antwoorde", "antwoordde", "verleden"),
        ("te duidden", "te duiden", "te-infinitief"),
    ],
)
def test_the_correction_shows_the_rule(text: str, replacement: str, kind: str) -> None:
    assert kind_from_correction(text, replacement) == kind


def test_every_dt_rule_of_languagetool_has_an_explanation_of_ours() -> None:
    cmap = load_category_map()
    assert set(cmap.dt_kinds) | cmap.own_rules == cmap.dt_rules
    assert set(cmap.dt_kinds.values()) <= set(WHY)
    assert not set(cmap.dt_kinds) & cmap.own_rules


def test_a_dt_hint_names_the_rule_then_the_correction() -> None:
    cmap = load_category_map()
    hint = dt_hint(cmap, "HIJ_VIND", "Hij vind", ["Hij vindt"])
    assert isinstance(hint, Message) and hint.values["why"] == WHY["pv-3ev"]
    text = translate(hint, "nl")
    assert text.startswith("Regel: staat het onderwerp") and text.endswith("Verbetering: Hij vindt")
    assert "stem + t" in translate(hint, "en")
    phrase = dt_hint(cmap, "NL_SIMPLE_REPLACE_HET_WORD", "Het word", ["Het wordt"])
    assert phrase is not None and phrase.values["why"] == WHY["pv-3ev"]
    assert dt_hint(cmap, "STAGEPIPE_DT_STAM_T", "vind", ["vindt"]) is None  # our message says it already


def test_a_dt_hint_is_advice_and_suggestions_stay_suggestions() -> None:
    at = Location(file="v.docx", paragraph=1, offset=0, length=3)
    dt = Finding(check="language", rule="HIJ_VIND", severity=Severity.ERROR, message=msg("verbatim", text="x"),
                 location=at, hint=msg("language.dt-hint", why=WHY["pv-3ev"], suggestions="Hij vindt"))  # fmt: skip
    spelling = Finding(check="language", rule="MORFOLOGIK_RULE_NL_NL", severity=Severity.ERROR,
                       message=msg("verbatim", text="x"), location=at, hint="onmiddellijk")  # fmt: skip
    assert not is_suggestion(dt) and is_suggestion(spelling)


def test_fingerprint_changes_with_the_server_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server started before a setting changed (the result cache) is started again with the new settings."""
    lib = _lib(tmp_path)
    before = server.lib_fingerprint(lib)
    settings = {k: v for k, v in server.SERVER_PROPERTIES.items() if not k.startswith("cache")}
    monkeypatch.setattr(server, "SERVER_PROPERTIES", settings)
    assert server.lib_fingerprint(lib) != before
