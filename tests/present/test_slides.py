"""Slide builders: the right numbers from the data, the source line, a big-screen style."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from dash import dcc, html

from dashboard.data import Dataset
from dashboard.facts import report_title
from dashboard.format import fact_value
from dashboard.present import deck, slides
from dashboard.present.style import LABEL_PX
from dashboard.progress.targets import target_table


def _walk(component: Any):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None and not isinstance(children, str | int | float):
        yield from _walk(children)


def _texts(component: Any, class_name: str) -> list[str]:
    return [str(c.children) for c in _walk(component)
            if class_name in (getattr(c, "className", "") or "").split()]


def _graphs(component: Any) -> list[dcc.Graph]:
    return [c for c in _walk(component) if isinstance(c, dcc.Graph)]


def _stated(row) -> str:
    return fact_value(row.value, row.unit, row.value_kind, row.comparator, "zh")


def _all_ids(dataset: Dataset) -> list[str]:
    year = int(dataset.reports.report_year.max())
    return deck.available_slides(deck.target_sectors(dataset.indicators, year))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_slide_has_one_title_a_body_and_its_source(dataset: Dataset, lang: str,
                                                         theme: str) -> None:
    ids = _all_ids(dataset)
    built = slides.build_all(ids, dataset, lang, theme)
    title = report_title(dataset.reports, dataset.reports.report_id.iloc[0], lang)
    for slide_id, section in zip(ids, built, strict=True):
        assert isinstance(section, html.Section)
        assert section.to_plotly_json()["props"]["data-slide-id"] == slide_id
        assert len(_texts(section, "present-title")) == 1
        (source,) = _texts(section, "present-slide-source")
        assert source.startswith("来源：" if lang == "zh" else "Source: "), slide_id
        assert title in source, slide_id
        assert _texts(section, "present-kpi-value") or _graphs(section), slide_id


def test_overview_shows_the_stated_headline_results(dataset: Dataset) -> None:
    section = slides.build("overview", dataset, "zh", "dark")
    values = _texts(section, "present-kpi-value")
    facts = dataset.indicators
    gdp = facts[(facts.indicator_id == "gdp") & (facts.kind == "actual")]
    level = gdp[gdp.value_kind == "level"].iloc[0]
    growth = gdp[gdp.value_kind == "growth_pct"].iloc[0]
    assert values[0] == _stated(level)
    assert _stated(growth) in _texts(section, "present-kpi-note")[0]
    assert 1 <= len(values) <= slides.MAX_TILES


def test_sector_slides_show_every_target_of_the_sector(dataset: Dataset) -> None:
    year = int(dataset.reports.report_year.max())
    table = target_table(dataset, year)
    for sector in deck.target_sectors(dataset.indicators, year):
        rows = [r for r in table.rows if r.sector == sector and r.facts]
        section = slides.build(deck.sector_slide_id(sector), dataset, "zh", "dark")
        values = _texts(section, "present-kpi-value")
        assert values == [fact_value(r.facts[0]["value"], r.facts[0]["unit"],
                                     r.facts[0]["value_kind"], r.facts[0]["comparator"], "zh")
                          for r in rows][: slides.MAX_TILES], sector
        assert str(len([r for r in table.rows if r.sector == sector])) in \
            _texts(section, "present-title")[0]


def test_two_figures_of_one_indicator_are_told_apart_by_the_report_words(
        dataset: Dataset) -> None:
    section = slides.build("sector-education", dataset, "en", "dark")
    details = _texts(section, "present-kpi-detail")
    assert len(details) == len(_texts(section, "present-kpi-value")) >= 2
    assert len(set(details)) == len(details)  # each names its own object


def test_targets_slide_states_the_comparison_target_in_words(dataset: Dataset) -> None:
    section = slides.build("targets", dataset, "zh", "dark")
    statements = [c for c in _walk(section) if getattr(c, "className", "") == "present-statement"]
    quote = dataset.relative_targets.quote.iloc[0]
    assert [s.children[0] for s in statements] == [quote]
    en = slides.build("targets", dataset, "en", "dark")
    text = [c for c in _walk(en) if getattr(c, "className", "") == "present-statement"]
    assert "faster than" in text[0].children[0]


def test_investment_slide_says_the_targets_contradict_each_other(dataset: Dataset) -> None:
    section = slides.build("investment", dataset, "zh", "dark")
    warnings = _texts(section, "present-warning")
    assert warnings and dataset.quality.message_zh.iloc[0] in warnings[0]
    (graph,) = _graphs(section)
    names = [a.name for a in graph.figure.layout.annotations]
    assert "note" not in names and "source" not in names  # lifted into the slide


@pytest.mark.parametrize("slide_id", ["economy", "investment", "agriculture"])
def test_chart_slides_are_styled_for_the_room(dataset: Dataset, slide_id: str) -> None:
    (graph,) = _graphs(slides.build(slide_id, dataset, "zh", "dark"))
    fig = graph.figure
    assert fig.layout.template.layout.paper_bgcolor  # report_dark
    assert fig.layout.font.size >= LABEL_PX
    assert fig.layout.xaxis.tickfont.size >= LABEL_PX
    assert not fig.layout.title.text
    assert fig.layout.height is None
    assert graph.config["displayModeBar"] is False


def test_nothing_stated_gives_a_quiet_slide(dataset: Dataset) -> None:
    empty = dataclasses.replace(dataset, indicators=dataset.indicators.iloc[0:0],
                                relative_targets=dataset.relative_targets.iloc[0:0])
    for slide_id in deck.PAGE_SLIDES:
        section = slides.build(slide_id, empty, "zh", "dark")
        assert _texts(section, "present-empty") == ["报告中未提及"], slide_id


def test_clause_finds_the_words_around_a_figure() -> None:
    text = "推动8所中小学教育教学附属设施、9所乡镇学校煤改电等一批项目开工建设。"
    start = text.index("9所")
    assert slides.clause(text, start, start + 1) == "9所乡镇学校煤改电等一批项目开工建设"
    assert slides.clause(text, 2, 3) == "推动8所中小学教育教学附属设施"
    assert slides.clause("1.实施3个养老服务示范点", 4, 5) == "实施3个养老服务示范点"
    assert slides.clause("x" * 60, 3, 4, width=10) == "x" * 9 + "…"


def test_a_target_with_an_actual_shows_its_status(dataset: Dataset) -> None:
    year = int(dataset.reports.report_year.max())
    row = next(r for r in target_table(dataset, year).rows if r.indicator_id == "gdp")
    done = dataclasses.replace(row, assessment=dataclasses.replace(
        row.assessment, status=type(row.assessment.status)("achieved")))
    assert done.status == "achieved"
    tile = slides._target_tile(done, "zh")
    assert "✓ 已实现" in _texts(tile, "present-kpi-note")[0]
    assert _texts(slides._target_tile(row, "zh", kind_note=False), "present-kpi-note") == []
