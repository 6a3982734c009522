"""Private Dash names are used in one module only, ``dashboard/dash_private.py``; and every
callback is registered one way, on the app being built (``app_factory``'s docstring).

Read from the source with ``ast``: a private attribute of a Dash app or of the ``dash``
package (``app._inline_scripts``, ``dash._callback``), an import from a private Dash module
(``from dash._callback import …``, ``from dash import _callback``), or ``getattr(app, "_…")``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = ROOT / "dashboard" / "dash_private.py"
# Names that hold a Dash app or the dash package in this code base.
DASH_HOLDERS = {"app", "dash_app", "dash", "dash_module"}
GLOBAL_REGISTRATION = {"callback", "clientside_callback"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _dash_module(name: str | None) -> bool:
    return bool(name) and (name == "dash" or name.startswith("dash."))


def private_uses(source: str) -> list[str]:
    """Where ``source`` reaches into Dash's private names (line: what)."""
    found = []
    tree = ast.parse(source)
    dash_subclasses = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                       and any(getattr(b, "id", getattr(b, "attr", "")) == "Dash"
                               for b in node.bases)}
    holders = set(DASH_HOLDERS)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name in dash_subclasses:
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Attribute) and _private(inner.attr)
                        and getattr(inner.value, "id", None) == "self"):
                    found.append(f"{inner.lineno}: self.{inner.attr}")
        if isinstance(node, ast.Attribute) and _private(node.attr):
            # app._x and server.app._x are Dash's; app.server._x would be Flask's.
            if isinstance(node.value, ast.Name) and node.value.id in holders or (
                    isinstance(node.value, ast.Attribute) and node.value.attr in holders):
                found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and _dash_module(node.module):
            module = str(node.module)
            if any(_private(part) for part in module.split(".")):
                found.append(f"{node.lineno}: from {module}")
            found += [f"{node.lineno}: from {module} import {a.name}"
                      for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names
                      if _dash_module(a.name) and any(map(_private, a.name.split(".")))]
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr"
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and _private(node.args[1].value)
              and getattr(node.args[0], "id", None) in holders):
            found.append(f"{node.lineno}: getattr(…, {node.args[1].value!r})")
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def global_registrations(source: str) -> list[str]:
    """Callbacks registered through Dash's module-level lists (``dash.callback``,
    ``from dash import callback``) instead of on the app being built."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "dash":
            found += [f"{node.lineno}: from dash import {a.name}" for a in node.names
                      if a.name in GLOBAL_REGISTRATION]
        elif (isinstance(node, ast.Attribute) and node.attr in GLOBAL_REGISTRATION
              and getattr(node.value, "id", None) == "dash"):
            found.append(f"{node.lineno}: dash.{node.attr}")
    return found


def _sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_the_readers_find_what_they_look_for():
    sample = ("from dash import _callback, Input\nfrom dash._pages import x\nimport dash._utils\n"
              "class A(Dash):\n    def f(self):\n        return self._callback_list\n"
              "app._inline_scripts.append(1)\nserver.app._x\ngetattr(app, '_hooks')\n"
              "app.server.config\nself._mine = 1\n")
    assert [line.split(":")[0] for line in private_uses(sample)] == [
        "1", "2", "3", "6", "7", "8", "9"]
    assert global_registrations(
        "import dash\nfrom dash import Input, callback\ndash.clientside_callback(1)\n"
        "app.callback(1)\n") == ["2: from dash import callback", "3: dash.clientside_callback"]


@pytest.mark.parametrize("path", _sources("dashboard"), ids=lambda p: str(p.relative_to(ROOT)))
def test_private_dash_names_only_in_dash_private(path):
    if path == ALLOWED:
        return
    assert private_uses(path.read_text(encoding="utf-8")) == [], (
        f"{path.relative_to(ROOT)}: a private Dash name; use a public API or put it in "
        "dashboard/dash_private.py with the reason")


@pytest.mark.parametrize("path", _sources("dashboard", "tests/fixtures/pages"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_callbacks_are_registered_on_the_app_being_built(path):
    assert global_registrations(path.read_text(encoding="utf-8")) == [], (
        f"{path.relative_to(ROOT)}: register callbacks with app.callback inside "
        "register_callbacks(app) (dashboard/app_factory.py's docstring)")
