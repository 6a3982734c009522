"""dashboard.figures.economy: GDP, growth against targets, fiscal and industry."""

from __future__ import annotations

import pytest

from dashboard.figures import economy
from dashboard.i18n import t
from tests.figures.helpers import assert_provenance, fact_traces


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gdp_figure(facts, reports, lang):
    fig = economy.gdp_figure(facts, reports, lang)
    rows = economy.gdp_facts(facts)
    assert set(rows.indicator_id) == {"gdp"}
    assert_provenance(fig, rows, reports, t("figures.economy.gdp_title", lang), lang)
    xs = sorted(x for tr in fact_traces(fig) for x in tr.x)
    assert xs == sorted(rows.value_std)  # level, growth and target, from the data


def test_growth_vs_target_in_the_order_chosen(facts, reports):
    chosen = ["retail_sales", "gdp", "fixed_asset_investment"]
    fig = economy.growth_vs_target_figure(facts, reports, "zh", chosen)
    rows = economy.growth_facts(facts, chosen)
    assert list(dict.fromkeys(rows.indicator_id)) == chosen
    assert set(rows.value_kind) == {"growth_pct"}
    assert_provenance(fig, rows, reports, t("figures.economy.growth_title", "zh"))
    assert fig.layout.yaxis.categoryarray == ("社会消费品零售总额", "地区生产总值", "固定资产投资")
    target = next(tr for tr in fact_traces(fig) if tr.meta["kind"] == "target")
    assert list(target.text) == ["+11%左右", "+8%左右", "+213%左右"]  # ~ is 左右
    actual = next(tr for tr in fact_traces(fig) if tr.meta["kind"] == "actual")
    assert list(actual.x) == [4.6, 19.5]
    missing = [tr for tr in fig.data if (tr.meta or {}).get("missing")]
    assert missing[0].y == ("社会消费品零售总额",)


def test_fiscal_industry_figure(facts, reports):
    rows = economy.fiscal_industry_facts(facts)
    assert set(rows.sector) == {"fiscal", "industry"}
    assert set(rows.value_kind) <= {"level", "count"}
    fig = economy.fiscal_industry_figure(facts, reports, "en")
    assert_provenance(fig, rows, reports, t("figures.economy.fiscal_title", "en"), "en")
    assert {tr.meta["unit"] for tr in fact_traces(fig)} == {"亿元", "家"}
