"""dashboard.figures.agriculture: crops, livestock and land views."""

from __future__ import annotations

import pytest

from dashboard.figures import agriculture
from dashboard.i18n import t
from tests.figures.helpers import assert_provenance, fact_traces


@pytest.mark.parametrize("view", list(agriculture.VIEWS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_views(facts, reports, view, lang):
    rows = agriculture.view_facts(facts, view)
    assert set(rows.indicator_id) <= set(agriculture.VIEWS[view]) and not rows.empty
    fig = agriculture.view_figure(facts, reports, lang, view)
    assert_provenance(fig, rows, reports, t(f"figures.agriculture.{view}", lang), lang)


def test_livestock_sets_2023_against_both_targets(facts, reports):
    fig = agriculture.view_figure(facts, reports, "zh", "livestock")
    bars = {(tr.meta["kind"], y): x for tr in fact_traces(fig) for x, y in zip(tr.x, tr.y,
                                                                               strict=True)}
    assert bars == {("actual", "牲畜出栏"): 45.45, ("target", "牲畜出栏"): 76.0,
                    ("target", "牲畜饲养量"): 115.0}
    assert fig.layout.barmode == "group"
    missing = [tr for tr in fig.data if (tr.meta or {}).get("missing")]
    assert missing[0].y == ("牲畜饲养量",)  # 饲养量 has no 2023 figure: said so


def test_orchard_keeps_its_comparator(facts, reports):
    fig = agriculture.view_figure(facts, reports, "zh", "crops")
    texts = [text for tr in fact_traces(fig) for text in tr.text]
    assert "2万余亩" in texts and "42.35万亩" in texts and "25.29万吨" in texts
