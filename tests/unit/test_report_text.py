"""Plain-text and Markdown reports: paragraphs and their lines, headings of each kind, encodings, empty files.
(The sandbox in a fresh process: tests/acceptance/test_report_bad_input.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.report.document import BlockKind, Document, HeadingSource, Layout, Part
from pipeline.report.errors import ReportError
from pipeline.report.readers.text import read_text, strip_inline


def read(tmp_path: Path, text: str | bytes, name: str = "verslag.txt") -> Document:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return read_text(path)


def headings(document: Document) -> list[tuple[str, int | None, HeadingSource | None]]:
    return [(b.text, b.level, b.heading_source) for b in document.headings]


def error(tmp_path: Path, content: str | bytes, name: str = "verslag.txt") -> ReportError:
    with pytest.raises(ReportError) as caught:
        read(tmp_path, content, name)
    return caught.value


TM_OM_TEXT = """\
Stageverslag

Jana Peeters

Inhoudstafel

1. Inleiding ........ 3
2. Tussentijdse evaluatie ..... 4

1. INLEIDING

Ik liep stage in een bedrijf in Mechelen. Het was een
leerrijke periode.

1.1 Het bedrijf

Het bedrijf telt twintig werknemers.

2. Tussentijdse evaluatie

Mijn mentor was tevreden over mijn eerste weken.

TAKEN

Ik deed veel verschillende taken.

1. Onthaal

2. Rondleiding

Daarna begon het werk pas echt.

Conclusie

