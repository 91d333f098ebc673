"""What a PDF stores besides the text on its pages: the document information (/Author, /Creator, /Title, /Subject,
/Keywords), the XMP metadata (dc:creator, dc:title) and the comments a reader shows in its margin (annotations with
their author).

The XMP packet is XML: it is read like every XML part of a DOCX (pipeline.report.readers.hidden.parse_part: bounded,
DTD refused, no entities), never with pypdf's own XMP parser.
"""

from __future__ import annotations

from typing import Any

from pypdf import PdfReader
from pypdf.constants import AnnotationDictionaryAttributes as Annotation
from pypdf.constants import CatalogAttributes, PageAttributes, TrailerKeys

from pipeline.report.document import Block, BlockKind, Part
from pipeline.report.readers.hidden import MAX_VALUES, parse_part

MAX_XMP_BYTES = 4 * 1024**2
_INFO = {"/Author": "pdf-author", "/Creator": "pdf-creator", "/Title": "pdf-title", "/Subject": "pdf-subject",
         "/Keywords": "pdf-keywords"}
_DC = "http://purl.org/dc/elements/1.1/"
_RDF_LI = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
_XMP = {f"{{{_DC}}}creator": "xmp-creator", f"{{{_DC}}}title": "xmp-title"}
_AUTHOR = "/T"  # a markup annotation's author (PDF 32000-1, 12.5.6.2); pypdf names no constant for it
_COMMENTS = ("/Text", "/FreeText", "/Highlight", "/Underline", "/StrikeOut", "/Squiggly", "/Caret", "/Ink",
             "/Square", "/Circle", "/Polygon", "/PolyLine", "/Line", "/Stamp", "/FileAttachment", "/Sound")


def _text(value: Any) -> str:
    try:
        return " ".join(str(value).split())
    except Exception:  # a malformed string object: nothing to read
        return ""


def _metadata(label: str, text: str, page: int | None = None) -> Block:
    return Block(index=0, kind=BlockKind.METADATA, text=text, part=Part.METADATA, label=label, page=page)


def info_blocks(reader: PdfReader) -> list[Block]:
    info = reader.metadata
    if info is None:
        return []
    out = []
    for key, label in _INFO.items():
        value = _text(info.get(key, "")) if key in info else ""
        if value:
            out.append(_metadata(label, value))
    return out


def xmp_blocks(reader: PdfReader) -> list[Block]:
    root = reader.trailer.get(TrailerKeys.ROOT)
    stream = root.get_object().get(CatalogAttributes.METADATA) if root is not None else None
    if stream is None:
        return []
    data = stream.get_object().get_data()
    if not isinstance(data, bytes) or len(data) > MAX_XMP_BYTES:
        return []
    xml = parse_part("XMP metadata", data.strip(b"\x00 \r\n\t"))
    if xml is None:
        return []
    out = []
    for tag, label in _XMP.items():
        for element in xml.iter(tag):
            values = [_text("".join(str(t) for t in li.itertext())) for li in element.iter(_RDF_LI)] or \
                [_text("".join(str(t) for t in element.itertext()))]
            out += [_metadata(label, v) for v in dict.fromkeys(values) if v]
    return out


def annotation_blocks(reader: PdfReader) -> list[Block]:
    """Comments (sticky notes, highlights with a note, ...) with their author, on their page; then the authors."""
    comments: list[Block] = []
    authors: set[str] = set()
    for number, page in enumerate(reader.pages, start=1):
        annotations = page.get(PageAttributes.ANNOTS)
        for ref in (annotations.get_object() if annotations is not None else None) or ():
            if len(comments) >= MAX_VALUES:
                break
            annotation = ref.get_object()
            if not hasattr(annotation, "get") or annotation.get(Annotation.Subtype) not in _COMMENTS:
                continue
            author, text = _text(annotation.get(_AUTHOR, "")), _text(annotation.get(Annotation.Contents, ""))
            if author:
                authors.add(author)
            if text:
                comments.append(Block(index=0, kind=BlockKind.COMMENT, text=text, part=Part.COMMENTS, page=number,
                                      label=author or None, number=len(comments) + 1))
    return [*comments, *(_metadata("comment-author", a) for a in sorted(authors))]


def hidden_blocks(reader: PdfReader) -> list[Block]:
    """Comments, then the stored values. A part that cannot be read (damaged, or XMP with a DTD, which is refused
    unparsed) gives nothing: the pages are what the report is judged on."""
    out: list[Block] = []
    for read in (annotation_blocks, info_blocks, xmp_blocks):
        try:
            out += read(reader)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - a damaged annotation or metadata object is no reason to refuse the report
            continue
    return out
