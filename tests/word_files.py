"""DOCX files with what Word writes besides plain paragraphs: cover pages of text boxes and content controls (as
Word's own cover-page building blocks write them: a 'Cover Pages' control around anchored DrawingML text boxes with
a VML fallback copy, VML-only text boxes as older templates have, grouped shapes), footnotes, endnotes, comments,
SmartArt, images with a file path in their description, and document properties (core, app, custom).

Made with python-docx and the XML Word writes (no Word here); LibreOffice opens and lays them out. The tests of the
reader and the anonymity check and ``bench.anonymity_hidden`` use them.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:w10="urn:schemas-microsoft-com:office:word" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"')
CORE_XPATH = {"Auteur": "/ns1:coreProperties[1]/ns0:creator[1]", "Titel": "/ns1:coreProperties[1]/ns0:title[1]",
              "Onderwerp": "/ns1:coreProperties[1]/ns0:subject[1]"}
CORE_PREFIXES = ("xmlns:ns0='http://purl.org/dc/elements/1.1/' "
                 "xmlns:ns1='http://schemas.openxmlformats.org/package/2006/metadata/core-properties'")
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ids = iter(range(1000, 1_000_000))


def _id() -> int:
    return next(_ids)


# --- content of text boxes


@dataclass(frozen=True)
class Line:
    """A line of a cover page: plain text, or the text of a content control titled ``control``."""

    text: str
    control: str | None = None
    bold: bool = False


def _run(text: str, *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def control_run(text: str, title: str) -> str:
    """A run-level content control (w:sdt) as Word's cover pages have: a title, a tag, bound to a core property when
    its title is one Word binds ('Auteur', 'Titel')."""
    binding = ""
    if title in CORE_XPATH:
        binding = (f'<w:dataBinding w:prefixMappings="{CORE_PREFIXES}" w:xpath="{CORE_XPATH[title]}" '
                   'w:storeItemID="{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"/>')
    return (f'<w:sdt><w:sdtPr><w:alias w:val={quoteattr(title)}/><w:tag w:val={quoteattr(title)}/>'
            f'<w:id w:val="{_id()}"/>{binding}<w:text/></w:sdtPr><w:sdtContent>{_run(text)}</w:sdtContent></w:sdt>')


def _paragraph(line: Line) -> str:
    inner = control_run(line.text, line.control) if line.control else _run(line.text, bold=line.bold)
    return f"<w:p>{inner}</w:p>"


def _content(lines: Sequence[Line]) -> str:
    return "<w:txbxContent>" + "".join(_paragraph(line) for line in lines) + "</w:txbxContent>"


def _anchor(inner: str, name: str, *, y_cm: float, uri: str, height_cm: float = 3.0) -> str:
    emu = int(y_cm * 360000)
    shape_id = _id()
    return (f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{shape_id}" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="page"><wp:posOffset>900000</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="page"><wp:posOffset>{emu}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="5400000" cy="{int(height_cm * 360000)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:wrapNone/><wp:docPr id="{shape_id}" name={quoteattr(name)}/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{uri}">{inner}</a:graphicData></a:graphic></wp:anchor>')


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"


def _wsp(lines: Sequence[Line], *, y_emu: int = 0) -> str:
    return (f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="{y_emu}"/>'
            '<a:ext cx="5400000" cy="1080000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
            f'</wps:spPr><wps:txbx>{_content(lines)}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" '
            'anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp>')


def _vml_shape(lines: Sequence[Line], *, top_pt: float) -> str:
    return (f'<v:shape id="Text Box {_id()}" o:spid="_x0000_s{_id()}" type="#_x0000_t202" '
            f'style="position:absolute;margin-left:70pt;margin-top:{top_pt}pt;width:425pt;height:85pt;'
            'z-index:251659264;mso-position-horizontal-relative:page;mso-position-vertical-relative:page" '
            f'filled="f" stroked="f"><v:textbox>{_content(lines)}</v:textbox></v:shape>')


def textbox_run(lines: Sequence[Line], *, kind: str = "drawingml", y_cm: float = 5.0) -> str:
    """A run holding a text box as Word writes it: ``drawingml`` (mc:AlternateContent: a DrawingML text box and its
    VML copy as the fallback), ``vml`` (a VML text box alone, as older templates), ``group`` (two text boxes in a
    group of shapes, with the VML group as the fallback; ``lines`` split between them)."""
    if kind == "vml":
        return f'<w:r><w:pict>{_vml_shape(lines, top_pt=y_cm * 28.35)}</w:pict></w:r>'
    if kind == "group":
        half = max(1, len(lines) // 2)
        first, second = lines[:half], lines[half:]
        group = (f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" '
                 'cy="2160000"/><a:chOff x="0" y="0"/><a:chExt cx="5400000" cy="2160000"/></a:xfrm></wpg:grpSpPr>'
                 f'{_wsp(first)}{_wsp(second, y_emu=1080000)}</wpg:wgp>')
        choice = _anchor(group, f"Groep {_id()}", y_cm=y_cm, uri=_WPG, height_cm=6.0)
        fallback = (f'<w:pict><v:group id="Group {_id()}" style="position:absolute;margin-left:70pt;'
                    f'margin-top:{y_cm * 28.35}pt;width:425pt;height:170pt;z-index:251660288" coordsize="5400,2160">'
                    f'{_vml_shape(first, top_pt=0)}{_vml_shape(second, top_pt=85)}</v:group></w:pict>')
    else:
        choice = _anchor(_wsp(lines), f"Tekstvak {_id()}", y_cm=y_cm, uri=_WPS)
        fallback = f'<w:pict>{_vml_shape(lines, top_pt=y_cm * 28.35)}</w:pict>'
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="{"wpg" if kind == "group" else "wps"}"><w:drawing>'
            f"{choice}</w:drawing></mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>")


def cover_page(doc: DocxDocument, boxes: Sequence[Sequence[Line]], *, kind: str = "drawingml",
               plain: Sequence[Line] = ()) -> None:
    """A cover page at the start of the document, as Word's Insert → Cover Page writes it: a block content control
    of the 'Cover Pages' gallery holding a paragraph with the anchored text boxes (and ``plain`` lines as block
    content controls or paragraphs), then a page break."""
    runs = "".join(textbox_run(lines, kind=kind, y_cm=4.0 + 7.0 * i) for i, lines in enumerate(boxes))
    paragraphs = "".join(
        f'<w:sdt><w:sdtPr><w:alias w:val={quoteattr(line.control)}/><w:id w:val="{_id()}"/></w:sdtPr>'
        f"<w:sdtContent>{_paragraph(Line(line.text))}</w:sdtContent></w:sdt>" if line.control else _paragraph(line)
        for line in plain)
    xml = (f'<w:sdt {NS}><w:sdtPr><w:id w:val="{_id()}"/><w:docPartObj><w:docPartGallery w:val="Cover Pages"/>'
           f"<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p>{runs}</w:p>{paragraphs}"
           '<w:p><w:r><w:br w:type="page"/></w:r></w:p></w:sdtContent></w:sdt>')
    doc.element.body.insert(0, parse_xml(xml))


def add_textbox(paragraph: Paragraph, lines: Sequence[Line], *, kind: str = "drawingml") -> None:
    """A text box anchored in ``paragraph`` (after its text)."""
    paragraph._p.append(parse_xml(textbox_run(lines, kind=kind).replace("<w:r>", f"<w:r {NS}>", 1)))


def add_block_control(doc: DocxDocument, title: str, text: str) -> None:
    """A block-level content control holding one paragraph ('Naam student: ...' in a school's template)."""
    doc.element.body.insert(len(doc.element.body) - 1, parse_xml(
        f'<w:sdt {NS}><w:sdtPr><w:alias w:val={quoteattr(title)}/><w:tag w:val={quoteattr(title)}/>'
        f'<w:id w:val="{_id()}"/></w:sdtPr><w:sdtContent>{_paragraph(Line(text))}</w:sdtContent></w:sdt>'))


def add_inline_control(paragraph: Paragraph, title: str, text: str) -> None:
    paragraph._p.append(parse_xml(control_run(text, title).replace("<w:sdt>", f"<w:sdt {NS}>", 1)))


# --- notes, comments, diagrams, images: parts beside the document


@dataclass
class Extra:
    """Parts to add to the saved zip, and their relationships from word/document.xml."""

    parts: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> (content type, data)
    rels: list[tuple[str, str, str]] = field(default_factory=list)  # (id, type, target) from the document
    package_rels: list[tuple[str, str, str]] = field(default_factory=list)  # from the package (_rels/.rels)
    replace: dict[str, bytes] = field(default_factory=dict)


def _notes_xml(tag: str, notes: Sequence[str]) -> bytes:
    ref_style = "FootnoteReference" if tag == "footnote" else "EndnoteReference"
    separators = (f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
                  f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                  f"</w:p></w:{tag}>")
    body = "".join(f'<w:{tag} w:id="{i}"><w:p><w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr>'
                   f'<w:{tag}Ref/></w:r>{_run(" " + text)}</w:p></w:{tag}>' for i, text in enumerate(notes, start=1))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag}s {NS}>{separators}{body}</w:{tag}s>'.encode()


