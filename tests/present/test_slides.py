"""Slide builders: the right numbers from the report presented, the year of the figures in
every title, the source line, a big-screen style.

Each builder gets the snapshot scoped to one report (``counties.scoped(report_id)``):
鹿鸣县 2024 (2023 results, 2024 targets), 鹿鸣县 2025 (2024 results, 2025 targets) and
青石县 2025 (no tourism).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest
from dash import dcc, html

from dashboard.data import Dataset, Memo
from dashboard.facts import first, headline_indicators, report_title
from dashboard.format import fact_value
from dashboard.pipeline.quality import find_issues
from dashboard.present import deck, slides
from dashboard.present.style import LABEL_PX
from dashboard.progress.targets import target_table

REPORTS = ("luming-2024", "luming-2025", "qingshi-2025")


def _walk(component: Any):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None and not isinstance(children, str | int | float):
        yield from _walk(children)


def _text(component: Any) -> str:
    """All the text of a component, its children's included."""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        return "".join(_text(c) for c in children)
    return "" if children is None else _text(children)


def _texts(component: Any, class_name: str) -> list[str]:
    return [_text(c) for c in _walk(component)
            if class_name in (getattr(c, "className", "") or "").split()]


def _title(section: html.Section) -> str:
    (title,) = _texts(section, "present-title")
    return title


def _kicker(section: html.Section) -> str:
    (kicker,) = _texts(section, "present-kicker")
    return kicker


def _graphs(component: Any) -> list[dcc.Graph]:
    return [c for c in _walk(component) if isinstance(c, dcc.Graph)]


def _stated(row, lang: str = "zh") -> str:
    return fact_value(row["value"], row["unit"], row["value_kind"], row["comparator"], lang)


def _year(dataset: Dataset) -> int:
    return int(dataset.report(str(dataset.report_id))["report_year"])


def _review_year(dataset: Dataset) -> int:
    return int(dataset.report(str(dataset.report_id))["review_period"])


def _all_ids(dataset: Dataset) -> list[str]:
    return deck.available_slides(deck.target_sectors(dataset.indicators, _year(dataset)))


def _fresh(dataset: Dataset, **tables: pd.DataFrame) -> Dataset:
    """``dataset`` with some tables replaced, and a memo of its own (nothing cached for the
    real tables is served for the replaced ones)."""
    return dataclasses.replace(dataset, memo=Memo(), **tables)


