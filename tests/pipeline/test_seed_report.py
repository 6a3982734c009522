"""The Shawan 2024 report: headline facts, provenance of every row, counts."""

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard.pipeline.build import SEEDS_DIR
from dashboard.pipeline.extract import extract
from dashboard.pipeline.numbers import parse_chinese_numeral
from dashboard.pipeline.text import normalise, read_report

SEED = SEEDS_DIR / "shawan-2024-government-work-report.txt"


@pytest.fixture(scope="module")
def text():
    return read_report(SEED)


@pytest.fixture(scope="module")
def extraction(text):
    return extract(text, "shawan-2024")


@pytest.fixture(scope="module")
def facts(extraction):
    return pd.DataFrame(extraction.facts)


def one(facts, indicator, kind, value_kind, value=None):
    rows = facts[(facts.indicator_id == indicator) & (facts.kind == kind)
                 & (facts.value_kind == value_kind)]
    if value is not None:
        rows = rows[rows.value == value]
    assert len(rows) >= 1, (indicator, kind, value_kind, value)
    return rows.iloc[0]


@pytest.mark.parametrize(("indicator", "value_kind", "value", "unit"), [
    ("gdp", "level", 259.03, "亿元"), ("gdp", "growth_pct", 4.6, "%"),
    ("fixed_asset_investment", "level", 20.89, "亿元"),
    ("fixed_asset_investment", "growth_pct", 19.5, "%"),
    ("budget_revenue", "level", 11.25, "亿元"), ("budget_revenue", "growth_pct", 22.5, "%"),
    ("industrial_value_added", "level", 9.35, "亿元"),
    ("industrial_value_added", "growth_pct", 2.1, "%"),
    ("grain_area", "level", 42.35, "万亩"), ("grain_output", "level", 25.29, "万吨"),
    ("livestock_slaughter", "level", 45.45, "万头只"),
    ("tourist_arrivals", "growth_pct", 138.61, "%"),
    ("tourism_revenue", "growth_pct", 149.52, "%"),
])
def test_headline_actuals_of_2023(facts, indicator, value_kind, value, unit):
    fact = one(facts, indicator, "actual", value_kind, value)
    assert (fact.period, fact.unit, fact.comparator) == (2023, unit, "=")
    assert fact.section.startswith("一、2023年工作回顾")


@pytest.mark.parametrize(("indicator", "value"), [
    ("gdp", 8), ("industrial_value_added", 10), ("budget_revenue", 8.4),
    ("fixed_asset_investment", 213), ("retail_sales", 11), ("foreign_trade", 103),
])
def test_headline_targets_of_2024(facts, indicator, value):
    fact = one(facts, indicator, "target", "growth_pct", value)
    assert (fact.period, fact.comparator, fact.unit) == (2024, "~", "%")
    assert "奋斗目标" not in fact.quote or "左右" in fact.quote


def test_income_target_is_a_comparison(extraction):
    (target,) = extraction.relative_targets
    assert (target["indicator_id"], target["reference_indicator_id"], target["comparator"],
            target["period"]) == ("disposable_income", "gdp", ">", 2024)
    assert target["quote"] == "城乡居民人均可支配收入增速高于地区生产总值增速"


@pytest.mark.parametrize(("indicator", "kind", "value", "comparator"), [
    ("fixed_asset_investment", "target", 100, ">="),
    ("livestock_slaughter", "target", 76, "="),
    ("livestock_stock", "target", 115, "="),
    ("insurance_coverage", "target", 95, ">="),
    ("high_standard_farmland", "plan", 3, "="),
    ("farmland_reclaimed", "plan", 13.25, "="),
    ("roads_new", "plan", 3, "="),
    ("funds_committed", "plan", 6500, "="),
])
def test_task_paragraph_targets_and_plans(facts, indicator, kind, value, comparator):
    rows = facts[(facts.indicator_id == indicator) & (facts.value == value)]
    assert {(r.kind, r.period, r.comparator) for r in rows.itertuples()} == {
        (kind, 2024, comparator)}


def _written_value(written: str) -> float:
    written = normalise(written).replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", written):
        return float(written)
    return parse_chinese_numeral(written)


def test_every_row_points_at_its_number_in_the_seed(facts, text):
    for fact in facts.itertuples():
        written = text[fact.start:fact.end]
        assert _written_value(written) == abs(fact.value), fact.fact_id
        assert written in fact.quote, fact.fact_id
        assert fact.quote in text, fact.fact_id
        sentence_start = text.find(fact.quote, max(0, fact.end - len(fact.quote)))
        assert sentence_start <= fact.start < sentence_start + len(fact.quote)


def test_counts(facts):
    assert 80 <= len(facts) <= 130
    assert facts.fact_id.is_unique
    unclassified = facts[facts.indicator_id == "unclassified"]
    assert 0 < len(unclassified) < len(facts) * 0.15
    assert set(facts.kind) == {"actual", "target", "plan"}
    assert set(facts.period) == {2023, 2024}


def test_names_dates_and_furniture_are_not_facts(facts, text):
    written = {text[s:e] for s, e in zip(facts.start, facts.end, strict=True)}
    for name in ("12345", "75", "5", "30", "750", "35", "八", "十四"):
        positions = [m.start() for m in re.finditer(re.escape(name), text)]
        stated = {s for s in facts.start}
        name_hits = [p for p in positions if p in stated and text[p:p + len(name)] in written]
        for pos in name_hits:
            after = text[pos + len(name):pos + len(name) + 2]
            assert not after.startswith(("周年", "G", "千伏", "项规定")), (name, after)
    assert facts.start.min() > text.index("2024年政府工作报告")
    assert facts.end.max() < text.index("用户登录")


def test_sources_file_matches_the_seed():
    sources = yaml.safe_load((SEEDS_DIR / "sources.yml").read_text(encoding="utf-8"))
    (entry,) = sources["reports"]
    import hashlib

    path = Path(SEEDS_DIR / entry["file"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert str(entry["published"]) == "2024-03-06"
    assert str(entry["delivered"]) == "2024-01-26"
    assert entry["report_year"] == 2024
