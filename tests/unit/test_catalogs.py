"""Messages live in the gettext catalogs: complete in Dutch and English, the same placeholders in both, every id the
code uses present, and no user-facing sentence left in a .py file."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import click
import pytest

from pipeline.messages import Message, UnknownMessage, catalog, compile_po, joined, mo_path, msg, po_path, translate

ROOT = Path(__file__).resolve().parents[2]


def _catalogs_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs_tool", ROOT / "tools" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_are_complete_and_consistent() -> None:
    problems = list(_catalogs_tool().problems())
    assert problems == [], "\n".join(problems)


def test_pybabel_extract_finds_python_and_template_ids() -> None:
    found = _catalogs_tool().extracted()
    assert any(f.endswith("sections.py") for f, _ in found["sections.missing"])
    assert any(f.endswith("report_content.html.j2") for f, _ in found["html.eyebrow"])  # the page includes it
    assert any(f.endswith("page.html.j2") for f, _ in found["web.form.title"])
    assert len(found) > 400


def test_placeholder_check_catches_a_difference(tmp_path: Path) -> None:
    tool = _catalogs_tool()
    assert tool.placeholders("sectie '{title}' ontbreekt {where}") == {"title", "where"}
    assert tool.placeholders("section '{title}' is missing") != tool.placeholders("sectie '{title}' {where}")


def test_translate_in_both_languages_with_nested_messages() -> None:
    message = msg("sections.missing", title="Conclusie", where=msg("sections.missing.first"))
    dutch, english = translate(message, "nl"), translate(message, "en")
    assert "Conclusie" in dutch and "Conclusie" in english and dutch != english
    assert str(message) == dutch  # Dutch is the default
    assert translate(joined((msg("part.body"), msg("part.tables"))), "en") == "body, tables"


def test_an_unknown_id_is_an_error_not_its_id_shown_to_a_student() -> None:
    with pytest.raises(UnknownMessage):
        translate(Message("no.such.message"), "nl")


def test_compiled_catalogs_match_their_po_files() -> None:
    for lang in ("nl", "en"):
        if mo_path(lang).exists() and mo_path(lang).stat().st_mtime >= po_path(lang).stat().st_mtime:
            assert mo_path(lang).read_bytes() == compile_po(po_path(lang)), f"{lang}: run make (stale .mo)"
        assert catalog(lang).gettext("summary.ok") != "summary.ok"


# --- no sentences in code --------------------------------------------------------------------------------------

# A few strings that read like sentences but are not shown to a user as messages, each with its reason.
ALLOWED = {
    ("pipeline/language/server.py", "Dit is een korte zin."),  # warms LanguageTool up; never shown
    ("pipeline/language/server.py", "Address already in use"),  # looked for in the server's log
    ("pipeline/language/client.py", "(Connection aborted|Remote end closed connection without response)"),  # regex
}
ALLOWED_PREFIXES = {
    ("pipeline/language/server.py", "import os"),  # the code of the launcher that starts the server
    ("pipeline/convert/office.py", "import os"),  # the code of the launcher that detaches the UNO bridge
}
# Calls whose string arguments are not user-facing messages: the logger, internal exceptions (a bug, shown with
# "internal error, please report"), regular expressions, string and XML helpers. (Command-line help is not among
# them: it is in the catalogs too, see pipeline/cli/help.py.)
NOT_MESSAGES = {"compile", "search", "match", "fullmatch", "sub", "finditer", "findall", "split", "debug",
                "getLogger", "ValueError", "TypeError", "RuntimeError", "KeyError", "AssertionError",
                "NotImplementedError", "OSError", "encode", "decode", "startswith", "endswith", "replace", "join",
                "strftime", "get", "setdefault", "pop", "dumps", "loads", "fromstring", "find", "findtext",
                "iterfind", "xpath", "qn", "Popen", "run", "environ", "getenv", "mkstemp", "TemporaryDirectory",
                "UnknownMessage"}
SENTENCE = re.compile(r"\b[A-Za-zÀ-ÿ]{2,}\b(?:[ ,;:]+\b[A-Za-zÀ-ÿ']{2,}\b){3,}")  # four words or more


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _exempt(tree: ast.AST) -> set[int]:
    """Constants inside calls that take no messages, and inside keyword help= (English command-line help)."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in NOT_MESSAGES:
                ids.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))
    return ids


def sentences_in(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _exempt(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if SENTENCE.search(text) and not text.startswith(("http", "/", "{", "%")):
                found.append((node.lineno, text))
    return found


def test_no_user_facing_sentence_is_left_in_a_python_file() -> None:
    found = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for line, text in sentences_in(path):
            if (relative, text) not in ALLOWED and not any(
                    relative == file and text.startswith(start) for file, start in ALLOWED_PREFIXES):
                found.append(f"{relative}:{line}: {text!r}")
    assert found == [], "sentences belong in pipeline/locale/*/LC_MESSAGES/stagepipe.po:\n" + "\n".join(found)


def test_the_sentence_test_finds_a_sentence(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('"""Doc strings are fine."""\nMESSAGE = "het verslag is veel te kort geworden"\n'
                      'import re\nPATTERN = re.compile("one two three four five")\n', encoding="utf-8")
    assert sentences_in(sample) == [(2, "het verslag is veel te kort geworden")]


def _commands(command: click.Command, path: str = "stagepipe") -> list[tuple[str, click.Command]]:
    out = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            out += _commands(sub, f"{path} {name}")
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_help_text_is_translated(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.cli import main

    monkeypatch.setenv("STAGEPIPE_LANG", lang)
    for path, command in _commands(main):
        with click.Context(command, info_name=path) as ctx:
            text = command.get_help(ctx)
        assert "cli." not in text, f"{path}: an untranslated help id\n{text}"
        options = [p for p in command.get_params(ctx) if isinstance(p, click.Option)]
        assert all(o.help for o in options), f"{path}: an option without help"
        assert ("Toon deze hulp en stop." in text) is (lang == "nl"), text



def _a_sentence(text: str) -> bool:
    return (text[0].isupper() or text[0] in "`$-") and text.rstrip().endswith((".", "?", ":"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_texts_are_sentences(lang: str) -> None:
    """An option's help starts with a capital and ends with a full stop, in every command, as click's own do."""
    from babel.messages.pofile import read_po

    with (ROOT / "pipeline" / "locale" / lang / "LC_MESSAGES" / "stagepipe.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    helps = [m for m in catalog if isinstance(m.id, str) and m.id.startswith("cli.") and isinstance(m.string, str)
             and m.string and m.id not in ("cli.internal-error", "cli.main")]
    assert len(helps) > 50
    assert [m.id for m in helps if not _a_sentence(m.string)] == []


def test_the_sentence_rule_sees_a_fragment() -> None:
    assert _a_sentence("Poort om op te luisteren.") and not _a_sentence("poort") and not _a_sentence("Poort")
