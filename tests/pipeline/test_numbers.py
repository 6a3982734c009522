"""The number grammar: what counts as a stated quantity, and how it is read."""

import pytest

from dashboard.pipeline.numbers import find_quantities, parse_chinese_numeral
from dashboard.pipeline.text import normalise


@pytest.mark.parametrize(("numeral", "value"), [
    ("三", 3), ("十", 10), ("十五", 15), ("一百二十", 120), ("两千", 2000),
    ("一万二千", 12000), ("三百零五", 305), ("二三", None),
])
def test_chinese_numerals(numeral, value):
    assert parse_chinese_numeral(numeral) == value


def quantities(text, names=()):
    norm = normalise(text)
    return [(text[q.start:q.end], q.value, q.unit) for q in find_quantities(norm, names=names)]


@pytest.mark.parametrize(("text", "expected"), [
    ("地区生产总值68.42亿元", [("68.42", 68.42, "亿元")]),
    ("收入12,345万元", [("12,345", 12345.0, "万元")]),
    ("增长５.２％", [("５.２", 5.2, "%")]),
    ("面积一百二十万亩", [("一百二十", 120.0, "万亩")]),
    ("增长三成", [("三", 3.0, "成")]),
    ("收入翻一番", [("一", 1.0, "番")]),
    ("提高1.5个百分点", [("1.5", 1.5, "个百分点")]),
    ("光伏60万千瓦", [("60", 60.0, "万千瓦")]),
    ("出栏36.55万头只", [("36.55", 36.55, "万头只")]),
    ("务工2.3万余人次", [("2.3", 2.3, "万人次")]),
    ("新增就业1860余人", [("1860", 1860.0, "人")]),
    ("增长8%—9%", [("8", 8.0, "%"), ("9", 9.0, "%")]),
    ("八件民生实事", [("八", 8.0, "件")]),
])
def test_quantities_and_units(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize("text", [
    "实施“十四五”规划", "党的二十大精神", "“12345”热线", "建设5G基站", "改造G30沿线",
    "3月复工", "6月底前开工", "第八届美食节", "成立75周年", "750千伏变电站",
    "(2024年1月26日)", "1.实施教育工程;", "万里征程", "一个问题、一套方案", "四星级酒店",
    "中亚五国", "十届十次全会",
])
def test_names_dates_ordinals_are_not_quantities(text):
    assert quantities(text) == []


def test_named_expressions_from_the_lexicon_are_skipped():
    assert quantities("落实中央八项规定精神", names=("八项规定",)) == []
    assert quantities("落实中央八项规定精神") != []
