"""The UI string catalogues (dashboard/catalogues/<lang>.json) and what is left in the code.

Read from the files themselves, not through ``i18n.catalogue``: the test session adds the
fixture pages' strings to that (tests/conftest.py), and these tests are about what ships.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import i18n
from dashboard.progress.actuals import REASONS

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard"
PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Dict literals with exactly the keys "zh" and "en" that are not UI text, so they stay in
# the code: (module, the name the dict is assigned to).
NOT_UI_TEXT = {
    # BCP 47 tags for <html lang> and plotly's locale: configuration, not words.
    ("dashboard/i18n.py", "HTML_LANG"),
    # How wide a label may be in each script (em for a bar label, characters a line for a
    # gauge's title and text): layout numbers.
    ("dashboard/figures/common.py", "LABEL_EM"),
    ("dashboard/figures/gauges.py", "_WRAP_TITLE"),
    ("dashboard/figures/gauges.py", "_WRAP"),
    # The dash between the ends of a range (6%—7% / 6%–7%): typography the number
    # formatter applies, used where no string is looked up.
    ("dashboard/format.py", "RANGE_DASH"),
}


def _read(lang: str) -> dict[str, str]:
    with (i18n.CATALOGUE_DIR / f"{lang}.json").open(encoding="utf-8") as f:
        return json.load(f)


CATALOGUES = {lang: _read(lang) for lang in i18n.LANGS}


def test_every_language_has_a_catalogue_and_nothing_else_is_there():
    assert sorted(p.name for p in i18n.CATALOGUE_DIR.iterdir() if p.suffix == ".json") == (
        sorted(f"{lang}.json" for lang in i18n.LANGS))


def test_every_key_is_in_both_catalogues():
    zh, en = (set(CATALOGUES[lang]) for lang in ("zh", "en"))
    assert zh - en == set() and en - zh == set()
    assert len(zh) > 600  # every page's strings, not a stub


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_value_is_a_non_empty_string(lang):
    blank = [k for k, v in CATALOGUES[lang].items() if not isinstance(v, str) or not v.strip()]
    assert blank == []


def test_both_languages_name_the_same_placeholders():
    differ = {k: (v, CATALOGUES["en"][k]) for k, v in CATALOGUES["zh"].items()
              if set(PLACEHOLDER.findall(v)) != set(PLACEHOLDER.findall(CATALOGUES["en"][k]))}
    assert differ == {}
    # and some do, so the comparison above compares something
    assert "{year}" in CATALOGUES["en"]["targets.title"]


def test_keys_are_dotted_names():
    # A last piece may be empty: "entry.basis." names the price basis "" (not applicable).
    odd = [k for k in CATALOGUES["zh"] if not re.fullmatch(r"[a-z_]+(\.[\w>=<!~+-]*)+", k)]
    assert odd == []
    assert "entry.basis." in CATALOGUES["zh"]


def test_a_rejected_rows_english_is_the_command_lines():
    # progress.actuals.REASONS is what `python -m dashboard.pipeline` prints; the /targets
    # page says the same in English.
    for code, reason in REASONS.items():
        assert CATALOGUES["en"][f"targets.reject.{code}"] == reason
        assert re.search(r"[\u4e00-\u9fff]", CATALOGUES["zh"][f"targets.reject.{code}"])


def test_t_reads_the_catalogues():
    assert i18n.t("overview.heading", "zh") == CATALOGUES["zh"]["overview.heading"]
    assert i18n.t("overview.heading", "en") == CATALOGUES["en"]["overview.heading"]
    with pytest.raises(KeyError):
        i18n.t("overview.no_such_key", "en")


# Keys no code looks up (none has since the shell was written); kept, not deleted, while
# other work on the shell and its templates may still take them up. Listed so that a new
# unused key fails below and so that this list is kept true.
UNREFERENCED = {
    "brief.chart_none", "gauge.reference", "report.mark_hint", "shell.back_home",
    "shell.loading", "shell.nav_label", "shell.no_data", "shell.page_not_found",
    "shell.toggle_nav", "source.quote_label", "source.section_label",
}
KEY_PIECE = r"[\w.<>=!~+-]+"


def _referenced(key: str, literals: set[str], patterns: list[re.Pattern[str]]) -> bool:
    """Is ``key`` in the code: as a literal, as a literal prefix the code adds a piece to
    (``"entry.period"`` + ``".q1"``, a template's ``"brief.col." ~ c``), or as what an
    f-string like ``f"{page}.heading"`` or ``f"sector.{sector}"`` can spell."""
    if key in literals or any(p.fullmatch(key) for p in patterns):
        return True
    parts = key.split(".")
    heads = [".".join(parts[:i]) for i in range(1, len(parts))]
    # a bare one-word head ("source") is too common a word to count, "source." is not
    return any(head + "." in literals or ("." in head and head in literals) for head in heads)


def test_every_key_is_looked_up_somewhere():
    literals: set[str] = set()
    patterns = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                fixed = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                # f"{a}.{b}" would match any key: only f-strings that name something count
                if "." in fixed and re.search("[a-z]", fixed):
                    patterns.append(re.compile("".join(
                        re.escape(v.value) if isinstance(v, ast.Constant) else KEY_PIECE
                        for v in node.values)))
    # Jinja2 templates look strings up too (t("brief.back", lang), "brief.col." ~ c): their
    # quoted dotted names (quotes nest in attributes, so no general string syntax).
    for path in DASHBOARD.rglob("*.html"):
        literals.update(re.findall(r"[\"']([a-z_]+\.[\w.<>=!~+-]*)[\"']",
                                   path.read_text(encoding="utf-8")))
    unreferenced = {k for k in CATALOGUES["zh"] if not _referenced(k, literals, patterns)}
    assert unreferenced == UNREFERENCED


def _modules() -> list[Path]:
    return sorted(p for p in DASHBOARD.rglob("*.py") if "__pycache__" not in p.parts)


def _assigned_to(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    parent = parents.get(node)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        return ast.unparse(parent.targets[0])
    if isinstance(parent, ast.AnnAssign):
        return ast.unparse(parent.target)
    return f"<line {node.lineno}>"


def _bilingual_dicts(path: Path) -> list[str]:
    """Names (or lines) of the dict literals in ``path`` keyed exactly "zh" and "en"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and len(node.keys) == 2:
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if keys == {"zh", "en"}:
                found.append(_assigned_to(node, parents))
    return found


def test_no_bilingual_string_table_is_left_in_the_code():
    found = {(str(p.relative_to(ROOT)), name) for p in _modules() for name in _bilingual_dicts(p)}
    assert found - NOT_UI_TEXT == set()
    assert found >= NOT_UI_TEXT  # the allow-list names what is there, nothing stale


CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese and English side by side in one expression that are not UI text: the unit
# 个百分点 is written " pp" in English (as dashboard/format.py does for values).
NOT_UI_PAIRS = {("dashboard/figures/gauges.py", "个百分点")}


def _string_pairs(path: Path) -> set[tuple[str, str]]:
    """(path, the Chinese) of each ("中文", "English") tuple and each
    ``"English" if lang == "en" else "中文"`` in ``path``: string tables by another shape."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            pair = node.elts
        elif isinstance(node, ast.IfExp):
            pair = [node.body, node.orelse]
        else:
            continue
        texts = [e.value for e in pair if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        chinese = [x for x in texts if CJK.search(x)]
        english = [x for x in texts if re.search("[A-Za-z]", x) and not CJK.search(x)]
        if len(texts) == 2 and chinese and english:
            name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            found.add((str(name), chinese[0]))
    return found


def test_no_chinese_english_pair_is_left_in_the_code():
    found = set().union(*(_string_pairs(p) for p in _modules()))
    assert found == NOT_UI_PAIRS


def test_the_scan_finds_a_table(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text('TITLE = {"zh": "标题", "en": "Title"}\n'
                      'x = f({"key": {"en": "A", "zh": "甲"}})\n'
                      'ROW = {"id": 1, "zh": "甲", "en": "A"}\n', encoding="utf-8")
    assert _bilingual_dicts(sample) == ["TITLE", "<line 2>"]
    sample.write_text('LABELS = {"a": ("经济", "Economy")}\n'
                      'def f(lang):\n    return "Source" if lang == "en" else "原文"\n'
                      'PUNCT = ("：" if lang == "zh" else ": ")\n', encoding="utf-8")
    assert _string_pairs(sample) == {("page.py", "经济"), ("page.py", "原文")}


def test_importing_string_users_reads_no_catalogue():
    # A fresh interpreter: modules that used to register strings at import now read nothing
    # until a string is asked for; then each catalogue is read once.
    code = ("from dashboard import i18n, labels\n"
            "from dashboard.components import kpi_card, status_badge, target_card\n"
            "from dashboard.figures import gauges, trends\n"
            "from dashboard.present import slides\n"
            "assert i18n.catalogue.cache_info().currsize == 0, i18n.catalogue.cache_info()\n"
            "assert labels.sector_label('economy', 'en') == 'Economy'\n"
            "assert gauges.t('gauge.year', 'zh', year=2030) == '2030年'\n"
            "assert labels.kind_label('actual', 'en') == 'Result'\n"
            "assert i18n.catalogue.cache_info().misses == 2\n")  # zh and en, once each
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_nothing_registers_strings_at_import():
    assert not hasattr(i18n, "add_strings") and not hasattr(i18n, "STRINGS")
    for path in _modules():
        assert "add_strings" not in path.read_text(encoding="utf-8"), path
