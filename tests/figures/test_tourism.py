"""dashboard.figures.tourism: growth, events and plans."""

from __future__ import annotations

import pytest

from dashboard.figures import tourism
from dashboard.i18n import t
from tests.figures.helpers import assert_provenance, fact_traces


@pytest.mark.parametrize("measure", tourism.MEASURES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_measures(facts, reports, measure, lang):
    rows = tourism.measure_facts(facts, measure)
    assert not rows.empty and set(rows.sector) <= set(tourism.SECTORS)
    fig = tourism.measure_figure(facts, reports, lang, measure)
    assert_provenance(fig, rows, reports, t(f"figures.tourism.{measure}", lang), lang)


def test_selection_by_value_kind_and_kind(facts, reports):
    growth = tourism.measure_facts(facts, "growth")
    assert set(growth.indicator_id) == {"tourist_arrivals", "tourism_revenue"}
    assert set(tourism.measure_facts(facts, "events").indicator_id) == {"tourism_events"}
    plans = tourism.measure_facts(facts, "plans")
    assert set(plans.kind) <= {"target", "plan"} and plans.period.nunique() == 1
    fig = tourism.measure_figure(facts, reports, "zh", "plans")
    assert "2家以上" in [x for tr in fact_traces(fig) for x in tr.text]
    with pytest.raises(ValueError):
        tourism.measure_facts(facts, "nonsense")
