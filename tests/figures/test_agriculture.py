"""dashboard.figures.agriculture: one view per topic the report states (crops, livestock,
land…), the past year beside this year's targets and plans."""

from __future__ import annotations

import pytest

from dashboard.figures import agriculture
from dashboard.i18n import t
from dashboard.pipeline.nouns import open_indicator_id
from tests.figures.helpers import assert_provenance, bars_by_kind, fact, fact_traces, plain, years


def topics(dataset) -> dict[str, str]:
    return {ind.id: ind.topic for ind in dataset.lexicon.values()}


def test_views_come_from_the_indicators_stated(luming_2024, luming_2025, qingshi_2025):
    assert agriculture.views(luming_2024.indicators, topics(luming_2024)) == {
        "crops": ("grain_area", "grain_output", "mechanization_rate"),
        "livestock": ("livestock_slaughter", "livestock_stock"),
        "land": ("high_standard_farmland",),
        "context": ("funds_committed",),  # 乡村振兴衔接资金: a topic without its own title
    }
    # 2025: no funds stated in the agriculture sections, so no "other" view
    assert list(agriculture.views(luming_2025.indicators, topics(luming_2025))) == [
        "crops", "livestock", "land"]
    found = agriculture.views(qingshi_2025.indicators, topics(qingshi_2025))
    assert found["crops"] == ("cotton_area", "cotton_output", "cotton_base",
                              "mechanization_rate", "orchard_area", "fruit_output")
    assert found["livestock"] == ("livestock_stock",)
    # 实施低产低效园提质改造3万亩: a name read from the text, under "other" (its sector)
    assert found["agriculture"] == (open_indicator_id("实施低产低效园提质改造"),)


def test_headline_takes_the_first_of_each_view(luming_2024, qingshi_2025):
    assert agriculture.headline(luming_2024.indicators, topics(luming_2024)) == [
        "grain_area", "livestock_slaughter", "high_standard_farmland", "funds_committed"]
    assert agriculture.headline(qingshi_2025.indicators, topics(qingshi_2025)) == [
        "cotton_area", "livestock_stock", "high_standard_farmland",
        open_indicator_id("实施低产低效园提质改造")]
    assert agriculture.headline(qingshi_2025.indicators.iloc[0:0], topics(qingshi_2025)) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_views(report, reports, lang):
    facts = report.indicators
    found = agriculture.views(facts, topics(report))
    assert found
    for view, indicators in found.items():
        rows = agriculture.view_facts(facts, indicators)
        assert list(dict.fromkeys(rows.indicator_id)) == list(indicators) and not rows.empty
        fig = agriculture.view_figure(facts, reports, lang, view, indicators, **years(report))
        title = agriculture.title(view, lang, **years(report))
        assert "{" not in title
        assert_provenance(fig, rows, reports, title, lang)


def test_livestock_sets_the_review_year_against_the_targets(luming_2024, reports):
    facts = luming_2024.indicators
    indicators = agriculture.views(facts, topics(luming_2024))["livestock"]
    fig = agriculture.view_figure(facts, reports, "zh", "livestock", indicators,
                                  **years(luming_2024))
    assert plain(fig.layout.title.text) == "畜牧：2023年实绩与2024年目标"
    slaughter, stock = (fact(facts, i, "actual", "level").indicator_zh for i in indicators)
    # 牲畜出栏36.5万头只，年末存栏52万头只; 力争出栏40万头只，存栏稳定在55万头只以上
    assert bars_by_kind(fig) == {("actual", slaughter): 36.5, ("target", slaughter): 40.0,
                                 ("actual", stock): 52.0, ("target", stock): 55.0}
    assert fig.layout.barmode == "group"
    assert not [tr for tr in fig.data if (tr.meta or {}).get("missing")]


def test_livestock_without_a_result_says_so(luming_2025, reports):
    facts = luming_2025.indicators
    stock = fact(facts, "livestock_stock", "actual", "level")
    facts = facts[facts.fact_id != stock.fact_id]
    indicators = agriculture.views(facts, topics(luming_2025))["livestock"]
    fig = agriculture.view_figure(facts, reports, "en", "livestock", indicators,
                                  **years(luming_2025))
    assert fig.layout.title.text.replace("<br>", " ") == "Livestock: 2024 and the 2025 targets"
    missing = [tr for tr in fig.data if (tr.meta or {}).get("missing")]
    assert len(missing) == 1 and missing[0].text == ("2024: not stated",)
    assert missing[0].y[0].replace("<br>", " ") == stock.indicator_en
    # the slaughter's growth (同比增长5.8%) gets its own % axis beside the head counts
    assert {tr.meta["unit"] for tr in fact_traces(fig)} == {"万头只", "%"}


def test_crops_keep_their_comparators(qingshi_2025, reports):
    facts = qingshi_2025.indicators
    indicators = agriculture.views(facts, topics(qingshi_2025))["crops"]
    fig = agriculture.view_figure(facts, reports, "zh", "crops", indicators)
    assert plain(fig.layout.title.text) == t("figures.agriculture.crops", "zh")
    texts = [text for tr in fact_traces(fig) for text in tr.text]
    # 稳定在45万亩左右, 达到7.2万吨以上, 稳定在21万亩 (as stated, not rounded to a number)
    assert {"45万亩左右", "7.2万吨以上", "21万亩", "45.6万亩"} <= set(texts)


def test_a_topic_without_its_own_title_falls_back(luming_2024, reports):
    facts = luming_2024.indicators
    fig = agriculture.view_figure(facts, reports, "en", "context", ("funds_committed",))
    assert fig.layout.title.text.replace("<br>", " ") == t("figures.agriculture.agriculture",
                                                           "en")
    assert [text for tr in fact_traces(fig) for text in tr.text] == ["135 million yuan"]  # 1.35亿元
