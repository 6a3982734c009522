"""The reader on the real corpus (../shared/realreports, never copied here) and on the expected
tables written by hand for it (tests/fixtures/realeval/): issue #22's levels (recall and
precision ≥ 0.95, no document below 0.90, joins ≥ 0.95 right with none false; no figure
without a year, no footnote marker, ≤ 5 % without an indicator)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from dashboard import data_files as data_mod
from dashboard.pipeline import build as build_mod
from dashboard.pipeline import extract as extract_mod
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.text import ReportError
from dashboard.progress import targets as targets_mod

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real():
    module = _module("real_eval")
    assert module.CORPUS.is_dir(), f"the real corpus is missing: {module.CORPUS}"
    return module


@pytest.fixture(scope="module")
def scoring():
    return _module("extraction_eval")


def test_every_real_document_is_read_with_a_year_and_no_footnote_marker(real):
    counts = real.corpus_counts(extract_mod, ReportError)
    assert counts.refused == 0 and counts.facts > 7000
    assert counts.no_year == 0 and counts.footnotes == 0
    assert counts.no_indicator / counts.facts <= 0.05


def test_every_real_document_gets_its_year(real):
    meta = real.corpus_meta()
    for path in sorted(real.CORPUS.glob("*.txt")):
        layout = extract_mod.extract(path.read_text(encoding="utf-8"), path.stem).layout
        assert layout.report_year == int(meta[path.stem]["year"]), path.stem


def test_real_evaluation_keeps_its_level(real, scoring):
    lexicon_ids = set(load_lexicon().indicators)
    found = expected = correct = stated = 0.0
    for slug in real.documents():
        got = real.score_document(slug, extract_mod, scoring, lexicon_ids)
        assert got["recall"] >= 0.90 and got["precision"] >= 0.90, slug
        found += got["recall"] * got["expected"]
        expected += got["expected"]
        correct += got["precision"] * got["stated"]
        stated += got["stated"]
    assert len(real.documents()) >= 12
    assert found / expected >= 0.95
    assert correct / stated >= 0.95


def test_real_pairs_join_targets_to_their_actuals(real):
    right = expecting = false = 0
    for earlier, later in real.join_pairs():
        r, e, f, _ = real.score_joins(earlier, later, build_mod, data_mod, targets_mod)
        right, expecting, false = right + r, expecting + e, false + f
    assert right / expecting >= 0.95 and false == 0
