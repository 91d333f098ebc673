"""Large DOCX reports for the scale benchmarks and tests, written as WordprocessingML directly (python-docx adds a
paragraph in linear time, so 200,000 of them would take minutes just to build)."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '</Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>')

TM_OM = ("Inleiding", "Uitgangspunten en eerste indrukken", "Leerervaringen in het eerste deel van de stage",
         "Tussentijdse evaluatie", "Leerervaringen in het tweede deel van de stage", "Conclusie", "Bijlage")
_WORDS = ("stage planning team klant afdeling overleg verslag week mentor taak project evaluatie werking dossier "
          "opvolging bestelling magazijn rapport feedback vergadering leerde volgde maakte hielp besprak").split()


def write_docx(path: Path, paragraphs: Iterable[tuple[str, str]]) -> Path:
    """A DOCX of (style id or '', text) paragraphs."""
    def body() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
        for style, text in paragraphs:
            ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
            yield f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        yield '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/document.xml", "".join(body()))
    return path


def sentence(rnd: random.Random, words: int) -> str:
    return " ".join(rnd.choice(_WORDS) for _ in range(words)).capitalize() + "."


def many_paragraphs(path: Path, count: int, *, seed: int = 12) -> Path:
    """``count`` short paragraphs (a line each, as a list or a log pasted in), under tm-om's seven headings."""
    rnd = random.Random(seed)
    per_section = max(1, count // len(TM_OM))

    def paragraphs() -> Iterator[tuple[str, str]]:
        for n in range(count):
            if n % per_section == 0 and n // per_section < len(TM_OM):
                yield "Heading1", TM_OM[n // per_section]
            else:
                yield "", f"{n}. {sentence(rnd, 1 + n % 2)}"
    return write_docx(path, paragraphs())


def long_report(path: Path, characters: int, *, seed: int = 7) -> Path:
    """Running text of about ``characters`` characters in paragraphs of five sentences, under tm-om's headings."""
    rnd = random.Random(seed)
    texts: list[str] = []
    total = 0
    while total < characters:
        text = " ".join(sentence(rnd, rnd.randint(8, 16)) for _ in range(5))
        texts.append(text)
        total += len(text)
    per_section = max(1, len(texts) // len(TM_OM))

    def paragraphs() -> Iterator[tuple[str, str]]:
        for n, text in enumerate(texts):
            if n % per_section == 0 and n // per_section < len(TM_OM):
                yield "Heading1", TM_OM[n // per_section]
            yield "", text
    return write_docx(path, paragraphs())


_EN_SUBJECTS = ["My mentor", "The team", "The project lead", "A colleague", "The developer", "The customer",
                "The security officer", "Our manager", "The tester", "The analyst"]
_EN_VERBS = ["reviews", "plans", "tests", "documents", "presents", "improves", "monitors", "deploys", "discusses",
             "prepares"]
_EN_OBJECTS = ["the weekly planning", "the deployment pipeline", "a new procedure", "the results of the audit",
               "the agreements with the customer", "the logbook", "the risk analysis", "a presentation for the team",
               "the monitoring dashboards", "the backup schedule", "the network configuration", "the test report"]
_EN_WHEN = ["every Monday", "after lunch", "at the end of the week", "during the team meeting", "before the release",
            "together with a colleague", "on Friday morning", "after every sprint"]
_EN_WHY = ["so that everyone knows what is expected", "because it makes the cooperation easier",
           "to avoid mistakes in the administration", "so that customers are helped sooner",
           "because the department is growing quickly", "so that the planning stays realistic"]


def english_paragraphs(words: int, *, seed: int = 3) -> list[str]:
    """Synthetic English internship reflections of about ``words`` words, five sentences a paragraph."""
    rnd = random.Random(seed)
    out: list[str] = []
    total = 0
    week = 0
    while total < words:
        week += 1
        sentences = [f"In week {week} the focus was on {rnd.choice(_EN_OBJECTS)}."]
        for _ in range(4):
            sentences.append(f"{rnd.choice(_EN_SUBJECTS)} {rnd.choice(_EN_VERBS)} {rnd.choice(_EN_OBJECTS)} "
                             f"{rnd.choice(_EN_WHEN)}, {rnd.choice(_EN_WHY)}.")
        text = " ".join(sentences)
        out.append(text)
        total += len(text.split())
    return out


def english_report(path: Path, words: int) -> Path:
    """An English report of about ``words`` words under English headings."""
    paragraphs = english_paragraphs(words)
    per_section = max(1, len(paragraphs) // 5)
    titles = ("Introduction", "The organisation", "My tasks", "Reflection", "Conclusion")

    def items() -> Iterator[tuple[str, str]]:
        for n, text in enumerate(paragraphs):
            if n % per_section == 0 and n // per_section < len(titles):
                yield "Heading1", titles[n // per_section]
            yield "", text
    return write_docx(path, items())
