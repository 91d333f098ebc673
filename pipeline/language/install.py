"""`stagepipe languagetool install`: the LanguageTool jars pinned in the package's pom.xml, copied from Maven Central
(through the user's ~/.m2) into the LanguageTool home's lib/ ($STAGEPIPE_LANGUAGETOOL_HOME, else the user's cache),
where the server finds them outside a checkout. Nothing is fetched twice: lib/.stamp holds the pom's sha256.

Jars of our own are built from package data and put beside them: ``OWN_JARS`` names each jar and the function that
builds it into a lib/ folder (LanguageTool loads rule files from its classpath). Our dt rules are standard: every
install builds stagepipe-nl-rules.jar (pipeline.language.rules, the same jar `make languagetool` builds in the
checkout), and rebuilds it when the rules changed since, without fetching the Maven jars again; the server restarts
itself when its lib/ changed (pipeline.language.server). ``rules=False`` (`install --no-rules`) leaves them out.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.language import rules as own_rules
from pipeline.language import server
from pipeline.language.errors import LanguageToolNotInstalled
from pipeline.messages import msg
from pipeline.paths import LANGUAGETOOL_DATA

# the hook for jars of our own: jar name → builder (lib folder → True when it wrote the jar, False when up to date)
OWN_JARS: dict[str, Callable[[Path], bool]] = {own_rules.RULES_JAR: own_rules.build_rules_jar}
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


def _stamp(pom: Path) -> str:
    """The key of the Maven jars: the pom's sha256 (our own jars carry keys of their own)."""
    return hashlib.sha256(pom.read_bytes()).hexdigest()


def own_jars(lib: Path, rules: bool = True) -> bool:
    """Build (or rebuild) our own jars in ``lib``; with ``rules=False`` remove them. True when ``lib`` changed."""
    changed = False
    for name, build in OWN_JARS.items():
        if rules:
            changed |= build(lib)
        elif (lib / name).exists():
            (lib / name).unlink()
            changed = True
    return changed


def install(home: Path | None = None, *, rules: bool = True, force: bool = False) -> Installed:
    """Fetch the pinned jars into ``home``/lib (default: server.home()) and build our own jars beside them (without
    them when ``rules`` is False); raises LanguageToolNotInstalled."""
    home = home or server.home()
    lib = home / "lib"
    pom = LANGUAGETOOL_DATA / "pom.xml"
    stamp = _stamp(pom)
    stamp_file = lib / ".stamp"
    if not force and stamp_file.is_file() and stamp_file.read_text(encoding="utf-8").strip() == stamp:
        try:
            version = server.jar_version(lib)
        except LanguageToolNotInstalled:
            pass
        else:
            own_jars(lib, rules)
            return Installed(lib, version, len(list(lib.glob("*.jar"))), fetched=False)
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
    own_jars(fresh, rules)
    (fresh / ".stamp").write_text(stamp + "\n", encoding="utf-8")
    old = home / ".lib-old"
    shutil.rmtree(old, ignore_errors=True)
    if lib.exists():
        lib.rename(old)
    fresh.rename(lib)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(work / "target", ignore_errors=True)
    return Installed(lib, server.jar_version(lib), len(list(lib.glob("*.jar"))), fetched=True)