Ik heb veel geleerd.
"""


# --- plain text ----------------------------------------------------------------------------------------------------


def test_text_paragraphs_are_separated_by_blank_lines_and_keep_their_first_line(tmp_path: Path) -> None:
    document = read(tmp_path, "Eerste alinea,\nover twee regels.\n\n\n  \nTweede alinea.\n")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "Eerste alinea, over twee regels.", 1), (BlockKind.PARAGRAPH, "Tweede alinea.", 6)]
    assert document.format == "text"
    assert document.pages is None and document.pages_source is None
    assert document.layout == Layout()  # a text file cannot tell title page, contents, page numbers, header or footer
    assert all(b.page is None for b in document.blocks)


def test_text_headings_numbered_caps_and_title_like_before_running_text(tmp_path: Path) -> None:
    document = read(tmp_path, TM_OM_TEXT)
    assert headings(document) == [
        ("Inhoudstafel", 1, HeadingSource.TEXT),
        ("1. INLEIDING", 1, HeadingSource.NUMBERED),
        ("1.1 Het bedrijf", 2, HeadingSource.NUMBERED),
        ("2. Tussentijdse evaluatie", 1, HeadingSource.NUMBERED),
        ("TAKEN", 1, HeadingSource.CAPS),
        ("Conclusie", 1, HeadingSource.TEXT),
    ]
    lines = {b.text: b.line for b in document.blocks}
    assert lines["2. Tussentijdse evaluatie"] == 19
    assert lines["Ik liep stage in een bedrijf in Mechelen. Het was een leerrijke periode."] == 12


def test_text_parts_title_page_contents_body(tmp_path: Path) -> None:
    document = read(tmp_path, TM_OM_TEXT)
    parts = {b.text: (b.kind, b.part) for b in document.blocks}
    assert parts["Stageverslag"] == (BlockKind.PARAGRAPH, Part.TITLE_PAGE)
    assert parts["Jana Peeters"] == (BlockKind.PARAGRAPH, Part.TITLE_PAGE)
    assert parts["1. Inleiding ........ 3"] == (BlockKind.TOC, Part.TOC)
    assert parts["2. Tussentijdse evaluatie ..... 4"] == (BlockKind.TOC, Part.TOC)
    assert parts["1. INLEIDING"] == (BlockKind.HEADING, Part.BODY)


def test_text_contents_end_where_running_text_starts(tmp_path: Path) -> None:
    document = read(tmp_path, "Inhoud\n\nInleiding ........ 2\nSlot ........ 3\n\nIk liep stage in Mechelen, bij een bank.\n")
    assert [(b.kind, b.part) for b in document.blocks] == [
        (BlockKind.HEADING, Part.TOC), (BlockKind.TOC, Part.TOC), (BlockKind.TOC, Part.TOC),
        (BlockKind.PARAGRAPH, Part.BODY)]


def test_text_a_sentence_is_never_a_heading(tmp_path: Path) -> None:
    document = read(tmp_path, "Inleiding\n\nIk heb veel geleerd.\n\nIk heb veel geleerd.\n\nEen slotzin die langer is.\n")
    assert headings(document) == [("Inleiding", 1, HeadingSource.TEXT)]
    assert [b.kind for b in document.blocks if b.text == "Ik heb veel geleerd."] == [BlockKind.PARAGRAPH] * 2


def test_text_sentence_in_capitals_or_numbered_is_not_a_heading(tmp_path: Path) -> None:
    document = read(tmp_path, "IK HEB VEEL GELEERD.\n\nDat was fijn, echt waar.\n\n2. Ik heb veel geleerd.\n\nDat ook.\n")
    assert document.headings == []


def test_text_numbered_list_between_blank_lines_is_not_a_heading(tmp_path: Path) -> None:
    document = read(tmp_path, TM_OM_TEXT)
    assert {b.text: b.kind for b in document.blocks}["1. Onthaal"] is BlockKind.PARAGRAPH
    assert {b.text: b.kind for b in document.blocks}["2. Rondleiding"] is BlockKind.PARAGRAPH


def test_text_title_lines_before_a_heading_are_not_headings(tmp_path: Path) -> None:
    document = read(tmp_path, "Stageverslag\n\nJana Peeters\n\nInleiding\n\nIk liep stage in Mechelen, bij een bank.\n")
    assert headings(document) == [("Inleiding", 1, HeadingSource.TEXT)]


def test_text_bullets_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    document = read(tmp_path, "Mijn taken waren:\n- de post\n- het archief\n  en de planning\n")
    assert [(b.text, b.line) for b in document.blocks] == [
        ("Mijn taken waren:", 1), ("- de post", 2), ("- het archief en de planning", 3)]


def test_text_windows_and_old_mac_line_ends_count_as_one_line_each(tmp_path: Path) -> None:
    document = read(tmp_path, b"Inleiding\r\n\r\nEen alinea die\r\nverder loopt.\r\rSlot.\r")
    assert [(b.text, b.line) for b in document.blocks] == [
        ("Inleiding", 1), ("Een alinea die verder loopt.", 3), ("Slot.", 6)]


def test_text_bom_is_allowed_and_not_part_of_the_text(tmp_path: Path) -> None:
    document = read(tmp_path, b"\xef\xbb\xbfInleiding\n\nIk liep stage.\n")
    assert [b.text for b in document.blocks] == ["Inleiding", "Ik liep stage."]
    assert document.blocks[0].heading_source is HeadingSource.TEXT


def test_text_not_utf8_names_the_byte_offset_and_line(tmp_path: Path) -> None:
    e = error(tmp_path, "Inleiding\n\nIk liep stage in een café.\n".encode("cp1252"))
    assert e.key == "read.text.encoding" and e.exit_code == 1
    offset = len(b"Inleiding\n\nIk liep stage in een caf")
    assert e.values == {"offset": offset, "value": "0xE9", "line": 3}
    assert f"positie {offset}" in e.message("nl") and "regel 3" in e.message("nl")
    assert f"offset {offset}" in e.message("en")


def test_text_offset_counts_the_bom(tmp_path: Path) -> None:
    e = error(tmp_path, b"\xef\xbb\xbfab\xff")
    assert e.values["offset"] == 5 and e.values["line"] == 1


def test_text_utf16_is_refused_with_a_hint(tmp_path: Path) -> None:
    e = error(tmp_path, "Inleiding".encode("utf-16"))
    assert e.key == "read.text.utf16" and e.exit_code == 1


@pytest.mark.parametrize("content", ["", "   \n\n\t\n", "\ufeff\n"])
def test_text_empty_or_blank_is_an_empty_document(tmp_path: Path, content: str) -> None:
    e = error(tmp_path, content)
    assert e.key == "read.text.empty" and e.exit_code == 1
    assert e.message("nl") == "het document is leeg"


def test_text_missing_file_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        read_text(tmp_path / "weg.txt")
    assert caught.value.key == "read.text.unreadable" and caught.value.exit_code == 2


# --- Markdown ------------------------------------------------------------------------------------------------------

MARKDOWN = """\
---
title: Stageverslag
---
# 1. Inleiding

