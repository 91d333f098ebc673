"""How the readers recognise code: fonts with letters of one width, styles named for code, and letter ligatures."""

from __future__ import annotations

import re
import unicodedata

# Monospace font families as Word, LibreOffice, LaTeX (cmtt, lmmono, sftt, txtt) and editors name them
MONOSPACE_FONT = re.compile(r"mono|courier|consolas|menlo|monaco|lucida\s*console|lucida\s*sans\s*typewriter|"
                            r"inconsolata|source\s*code|fira\s*code|cascadia|jetbrains|andale|fixedsys|typewriter|"
                            r"letter\s*gothic|cmtt|lmtt|sftt|txtt|ocr[ab]|\bhack\b", re.IGNORECASE)

# Paragraph and character styles for code ("Source Code", "HTML Preformatted", "Verbatim Char", "Code Block",
# "Broncode", "Macro Text"); "Barcode" or "Postcode" are not
CODE_STYLE = re.compile(r"(?:^|\b|_)(?:code|sourcecode|source\s*code|broncode|codeblo[ck]k?|listing|verbatim|"
                        r"preformatted|vooraf\s*opgemaakt|console|terminal|macro\s*text|macrotekst)(?:\b|_|$)",
                        re.IGNORECASE)


def expand_ligatures(text: str) -> str:
    """Letter ligatures and other compatibility letters as plain letters (ﬁ → fi, ĳ → ij, ﬀ → ff, ſ → s; NFKC of
    those characters only), then NFC: what the author typed. Superscript digits, fractions and symbols keep
    their form (NFKC would turn a footnote mark ``resultaat¹`` into the word ``resultaat1``)."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if not ch.isascii():
            compat = unicodedata.normalize("NFKC", ch)
            if compat != ch and compat.isalpha():
                out.append(compat)
                continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))
