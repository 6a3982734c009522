"""The modules of ``dashboard/`` import each other without a cycle, and the app is composed
in one place.

The graph is read from the source with ``ast``: every ``import`` and ``from … import`` at
module level and inside functions (a function-level import closes a cycle just the same,
only later). Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"


def _module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = _module_names()


def _resolve(name: str) -> str | None:
    """The dashboard module ``name`` loads (``a.b.C`` → ``a.b``), or None for another package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            found += _imports(ast.Module(body=node.orelse, type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        found += _imports(node)
    return found


def imported_by(module: str) -> set[str]:
    """The dashboard modules ``module`` imports, anywhere in its code."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                prefix = package[: len(package) - node.level + 1]
                base = ".".join([*prefix, *([base] if base else [])])
            # ``from a import b`` loads a.b when b is a module, else just a.
            targets = [f"{base}.{alias.name}" for alias in node.names]
        found.update(t for t in map(_resolve, targets) if t is not None)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    return {module: imported_by(module) for module in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in sorted(graph[node]):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_function_level_and_relative_imports():
    # The reader itself: a cycle closed inside a function, or by a relative import, is found.
    graph = {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert cycles(graph) == [["a", "b"]]
    assert "dashboard.upload.refusals" in imported_by("dashboard.upload.sandbox")
    assert "dashboard.api" in imported_by("dashboard.api.read")
    assert "dashboard.store.migrate" in imported_by("dashboard.store")


def test_no_import_cycle_between_dashboard_modules():
    assert cycles(import_graph()) == []


def test_the_app_does_not_import_the_launcher():
    # create_app is the one composition root: nothing it builds may import the launcher
    # (gunicorn) or the start-up module for a constant.
    graph = import_graph()
    reachable, todo = set(), ["dashboard.app_factory"]
    while todo:
        module = todo.pop()
        if module not in reachable:
            reachable.add(module)
            todo += graph[module]
    assert not {"dashboard.server", "dashboard.startup"} & reachable
    launcher_users = {m for m, deps in graph.items() if "dashboard.server" in deps}
    assert launcher_users == set()


@pytest.mark.parametrize("module", ["dashboard.app_factory", "dashboard.delivery"])
def test_the_app_never_loads_gunicorn(module):
    import subprocess
    import sys

    code = f"import sys, {module}; print(any(m.startswith('gunicorn') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "False"