def add_note_reference(paragraph: Paragraph, note_id: int, *, endnote: bool = False) -> None:
    tag = "endnoteReference" if endnote else "footnoteReference"
    style = "EndnoteReference" if endnote else "FootnoteReference"
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
                                  f'<w:{tag} w:id="{note_id}"/></w:r>'))


def notes(extra: Extra, footnotes: Sequence[str] = (), endnotes: Sequence[str] = ()) -> None:
    """footnotes.xml and endnotes.xml with these notes, ids 1, 2, ... (reference them with add_note_reference)."""
    for tag, texts in (("footnote", footnotes), ("endnote", endnotes)):
        if texts:
            name = f"word/{tag}s.xml"
            extra.parts[name] = (f"application/vnd.openxmlformats-officedocument.wordprocessingml.{tag}s+xml",
                                 _notes_xml(tag, texts))
            extra.rels.append((f"rIdNotes{tag}", f"{REL}/{tag}s", f"{tag}s.xml"))


def diagram(paragraph: Paragraph, extra: Extra, texts: Sequence[str]) -> None:
    """A SmartArt diagram anchored inline in ``paragraph``: its data part holds the nodes' text (Word also caches a
    drawing part with the same text, which the reader must not read twice)."""
    number = len([n for n in extra.parts if n.startswith("word/diagrams/data")]) + 1
    points = "".join(f'<dgm:pt modelId="{{{i:08d}-0000-0000-0000-000000000000}}"><dgm:prSet/><dgm:spPr/>'
                     f"<dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{escape(t)}</a:t></a:r></a:p></dgm:t></dgm:pt>"
                     for i, t in enumerate(texts, start=1))
    data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><dgm:dataModel {NS}><dgm:ptLst>'
            f'<dgm:pt modelId="{{00000000-0000-0000-0000-000000000000}}" type="doc"><dgm:prSet/><dgm:spPr/>'
            f"<dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr/></a:p></dgm:t></dgm:pt>{points}</dgm:ptLst>"
            "<dgm:cxnLst/><dgm:bg/><dgm:whole/></dgm:dataModel>").encode()
    drawing = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><dsp:drawing '
               'xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dsp:spTree>'
               + "".join(f"<dsp:sp><dsp:txBody><a:p><a:r><a:t>{escape(t)}</a:t></a:r></a:p></dsp:txBody></dsp:sp>"
                         for t in texts) + "</dsp:spTree></dsp:drawing>").encode()
    extra.parts[f"word/diagrams/data{number}.xml"] = (
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml", data)
    extra.parts[f"word/diagrams/drawing{number}.xml"] = ("application/vnd.ms-office.drawingml.diagramDrawing+xml",
                                                         drawing)
    extra.rels.append((f"rIdDgm{number}", f"{REL}/diagramData", f"diagrams/data{number}.xml"))
    extra.rels.append((f"rIdDsp{number}", "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing",
                       f"diagrams/drawing{number}.xml"))
    paragraph._p.append(parse_xml(
        f'<w:r {NS}><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" '
        f'cy="3200400"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{_id()}" name="Diagram {number}"/>'
        '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
        f'diagram"><dgm:relIds r:dm="rIdDgm{number}" r:lo="" r:qs="" r:cs=""/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"))


def tiny_png() -> bytes:
    """A 1×1 white PNG (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def add_image(doc: DocxDocument, path: Path, *, description: str | None = None, name: str | None = None) -> None:
    """A picture whose description (alternative text) and name are as given: Word 2007-2013 wrote the file's full
    path there ('C:\\Users\\jpeeters\\Pictures\\praktijk.jpg')."""
    png = path.with_suffix(".png")
    png.write_bytes(tiny_png())
    doc.add_picture(str(png))
    pr = doc.element.body.xpath(".//wp:docPr")[-1]
    if description is not None:
        pr.set("descr", description)
    if name is not None:
        pr.set("name", name)


def add_comment(doc: DocxDocument, paragraph: Paragraph, text: str, author: str, initials: str = "") -> None:
    doc.add_comment(paragraph.runs or [paragraph.add_run("")], text=text, author=author, initials=initials)


def track_insertion(paragraph: Paragraph, text: str, author: str) -> None:
    """Text inserted with Track Changes on, still stored with its author."""
    paragraph._p.append(parse_xml(f'<w:ins {NS} w:id="{_id()}" w:author={quoteattr(author)} '
                                  f'w:date="2024-03-01T10:00:00Z">{_run(text)}</w:ins>'))


# --- document properties


def app_xml(company: str = "", manager: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats'
            '.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f"2006/docPropsVTypes\"><Template>Normal.dotm</Template><Application>Microsoft Office Word</Application>"
            f"<Manager>{escape(manager)}</Manager><Company>{escape(company)}</Company><Pages>1</Pages>"
            "</Properties>").encode()


def custom_xml(values: Iterable[tuple[str, str]]) -> bytes:
    props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name={quoteattr(k)}>'
                    f"<vt:lpwstr>{escape(v)}</vt:lpwstr></property>" for i, (k, v) in enumerate(values, start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats'
            '.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{props}</Properties>').encode()


def properties(doc: DocxDocument, extra: Extra, *, author: str = "", last_modified_by: str = "", title: str = "",
               company: str = "", manager: str = "", custom: Sequence[tuple[str, str]] = ()) -> None:
    """The document's properties as Word stores them (core.xml through python-docx, app.xml and custom.xml)."""
    core = doc.core_properties
    core.author, core.last_modified_by, core.title = author, last_modified_by, title
    core.comments = ""
    extra.replace["docProps/app.xml"] = app_xml(company, manager)
    if custom:
        extra.parts["docProps/custom.xml"] = ("application/vnd.openxmlformats-officedocument.custom-properties+xml",
                                              custom_xml(custom))
        extra.package_rels.append(("rIdCustom", f"{REL}/custom-properties", "docProps/custom.xml"))


def save(doc: DocxDocument, path: Path, extra: Extra | None = None) -> Path:
    """Save, then add the extra parts with their content types and relationships to the zip."""
    doc.save(str(path))
    if extra is None or not (extra.parts or extra.rels or extra.package_rels or extra.replace):
        return path
    with zipfile.ZipFile(path) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    types = entries["[Content_Types].xml"].decode()
    for name, (ctype, data) in extra.parts.items():
        entries[name] = data
        types = types.replace("</Types>", f'<Override PartName="/{name}" ContentType="{ctype}"/></Types>')
    entries["[Content_Types].xml"] = types.encode()
    for rels_name, rels in (("word/_rels/document.xml.rels", extra.rels), ("_rels/.rels", extra.package_rels)):
        xml = entries[rels_name].decode()
        for rel_id, rel_type, target in rels:
            xml = xml.replace("</Relationships>",
                              f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>')
        entries[rels_name] = xml.encode()
    entries.update(extra.replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def new_document() -> DocxDocument:
    doc = docx.Document()
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    return doc


def plain(text: str) -> list[Line]:
    """'Naam: Jana Peeters\\nr0812345' -> one Line per line."""
    return [Line(line) for line in text.splitlines() if line.strip()]


_LINE = re.compile(r"^\[(?P<control>[^\]]+)\]\s*(?P<text>.*)$")


def lines(text: str) -> list[Line]:
    """Cover-page lines: '[Auteur] Jana Peeters' is a content control titled 'Auteur', other lines plain text."""
    out = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        m = _LINE.match(raw.strip())
        out.append(Line(m.group("text"), control=m.group("control")) if m else Line(raw.strip()))
    return out
