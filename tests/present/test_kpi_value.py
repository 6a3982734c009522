"""A slide's headline number stays the big part of its tile in both languages: a qualifier
before it and a unit after it are set small (an English unit is longer than 亿元 or 万亩,
and at headline size it made the English tile wider than its slide column)."""

from __future__ import annotations

from dashboard.present.layout import kpi_tile


def _parts(value: str) -> list:
    children = kpi_tile(value, "label").children[0].children
    if isinstance(children, str):
        return [children]
    return [c if isinstance(c, str) else (c.className, c.children) for c in children]


def test_an_english_unit_is_small_beside_its_number():
    assert _parts("1.91 billion yuan") == ["1.91", " ",
                                           ("present-kpi-suffix", "billion yuan")]
    assert _parts("at least 310,000 mu") == [("present-kpi-qualifier", "at least"), "310,000",
                                             " ", ("present-kpi-suffix", "mu")]
    assert _parts("175,000 tonnes") == ["175,000", " ", ("present-kpi-suffix", "tonnes")]


def test_chinese_and_bare_numbers_as_before():
    assert _parts("31万亩") == ["31万亩"]
    assert _parts("100亿元以上") == ["100亿元", ("present-kpi-suffix", "以上")]
    assert _parts("about +8%") == [("present-kpi-qualifier", "about"), "+8%"]
    assert _parts("+8%") == ["+8%"]
