"""dashboard.figures.tourism: growth, events and plans."""

from __future__ import annotations

import pytest

from dashboard.figures import tourism
from dashboard.i18n import t
from tests.figures.helpers import assert_provenance, fact_traces


@pytest.mark.parametrize("measure", tourism.MEASURES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scope", ["luming_2024", "luming_2025"])
def test_measures(request, scope, reports, measure, lang):
    facts = request.getfixturevalue(scope).indicators
    rows = tourism.measure_facts(facts, measure)
    assert not rows.empty and set(rows.sector) <= set(tourism.SECTORS)
    fig = tourism.measure_figure(facts, reports, lang, measure)
    assert_provenance(fig, rows, reports, t(f"figures.tourism.{measure}", lang), lang)


def test_selection_by_value_kind_and_kind(luming_2024, reports):
    facts = luming_2024.indicators
    growth = tourism.measure_facts(facts, "growth")
    # 接待游客246万人次、实现旅游收入16.3亿元，分别增长86.5%、92.1%
    assert set(growth.indicator_id) == {"tourist_arrivals", "tourism_revenue"}
    assert sorted(growth.value_std) == [86.5, 92.1]
    events = tourism.measure_facts(facts, "events")
    assert "tourism_events" in set(events.indicator_id)
    assert set(events.kind) == {"actual"} and set(events.value_kind) == {"count"}
    assert set(events.sector) == {"tourism"}
    plans = tourism.measure_facts(facts, "plans")
    assert set(plans.kind) <= {"target", "plan"} and set(plans.period) == {2024}
    assert {"tourism_events", "hotels_new", "retail_sales"} <= set(plans.indicator_id)
    fig = tourism.measure_figure(facts, reports, "zh", "plans")
    texts = [x for tr in fact_traces(fig) for x in tr.text]
    assert {"60场次以上", "2家", "300万人次", "20亿元"} <= set(texts)
    with pytest.raises(ValueError):
        tourism.measure_facts(facts, "nonsense")


def test_plans_are_of_the_latest_period_only(luming_2024):
    both = luming_2024.all_facts[luming_2024.all_facts.report_id.isin(
        ["luming-2024", "luming-2025"])]
    plans = tourism.measure_facts(both, "plans")
    assert set(plans.period) == {2025} and set(plans.report_id) == {"luming-2025"}


def test_a_county_without_tourism_has_nothing_to_chart(qingshi_2025, reports):
    facts = qingshi_2025.indicators
    assert tourism.measure_facts(facts, "growth").empty
    assert tourism.measure_facts(facts, "events").empty
    # its one consumption target (社会消费品零售总额增长6%) is still a plan for the year
    plans = tourism.measure_facts(facts, "plans")
    assert list(plans.indicator_id) == ["retail_sales"]
    with pytest.raises(ValueError):
        tourism.measure_figure(facts, reports, "zh", "growth")
