"""No JavaScript or HTML in Python strings under ``dashboard/`` (#26).

Browser code lives in ``assets/*.js`` (clientside callbacks through ``ClientsideFunction``,
linted by ESLint in ``make lint``); pages and pictures the server writes are Jinja2 templates
in ``dashboard/templates/`` rendered with autoescape (``dashboard/templating.py``). Every
string constant of every module is read with ``ast`` (f-string parts included), so a program
or a page written back into a string fails here with its file and line.

Not markup, so not looked at:

* docstrings, which talk about markup;
* patterns given to ``re`` (``index_page.py`` recognises Dash's script tags to remove them);
* Plotly's label markup (``<br>``, ``<b>``, ``<i>``, ``<sup>``, ``<sub>``, ``<span style>``):
  Plotly draws those into its SVG itself; they never reach the page as HTML;
* a bare dotted name such as ``dash_clientside.shell.guardLayout``: Dash's renderer hooks
  take a JavaScript expression, and naming a function defined in ``assets/`` is no program.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"

HTML = re.compile(
    r"<!DOCTYPE|<(?:html|head|body|meta|link|script|style|title|main|nav|header|footer|section"
    r"|article|aside|div|p|a|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|form|input|button"
    r"|label|img|iframe|svg|rect|line|text|path|circle|polyline|g)[\s/>]",
    re.IGNORECASE)
JAVASCRIPT = re.compile(
    r"\bfunction\s*\w*\s*\(|=>|(?<![\w/.])(?:document|window|dash_clientside)\.[A-Za-z_]"
    r"|\bsetTimeout\s*\(|\bvar\s+\w+\s*=")
DOTTED_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _regex_patterns(tree: ast.AST) -> set[int]:
    """Constants inside a call of ``re.<function>(...)``."""
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            found.update(id(c) for arg in node.args for c in ast.walk(arg)
                         if isinstance(c, ast.Constant))
    return found


def code_in_strings(source: str, name: str = "<string>") -> list[tuple[int, str, str]]:
    """``(line, what, text)`` for every string constant of ``source`` holding HTML or JS."""
    tree = ast.parse(source, name)
    skip = _docstrings(tree) | _regex_patterns(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in skip and not DOTTED_NAME.fullmatch(node.value)):
            for what, pattern in (("HTML", HTML), ("JavaScript", JAVASCRIPT)):
                match = pattern.search(node.value)
                if match:
                    found.append((node.lineno, what, match.group(0)))
    return found


@pytest.mark.parametrize("module", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_javascript_or_html_in_python_strings(module: Path) -> None:
    found = code_in_strings(module.read_text(encoding="utf-8"), str(module))
    assert not found, "\n".join(
        f"{module.relative_to(PACKAGE.parent)}:{line}: {what} in a string ({text!r}): move it "
        "to assets/ (ClientsideFunction) or dashboard/templates/" for line, what, text in found)


# What the scan must catch: the programs and pages that were in strings before #26.
CAUGHT = [
    'app.clientside_callback("""\n    function (search) {\n        document.documentElement'
    '.lang = "en";\n    }\n    """, Input("url", "search"))',
    'X = "() => window.dash_clientside.no_update"',
    "hooks = {'layout_post': 'function (layout) { return layout; }'}",
    "body = f'<!DOCTYPE html>\\n<html lang=\"zh-CN\"><head>'",
    "cell = f'<td class=\"brief-col-{c}\">{v}</td>'",
    "shape = f'<rect x=\"{x:.1f}\" y=\"2\"/>'",
    "hints = f'<link rel=\"preload\" href=\"{path}\">'",
    "data = f'<script type=\"application/json\" id=\"{MAP_ID}\">{data}</script>'",
]
# What it must leave alone.
LEFT_ALONE = [
    '"""A module about <div> and function () { } in its docstring."""',
    "PATTERN = re.compile(r'<script src=\"[^\"]*/deps/polyfill@[^\"]*\"></script>')",
    "hover = '<b>%{x}</b><br>%{y}<br><span style=\\'font-size:12px\\'>note</span>'",
    "message = 'The .docx file is damaged or not a Word document.'",
    "part = 'word/document.xml'",
    "HOOK = 'dash_clientside.shell.guardLayout'",
]


@pytest.mark.parametrize("source", CAUGHT)
def test_the_scan_finds_code_in_strings(source: str) -> None:
    assert code_in_strings(source)


@pytest.mark.parametrize("source", LEFT_ALONE)
def test_the_scan_leaves_prose_patterns_and_plotly_labels_alone(source: str) -> None:
    assert code_in_strings(source) == []
