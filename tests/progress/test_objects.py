"""Targets of one indicator for different objects, and the next report stating some of them
(dashboard/progress/objects.py), on two reports of 柳岸县 written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.data_files import load_dataset
from dashboard.figures.gauges import gauge_figure
from dashboard.pipeline.build import build
from dashboard.progress.objects import assign, name_words, object_words
from dashboard.progress.targets import target_table

PLANS = """2024年柳岸县政府工作报告
(2024年1月12日)
各位代表:
一、2023年工作回顾
全县地区生产总值80.1亿元，同比增长5.2%。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。
（一）壮大新能源。确保完成东坡发电60万千瓦光伏项目建设，力促西岭能源90万千瓦光伏等项目早日开工。
（二）办好民生实事。推动6所中小学教学附属设施、7所乡镇学校煤改电等项目开工建设。
"""

RESULTS = """2025年柳岸县政府工作报告
(2025年1月15日)
各位代表:
一、2024年工作回顾
全县地区生产总值85.3亿元，同比增长6.1%。东坡发电60万千瓦光伏项目全容量并网发电，西岭能源光伏项目完成前期手续。完成7所乡镇学校煤改电改造，6所中小学教学附属设施全部投用。
二、2025年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    base = tmp_path_factory.mktemp("objects")
    seeds = base / "seeds"
    seeds.mkdir()
    entries = []
    for report_id, text, year in (("liuan-2024", PLANS, 2024), ("liuan-2025", RESULTS, 2025)):
        (seeds / f"{report_id}.txt").write_text(text, encoding="utf-8")
        entries.append({"id": report_id, "file": f"{report_id}.txt", "place": "柳岸县",
                        "report_year": year})
    (seeds / "sources.yml").write_text(yaml.safe_dump({"reports": entries}, allow_unicode=True),
                                       encoding="utf-8")
    build(seeds, base / "data")
    dataset = load_dataset(Path(base / "data"))
    return dataset, target_table(dataset.scoped("liuan-2024"), 2024)


def _row(table, written: str):
    """The target whose number, with its unit, is written so (60万千瓦, 6所)."""
    (row,) = [r for r in table.rows
              if PLANS.startswith(written, int(r.facts[0]["start"]))]
    return row


def _actual_text(row) -> str:
    return RESULTS[int(row.actual.fact["start"]):int(row.actual.fact["end"])]


def test_each_project_gets_its_own_result_or_none(table):
    dataset, targets = table
    first, second = _row(targets, "60万千瓦"), _row(targets, "90万千瓦")
    assert first.indicator_id == second.indicator_id == "photovoltaic_capacity"
    assert _actual_text(first) == "60" and not first.ambiguous
    # 西岭能源's project is reported without a capacity: no actual, not the other one's 60.
    assert second.actual is None and second.ambiguous and second.status == "no_actual"
    fig = gauge_figure(second, dataset.reports, "zh")
    (note,) = [a for a in fig.layout.annotations if a.name == "no-actual"]
    assert note.text == "暂无对应实际值" and "其他项目或对象" in note.hovertext
    assert gauge_figure(second, dataset.reports, "en").layout.annotations[-1].hovertext.startswith(
        "The report's figures")


def test_two_figures_of_one_sentence_go_to_their_own_objects(table):
    _, targets = table
    schools, villages = _row(targets, "6所"), _row(targets, "7所")
    assert schools.indicator_id == villages.indicator_id  # both counted in 所
    assert _actual_text(schools) == "6" and _actual_text(villages) == "7"
    assert not schools.conflicts and not villages.conflicts


def test_one_target_keeps_the_best_figure(table):
    _, targets = table
    gdp = next(r for r in targets.rows if r.indicator_id == "gdp")
    assert gdp.actual.value == 6.1 and not gdp.ambiguous


def test_assign_pairs_by_shared_words():
    a, b = frozenset({"东坡", "发电"}), frozenset({"西岭", "能源"})
    assert assign([a, b], [frozenset({"东坡", "并网"})]) == [0, None]
    assert assign([a, b], [frozenset({"西岭"}), frozenset({"东坡"})]) == [1, 0]
    assert assign([a], [frozenset(), frozenset({"东坡"})]) == [1]
    assert assign([a], [frozenset(), frozenset()]) == [0]  # a tie: the first stated
    assert assign([a, b], []) == [None, None]
    text = "完成东坡发电60万千瓦光伏项目建设，力促西岭"
    words = object_words(text, text.index("60"), text.index("60") + 2)
    assert {"东坡", "发电", "光伏"} <= words and "西岭" not in words and "完成" not in words


def test_a_catch_all_target_takes_only_a_figure_about_its_own_object():
    own = name_words("投入资金")
    assert {"投入", "资金", "投资"} <= own
    target = object_words("计划总投资105亿元的18个省市重点项目", 5, 8) - own
    other = object_words("全年完成固定资产投资109.4亿元", 9, 14) - own
    same = object_words("18个省市重点项目完成总投资98亿元", 12, 14) - own
    assert assign([target], [other], same_object=True) == [None]
    assert assign([target], [other]) == [0]  # an ordinary indicator's one figure is taken
    assert assign([target], [other, same], same_object=True) == [1]
