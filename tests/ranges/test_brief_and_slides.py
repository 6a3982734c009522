"""The printed brief and the presentation say a range target once, as the range."""

from __future__ import annotations

from typing import Any

from dashboard.brief.content import brief
from dashboard.brief.document import render
from dashboard.brief.query import decode
from dashboard.brief.svg import bar_chart
from dashboard.data import Dataset
from dashboard.present import slides
from tests.components.helpers import by_class, texts, walk


def _tiles(section: Any) -> dict[str, str]:
    """Slide tiles: label -> value text."""
    out = {}
    for tile in by_class(section, "present-kpi"):
        (value,) = by_class(tile, "present-kpi-value")
        (label,) = by_class(tile, "present-kpi-label")
        out["".join(texts(label))] = "".join(texts(value))
    return out


def test_brief_target_rows_and_chart(ranges: Dataset) -> None:
    for lang, gdp_range, grain in (("zh", "+6%—7%", "12—13万吨"),
                                   ("en", "+6%–7%", "120,000–130,000 tonnes")):
        made = brief(decode(ranges, {"report": "liuan-2024", "lang": lang}))
        targets = {line.target: line for line in made.targets}
        assert len(made.targets) == 7  # one row per target, a range being one
        assert targets[gdp_range].status == "achieved"
        assert targets[grain].status == "achieved"
        assert not [line for line in made.targets
                    if line.target in ("+7%以内", "at most +7%", "+6%以上", "at least +6%")]
        chart = made.chart
        assert chart is not None
        gdp = chart.categories.index("地区生产总值" if lang == "zh" else "Gross regional product")
        target_bar = chart.series[1].bars[gdp]
        assert (target_bar.value, target_bar.upper, target_bar.text) == (6.0, 7.0, gdp_range)
        svg = bar_chart(chart, chart.title)
        assert gdp_range in svg and svg.count('class="range"') == 3  # GDP, revenue, energy
        page = render(made, "2026-01-01 00:00")
        assert gdp_range in page


def test_slides_show_the_range(liuan_2024: Dataset) -> None:
    targets = _tiles(slides.build("targets", liuan_2024, "zh", "dark"))
    assert targets["地区生产总值"] == "+6%—7%"
    assert targets["单位地区生产总值能耗"] == "−2%—3%"
    assert len(targets) == 4
    agriculture = _tiles(slides.build("sector-agriculture", liuan_2024, "en", "dark"))
    assert agriculture["Grain output"] == "120,000–130,000 tonnes"
    economy = slides.build("economy", liuan_2024, "zh", "dark")
    figure = _figure(economy)
    labels = [str(y) for trace in figure.data for y in (trace.y or ())]
    assert not [c for c in labels if "(1)" in c or "(2)" in c]
    assert "+6%—7%" in [str(x) for trace in figure.data for x in (trace.text or ())]


def _figure(component: Any) -> Any:
    (found,) = [n.figure for n in walk(component) if getattr(n, "figure", None) is not None]
    return found
