"""The house shows the data flow: imports run one way down the pipeline, with no cycles.

cli -> views -> check / review -> library -> cites -> extract -> read -> models, errors.
Every import is counted, including those inside functions and under TYPE_CHECKING: a lazy import
is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "citekit"
LAYERS = {
    "cli": 7,
    "views": 6,
    "check": 5,
    "review": 5,
    "library": 4,
    "cites": 3,
    "extract": 2,
    "read": 1,
    "models": 0,
    "errors": 0,
}
MAX_LINES = 600
MAX_FUNCTION_LINES = 80


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """The citekit modules a file imports, each resolved to a module of the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] != "citekit":
                continue
            target = resolve(name, known)
            if target:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(path, known) - {name} for name, path in known.items()}


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def direction_errors(edges: dict[str, set[str]]) -> list[str]:
    errors = []
    for source, targets in edges.items():
        here = stage(source)
        if here not in LAYERS:  # citekit/__init__ (lazy re-exports) and __main__
            continue
        for target in targets:
            there = stage(target)
            if there is None:
                errors.append(f"{source} imports the top-level package {target}")
            elif there != here and LAYERS[there] >= LAYERS[here]:
                errors.append(f"{source} imports {target}: against the flow ({here} -> {there})")
    return errors


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_module_belongs_to_a_stage():
    for name in modules():
        assert name in ("citekit", "citekit.__main__") or stage(name) in LAYERS, name


def test_imports_run_down_the_pipeline():
    assert direction_errors(graph()) == []


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_guard_catches_an_upward_import_and_a_cycle():
    edges = {
        "citekit.extract.scanner": {"citekit.library.folder"},
        "citekit.library.folder": {"citekit.library.notes"},
        "citekit.library.notes": {"citekit.library.folder"},
        "citekit.check.report": {"citekit.review.verify"},
    }
    assert direction_errors(edges) == [
        "citekit.extract.scanner imports citekit.library.folder: against the flow "
        "(extract -> library)",
        "citekit.check.report imports citekit.review.verify: against the flow (check -> review)",
    ]
    assert cycles(edges) == [["citekit.library.folder", "citekit.library.notes"]]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: module_name(p))
def test_files_and_functions_stay_small(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path.name}: {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}:{node.lineno} {node.name}: {length}"

