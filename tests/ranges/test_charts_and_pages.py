"""Charts, KPI cards and pages draw a range target as one bar, point, card or gauge labelled
with the range, never as two indicators "地区生产总值 (1)" and "(2)"."""

from __future__ import annotations

from typing import Any

from dashboard.components.kpi_card import kpi_card
from dashboard.data import Dataset
from dashboard.facts import select
from dashboard.figures import economy, trends
from dashboard.figures.bars import fact_bars
from tests.components.helpers import by_class, texts
from tests.pages.helpers import click, figure

HEADLINE = ["gdp", "budget_revenue", "fixed_asset_investment", "energy_intensity",
            "urban_new_jobs"]


def _categories(fig: Any) -> list[str]:
    return [str(y) for trace in fig.data for y in (trace.y or ())]


def _bar_texts(fig: Any) -> list[str]:
    return [str(x) for trace in fig.data for x in (trace.text or ()) if x]


def _target_traces(fig: Any) -> list[Any]:
    return [tr for tr in fig.data if (tr.meta or {}).get("kind") == "target"]


def test_growth_chart_has_one_bar_per_range(liuan_2024: Dataset) -> None:
    assert liuan_2024.headline() == HEADLINE
    for lang, gdp_range in (("zh", "+6%—7%"), ("en", "+6%–7%")):
        fig = economy.growth_vs_target_figure(liuan_2024.ranged_facts, liuan_2024.reports,
                                              lang, HEADLINE, year=2024, review_year=2023)
        assert not [c for c in _categories(fig) if "(1)" in c or "(2)" in c], lang
        (target,) = _target_traces(fig)
        # One bar per indicator with a growth target: the range's low bound, once.
        assert len(target.y) == len(set(target.y)) == 4
        assert list(target.x)[:2] == [6.0, 5.0]
        assert gdp_range in _bar_texts(fig)
        assert not [t for t in _bar_texts(fig) if "以内" in t or "at most" in t]
        # The light segment on to the high bound, under the low bound's fact id.
        (segment,) = [tr for tr in fig.data if (tr.meta or {}).get("range")]
        assert (list(segment.base), list(segment.x)) == ([6.0, 5.0, -2.0], [1.0, 1.0, -1.0])
        assert segment.offsetgroup == target.offsetgroup
        assert [row[0] for row in segment.customdata] == [row[0] for row in target.customdata
                                                          if row[0] in liuan_2024.ranges]
        assert segment.showlegend is False


def test_raw_facts_would_draw_two_indicators(liuan_2024: Dataset) -> None:
    """Why the pages draw ``ranged_facts``: the two facts as read are two bars."""
    raw = select(liuan_2024.indicators, indicators=["gdp"], kinds=["target"])
    fig = fact_bars(raw, liuan_2024.reports, "zh", "t")
    assert len(_categories(fig)) == 2
    ranged = select(liuan_2024.ranged_facts, indicators=["gdp"], kinds=["target"])
    fig = fact_bars(ranged, liuan_2024.reports, "zh", "t")
    assert len(set(_categories(fig))) == 1 and "+6%—7%" in _bar_texts(fig)


def test_a_level_range_is_one_bar_reaching_its_high_bound(liuan_2024: Dataset) -> None:
    grain = select(liuan_2024.ranged_facts, indicators=["grain_output"])
    fig = fact_bars(grain, liuan_2024.reports, "en", "t", grouped=True)
    assert "120,000–130,000 tonnes" in _bar_texts(fig)  # 12—13万吨, in English
    # The value axis reaches past the high bound, so its label is not cut off.
    assert fig.layout.xaxis.range[1] > 13


def test_kpi_card_lists_the_range_once(liuan_2024: Dataset) -> None:
    card = texts(kpi_card(select(liuan_2024.ranged_facts, indicators=["gdp"]), "zh"))
    assert card.count("+6%—7%") == 1
    assert not [t for t in card if "以内" in t]


def test_trend_chart_draws_the_range_as_a_whisker(ranges: Dataset) -> None:
    reports = trends.place_reports(ranges.reports, "liuan-2025")
    fig = trends.trend_figure(ranges.ranged_facts, reports, ranges.lexicon, ["gdp"], "growth",
                              "zh")
    (target,) = [tr for tr in fig.data if tr.legendgroup == "target"]
    at = list(target.x).index(2024)
    assert target.y[at] == 6.0
    assert target.error_y.array[at] == 1.0
    assert target.customdata[at][2] == "+6%—7%"


def test_pages_show_the_range(serve, ranges: Dataset) -> None:
    pages = serve(ranges)
    economy_page = pages["economy"].layout(report="liuan-2024")
    growth = figure(economy_page, "economy", "growth")
    assert not [c for c in _categories(growth) if "(1)" in c or "(2)" in c]
    assert "+6%—7%" in _bar_texts(growth)
    # A click on the range's bar: its sentence, and the range as the value stated.
    low = next(iter(ranges.ranges))
    panel = texts(pages["economy"].show_quote(click(low), "?report=liuan-2024"))
    assert "+6%—7%" in panel
    overview = pages["overview"].layout(report="liuan-2024", lang="en")
    gdp_card = [c for c in by_class(overview, "kpi-card")
                if getattr(c, "data-indicator", None) == "gdp"]
    assert "+6%–7%" in texts(gdp_card)
    targets = pages["targets"].layout(report="liuan-2024", year="2024")
    cards = by_class(targets, "target-item")
    shown = [getattr(c, "data-target") for c in cards]
    assert len(shown) == len(set(shown)) == 7
    assert set(ranges.ranges.values()).isdisjoint(shown)  # no card for a high bound
    assert "+6%—7%" in texts(targets)
