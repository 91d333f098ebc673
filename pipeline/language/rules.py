"""stagepipe's own LanguageTool rules (dt-errors), packed as a jar for the server's classpath.

LanguageTool 6.8 loads ``org/languagetool/rules/nl/grammar_custom.xml`` from its classpath next to its own
``grammar.xml`` (``Language.getRuleFileNames``). The server runs with ``-cp lib/*``, so a jar that holds our XML in
``tools/languagetool/lib/`` adds our rules, and they see LanguageTool's own Dutch tagger, disambiguator and
synthesizer. ``make languagetool`` builds the jar in the checkout, ``stagepipe languagetool install`` in the
installed home (pipeline.language.install); it is rebuilt only when the XML's sha256 (kept as the jar's comment)
changes, and the same XML always gives the same bytes (fixed timestamps), so the server's fingerprint of ``lib/``
(pipeline.language.server.lib_fingerprint) changes exactly when the rules do.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from pipeline.paths import LANGUAGETOOL_DATA

RULES_DIR = (LANGUAGETOOL_DATA / "rules").resolve()  # the checkout's tools/languagetool/rules, or the wheel's copy
RULES_ENTRY = "org/languagetool/rules/nl/grammar_custom.xml"
RULES_XML = RULES_DIR / RULES_ENTRY
RULES_JAR = "stagepipe-nl-rules.jar"
JAR_PREFIX = "stagepipe-"  # jars of ours in lib/: the server fingerprints their content, not only their size
_COMMENT = b"stagepipe-rules sha256="
_TIMESTAMP = (2026, 1, 1, 0, 0, 0)  # zip entries' date: the same XML gives the same jar
_MANIFEST = b"Manifest-Version: 1.0\r\nCreated-By: stagepipe\r\n\r\n"


def xml_digest(xml: Path = RULES_XML) -> str:
    """The sha256 of the rules file: the key the jar is built on."""
    return hashlib.sha256(xml.read_bytes()).hexdigest()


def jar_digest(jar: Path) -> str | None:
    """The sha256 of the XML a jar was built from (its comment); None for a missing or foreign jar."""
    try:
        with zipfile.ZipFile(jar) as zf:
            comment = zf.comment
    except (OSError, zipfile.BadZipFile):
        return None
    return comment.removeprefix(_COMMENT).decode("ascii") if comment.startswith(_COMMENT) else None


def rules_jar(lib: Path) -> Path:
    return lib / RULES_JAR


def build_rules_jar(lib: Path, xml: Path = RULES_XML) -> bool:
    """Write ``lib/stagepipe-nl-rules.jar`` from ``xml`` unless it was built from this very XML; True when written.

    The jar holds the XML at ``org/languagetool/rules/nl/grammar_custom.xml`` and a manifest; it is written next
    to its place and renamed, so a server never sees half a jar.
    """
    digest = xml_digest(xml)
    target = rules_jar(lib)
    if jar_digest(target) == digest:
        return False
    lib.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in (("META-INF/MANIFEST.MF", _MANIFEST), (RULES_ENTRY, xml.read_bytes())):
            info = zipfile.ZipInfo(name, date_time=_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        zf.comment = _COMMENT + digest.encode("ascii")
    os.replace(tmp, target)
    return True
