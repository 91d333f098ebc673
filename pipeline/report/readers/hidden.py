"""What a DOCX stores besides the text on its pages: document properties, the authors of comments and tracked
changes, text deleted with Track Changes on, the names and descriptions of images, the text of SmartArt diagrams.

Every part read here is parsed the same safe way (``parse_part``): bounded in size, a DTD or entity declaration
refused before any parser sees it, no network, no entity expansion. The core properties are read from their own
part, never through python-docx's ``core_properties``, which invents a title and author when the part is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.report.document import Block, BlockKind, Part
from pipeline.report.readers import safety

MAX_PART_BYTES = 32 * 1024**2
MAX_VALUES = 200  # images, authors: a hostile file may hold thousands; a report a few dozen
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
_MC_FALLBACK = f"{{{_NS['mc']}}}Fallback"
_TXBX = f"{{{_NS['w']}}}txbxContent"
_DOC_PR = (f"{{{_NS['wp']}}}docPr", f"{{{_NS['pic']}}}cNvPr")
_VML_IMAGE = f"{{{_NS['v']}}}imagedata"
_O_TITLE = f"{{{_NS['o']}}}title"
_DGM_REL_IDS = f"{{{_NS['dgm']}}}relIds"
_R_DM = f"{{{_NS['r']}}}dm"
_REVISIONS = tuple(f"{{{_NS['w']}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
                                                   "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange"))
_W_AUTHOR = f"{{{_NS['w']}}}author"
# the names Word and LibreOffice give a shape themselves: 'Afbeelding 3', 'Picture 2', 'Tekstvak 5', 'Groep 12'
_GENERIC_NAME = re.compile(
    r"^(?:afbeelding|picture|image|graphic|grafisch element|graphique|bild|tekstvak|text ?box|zone de texte|"
    r"textfeld|groep|group|groupe|gruppieren|rechthoek|rectangle|rechteck|vorm|shape|forme|ovaal|oval|ellipse|"
    r"diagram|chart|grafiek|object|objet|objekt|rechte verbindingslijn|straight connector|connector|lijn|line|"
    r"freeform|vrije vorm|canvas|tekenpapier|drawing|smartart|inkt|ink|content placeholder|tijdelijke aanduiding)"
    r"[\s_-]*\d*$", re.IGNORECASE)
# core.xml (Dublin Core and OPC names) and app.xml elements -> the METADATA field they are
_CORE_FIELDS = {"creator": "creator", "lastModifiedBy": "last-modified-by", "title": "title", "subject": "subject",
                "keywords": "keywords", "description": "description", "category": "category"}
_APP_FIELDS = {"Company": "company", "Manager": "manager"}


@dataclass(frozen=True)
class NoteRef:
    """A reference in the text to a footnote, endnote or comment (by its id in its part)."""

    kind: BlockKind
    id: str


@dataclass(frozen=True)
class Image:
    """A drawing or picture anchored in the text: what it is called and described as in the file."""

    values: tuple[str, ...]  # its informative name, description and title, each once
    diagrams: tuple[str, ...] = field(default=())  # relationship ids of SmartArt data parts it shows


def parse_part(name: str, data: bytes) -> etree._Element | None:
    """An XML part, parsed safely; None when it is too large or not XML. A DTD is refused (ReportError), as for
    every XML part of the zip (pipeline.report.readers.safety)."""
    if len(data) > MAX_PART_BYTES:
        return None
    safety.refuse_dtd(name, data)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _walk(element: etree._Element) -> Iterator[etree._Element]:
    """The element and its descendants, without the VML fallback copy of a drawing and without the content of text
    boxes (their paragraphs are read, with their own drawings, as text)."""
    stack = [element]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in (_MC_FALLBACK, _TXBX):
            continue
        yield node
        stack.extend(reversed(node))


def _informative(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value or _GENERIC_NAME.match(value):
        return None
    return value


def image_of(element: etree._Element) -> Image | None:
    """The drawing or VML picture ``element`` (a run's child) as an Image; None when it holds none."""
    values: list[str] = []
    diagrams: list[str] = []
    found = False
    for node in _walk(element):
        if node.tag in _DOC_PR:
            found = True
            values += [v for v in (_informative(node.get(a)) for a in ("name", "descr", "title")) if v]
        elif node.tag == _VML_IMAGE:
            found = True
            values += [v for v in (_informative(node.get(_O_TITLE)),) if v]
        elif node.tag == _DGM_REL_IDS and node.get(_R_DM):
            diagrams.append(node.get(_R_DM) or "")
    if not found and not diagrams:
        return None
    return Image(tuple(dict.fromkeys(values)), tuple(diagrams))


_NAME = "name"  # a custom property's name
_TYPE = "type"  # a diagram point's kind: node, asst (assistant), or a connector's kind


def diagram_texts(root: etree._Element | None) -> list[str]:
    """The text of each node of a SmartArt diagram's data part, in the data's order (connectors carry none)."""
    if root is None:
        return []
    out = []
    for point in root.iter(f"{{{_NS['dgm']}}}pt"):
        if point.get(_TYPE) not in (None, "node", "asst"):
            continue
        body = point.find(f"{{{_NS['dgm']}}}t")
        if body is None:
            continue
        lines = ["".join(t.text or "" for t in p.iter(f"{{{_NS['a']}}}t")) for p in body.iter(f"{{{_NS['a']}}}p")]
        text = "\n".join(line for line in lines if line.strip())
        if text.strip():
            out.append(text.strip())
    return out[:MAX_VALUES * 10]


def authors_of_revisions(*roots: etree._Element) -> set[str]:
    """Who made the tracked changes (insertions, deletions, format changes) still stored in these parts."""
    authors: set[str] = set()
    for root in roots:
        for node in root.iter(*_REVISIONS):
            author = (node.get(_W_AUTHOR) or "").strip()
            if author:
                authors.add(author)
                if len(authors) >= MAX_VALUES:
                    return authors
    return authors


def deleted_texts(*roots: etree._Element) -> list[str]:
    """The text of each tracked deletion still stored in these parts (Word shows it struck through in the margin or
    the text while the change is not accepted)."""
    out: list[str] = []
    for root in roots:
        for deletion in root.iter(f"{{{_NS['w']}}}del", f"{{{_NS['w']}}}moveFrom"):
            text = "".join(t.text or "" for t in deletion.iter(f"{{{_NS['w']}}}delText", f"{{{_NS['w']}}}t"))
            if text.strip():
                out.append(" ".join(text.split()))
            if len(out) >= MAX_VALUES:
                return out
    return out


def _package_part(package: Any, relationship: str) -> etree._Element | None:
    try:
        part = package.part_related_by(relationship)
    except KeyError:
        return None
    return parse_part(str(part.partname), part.blob)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


def properties(package: Any) -> list[tuple[str, str]]:
    """(field, value) of the document properties: core.xml, app.xml's company and manager, custom properties
    ('custom:<name>')."""
    out: list[tuple[str, str]] = []
    core = _package_part(package, RT.CORE_PROPERTIES)
    for element in core if core is not None else ():
        name = _CORE_FIELDS.get(_local(element))
        if name and _text(element):
            out.append((name, _text(element)))
    app = _package_part(package, RT.EXTENDED_PROPERTIES)
    for element in app if app is not None else ():
        name = _APP_FIELDS.get(_local(element))
        if name and _text(element):
            out.append((name, _text(element)))
    custom = _package_part(package, RT.CUSTOM_PROPERTIES)
    for element in list(custom if custom is not None else ())[:MAX_VALUES]:
        value = _text(element)
        if _local(element) == "property" and value and not re.fullmatch(r"[\d\s.,:TZ+-]*|true|false", value):
            out.append((f"custom:{element.get(_NAME) or ''}", value))
    return out


def _block(text: str, label: str, *, number: int | None = None, page: int | None = None,
           anchor: int | None = None) -> Block:
    return Block(index=0, kind=BlockKind.METADATA, text=text, part=Part.METADATA, label=label, number=number,
                 page=page, anchor=anchor)


def metadata_blocks(package: Any, comment_authors: Iterable[str], revision_authors: Iterable[str],
                    images: Iterable[tuple[Image, int | None, int | None]], deleted: Iterable[str] = ()) -> list[Block]:
    """One METADATA block per stored value: each property, each author of comments or tracked changes, each image
    whose name, description or title says more than 'Afbeelding 3' (``images``: image, anchor block, page)."""
    blocks = [_block(value, name) for name, value in properties(package)]
    blocks += [_block(author, "comment-author") for author in sorted(comment_authors)[:MAX_VALUES]]
    blocks += [_block(author, "revision-author") for author in sorted(revision_authors)[:MAX_VALUES]]
    blocks += [_block(text, "deleted-text") for text in deleted]
    described = [(image, anchor, page) for image, anchor, page in images if image.values][:MAX_VALUES]
    for number, (image, anchor, page) in enumerate(described, start=1):
        blocks.append(_block("\n".join(image.values), "image", number=number, page=page, anchor=anchor))
    return blocks
