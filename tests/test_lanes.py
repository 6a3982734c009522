"""The lanes stay honest: ``make test`` runs the fuzzers on their full budget, a smaller
FUZZ_BUDGET only ever lowers it, and every test listed as slow or fuzz still exists (a
renamed module would otherwise drop back into the unit lane unnoticed)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests import lanes

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("value", "budget"), [
    (None, 2000), ("", 2000), ("  ", 2000), ("300", 300), ("5000", 2000), ("0", 1)])
def test_fuzz_budget_is_full_unless_lowered(monkeypatch, value, budget):
    if value is None:
        monkeypatch.delenv("FUZZ_BUDGET", raising=False)
    else:
        monkeypatch.setenv("FUZZ_BUDGET", value)
    assert lanes.fuzz_budget(2000) == budget


def test_a_budget_that_is_not_a_number_is_an_error(monkeypatch):
    monkeypatch.setenv("FUZZ_BUDGET", "many")
    with pytest.raises(ValueError):
        lanes.fuzz_budget(2000)


def _recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.M)
    assert block, target
    return block.group(1).split("\n")


def test_make_test_runs_every_test_on_the_full_fuzz_budget():
    commands = [c.strip() for c in _recipe("test") if "pytest" in c]
    # One run selecting everything (no -m, no -k, no path), browser tests grouped on one
    # worker, FUZZ_BUDGET removed.
    assert len(commands) == 1, commands
    [command] = commands
    assert command.startswith("env -u FUZZ_BUDGET "), command
    assert not re.search(r"\s-(m|k)\s|\stests/|--deselect|--ignore", command), command
    assert "--dist loadgroup" in command, command
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_browser_tests_are_one_unit_of_the_scheduler():
    split = lanes.BrowserGroupScheduling._split_scope
    browser = ["tests/browser/test_shell.py::test_phone_menu_collapses",
               "tests/browser/test_present.py::test_every_slide_by_keyboard_at_1920x1080"]
    # The printed brief uses the app's own short-lived Chromium: scheduled like the rest.
    others = ["tests/test_lanes.py::test_real_corpus_fixtures_exist",
              "tests/brief/test_printer.py::test_x",
              "tests/brief/test_pdf.py::test_the_seeds_brief_prints_on_one_page[zh]"]
    assert {split(None, n) for n in browser} == {lanes.BROWSER_GROUP}
    assert [split(None, n) for n in others] == others


def test_a_browser_test_outside_the_browser_paths_is_refused():
    class Item:
        nodeid = "tests/pages/test_x.py::test_y"
        fixturenames = ()

        def get_closest_marker(self, name):
            return pytest.mark.browser.mark if name == "browser" else None

    with pytest.raises(pytest.UsageError, match="BROWSER_PATHS"):
        lanes.mark([Item()])


def test_every_fuzzer_sends_at_least_2000_requests_unless_lowered():
    # tests/api/test_fuzz.py and tests/pages/test_admin_users_fuzz.py always send 2,000: the
    # first checks that every sender got a fair share of the draws, the second that the
    # admin's requests reached every action; both need that many.
    for module in lanes.FUZZ:
        assert re.search(r"^MIN_REQUESTS = (fuzz_budget\(2000\)|2000)$",
                         (ROOT / module).read_text(encoding="utf-8"), re.M), module


def test_listed_slow_and_fuzz_tests_exist():
    for prefix in (*lanes.SLOW, *lanes.FUZZ):
        path, _, name = prefix.partition("::")
        target = ROOT / path
        assert target.exists(), prefix
        if name:
            tree = ast.parse(target.read_text(encoding="utf-8"))
            tests = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
            assert any(t.startswith(name) for t in tests), prefix


def test_real_corpus_fixtures_exist():
    text = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    for name in lanes.REAL_CORPUS_FIXTURES:
        assert f"def {name}(" in text, name
