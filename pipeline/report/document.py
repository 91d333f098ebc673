"""The one document model every report reader produces and every report check reads.

DOCX, PDF and plain-text/Markdown readers all turn a report into a ``Document``: a list of located ``Block``s
(headings, paragraphs, table cells, headers/footers, table-of-contents lines) plus the few lay-out facts only the
reader can see (a TOC field, a PAGE field, a title page). Checks never import python-docx or pypdf.

Code is marked where the reader sees it: a whole block (``code``: a Markdown fence or indented code, a DOCX
paragraph in a code style or a monospace font, PDF lines in a monospace font) and inline code inside a block
(``code_spans``: Markdown backticks, monospace runs). The language check skips it; other checks may use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

from pipeline.findings import Finding, Location
from pipeline.messages import Message, msg


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE_CELL = "table-cell"
    HEADER = "header"
    FOOTER = "footer"
    TOC = "toc"  # a line of a table of contents
    FOOTNOTE = "footnote"  # a paragraph of a footnote
    ENDNOTE = "endnote"  # a paragraph of an endnote
    COMMENT = "comment"  # a paragraph of a reviewer's comment (Word's margin balloons, a PDF's sticky notes)
    METADATA = "metadata"  # a value the file stores but does not show: author, company, an image's file path


class Part(StrEnum):
    """Which part of the report a block belongs to; programs say which parts count toward the length."""

    TITLE_PAGE = "title-page"
    TOC = "toc"
    BODY = "body"
    APPENDIX = "appendix"
    HEADERS_FOOTERS = "headers-footers"
    TABLES = "tables"
    FOOTNOTES = "footnotes"
    ENDNOTES = "endnotes"
    COMMENTS = "comments"  # checked for anonymity, never counted in the length nor checked for language
    METADATA = "metadata"  # the same


# outside the text's flow: the reader places them after the body, headers and footers, with their own part
NOTE_PARTS = {BlockKind.FOOTNOTE: Part.FOOTNOTES, BlockKind.ENDNOTE: Part.ENDNOTES, BlockKind.COMMENT: Part.COMMENTS,
              BlockKind.METADATA: Part.METADATA}
NEVER_COUNTED = frozenset({Part.COMMENTS, Part.METADATA})


class Container(StrEnum):
    """What holds a block inside the text's flow, when it is not the page itself: the block keeps the part where it
    is anchored (a cover page of text boxes is the title page), the container says where a student finds it."""

    TEXT_BOX = "text-box"  # a DOCX text box (DrawingML or VML, also in a group of shapes)
    CONTENT_CONTROL = "content-control"  # a DOCX content control ('Auteur', 'Titel' on a cover page)
    DIAGRAM = "diagram"  # the text of a SmartArt diagram


# what a METADATA block's ``label`` names
METADATA_FIELDS = ("creator", "last-modified-by", "manager", "company", "title", "subject", "keywords", "description",
                   "category", "custom", "comment-author", "revision-author", "deleted-text", "image", "pdf-author",
                   "pdf-creator", "pdf-title", "pdf-subject", "pdf-keywords", "xmp-creator", "xmp-title")


class HeadingSource(StrEnum):
    """How a reader recognised a heading (the heading-consistency check compares these)."""

    STYLE = "style"  # a built-in or custom heading style: "Heading 1", "Kop 1", "Titre 1", "Title"
    OUTLINE = "outline"  # an outline level set directly on the paragraph
    NUMBERED = "numbered"  # "2. Tussentijdse evaluatie" in a short paragraph
    CAPS = "caps"  # an all-caps short paragraph
    BOLD = "bold"  # a bold-only short paragraph
    PDF_OUTLINE = "pdf-outline"  # a bookmark of the PDF
    FONT = "font"  # a PDF line in a larger or bold font
    MARKDOWN = "markdown"  # "# Inleiding" or an underlined line
    TEXT = "text"  # a short line standing alone in plain text


@dataclass(frozen=True)
class Block:
    """A located piece of text. ``index`` is its place in reading order (a Finding's ``paragraph``)."""

    index: int
    kind: BlockKind
    text: str
    page: int | None = None  # 1-based, when the reader knows it
    level: int | None = None  # heading level, 1 = top
    style: str | None = None  # the style name in the file, as the author sees it
    heading_source: HeadingSource | None = None
    part: Part = Part.BODY
    table: tuple[int, int, int] | None = None  # (table, row, cell), 0-based, for table cells
    line: int | None = None  # 1-based line in a plain-text file
    code: bool = False  # the whole block is code: a listing, a command, configuration
    code_spans: tuple[tuple[int, int], ...] = ()  # (start, end) of inline code inside ``text``, in order
    list_item: bool = False  # an item of a bulleted or numbered list (not necessarily a sentence)
    container: Container | None = None  # a text box, content control or diagram holding the block
    label: str | None = None  # a content control's title, a comment's author, a METADATA block's field (above)
    number: int | None = None  # a footnote's or endnote's number as printed, a comment's or image's number
    anchor: int | None = None  # the index of the block a note, comment or image belongs to (its page is that one's)

    @property
    def is_heading(self) -> bool:
        return self.kind is BlockKind.HEADING

    def location(self, file: str | None = None, offset: int | None = None, length: int | None = None) -> Location:
        """A Finding location pointing into this block (offset/length inside ``text``)."""
        return Location(file=file, page=self.page, paragraph=self.index, line=self.line, offset=offset,
                        length=length, where=self.where())

    def where(self) -> Message | None:
        """What holds the block, for a student looking for it: 'tekstvak', 'invulveld ‘Auteur’', 'voetnoot 3',
        'opmerking van Koen', 'documenteigenschap ‘Auteur’', 'afbeelding 2'; None for plain text on a page."""
        return place_of(self)


@dataclass(frozen=True)
class Layout:
    """What only the reader can see of the lay-out. ``None`` means: this format cannot tell."""

    title_page: bool | None = None  # a distinct first page (title, name, no body text)
    toc: bool | None = None  # a table of contents (a TOC field, or a contents page in a PDF)
    page_numbers: bool | None = None  # a PAGE field in a header/footer, or numbers printed on the pages
    header: bool | None = None  # a non-empty page header
    footer: bool | None = None  # a non-empty page footer


@dataclass
class Document:
    """A report as checks see it."""

    path: str
    format: str  # docx | pdf | text | markdown
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    pages_source: str | None = None  # pdf | libreoffice | docx-metadata (an estimate) | None
    layout: Layout = field(default_factory=Layout)
    notices: list[Finding] = field(default_factory=list)  # what the reader wants the student to know

    def of_kind(self, *kinds: BlockKind) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind in kinds)

    def in_parts(self, parts: Iterable[Part | str]) -> Iterator[Block]:
        wanted = {Part(p) for p in parts}
        return (b for b in self.blocks if b.part in wanted)

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.HEADING]

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.part in (Part.BODY, Part.APPENDIX))


