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
    # Two runs whose markers together select everything: not browser, then browser.
    assert [re.search(r'-m ("[^"]+"|\S+)', c).group(1) for c in commands] == [
        '"not browser"', "browser"]
    assert all(c.startswith("env -u FUZZ_BUDGET ") for c in commands), commands
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


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
