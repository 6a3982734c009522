"""dashboard.figures.economy: GDP, growth against targets, fiscal and industry."""

from __future__ import annotations

import pytest

from dashboard.facts import headline_indicators
from dashboard.figures import economy
from dashboard.i18n import t
from tests.figures.helpers import assert_provenance, bars_by_kind, fact, fact_traces, years

CHOSEN = ["retail_sales", "gdp", "fixed_asset_investment"]
# Each report's main-target sentence (主要预期目标是：…), in the order it states them; the
# 鹿鸣县 reports end with 居民收入增速高于/不低于GDP增速, a comparison target.
LUMING_HEADLINE = ["gdp", "budget_revenue", "fixed_asset_investment", "retail_sales",
                   "urban_new_jobs", "surveyed_unemployment", "disposable_income"]
HEADLINE = {"luming-2024": LUMING_HEADLINE, "luming-2025": LUMING_HEADLINE,
            "qingshi-2025": ["gdp", "industrial_value_added", "fixed_asset_investment",
                             "budget_revenue", "retail_sales", "urban_new_jobs",
                             "surveyed_unemployment"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gdp_figure(report, reports, lang):
    facts = report.indicators
    fig = economy.gdp_figure(facts, reports, lang)
    rows = economy.gdp_facts(facts)
    assert set(rows.indicator_id) == {"gdp"} and set(rows.report_id) == {report.report_id}
    assert_provenance(fig, rows, reports, t("figures.economy.gdp_title", lang), lang)
    xs = sorted(x for tr in fact_traces(fig) for x in tr.x)
    assert xs == sorted(rows.value_std)  # level, growth and target, from the data


def test_gdp_figure_reads_like_the_report(luming_2024, reports):
    fig = economy.gdp_figure(luming_2024.indicators, reports, "zh")
    texts = [text for tr in fact_traces(fig) for text in tr.text]
    # 地区生产总值68.42亿元，同比增长5.8%; 2024: 增长7%左右
    assert sorted(texts) == sorted(["68.42亿元", "+5.8%", "+7%左右"])
    assert {tr.meta["unit"] for tr in fact_traces(fig)} == {"亿元", "%"}


def test_growth_vs_target_in_the_order_chosen(luming_2024, reports):
    facts = luming_2024.indicators
    fig = economy.growth_vs_target_figure(facts, reports, "zh", CHOSEN, **years(luming_2024))
    rows = economy.growth_facts(facts, CHOSEN)
    assert list(dict.fromkeys(rows.indicator_id)) == CHOSEN
    assert set(rows.value_kind) == {"growth_pct"}
    title = t("figures.economy.growth_title", "zh", year=2024, review_year=2023)
    assert title == "2023年增速与2024年目标"
    assert_provenance(fig, rows, reports, title)
    assert fig.layout.yaxis.categoryarray == ("社会消费品零售总额", "地区生产总值", "固定资产投资")
    target = next(tr for tr in fact_traces(fig) if tr.meta["kind"] == "target")
    assert list(target.text) == ["+8%左右", "+7%左右", "+15%"]  # ~ is 左右
    assert target.meta["period"] == 2024
    actual = next(tr for tr in fact_traces(fig) if tr.meta["kind"] == "actual")
    assert actual.meta["period"] == 2023
    assert list(actual.x) == [fact(facts, i, "actual", "growth_pct").value_std for i in CHOSEN]
    assert list(actual.x) == [6.7, 5.8, -4.3]
    assert not [tr for tr in fig.data if (tr.meta or {}).get("missing")]  # all three stated


def test_growth_titles_name_the_selected_reports_years(luming_2025, reports):
    fig = economy.growth_vs_target_figure(luming_2025.indicators, reports, "en", CHOSEN,
                                          **years(luming_2025))
    assert fig.layout.title.text.replace("<br>", " ") == "2024 growth and the 2025 target"
    target = next(tr for tr in fact_traces(fig) if tr.meta["kind"] == "target")
    assert list(target.text) == ["about +7%", "about +6.5%", "at least +12%"]


def test_a_target_without_a_stated_growth_says_so(luming_2025, reports):
    facts = luming_2025.indicators
    retail = fact(facts, "retail_sales", "actual", "growth_pct")
    facts = facts[facts.fact_id != retail.fact_id]
    fig = economy.growth_vs_target_figure(facts, reports, "zh", CHOSEN, **years(luming_2025))
    missing = [tr for tr in fig.data if (tr.meta or {}).get("missing")]
    assert len(missing) == 1
    assert missing[0].y == ("社会消费品零售总额",) and missing[0].text == ("2024年未提及",)
    assert ("target", "社会消费品零售总额") in bars_by_kind(fig)


def test_growth_of_the_reports_own_headline_list(report, reports):
    """The headline list comes from the report's main-target sentence, not from code."""
    facts = report.indicators
    headline = headline_indicators(facts, report.passages, report.relative_targets)
    assert headline == HEADLINE[report.report_id]
    rows = economy.growth_facts(facts, headline)
    assert list(dict.fromkeys(rows.indicator_id)) == [
        i for i in headline if i in set(rows.indicator_id)]
    targets = rows[rows.kind == "target"]
    assert set(targets.report_id) == {report.report_id}
    assert set(targets.period) == {years(report)["year"]}
    assert set(rows[rows.kind == "actual"].period) == {years(report)["review_year"]}


def test_fiscal_industry_figure(report, reports):
    facts = report.indicators
    rows = economy.fiscal_industry_facts(facts)
    assert set(rows.sector) <= {"fiscal", "industry"} and "fiscal" in set(rows.sector)
    assert set(rows.value_kind) <= {"level", "count"} and set(rows.kind) == {"actual"}
    fig = economy.fiscal_industry_figure(facts, reports, "en")
    assert_provenance(fig, rows, reports, t("figures.economy.fiscal_title", "en"), "en")
    assert {tr.meta["unit"] for tr in fact_traces(fig)} == set(rows.unit_std)


def test_fiscal_industry_units(luming_2024, qingshi_2025, reports):
    def units(dataset):
        fig = economy.fiscal_industry_figure(dataset.indicators, reports, "zh")
        return {tr.meta["unit"] for tr in fact_traces(fig)}

    assert units(luming_2024) == {"亿元", "家"}  # 一般公共预算收入3.76亿元, 小升规3家
    assert units(qingshi_2025) == {"亿元", "家", "项"}  # 输变电工程1项
