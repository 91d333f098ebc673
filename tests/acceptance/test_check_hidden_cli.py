"""`stagepipe check` through the real CLI on a DOCX whose personal data sits where Word hides it (issue 14): a cover
page of text boxes and content controls, a footnote, a comment, document properties and an image path. Every
finding says what holds the text and, for stored values, where the student removes them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests import word_files as wf
from tests.helpers import ROOT, run_cli


def hidden_report(path: Path) -> Path:
    doc = wf.new_document()
    extra = wf.Extra()
    wf.cover_page(doc, [wf.lines("[Titel] Stageverslag\n[Auteur] Lotte Vermeulen"),
                        wf.lines("lotte.vermeulen2001@gmail.com\nOV-chipkaart 3528 0123 4567 8901")])
    doc.add_heading("Logboek", 1)
    paragraph = doc.add_paragraph("Op maandag volgde ik de consultaties in de praktijk.")
    wf.add_note_reference(paragraph, 1)
    wf.notes(extra, footnotes=["Volgens dr. Pieter Claeys is dat de gewoonte."])
    wf.add_comment(doc, paragraph, "Bel me op 0470 12 34 56.", author="Ann Wuyts")
    wf.add_image(doc, path.with_name("foto"), description=r"C:\Users\lvermeulen\Pictures\praktijk.jpg")
    wf.properties(doc, extra, author="Lotte Vermeulen", last_modified_by="Ann Wuyts", company="Dierenkliniek Wuyts",
                  manager="Ann Wuyts", title="Stageverslag")
    return wf.save(doc, path, extra)


def test_hidden_leaks_are_found_with_their_place(tmp_path: Path) -> None:
    report = hidden_report(tmp_path / "verslag.docx")
    result = run_cli("check", report, "--program", "ugent-dgk", "--only", "anonymity", "--no-pages", "--format",
                     "json")
    assert result.code == 1, result.stderr  # ugent-dgk: a leak is an error
    doc = result.json()
    schema = json.loads((ROOT / "schemas" / "check-result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    found = {(f["text"], f["location"].get("where")) for f in doc["findings"] if f["check"] == "anonymity"}
    assert ("lotte.vermeulen2001@gmail.com", "tekstvak") in found
    assert ("3528 0123 4567 8901", "tekstvak") in found
    assert ("dr. Pieter Claeys", "voetnoot 1") in found
    assert ("0470 12 34 56", "opmerking van Ann Wuyts") in found
    assert ("lvermeulen", "naam en beschrijving van afbeelding 1") in found
    stored = {f["location"]["where"]: f for f in doc["findings"] if f["rule"] == "metadata"}
    for field in ("Auteur", "Laatst gewijzigd door", "Manager", "Bedrijf"):
        finding = stored[f"documenteigenschap '{field}'"]
        assert "Document controleren" in finding["hint"]
    assert ("Lotte Vermeulen", "invulveld 'Auteur' in een tekstvak") not in found  # the student's own name, cover


def test_text_output_says_what_holds_the_leak(tmp_path: Path) -> None:
    report = hidden_report(tmp_path / "verslag.docx")
    result = run_cli("check", report, "--program", "ugent-dgk", "--only", "anonymity", "--no-pages", "--lang", "en")
    assert "in: document property 'Author'" in result.stdout
    assert "in: footnote 1" in result.stdout
