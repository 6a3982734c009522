"""Acceptance of the seed: the 2024 Government Work Report of Shawan City
(seeds/shawan-2024-government-work-report.txt) and data/ built from it.

This is the only module that asserts the seed's own numbers; every other test reads the
report bundles written for the tests (tests/fixtures/bundles). Here: the headline results of
2023 (地区生产总值259.03亿元, 增长4.6%) and the 2024 targets, the 84 facts and their
provenance, the comparison target 收入增速高于GDP增速, the contradictory fixed-asset
investment targets, the report's main-target list and the slides that show them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard import theme
from dashboard.data import Dataset, select_report
from dashboard.data_files import load_dataset
from dashboard.facts import first, headline_indicators
from dashboard.pipeline.__main__ import main
from dashboard.pipeline.build import DATA_DIR, SEEDS_DIR
from dashboard.pipeline.extract import Extraction, extract
from dashboard.pipeline.numbers import parse_chinese_numeral
from dashboard.pipeline.text import normalise, read_report
from dashboard.present import deck, slides

SEED = SEEDS_DIR / "shawan-2024-government-work-report.txt"
REPORT_ID = "shawan-2024"
FACTS = 84
MAIN_TARGETS = ["gdp", "industrial_value_added", "budget_revenue", "fixed_asset_investment",
                "retail_sales", "foreign_trade", "disposable_income"]


@pytest.fixture(scope="module")
def text() -> str:
    return read_report(SEED)


@pytest.fixture(scope="module")
def extraction(text: str) -> Extraction:
    return extract(text, REPORT_ID)


@pytest.fixture(scope="module")
def facts(extraction: Extraction) -> pd.DataFrame:
    return pd.DataFrame(extraction.facts)


@pytest.fixture(scope="module")
def data() -> Dataset:
    """data/ as the app loads it (validated)."""
    theme.register_template()
    return load_dataset()


@pytest.fixture(scope="module")
def seed(data: Dataset) -> Dataset:
    """data/ seen from the seed report (the app's default report)."""
    scoped, ok = select_report(data, None)
    assert ok and scoped.report_id == REPORT_ID
    return scoped


def one(facts: pd.DataFrame, indicator: str, kind: str, value_kind: str,
        value: float | None = None) -> pd.Series:
    rows = facts[(facts.indicator_id == indicator) & (facts.kind == kind)
                 & (facts.value_kind == value_kind)]
    if value is not None:
        rows = rows[rows.value == value]
    assert len(rows) >= 1, (indicator, kind, value_kind, value)
    return rows.iloc[0]


# -- data/ ------------------------------------------------------------------------------------

def test_data_holds_the_seed_alone(data: Dataset) -> None:
    (report,) = data.reports.itertuples()
    # The title sources.yml gives wins over the one the text prints (2024年政府工作报告).
    assert (report.report_id, report.title, report.place) == (
        REPORT_ID, "2024年沙湾市政府工作报告", "沙湾市")
    assert (report.report_year, report.review_period, report.genre) == (2024, 2023,
                                                                        "work_report")
    assert (report.delivered, report.published) == ("2024-01-26", "2024-03-06")
    assert report.facts == FACTS == len(data.indicators)
    assert set(data.indicators.report_id) == {REPORT_ID}


def test_data_matches_the_seed_extraction(data: Dataset, facts: pd.DataFrame) -> None:
    assert len(facts) == FACTS
    assert data.indicators.fact_id.tolist() == facts.fact_id.tolist()
    assert data.indicators.value.astype(float).tolist() == facts.value.astype(float).tolist()


def test_the_reader_rebuilds_the_seed_text(data: Dataset, text: str) -> None:
    rebuilt = data.report_text(REPORT_ID)
    assert len(rebuilt) == len(text)
    for fact in data.indicators.itertuples():
        assert rebuilt[fact.start:fact.end] == text[fact.start:fact.end], fact.fact_id


# -- the headline numbers ---------------------------------------------------------------------

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


def test_gdp_of_2023_is_the_first_stated_result(seed: Dataset) -> None:
    level = first(seed.indicators, "gdp", "actual", "level")
    growth = first(seed.indicators, "gdp", "actual", "growth_pct")
    assert (float(level["value"]), level["unit"], int(level["period"])) == (259.03, "亿元", 2023)
    assert (float(growth["value"]), growth["unit"], int(growth["period"])) == (4.6, "%", 2023)


@pytest.mark.parametrize(("indicator", "value"), [
    ("gdp", 8), ("industrial_value_added", 10), ("budget_revenue", 8.4),
    ("fixed_asset_investment", 213), ("retail_sales", 11), ("foreign_trade", 103),
])
def test_headline_targets_of_2024(facts, indicator, value):
    fact = one(facts, indicator, "target", "growth_pct", value)
    assert (fact.period, fact.comparator, fact.unit) == (2024, "~", "%")
    assert "奋斗目标" not in fact.quote or "左右" in fact.quote


def test_the_growth_targets_of_2024_are_exactly_these(data: Dataset) -> None:
    f = data.indicators
    growth = f[(f.kind == "target") & (f.value_kind == "growth_pct")]
    assert dict(zip(growth.indicator_id, growth.value.astype(float), strict=True)) == {
        "gdp": 8.0, "industrial_value_added": 10.0, "budget_revenue": 8.4,
        "fixed_asset_investment": 213.0, "retail_sales": 11.0, "foreign_trade": 103.0}
    assert set(growth.period.astype(int)) == {2024}


def test_income_target_is_a_comparison(extraction, data: Dataset):
    (target,) = extraction.relative_targets
    assert (target["indicator_id"], target["reference_indicator_id"], target["comparator"],
            target["period"]) == ("disposable_income", "gdp", ">", 2024)
    assert target["quote"] == "城乡居民人均可支配收入增速高于地区生产总值增速"
    (row,) = data.relative_targets.itertuples()
    assert (row.indicator_id, row.reference_indicator_id, row.comparator, row.quote) == (
        "disposable_income", "gdp", ">", target["quote"])


def test_the_main_target_list(seed: Dataset) -> None:
    """dashboard.facts.headline_indicators: the 主要预期目标 sentence, in its order, with the
    comparison target in its place."""
    assert headline_indicators(seed.indicators, seed.passages,
                               seed.relative_targets) == MAIN_TARGETS


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


# -- quality ----------------------------------------------------------------------------------

def test_the_investment_targets_contradict_each_other(data: Dataset) -> None:
    (finding,) = data.quality.itertuples()
    assert (finding.rule, finding.indicator_id, finding.period, finding.report_id) == (
        "contradictory_targets", "fixed_asset_investment", 2024, REPORT_ID)
    assert "213%左右" in finding.message_zh and "100亿元以上" in finding.message_zh
    # 20.89亿元 growing by 213% is about 65.39亿元, far below 100亿元.
    assert "65.39" in finding.message_zh and "基数为2023年实际值20.89亿元" in finding.message_zh
    growth, level, base = finding.fact_ids.split(";")
    facts = data.indicators.set_index("fact_id")
    assert float(facts.loc[growth].value) == 213 and facts.loc[growth].value_kind == "growth_pct"
    assert float(facts.loc[level].value) == 100 and facts.loc[level].comparator == ">="
    assert float(facts.loc[base].value) == 20.89 and int(facts.loc[base].period) == 2023


# -- provenance and counts --------------------------------------------------------------------

def _written_value(written: str) -> float:
    written = normalise(written).replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", written):
        return float(written)
    return float(parse_chinese_numeral(written))


def test_every_row_points_at_its_number_in_the_seed(facts, text):
    for fact in facts.itertuples():
        written = text[fact.start:fact.end]
        assert _written_value(written) == abs(fact.value), fact.fact_id
        assert written in fact.quote, fact.fact_id
        assert fact.quote in text, fact.fact_id
        sentence_start = text.find(fact.quote, max(0, fact.end - len(fact.quote)))
        assert sentence_start <= fact.start < sentence_start + len(fact.quote)


def test_counts(facts):
    assert len(facts) == FACTS
    assert facts.fact_id.is_unique
    # Every figure of the seed measures something nameable: the lexicon's, or one read
    # from its words (nouns.py).
    assert (facts.indicator_id != "unclassified").all()
    named = facts[facts.indicator_id.str.startswith("n_")]
    assert 0 < len(named) < len(facts) * 0.15
    assert set(facts.kind) == {"actual", "target", "plan"}
    assert set(facts.period) == {2023, 2024}


def test_names_dates_and_furniture_are_not_facts(facts, text):
    written = {text[s:e] for s, e in zip(facts.start, facts.end, strict=True)}
    for name in ("12345", "75", "5", "30", "750", "35", "八", "十四"):
        positions = [m.start() for m in re.finditer(re.escape(name), text)]
        stated = set(facts.start)
        name_hits = [p for p in positions if p in stated and text[p:p + len(name)] in written]
        for pos in name_hits:
            after = text[pos + len(name):pos + len(name) + 2]
            assert not after.startswith(("周年", "G", "千伏", "项规定")), (name, after)
    assert facts.start.min() > text.index("2024年政府工作报告")
    assert facts.end.max() < text.index("用户登录")


# -- the frozen source ------------------------------------------------------------------------

def test_sources_file_matches_the_seed():
    sources = yaml.safe_load((SEEDS_DIR / "sources.yml").read_text(encoding="utf-8"))
    (entry,) = sources["reports"]
    path = Path(SEEDS_DIR / entry["file"])
    assert path == SEED and entry["id"] == REPORT_ID
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert str(entry["published"]) == "2024-03-06"
    assert str(entry["delivered"]) == "2024-01-26"
    assert entry["report_year"] == 2024


def test_the_seed_read_as_gb18030_gives_the_same_facts(tmp_path, text):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "gbk.txt").write_bytes(text.encode("gb18030"))
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    built = pd.read_csv(tmp_path / "out" / "indicators.csv")
    committed = pd.read_csv(DATA_DIR / "indicators.csv")
    assert built.value.tolist() == committed.value.tolist()


