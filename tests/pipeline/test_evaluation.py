"""The evaluation set (tests/fixtures/eval/): its expected tables are well formed, and the
pipeline keeps the recall, precision, naming, sector and join levels it reaches on them
(benchmarks/extraction_eval.py prints the same figures)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from dashboard.pipeline.extract import extract
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.schema import COMPARATORS, KINDS, VALUE_KINDS

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "fixtures" / "eval"
DOCUMENTS = sorted(p.name.removesuffix(".expected.csv") for p in EVAL.glob("*.expected.csv"))


def _script():
    spec = importlib.util.spec_from_file_location("extraction_eval",
                                                  ROOT / "benchmarks" / "extraction_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation():
    return _script()


def test_four_kinds_of_document():
    assert DOCUMENTS == ["bulletin-2025", "county-2024", "review-2026", "shawan-2025"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_expected_rows_point_at_one_place_and_use_known_values(name):
    text = (EVAL / f"{name}.txt").read_text(encoding="utf-8")
    lexicon = load_lexicon()
    rows = list(csv.DictReader((EVAL / f"{name}.expected.csv").open(encoding="utf-8")))
    starts = []
    for row in rows:
        assert text.count(row["context"]) == 1, row["context"]
        assert row["number"] in row["context"]
        starts.append(text.index(row["context"]) + row["context"].index(row["number"]))
        assert row["kind"] in KINDS and row["value_kind"] in VALUE_KINDS
        assert row["comparator"] in COMPARATORS
        assert row["indicator_id"] in {"open", "none", *lexicon.indicators}, row
        assert row["sector"] in lexicon.sectors
        assert bool(row["name"]) == (row["indicator_id"] == "open")
        float(row["value"])
    assert starts == sorted(starts)  # in reading order


@pytest.mark.parametrize("name", DOCUMENTS)
def test_extraction_meets_the_targets_of_the_issue(evaluation, name):
    text = (EVAL / f"{name}.txt").read_text(encoding="utf-8")
    facts = extract(text, name).facts
    got = evaluation.score(text, facts, evaluation.expected_rows(
        text, EVAL / f"{name}.expected.csv"), set(load_lexicon().indicators))
    floor = 0.92 if name.startswith("review") else 0.96
    assert got["recall"] >= floor and got["precision"] >= floor, got
    assert got["no_indicator"] <= 0.15 and got["sector_right"] >= 0.90, got


def test_next_years_report_fills_the_right_gauges(evaluation):
    from dashboard import data_files as data
    from dashboard.pipeline import build
    from dashboard.progress import targets

    right, expecting, wrong, none = evaluation.joins(build, data, targets)
    assert expecting >= 29 and right >= expecting - 2
    assert none >= 2 and wrong == 0
