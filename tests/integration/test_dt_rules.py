"""stagepipe's own dt rules (tools/languagetool/rules/.../grammar_custom.xml) on the real server: the examples in the
XML as LanguageTool's own rule test reads them, one sentence per rule from the regression list, every dt finding
explained, and a server that is restarted when the rules jar changes."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from pipeline.language import LanguageChecker, rules, server
from pipeline.language.categories import load_category_map
from pipeline.language.explain import WHY
from pipeline.messages import Message
from tests.helpers import DATA, suggestions

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("lt_env")]

DT_SENTENCES: dict[str, Any] = yaml.safe_load((DATA / "language" / "dt_sentences.yaml").read_text(encoding="utf-8"))
_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True)


def _examples() -> list[tuple[str, str, str | None, tuple[int, int] | None]]:
    """(rule id, sentence, correction, marker span) of every <example> in our XML."""
    out = []
    for group in etree.parse(str(rules.RULES_XML), _PARSER).iter("rulegroup"):
        for example in group.iter("example"):
            marker = example.find("marker")
            before = example.text or ""
            if marker is None:
                text, span = "".join(example.itertext()), None
            else:
                inner = "".join(marker.itertext())
                text = before + inner + (marker.tail or "")
                span = (len(before), len(before) + len(inner))
            out.append((str(group.get("id")), text, example.get("correction"), span))
    return out


def _only(url: str, rule: str, text: str) -> list[dict[str, Any]]:
    """LanguageTool's matches of one rule alone (enabledOnly), as its own rule test runs an example."""
    data = {"language": "nl-BE", "text": text, "enabledRules": rule, "enabledOnly": "true"}
    with server._open(url, "v2/check", data, 60) as response:
        return [m for m in json.load(response)["matches"] if m["rule"]["id"] == rule]


@pytest.fixture(scope="module")
def checker(lt_server: server.ServerState) -> Any:
    with LanguageChecker(lt_server.url, managed=True) as c:
        yield c


# --- LanguageTool's own example test, on our rules ----------------------------------------------------------------


def test_the_rules_file_fits_languagetools_schema(lt_server: server.ServerState) -> None:
    # rules.xsd (with pattern.xsd) from the pinned languagetool-core jar: the format this LanguageTool reads
    core = next(server.lib_dir().glob("languagetool-core-*.jar"))
    with zipfile.ZipFile(core) as jar:
        schemas = {name.rsplit("/", 1)[1]: jar.read(name) for name in jar.namelist()
                   if name in ("org/languagetool/rules/rules.xsd", "org/languagetool/rules/pattern.xsd")}
    resolver = _Schemas(schemas)
    parser = etree.XMLParser()
    parser.resolvers.add(resolver)
    schema = etree.XMLSchema(etree.fromstring(schemas["rules.xsd"], parser, base_url="rules.xsd"))
    document = etree.parse(str(rules.RULES_XML), _PARSER)
    assert schema.validate(document), schema.error_log


class _Schemas(etree.Resolver):
    def __init__(self, schemas: dict[str, bytes]) -> None:
        super().__init__()
        self.schemas = schemas

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        name = system_url.rsplit("/", 1)[-1]
        return self.resolve_string(self.schemas[name], context) if name in self.schemas else None


@pytest.mark.parametrize(("rule", "text", "correction", "span"), _examples(), ids=lambda v: str(v)[:60])
def test_rule_example(lt_server: server.ServerState, rule: str, text: str, correction: str | None,
                      span: tuple[int, int] | None) -> None:
    matches = _only(lt_server.url, rule, text)
    if correction is None:
        assert matches == [], f"{rule} fires on its correct example: {text}"
        return
    assert span is not None
    at = [m for m in matches if (m["offset"], m["offset"] + m["length"]) == span]
    assert at, f"{rule} does not mark {text[span[0]:span[1]]!r} in: {text} ({matches})"
    assert set(correction.split("|")) <= {r["value"] for r in at[0]["replacements"]}


def test_our_rules_are_on_the_server_as_dt(checker: LanguageChecker) -> None:
    [finding] = checker.check_text("Ik vraag me af of het verslag op tijd ingediend word.")
    assert finding.rule == "STAGEPIPE_DT_WORD" and finding.category == "dt"
    assert "derde persoon" in str(finding.message) and suggestions(finding) == ["wordt"]


# --- the regression list: every rule of ours, every finding explained ----------------------------------------------


def test_every_rule_of_ours_has_a_regression_sentence() -> None:
    covered = {case.get("rule") for case in DT_SENTENCES["wrong"]}
    assert load_category_map().own_rules <= covered


@pytest.mark.parametrize("case", DT_SENTENCES["wrong"], ids=lambda c: c["sentence"])
def test_every_dt_finding_says_which_rule_applies(checker: LanguageChecker, case: dict[str, str]) -> None:
    cmap = load_category_map()
    for finding in [f for f in checker.check_text(case["sentence"]) if f.category == "dt"]:
        if finding.rule in cmap.own_rules:  # our message names the rule
            assert re.search(r"stam|deelwoord|persoonsvorm|onderwerp|verleden tijd", str(finding.message))
        else:
            assert isinstance(finding.hint, Message) and finding.hint.values["why"] in WHY.values(), finding


# --- a server with older rules is restarted ---------------------------------------------------------------------------


def _lib_with_rules(tmp_path: Path, xml: str) -> Path:
    """A lib/ of links to the pinned jars, with a rules jar of its own built from ``xml``."""
    lib = tmp_path / "lib"
    lib.mkdir(exist_ok=True)
    for jar in server.lib_dir().glob("*.jar"):
        if not jar.name.startswith(rules.JAR_PREFIX) and not (lib / jar.name).exists():
            (lib / jar.name).symlink_to(jar)
    source = tmp_path / "grammar_custom.xml"
    source.write_text(xml, encoding="utf-8")
    rules.build_rules_jar(lib, source)
    return lib


def _test_rule(word: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rules lang="nl"><category id="STAGEPIPE_TEST" name="test" type="grammar">
  <rule id="STAGEPIPE_TEST_{word.upper()}" name="test">
    <pattern><token>{word}</token></pattern>
    <message>test <suggestion>x</suggestion></message>
    <example correction="x">Dat is <marker>{word}</marker>.</example>
  </rule>
</category></rules>
"""


def test_a_server_started_with_older_rules_is_restarted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGEPIPE_CACHE", str(tmp_path / "cache"))  # a server of this test's own
    lib = _lib_with_rules(tmp_path, _test_rule("blauwbes"))
    try:
        first = server.ensure_server(lib=lib)
        assert not first.reused and first.replaced is None
        assert first.state.fingerprint == server.lib_fingerprint(lib)
        assert _only(first.state.url, "STAGEPIPE_TEST_BLAUWBES", "Dat is blauwbes.")
        assert server.ensure_server(lib=lib).reused  # nothing changed: the same server

        _lib_with_rules(tmp_path, _test_rule("rozenbottel"))  # `make languagetool` after the rules changed
        second = server.ensure_server(lib=lib)
        assert second.replaced == first.state.pid and second.state.pid != first.state.pid
        assert not server.is_alive(first.state)
        assert _only(second.state.url, "STAGEPIPE_TEST_ROZENBOTTEL", "Dat is rozenbottel.")
        assert not _only(second.state.url, "STAGEPIPE_TEST_BLAUWBES", "Dat is blauwbes.")
    finally:
        server.stop()
