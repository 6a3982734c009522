"""Reviewers' decisions kept in seeds/review/ are applied by the build, keyed by sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline.build import build
from dashboard.pipeline.decisions import dump_review, fact_key, indicator_from_spec
from dashboard.pipeline.text import ReportError

BUNDLE = Path(__file__).parents[1] / "fixtures" / "bundles" / "two-years"


def _seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(BUNDLE / "luming-2025.txt", seeds)
    return seeds


def _facts(seeds: Path, out: Path) -> pd.DataFrame:
    build(seeds, out)
    return pd.read_csv(out / "indicators.csv")


def test_the_key_depends_on_the_sentence_not_the_offset():
    text = "一、回顾\n全县实现地区生产总值73.15亿元，增长6.4%。\n"
    start = text.index("73.15")
    moved = "前言。\n" + text
    assert fact_key(text, start, start + 5) == fact_key(moved, start + 4, start + 9)
    other = text.index("6.4")
    assert fact_key(text, start, start + 5) != fact_key(text, other, other + 3)


def test_build_applies_reject_assign_and_edit(tmp_path):
    seeds = _seeds(tmp_path)
    before = _facts(seeds, tmp_path / "before")
    text = (seeds / "luming-2025.txt").read_text(encoding="utf-8")
    rows = before.head(3).to_dict("records")
    keys = [fact_key(text, int(r["start"]), int(r["end"])) for r in rows]
    added = indicator_from_spec({"id": "r_new", "zh": "新指标", "en": "New", "sector": "economy",
                                 "dims": ["money"]})
    (seeds / "review").mkdir()
    (seeds / "review" / "luming-2025.yml").write_text(dump_review("luming-2025", [
        {"key": keys[0], "action": "reject"},
        {"key": keys[1], "action": "assign", "indicator_id": "r_new"},
        {"key": keys[2], "action": "edit", "value": 99.5}], [added]), encoding="utf-8")
    after = _facts(seeds, tmp_path / "after")
    assert len(after) == len(before) - 1
    assert rows[0]["fact_id"] not in set(after.fact_id)
    assigned = after.set_index("fact_id").loc[rows[1]["fact_id"]]
    assert (assigned.indicator_id, assigned.indicator_zh) == ("r_new", "新指标")
    assert after.set_index("fact_id").loc[rows[2]["fact_id"]].value == 99.5
    meta = pd.read_csv(tmp_path / "after" / "indicator_meta.csv")
    assert "r_new" in set(meta.indicator_id)


def test_a_malformed_review_file_stops_the_build(tmp_path):
    seeds = _seeds(tmp_path)
    (seeds / "review").mkdir()
    (seeds / "review" / "bad.yml").write_text("decisions: [{key: x, action: explode}]",
                                              encoding="utf-8")
    with pytest.raises(ReportError, match="malformed review file"):
        build(seeds, tmp_path / "out")
