"""The README stays short and starts with the two commands; what it and ``docs/`` name exists.

Statements about behaviour are checked by reading the code when they are written (#26); what
a test can keep true is checked here: the README's length, its first lines, its links, and
that every repository path, make target, ``python -m`` module and ``DASHBOARD_*`` variable
the README and ``docs/*.md`` name is still there, so a rename shows up as a failing test
rather than as a stale page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
MAX_LINES = 120

_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
# Paths of this repository as the pages write them (in backticks).
_PATH = re.compile(r"^(?:dashboard|benchmarks|tests|assets|docs|seeds|\.ci)/[\w./*\-]*"
                   r"(?:::\w+)?$")
_MODULE = re.compile(r"python -m ([\w.]+)")
_MAKE = re.compile(r"\bmake ([a-z][\w-]*)")
_VARIABLE = re.compile(r"\bDASHBOARD_[A-Z_]+\b")
# Words that stand for a name the reader gives (benchmarks/NAME.py, seeds/FILE, <id>).
_PLACEHOLDER = re.compile(r"<|\b(?:NAME|FILE|DIR|ID|N)\b")


def _generated(path: str) -> bool:
    """A folder .gitignore names (screenshots, results): written by a run, not in a clone."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    folders = [line.strip().strip("/") for line in ignored
               if line.strip().endswith("/") and not line.startswith("#")]
    return any(path.rstrip("/") == f or path.startswith(f + "/") for f in folders)


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def _name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def _anchors(page: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    found = set()
    for line in _text(page).splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            title = re.sub(r"[^\w\- ]", "", title.replace("`", ""))
            found.add(title.replace(" ", "-"))
    return found


def test_the_readme_is_short():
    lines = _text(README).splitlines()
    assert len(lines) <= MAX_LINES, f"README.md has {len(lines)} lines (at most {MAX_LINES})"


def test_the_readme_starts_with_the_two_commands():
    lines = _text(README).splitlines()
    assert lines[0].startswith("# "), "the title first"
    body = [line for line in lines[1:] if line.strip()]
    assert body[0].startswith("```"), "the two commands right after the title"
    block = body[1:body.index("```", 1)]
    commands = [line.split("#")[0].strip() for line in block]
    assert commands == ["make run", "make test"], block


def test_the_readme_links_every_page_of_docs():
    links = set(_LINK.findall(_text(README)))
    for page in DOCS:
        assert _name(page) in links, f"README.md does not link {_name(page)}"


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_links_lead_to_files_and_headings_that_exist(page: Path):
    for link in _LINK.findall(_text(page)):
        if "://" in link:
            continue
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{_name(page)} links {link}: no such file"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{_name(page)} links {link}: no such heading"


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_named_paths_exist(page: Path):
    for code in _CODE.findall(_text(page)):
        for word in code.split():
            word = word.strip(",;:()")
            if not _PATH.match(word) or _PLACEHOLDER.search(word):
                continue
            path, _, name = word.partition("::")
            if _generated(path):
                continue
            matches = list(ROOT.glob(path)) if "*" in path else [ROOT / path]
            assert matches and all(m.exists() for m in matches), \
                f"{_name(page)} names {word}: no such path"
            if name:
                assert re.search(rf"\b{name}\b", matches[0].read_text(encoding="utf-8")), \
                    f"{_name(page)} names {word}: {name} is not in {path}"


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_named_modules_make_targets_and_variables_exist(page: Path):
    text = _text(page)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py"))
    for module in set(_MODULE.findall(text)):
        relative = Path(*module.split("."))
        assert (ROOT / relative).with_suffix(".py").exists() \
            or (ROOT / relative / "__main__.py").exists(), \
            f"{_name(page)} names python -m {module}: no such module"
    for target in set(_MAKE.findall(text)):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), \
            f"{_name(page)} names make {target}: no such target in the Makefile"
    for variable in set(_VARIABLE.findall(text)):
        assert f'"{variable}"' in code, \
            f"{_name(page)} names {variable}: no module of dashboard/ reads it"
