"""Build tools/languagetool/lib/stagepipe-nl-rules.jar from stagepipe's own rules (``make languagetool``).

    python tools/languagetool_rules.py            # build when the XML changed since the jar was made
    python tools/languagetool_rules.py --lib DIR  # another lib folder

A server that runs with older rules is restarted by the next ``stagepipe check`` or ``stagepipe languagetool
start`` (pipeline/language/server.py compares a fingerprint of lib/ with the one it started with).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.language.rules import RULES_XML, build_rules_jar, rules_jar  # noqa: E402
from pipeline.language.server import CHECKOUT_LIB  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib", type=Path, default=CHECKOUT_LIB)
    parser.add_argument("--xml", type=Path, default=RULES_XML)
    args = parser.parse_args(argv)
    if build_rules_jar(args.lib, args.xml):
        print(f"stagepipe's LanguageTool rules in {rules_jar(args.lib)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
