"""`stagepipe languagetool install`: the LanguageTool jars pinned in the package's pom.xml, copied from Maven Central
(through the user's ~/.m2) into the LanguageTool home's lib/ ($STAGEPIPE_LANGUAGETOOL_HOME, else the user's cache),
where the server finds them outside a checkout. Nothing is fetched twice: lib/.stamp holds the pom's sha256.

Jars of our own are built from package data and put beside them: ``OWN_JARS`` names each jar and the folder under
pipeline/data/languagetool/ it is zipped from (LanguageTool loads rule files from its classpath). The checkout
builds the same jar with `make languagetool-rules`; both are opt-in (``rules=True``, `install --rules`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.language import server
from pipeline.language.errors import LanguageToolNotInstalled
from pipeline.messages import msg
from pipeline.paths import LANGUAGETOOL_DATA

OWN_JARS = {"stagepipe-nl-rules.jar": "rules"}  # the hook for our own rules: jar name → folder it is built from
MAVEN_TIMEOUT = 1800.0


@dataclass(frozen=True)
class Installed:
    lib: Path
    version: str
    jars: int
    fetched: bool  # False when the jars were there already


def find_maven() -> str:
    """``$STAGEPIPE_MVN`` or ``mvn`` on PATH; raises LanguageToolNotInstalled."""
    explicit = os.environ.get("STAGEPIPE_MVN")
    found = shutil.which(explicit or "mvn")
    if not found:
        raise LanguageToolNotInstalled(msg("lt.no-maven"))
    return found


def _stamp(pom: Path, rules: bool) -> str:
    digest = hashlib.sha256(pom.read_bytes())
    if rules:
        for folder in OWN_JARS.values():
            for path in sorted((LANGUAGETOOL_DATA / folder).rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(LANGUAGETOOL_DATA).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def build_own_jar(name: str, lib: Path) -> Path:
    """Zip pipeline/data/languagetool/<folder> into lib/<name> (a jar is a zip of the classpath's files)."""
    source = LANGUAGETOOL_DATA / OWN_JARS[name]
    target = lib / name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as jar:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                jar.write(path, path.relative_to(source).as_posix())
    return target


def install(home: Path | None = None, *, rules: bool = False, force: bool = False) -> Installed:
    """Fetch the pinned jars into ``home``/lib (default: server.home()); raises LanguageToolNotInstalled."""
    home = home or server.home()
    lib = home / "lib"
    pom = LANGUAGETOOL_DATA / "pom.xml"
    stamp = _stamp(pom, rules)
    stamp_file = lib / ".stamp"
    if not force and stamp_file.is_file() and stamp_file.read_text(encoding="utf-8").strip() == stamp:
        try:
            return Installed(lib, server.jar_version(lib), len(list(lib.glob("*.jar"))), fetched=False)
        except LanguageToolNotInstalled:
            pass
    mvn = find_maven()
    work = home / "build"
    fresh = home / ".lib-new"
    shutil.rmtree(fresh, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pom, work / "pom.xml")
    command = [mvn, "-B", "-q", "--no-transfer-progress", "-Dstyle.color=never", "dependency:copy-dependencies",
               "-DincludeScope=runtime", f"-DoutputDirectory={fresh}"]
    try:
        done = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=MAVEN_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise LanguageToolNotInstalled(msg("lt.maven-failed", reason=str(exc))) from exc
    if done.returncode != 0:
        tail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        raise LanguageToolNotInstalled(msg("lt.maven-failed", reason=tail))
    if rules:
        for name in OWN_JARS:
            build_own_jar(name, fresh)
    (fresh / ".stamp").write_text(stamp + "\n", encoding="utf-8")
    old = home / ".lib-old"
    shutil.rmtree(old, ignore_errors=True)
    if lib.exists():
        lib.rename(old)
    fresh.rename(lib)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(work / "target", ignore_errors=True)
    return Installed(lib, server.jar_version(lib), len(list(lib.glob("*.jar"))), fetched=True)