_FIELD_NAMES = {
    "creator": msg("place.field.creator"), "last-modified-by": msg("place.field.last-modified-by"),
    "manager": msg("place.field.manager"), "company": msg("place.field.company"), "title": msg("place.field.title"),
    "subject": msg("place.field.subject"), "keywords": msg("place.field.keywords"),
    "description": msg("place.field.description"), "category": msg("place.field.category"),
    "custom": msg("place.field.custom"), "comment-author": msg("place.field.comment-author"),
    "revision-author": msg("place.field.revision-author"), "deleted-text": msg("place.field.deleted-text"),
    "image": msg("place.field.image"),
    "pdf-author": msg("place.field.pdf-author"), "pdf-creator": msg("place.field.pdf-creator"),
    "pdf-title": msg("place.field.pdf-title"), "pdf-subject": msg("place.field.pdf-subject"),
    "pdf-keywords": msg("place.field.pdf-keywords"), "xmp-creator": msg("place.field.xmp-creator"),
    "xmp-title": msg("place.field.xmp-title")}
_NOTES = {BlockKind.FOOTNOTE: (msg("place.footnote"), msg("place.footnote.unreferenced")),
          BlockKind.ENDNOTE: (msg("place.endnote"), msg("place.endnote.unreferenced"))}


def field_name(label: str) -> Message | str:
    """How a student calls a stored field ('Auteur', 'Laatst gewijzigd door'); a custom property by its name."""
    if label.startswith("custom:"):
        return label.split(":", 1)[1]
    return _FIELD_NAMES.get(label, label)


def place_of(block: Block) -> Message | None:
    """See Block.where (the page is the location's own field, so it is not said here)."""
    if block.kind in _NOTES:
        numbered, loose = _NOTES[block.kind]
        return numbered.with_values(number=block.number) if block.number is not None else loose
    if block.kind is BlockKind.COMMENT:
        return msg("place.comment", author=block.label) if block.label else msg("place.comment.anonymous")
    if block.kind is BlockKind.METADATA:
        label = block.label or ""
        if label == "image":
            return msg("place.image", number=block.number or "")
        if label.startswith("custom:"):
            return msg("place.custom-property", name=label.split(":", 1)[1])
        return msg("place.property", field=_FIELD_NAMES.get(label, label))
    if block.container is Container.TEXT_BOX:
        return msg("place.text-box.control", title=block.label) if block.label else msg("place.text-box")
    if block.container is Container.CONTENT_CONTROL:
        return msg("place.control", title=block.label) if block.label else msg("place.control.untitled")
    if block.container is Container.DIAGRAM:
        return msg("place.diagram")
    return None


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans sorted, empty ones dropped, overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def renumber(blocks: Iterable[Block]) -> list[Block]:
    """Blocks with ``index`` set to their position (readers build lists, then number them once)."""
    return [b if b.index == i else replace(b, index=i) for i, b in enumerate(blocks)]
