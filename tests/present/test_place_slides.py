"""The /compare and /record slides (dashboard/present/place_slides.py) and when a deck shows
them: they cite several reports, so a deck shows them when asked for (``slides=``) or when
opened from their page (``start=compare``), never in the default deck of one report."""

from __future__ import annotations

import pytest
from dash import dcc

from dashboard.data import Dataset
from dashboard.present import deck, place_slides
from tests.present.test_slides import _graphs, _texts, _title


def test_the_default_deck_leaves_them_out_and_their_page_adds_its_own() -> None:
    available = deck.available_slides(["economy"])
    assert "compare" not in available and "record" not in available
    assert deck.parse_params({}, available).slides == tuple(available)
    opened = deck.parse_params({"start": "compare"}, available, ["compare", "record"])
    assert opened.slides == (*available, "compare")
    assert opened.start == len(available) and opened.return_page == "compare"
    asked = deck.parse_params({"slides": "record,overview"}, available)
    assert asked.slides == ("record", "overview") and not asked.invalid
    assert deck.parse_params({"slides": "bogus"}, available).invalid == ("slides",)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_slide_ranks_the_year_the_report_reviews(counties: Dataset, lang: str) -> None:
    section = place_slides.compare_slide(counties.scoped("qingshi-2025"), lang, "dark")
    (graph,) = [g for g in _graphs(section) if isinstance(g, dcc.Graph)]
    bars = [tr for tr in graph.figure.data if not (tr.meta or {}).get("missing")]
    assert [list(tr.x) for tr in bars] == [[7.2, 6.4]]  # GDP growth, 2024
    home = "青石县（当前）" if lang == "zh" else "Qingshi County (selected)"  # in words too
    assert any(home in y.replace("<br>", " ") for y in bars[0].y)
    (source,) = _texts(section, "present-slide-source")
    assert source.startswith("来源：" if lang == "zh" else "Source: ")
    for place in ("鹿鸣县", "青石县") if lang == "zh" else ("Luming", "Qingshi"):
        assert place in source
    assert "2024" in _title(section)


def test_compare_slide_with_one_place_says_so(counties: Dataset) -> None:
    section = place_slides.compare_slide(counties.scoped("luming-2024"), "zh", "dark")
    assert _texts(section, "present-empty") == ["2023年只有一个地区的数字，暂无可比对象"]


def test_record_slide_counts_the_main_targets_met(counties: Dataset) -> None:
    section = place_slides.record_slide(counties.scoped("luming-2025"), "zh", "dark")
    assert _title(section) == "鹿鸣县历年主要预期目标实现情况"
    assert _texts(section, "present-kpi-value") == ["2/4项", "—"]
    assert _texts(section, "present-kpi-label") == ["2024年主要预期目标已实现",
                                                    "2025年主要预期目标已实现"]
    assert _texts(section, "present-kpi-note") == ["未实现2项 · 暂无实际值1项",
                                                   "尚无全年结果 · 暂无实际值5项"]
    (source,) = _texts(section, "present-slide-source")
    # The reports setting the targets and the one stating their actuals.
    assert source == "来源：2024年鹿鸣县政府工作报告; 2025年鹿鸣县政府工作报告"


def test_record_slide_of_a_place_without_results(counties: Dataset) -> None:
    section = place_slides.record_slide(counties.scoped("qingshi-2025"), "en", "light")
    assert _texts(section, "present-kpi-value") == ["—"]
    (source,) = _texts(section, "present-slide-source")
    assert source.startswith("Source: ") and "Qingshi" in source
