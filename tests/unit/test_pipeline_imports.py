"""Boundaries between the modules of pipeline/: every module imports, no two modules import each other
(directly or around a loop, lazy imports inside functions included), the readers never need the page layout, and
only the CLI's own modules import the CLI."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pipeline

PIPELINE = Path(pipeline.__file__).resolve().parent


def _modules() -> list[str]:
    return sorted({"pipeline", *(m.name for m in pkgutil.walk_packages(pipeline.__path__, "pipeline."))})


MODULES = _modules()


def _source(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def _ancestors(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _imports(module: str) -> set[str]:
    """The pipeline modules that ``module`` imports anywhere in its source (a name imported from a package counts as
    the package's module of that name, else as the package), with the packages Python initialises on the way
    (importing pipeline.report.readers.safety runs pipeline/report/readers/__init__.py), except the module's own."""
    path = _source(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    found |= {parent for name in found for parent in _ancestors(name)} - _ancestors(module)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: _imports(module) for module in MODULES}


def _reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in GRAPH[todo.pop()] - seen:
            seen.add(name)
            todo.append(name)
    return seen


def _cycles() -> Iterator[list[str]]:
    """One import loop through each module that has one, as the chain of modules."""
    for module in MODULES:
        if module not in _reachable(module):
            continue
        path = [module]  # follow a way back to the module, breadth first
        previous: dict[str, str] = {}
        queue = [module]
        while queue:
            current = queue.pop(0)
            for name in sorted(GRAPH[current]):
                if name == module:
                    while current != module:
                        path.insert(1, current)
                        current = previous[current]
                    yield [*path, module]
                    queue = []
                    break
                if name not in previous:
                    previous[name] = current
                    queue.append(name)


def test_every_module_imports() -> None:
    for module in MODULES:
        if module != "pipeline.__main__":  # that one runs the CLI
            importlib.import_module(module)


def test_the_graph_sees_the_imports_inside_functions() -> None:
    assert "pipeline.report.pages" in GRAPH["pipeline.report.setup"]  # imported inside check_report
    assert "pipeline.report.readers" in GRAPH["pipeline.report.setup"]


def test_report_readers_never_import_the_page_layout() -> None:
    """pages.py builds on the readers (safety, the DOCX title page); the readers must not need pages.py back."""
    readers = [m for m in MODULES if m == "pipeline.report.readers" or m.startswith("pipeline.report.readers.")]
    assert set(readers) & GRAPH["pipeline.report.pages"]
    for module in readers:
        assert "pipeline.report.pages" not in _reachable(module), module


def test_no_import_cycles_in_pipeline() -> None:
    assert list(_cycles()) == []


def test_only_the_cli_imports_the_cli() -> None:
    outside = {m: sorted(n for n in GRAPH[m] if n == "pipeline.cli" or n.startswith("pipeline.cli."))
               for m in MODULES if not m.startswith("pipeline.cli") and m != "pipeline.__main__"}
    assert {m: names for m, names in outside.items() if names} == {}


def test_report_and_render_read_typed_values_not_dict_keys() -> None:
    """Profiles, cases and options reach the checks and the render context typed (pipeline/load/models.py): a
    `.get("key")` there is a dict passed around where a model should be."""
    pattern = re.compile(r"""\.get\(["']""")
    found = [f"{path.relative_to(PIPELINE.parent)}:{number}"
             for folder in ("report", "render") for path in sorted((PIPELINE / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if pattern.search(line)]
    assert found == []
