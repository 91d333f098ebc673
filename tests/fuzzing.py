"""Hypothesis strategies that mutate real report files: a DOCX's document.xml and a PDF's bytes (shared by the unit
and acceptance layers' property tests)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import strategies as st

# what real-world files hold, and what breaks parsers
XML_PIECES = [b"<!-- opmerking -->", b"<?pi x?>", b"<w:p/>", b"<w:p><w:r><w:t>tekst</w:t></w:r></w:p>",
              b"<w:r><w:ruby><w:rt><w:r><w:t>yomi</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>Kanji</w:t></w:r>"
              b"</w:rubyBase></w:ruby></w:r>", b'<w:sym w:char="zz"/>', b'<w:sym w:char="F04A"/>', b"<w:tbl>",
              b"</w:p>", b"<w:sdt><w:sdtContent>", b"<x:unknown xmlns:x='urn:x'>?</x:unknown>", b"&amp;", b"<",
              b"\x00", b"\xff\xfe", b'<w:pStyle w:val="Kop1"/>', b'<w:outlineLvl w:val="99"/>',
              b'<w:numPr><w:numId w:val="x"/></w:numPr>', b'<w:br w:type="page"/>',
              b'<w:fldChar w:fldCharType="begin"/>', b"<w:instrText> TOC </w:instrText>"]
PDF_PIECES = [b"BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff EI", b"/Rotate 90", b" obj ", b"endobj", b"stream\n",
              b"endstream", b"xref", b"trailer", b"%%EOF", b"<<", b">>", b"[", b"]", b"(", b")", b"/Type /Page",
              b"0 1 -1 0 0 0 Tm", b"BT", b"ET", b"Tj", b"\x00" * 8, b"9999999999"]


@st.composite
def mutated(draw: st.DrawFn, data: bytes, pieces: list[bytes]) -> bytes:
    """``data`` after one to four edits: a slice deleted or repeated, a piece inserted, bytes flipped, cut off."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        kind = draw(st.sampled_from(["delete", "repeat", "insert", "flip", "truncate"]))
        start = draw(st.integers(0, len(out) - 1))
        end = min(len(out), start + draw(st.integers(1, 400)))
        if kind == "delete":
            del out[start:end]
        elif kind == "repeat":
            out[start:start] = out[start:end] * draw(st.integers(1, 3))
        elif kind == "insert":
            out[start:start] = draw(st.sampled_from(pieces)) * draw(st.integers(1, 50))
        elif kind == "flip":
            out[start] = draw(st.integers(0, 255))
        else:
            del out[start:]
    return bytes(out)


def docx_with(source: Path, target: Path, document_xml: bytes) -> Path:
    """A copy of ``source`` with another word/document.xml."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = document_xml if info.filename == "word/document.xml" else zin.read(info.filename)
            zout.writestr(info.filename, data)
    return target


def document_xml(source: Path) -> bytes:
    with zipfile.ZipFile(source) as z:
        return z.read("word/document.xml")
