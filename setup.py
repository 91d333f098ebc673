"""Build hook: compile the message catalogs (.po → .mo) into the package before it is built (wheel, sdist, pip).

Everything else about the package is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """build_py that first compiles pipeline/locale/*/LC_MESSAGES/*.po, so the wheel ships the .mo files."""

    def run(self) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(__file__).parent.glob("pipeline/locale/*/LC_MESSAGES/*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh)
            with po.with_suffix(".mo").open("wb") as out:
                write_mo(out, catalog)
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