@pytest.mark.parametrize("report_id", REPORTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_slide_has_one_title_a_body_and_its_source(counties: Dataset, report_id: str,
                                                         lang: str, theme: str) -> None:
    dataset = counties.scoped(report_id)
    ids = _all_ids(dataset)
    built = slides.build_all(ids, dataset, lang, theme)
    title = report_title(dataset.reports, report_id, lang)
    others = [report_title(dataset.reports, r, lang) for r in REPORTS if r != report_id]
    has_tourism = not dataset.indicators[dataset.indicators.sector == "tourism"].empty
    for slide_id, section in zip(ids, built, strict=True):
        assert isinstance(section, html.Section)
        assert section.to_plotly_json()["props"]["data-slide-id"] == slide_id
        assert _title(section) and _kicker(section), slide_id
        (source,) = _texts(section, "present-slide-source")
        if slide_id == "tourism" and not has_tourism:  # 青石县 states no tourism figure
            assert _texts(section, "present-empty") == [
                "报告中未提及" if lang == "zh" else "Not stated in the report"]
            assert source == ""
            continue
        assert source.startswith("来源：" if lang == "zh" else "Source: "), slide_id
        assert title in source, slide_id
        assert not any(other in source for other in others), slide_id
        assert _texts(section, "present-kpi-value") or _graphs(section), slide_id
        # Every placeholder filled: no "{year}" or "{n}" left on the screen.
        texts = [_text(section)] + [str(g.figure.layout.title.text or "")
                                    for g in _graphs(section)]
        assert not any("{" in text for text in texts), (slide_id, texts)
    assert has_tourism is (report_id != "qingshi-2025")


@pytest.mark.parametrize("report_id", REPORTS)
def test_titles_name_the_year_of_the_figures_they_show(counties: Dataset,
                                                       report_id: str) -> None:
    """Regression: a report's results are the previous year's; the overview said the report
    year above them (2025年主要经济指标 above 2024 results)."""
    dataset = counties.scoped(report_id)
    year, review = _year(dataset), _review_year(dataset)
    assert review == year - 1
    overview = slides.build("overview", dataset, "zh", "dark")
    assert _title(overview) == f"{review}年主要经济指标"
    assert _title(slides.build("overview", dataset, "en", "dark")) == f"The economy in {review}"
    targets = slides.build("targets", dataset, "zh", "dark")
    assert _kicker(targets) == f"{year}年主要预期目标"
    assert _title(targets).startswith(f"{year}年要达到的")
    en = slides.build("targets", dataset, "en", "dark")
    assert _kicker(en) == f"Main targets for {year}" and _title(en).endswith(f"in {year}")
    economy = slides.build("economy", dataset, "zh", "dark")
    assert _title(economy) == f"{review}年增速与{year}年目标"
    for sector in deck.target_sectors(dataset.indicators, year):
        section = slides.build(deck.sector_slide_id(sector), dataset, "zh", "dark")
        assert _kicker(section) == f"{year}年目标与计划", sector


def test_the_2025_report_says_2024_above_its_results(luming_2025: Dataset) -> None:
    overview = slides.build("overview", luming_2025, "zh", "dark")
    assert _title(overview) == "2024年主要经济指标" and "2025" not in _title(overview)
    gdp = first(luming_2025.indicators, "gdp", "actual", "level")
    assert int(gdp["period"]) == 2024 and _texts(overview, "present-kpi-value")[0] == "73.15亿元"
    tourism = slides.build("tourism", luming_2025, "zh", "dark")
    assert _title(tourism) == "2024年文化旅游成效"
    targets = slides.build("targets", luming_2025, "zh", "dark")
    assert _kicker(targets) == "2025年主要预期目标"
    assert _title(targets) == "2025年要达到的5项主要目标"


def test_overview_shows_the_stated_headline_results(luming_2025: Dataset) -> None:
    section = slides.build("overview", luming_2025, "zh", "dark")
    values = _texts(section, "present-kpi-value")
    facts = luming_2025.indicators
    level = first(facts, "gdp", "actual", "level")
    growth = first(facts, "gdp", "actual", "growth_pct")
    assert values[0] == _stated(level)
    assert _stated(growth) in _texts(section, "present-kpi-note")[0]
    assert 1 <= len(values) <= slides.MAX_TILES
    # The tiles follow the report's main-target list (主要预期目标是：…), in its order.
    headline = headline_indicators(facts, luming_2025.passages, luming_2025.relative_targets)
    with_results = [ind for ind in headline
                    if not facts[(facts.indicator_id == ind) & (facts.kind == "actual")].empty]
    names = facts.drop_duplicates("indicator_id").set_index("indicator_id").indicator_zh
    assert _texts(section, "present-kpi-label") == [
        names[ind] for ind in with_results][: slides.MAX_TILES]


def test_each_report_shows_its_own_results(counties: Dataset) -> None:
    shown = {r: _texts(slides.build("overview", counties.scoped(r), "zh", "dark"),
                       "present-kpi-value")[0] for r in REPORTS}
    assert shown == {"luming-2024": "68.42亿元", "luming-2025": "73.15亿元",
                     "qingshi-2025": "112.6亿元"}


@pytest.mark.parametrize("report_id", REPORTS)
def test_sector_slides_show_every_target_of_the_sector(counties: Dataset,
                                                       report_id: str) -> None:
    dataset = counties.scoped(report_id)
    year = _year(dataset)
    table = target_table(dataset, year)
    for sector in deck.target_sectors(dataset.indicators, year):
        rows = [r for r in table.rows if r.sector == sector and r.facts]
        assert rows, sector
        assert {str(r.facts[0]["report_id"]) for r in rows} == {report_id}
        section = slides.build(deck.sector_slide_id(sector), dataset, "zh", "dark")
        values = _texts(section, "present-kpi-value")
        assert values == [_stated(r.facts[0]) for r in rows][: slides.MAX_TILES], sector
        count = len([r for r in table.rows if r.sector == sector])
        assert f"{count}项" in _title(section)


def test_two_figures_of_one_indicator_are_told_apart_by_the_report_words(
        luming_2025: Dataset) -> None:
    # 新建中小学1所、幼儿园2所: two school figures of one sentence.
    section = slides.build("sector-education", luming_2025, "en", "dark")
    details = _texts(section, "present-kpi-detail")
    assert len(details) == len(_texts(section, "present-kpi-value")) >= 2
    assert len(set(details)) == len(details)  # each names its own object
    assert details == ["“新建中小学1所”", "“幼儿园2所”"]


@pytest.mark.parametrize(("report_id", "english"), [
    ("luming-2024", "faster than"),  # 增速高于
    ("luming-2025", "at least as fast as"),  # 增速不低于
])
def test_targets_slide_states_the_comparison_target_in_words(counties: Dataset, report_id: str,
                                                             english: str) -> None:
    dataset = counties.scoped(report_id)
    section = slides.build("targets", dataset, "zh", "dark")
    statements = [c for c in _walk(section) if getattr(c, "className", "") == "present-statement"]
    (quote,) = dataset.relative_targets.quote
    assert [s.children[0] for s in statements] == [quote]
    en = slides.build("targets", dataset, "en", "dark")
    text = [c for c in _walk(en) if getattr(c, "className", "") == "present-statement"]
    assert english in text[0].children[0]


def test_no_comparison_target_no_statement(qingshi_2025: Dataset) -> None:
    # 城乡居民收入增长和经济增长基本同步 is not read as a comparison target.
    assert qingshi_2025.relative_targets.empty
    section = slides.build("targets", qingshi_2025, "zh", "dark")
    assert not [c for c in _walk(section) if getattr(c, "className", "") == "present-statement"]


def _contradicting(dataset: Dataset) -> Dataset:
    """鹿鸣县 2024 with its 固定资产投资达到28亿元以上 raised to 40亿元以上: the 15% growth
    target (24.6 → 28.29亿元) and the level target can no longer both be met; the quality
    finding comes from the build's own rule."""
    facts = dataset.indicators.copy()
    level = (facts.indicator_id == "fixed_asset_investment") & (facts.kind == "target") & (
        facts.value_kind == "level")
    assert level.sum() == 1
    facts.loc[level, ["value", "value_std"]] = 40.0
    facts.loc[level, "quote"] = facts.loc[level, "quote"].str.replace("28亿元", "40亿元")
    quality = find_issues(facts)
    assert len(quality) == 1
    return _fresh(dataset, indicators=facts, quality=quality)


def test_investment_slide_says_the_targets_contradict_each_other(luming_2024: Dataset) -> None:
    dataset = _contradicting(luming_2024)
    section = slides.build("investment", dataset, "zh", "dark")
    warnings = _texts(section, "present-warning")
    assert warnings and dataset.quality.message_zh.iloc[0] in warnings[0]
    (graph,) = _graphs(section)
    names = [a.name for a in graph.figure.layout.annotations]
    assert "note" not in names and "source" not in names  # lifted into the slide
    # Without a finding there is no warning.
    assert _texts(slides.build("investment", luming_2024, "zh", "dark"), "present-warning") == []


@pytest.mark.parametrize("slide_id", ["economy", "investment", "agriculture"])
def test_chart_slides_are_styled_for_the_room(luming_2025: Dataset, slide_id: str) -> None:
    (graph,) = _graphs(slides.build(slide_id, luming_2025, "zh", "dark"))
    fig = graph.figure
    assert fig.layout.template.layout.paper_bgcolor  # report_dark
    assert fig.layout.font.size >= LABEL_PX
    assert fig.layout.xaxis.tickfont.size >= LABEL_PX
    assert not fig.layout.title.text
    assert fig.layout.height is None
    assert graph.config["displayModeBar"] is False


@pytest.mark.parametrize("slide_id", ["economy", "investment", "agriculture"])
def test_slide_graphs_are_named_for_the_report(luming_2025: Dataset, slide_id: str) -> None:
    """Graph file names start with the report id (``<report_id>-<page>-<chart>``), never
    with the seed's place."""
    (graph,) = _graphs(slides.build(slide_id, luming_2025, "zh", "dark"))
    filename = graph.config["toImageButtonOptions"]["filename"]
    assert filename.startswith("luming-2025-") and slide_id in filename, filename
    assert "shawan" not in filename


def test_nothing_stated_gives_a_quiet_slide(luming_2025: Dataset) -> None:
    empty = _fresh(luming_2025, indicators=luming_2025.indicators.iloc[0:0],
                   relative_targets=luming_2025.relative_targets.iloc[0:0])
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


def test_a_target_with_an_actual_shows_its_status(luming_2025: Dataset) -> None:
    row = next(r for r in target_table(luming_2025, 2025).rows if r.indicator_id == "gdp")
    assert row.status == "no_actual"  # 2025 has no result yet
    done = dataclasses.replace(row, assessment=dataclasses.replace(
        row.assessment, status=type(row.assessment.status)("achieved")))
    assert done.status == "achieved"
    tile = slides._target_tile(done, "zh")
    assert "✓ 已实现" in _texts(tile, "present-kpi-note")[0]
    assert _texts(slides._target_tile(row, "zh", kind_note=False), "present-kpi-note") == []


def test_the_2024_targets_are_assessed_with_the_results_of_2024(luming: Dataset) -> None:
    """鹿鸣县's 2024 targets get their results from its 2025 report (2024 review)."""
    dataset = luming.scoped("luming-2024")
    rows = {r.indicator_id: r for r in target_table(dataset, 2024).rows if r.headline}
    gdp = rows["gdp"]  # 增长7%左右; the 2025 report: 比上年增长6.4%
    assert gdp.actual is not None and gdp.actual.value == pytest.approx(6.4)
    assert gdp.status != "no_actual"
    section = slides.build("targets", dataset, "zh", "dark")
    notes = _texts(section, "present-kpi-note")
    assert len(notes) == len(_texts(section, "present-kpi-value"))
    assert all(note for note in notes)  # every headline target has a result to show


def test_another_county_never_assesses_a_report_targets(counties: Dataset,
                                                        luming: Dataset) -> None:
    """A report's targets are measured against its own place's results: adding 青石县's
    report to the snapshot must not change 鹿鸣县's target slides (青石县 grew 7.2% in 2024,
    鹿鸣县 6.4%)."""
    with_other = counties.scoped("luming-2024")
    alone = luming.scoped("luming-2024")
    for slide_id in ["targets", *(deck.sector_slide_id(s) for s in deck.target_sectors(
            alone.indicators, 2024))]:
        assert _texts(slides.build(slide_id, with_other, "zh", "dark"), "present-kpi-note") == \
            _texts(slides.build(slide_id, alone, "zh", "dark"), "present-kpi-note"), slide_id