Ik liep stage bij een **klein** bedrijf in _Mechelen_, zie [de site](https://example.be).
Een tweede regel met snake_case, `code` en 2*3*4.

## Mijn taken ##
- eerste taak
* tweede __taak__

Tussentijdse evaluatie
----------------------

Mijn mentor was *tevreden*.

Conclusie
=========

| Week | Taak |
|------|------|
| 1 | **Onthaal** |

<!-- nota
voor mezelf -->
Slot \\*niet vet\\*.

---

```
code **blijft**
```
"""


def test_markdown_atx_and_setext_headings_with_levels(tmp_path: Path) -> None:
    document = read(tmp_path, MARKDOWN, "verslag.md")
    assert document.format == "markdown"
    assert headings(document) == [
        ("1. Inleiding", 1, HeadingSource.MARKDOWN),
        ("Mijn taken", 2, HeadingSource.MARKDOWN),
        ("Tussentijdse evaluatie", 2, HeadingSource.MARKDOWN),
        ("Conclusie", 1, HeadingSource.MARKDOWN),
    ]
    assert [b.line for b in document.headings] == [4, 9, 13, 18]


def test_markdown_emphasis_links_and_code_markers_are_stripped(tmp_path: Path) -> None:
    document = read(tmp_path, MARKDOWN, "verslag.md")
    paragraph = next(b for b in document.blocks if b.text.startswith("Ik liep"))
    assert paragraph.text == ("Ik liep stage bij een klein bedrijf in Mechelen, zie de site. "
                              "Een tweede regel met snake_case, code en 2*3*4.")
    assert paragraph.line == 6
    # offsets point into the shown text: 'klein' is where a reader sees it
    assert paragraph.text[paragraph.text.index("klein"):][:5] == "klein"
    texts = [b.text for b in document.blocks]
    assert "Mijn mentor was tevreden." in texts
    assert "Slot *niet vet*." in texts  # escaped markers are text
    assert "code **blijft**" in texts  # code is kept as written


def test_markdown_list_items_table_cells_and_what_is_not_text(tmp_path: Path) -> None:
    document = read(tmp_path, MARKDOWN, "verslag.md")
    assert [(b.text, b.line) for b in document.blocks if b.text.endswith("taak")] == [
        ("eerste taak", 10), ("tweede taak", 11)]
    cells = [(b.table, b.text) for b in document.of_kind(BlockKind.TABLE_CELL)]
    assert cells == [((0, 0, 0), "Week"), ((0, 0, 1), "Taak"), ((0, 1, 0), "1"), ((0, 1, 1), "Onthaal")]
    texts = " ".join(b.text for b in document.blocks)
    assert "title:" not in texts and "nota" not in texts and "---" not in texts


def test_markdown_sentence_after_heading_is_a_paragraph(tmp_path: Path) -> None:
    document = read(tmp_path, "# Conclusie\n\nIk heb veel geleerd.\n", "verslag.markdown")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        (BlockKind.HEADING, "Conclusie", 1), (BlockKind.PARAGRAPH, "Ik heb veel geleerd.", 3)]


def test_markdown_plain_short_lines_need_markup_to_be_headings(tmp_path: Path) -> None:
    document = read(tmp_path, "Inleiding\n\nIk liep stage in Mechelen.\n", "verslag.md")
    assert document.headings == []


def test_markdown_only_front_matter_is_empty(tmp_path: Path) -> None:
    assert error(tmp_path, "---\ntitle: x\n---\n\n", "verslag.md").key == "read.text.empty"


@pytest.mark.parametrize(("markup", "shown"), [
    ("**vet** en *schuin*", "vet en schuin"),
    ("__vet__ en _schuin_", "vet en schuin"),
    ("snake_case_name en 3*4*5", "snake_case_name en 3*4*5"),
    ("![logo](logo.png) [site](https://x.be) <https://x.be>", " site https://x.be"),
    ("~~weg~~ \\_letterlijk\\_", "weg _letterlijk_"),
])
def test_strip_inline(markup: str, shown: str) -> None:
    assert strip_inline(markup) == shown


MARKDOWN_CODE = """# Installatie

Ik voer `kubectl get pods` uit en kijk naar `__init__` en `snake_case_naam`.

    apiVersion: v1
    kind: Pod

```yaml
key: **value**
```

- [x] eerste taak met `ansible`
- tweede taak

    vervolg van de tweede taak

| Commando | Uitleg |
|---|---|
| `ls -la` | toont bestanden |

![schermafdruk van de cluster](img/cluster.png)
"""


def test_markdown_code_blocks_and_inline_code_are_marked(tmp_path: Path) -> None:
    document = read(tmp_path, MARKDOWN_CODE, "verslag.md")
    blocks = {b.text: b for b in document.blocks}
    prose = blocks["Ik voer kubectl get pods uit en kijk naar __init__ en snake_case_naam."]
    assert not prose.code and [prose.text[a:b] for a, b in prose.code_spans] == [
        "kubectl get pods", "__init__", "snake_case_naam"]  # code is shown as written, no emphasis inside it
    assert blocks["apiVersion: v1 kind: Pod"].code  # indented code
    assert blocks["key: **value**"].code  # fenced code
    item = blocks["eerste taak met ansible"]  # a task list's box is not text
    assert item.list_item and [item.text[a:b] for a, b in item.code_spans] == ["ansible"]
    assert blocks["tweede taak"].list_item
    assert not blocks["vervolg van de tweede taak"].code  # indented after a list item: the item goes on
    cell = blocks["ls -la"]
    assert cell.kind is BlockKind.TABLE_CELL and cell.code_spans == ((0, 6),)
    assert not any("schermafdruk" in b.text for b in document.blocks)  # an image's alternative text is not text