def test_a_changed_seed_is_refused(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    report = seeds / SEED.name
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 2
    assert "sha256" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# -- the seed on the slides -------------------------------------------------------------------

def _texts(component, class_name: str) -> list[str]:
    found = []
    stack = [component]
    while stack:
        c = stack.pop(0)
        if class_name in (getattr(c, "className", "") or "").split():
            found.append(str(c.children))
        children = getattr(c, "children", None)
        if isinstance(children, list | tuple):
            stack[0:0] = list(children)
        elif children is not None and not isinstance(children, str | int | float):
            stack.insert(0, children)
    return found


def test_the_deck_of_the_seed(seed: Dataset) -> None:
    sectors = deck.target_sectors(seed.indicators, 2024)
    assert sectors[0] == "economy"  # the GDP growth target comes first
    assert "tourism" not in sectors  # tourism has results only
    assert deck.target_sectors(seed.indicators, 2023) == []


def test_the_slides_of_the_seed(seed: Dataset) -> None:
    overview = slides.build("overview", seed, "zh", "dark")
    assert _texts(overview, "present-title") == ["2023年主要经济指标"]
    assert _texts(overview, "present-kpi-value")[0] == "259.03亿元"
    assert "+4.6%" in _texts(overview, "present-kpi-note")[0]
    targets = slides.build("targets", seed, "zh", "dark")
    assert _texts(targets, "present-kicker") == ["2024年主要预期目标"]
    investment = slides.build("investment", seed, "zh", "dark")
    (warning,) = _texts(investment, "present-warning")
    assert "213%左右" in warning and "100亿元以上" in warning
    # 推动8所中小学…、9所乡镇学校…: two school figures, each named by its own words.
    education = slides.build("sector-education", seed, "en", "dark")
    details = _texts(education, "present-kpi-detail")
    assert len(details) == len(_texts(education, "present-kpi-value")) >= 2
    assert len(set(details)) == len(details)


# -- next year's report added to seeds/: no code change --------------------------------------

NEXT_YEAR = Path(__file__).resolve().parent / "fixtures" / "next-year"


@pytest.fixture(scope="module")
def with_next_year(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """seeds/ plus a 2025 report of the seed city written for the tests, built together."""
    from dashboard.pipeline.build import build

    seeds = tmp_path_factory.mktemp("seeds-next")
    for path in SEEDS_DIR.glob("*.txt"):
        shutil.copy(path, seeds / path.name)
    shutil.copy(NEXT_YEAR / "shawan-2025-test.txt", seeds / "shawan-2025-test.txt")
    entries = yaml.safe_load((SEEDS_DIR / "sources.yml").read_text("utf-8"))["reports"]
    entries += yaml.safe_load((NEXT_YEAR / "sources.yml").read_text("utf-8"))["reports"]
    (seeds / "sources.yml").write_text(yaml.safe_dump({"reports": entries}, allow_unicode=True),
                                       "utf-8")
    out = tmp_path_factory.mktemp("data-next")
    build(seeds, out)
    theme.register_template()
    return load_dataset(out)


def test_next_years_report_needs_no_code_change(with_next_year: Dataset, data: Dataset):
    from dashboard.app_factory import create_app
    from dashboard.components.report_select import options
    from dashboard.figures import economy
    from dashboard.progress.targets import target_table
    from tests.app_settings import app_settings

    # The new report is the default and is offered beside the old one.
    assert select_report(with_next_year, None)[0].report_id == "shawan-2025-test"
    assert [o["value"] for o in options(with_next_year.reports, "zh")] == [
        "shawan-2025-test", REPORT_ID]
    # ?report= of the older report still shows it as before: the same facts and chart.
    old, ok = select_report(with_next_year, REPORT_ID)
    before, _ = select_report(data, REPORT_ID)
    assert ok and old.indicators.equals(before.indicators)
    ids = headline_indicators(old.indicators, old.passages, old.relative_targets)
    assert ids == MAIN_TARGETS
    assert (economy.growth_vs_target_figure(old.indicators, old.reports, "zh", ids,
                                            year=2024, review_year=2023).to_plotly_json()
            == economy.growth_vs_target_figure(before.indicators, before.reports, "zh", ids,
                                               year=2024, review_year=2023).to_plotly_json())
    # The 2024 gauges get their actuals from the 2025 review: GDP 6.8% against 8%左右.
    rows = {r.indicator_id: r for r in target_table(old, 2024).rows if r.headline}
    gdp = rows["gdp"]
    assert gdp.actual is not None and gdp.actual.value == 6.8
    assert gdp.actual.fact["report_id"] == "shawan-2025-test"
    assert gdp.status == "behind"
    assert rows["fixed_asset_investment"].actual.value == 193.4
    # The overview of the new report draws GDP across 2023 and 2024.
    import sys

    import dash

    app = create_app(app_settings(), snapshot=with_next_year)
    overview = next(sys.modules[p["module"]] for p in dash.page_registry.values()
                    if p["path"] == "/")
    with app.server.test_request_context("/"):
        page = overview.render(with_next_year, "zh", {})
    text = str(page.to_plotly_json())
    assert "trend-levels" in text and "trend-growth" in text
    assert "2025年沙湾市政府工作报告" in text
