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


@pytest.mark.parametrize(("text", "expected"), [
    ("PM2.5平均浓度28微克/立方米", [("28", 28.0, "微克/立方米")]),
    ("亩均收益1.2万元/亩", [("1.2", 1.2, "万元/亩")]),
    ("人均补助4000元/人", [("4000", 4000.0, "元/人")]),
    ("单位GDP能耗0.85吨标准煤/万元", [("0.85", 0.85, "吨标准煤/万元")]),
    ("能耗总量12万吨标准煤", [("12", 12.0, "万吨标准煤")]),
    ("外贸进出口1.2亿美元", [("1.2", 1.2, "亿美元")]),
    ("收购籽棉3500公斤", [("3500", 3500.0, "公斤")]),
    ("压缩至3个工作日", [("3", 3.0, "个工作日")]),
    ("用时五天", [("五", 5.0, "天")]),
    ("优良天数比例百分之九十五", [("九十五", 95.0, "%")]),
    ("百分之百完成", [("百", 100.0, "%")]),
    ("覆盖率达到百分之80以上", [("80", 80.0, "%")]),
])
def test_rates_currencies_days_and_percent_in_words(text, expected):
    assert quantities(text) == expected


def test_a_unit_that_starts_a_word_is_not_a_unit():
    assert quantities("新增3天然气调峰站") == [("3", 3.0, "")]


@pytest.mark.parametrize(("text", "value_std", "unit_std"), [
    ("亩均收益1.2万元/亩", 12000.0, "元/亩"),
    ("收购籽棉3500公斤", 0.00035, "万吨"),
    ("出口1.2亿美元", 1.2, "亿美元"),
    ("能耗0.85吨标准煤/万元", 0.85, "吨标准煤/万元"),
    ("比例达到百分之九十五", 95.0, "%"),
])
def test_rates_and_new_units_are_standardised(text, value_std, unit_std):
    from dashboard.pipeline.classify import standardise

    (q,) = list(find_quantities(normalise(text)))
    assert standardise(q, q.value) == (pytest.approx(value_std), unit_std)


def test_rate_units_have_their_own_dimension():
    from dashboard.pipeline.units import unit_info

    assert unit_info("元/亩").dimension == "money/area"
    assert unit_info("吨标准煤/万元").dimension == "coal_equivalent/money"
    assert unit_info("元/斤") is None
    assert unit_info("公斤").dimension == unit_info("吨").dimension == "mass"


@pytest.mark.parametrize("text", [
    "开通服务热线0993-6012345", "12345热线受理诉求", "拨打热线12345反映", "12345政务服务热线",
    "咨询电话：0901-6221234",
])
def test_telephone_numbers_and_hotlines_are_not_quantities(text):
    assert quantities(text) == []


def test_a_hotline_does_not_hide_the_figures_beside_it():
    assert quantities("12345热线受理诉求3.2万件") == [("3.2", 3.2, "万件")]
