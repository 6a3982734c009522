"""dashboard.figures.common: text measuring, wrapping and the value-axis text layout."""

from __future__ import annotations

from dashboard.figures import common


def test_wrap_never_splits_numbers_and_fits_the_width():
    lines = common.wrap("固定资产投资：2023年实际与2024年目标", 12)
    assert "".join(lines) == "固定资产投资：2023年实际与2024年目标"
    assert all(common.text_em(line) <= 12 for line in lines)
    assert not any(line.endswith("20") for line in lines)
    assert common.wrap("Gross regional product", 10) == ["Gross regional", "product"]
    # balanced: no single character left alone
    assert min(len(line) for line in common.wrap("新增规模以上工业企业", 9)) > 1


def test_text_layout_keeps_every_stated_value_visible():
    # "+213%左右" is 5 em (70 px) wide: on a 200 px plot the axis widens so it fits after
    rng, where = common.text_layout([213.0, 8.0], ["+213%左右", "+8%左右"], plot_px=200)
    assert where == ["outside", "outside"] and rng[0] == 0
    assert (rng[1] - 213) / rng[1] * 200 >= 5 * 14 + 8 and rng[1] <= 213 * 2.1
    # on a narrower plot widening would not be enough: the text goes inside the long bar
    rng, where = common.text_layout([213.0, 8.0], ["+213%左右", "+8%左右"], plot_px=120)
    assert where == ["inside", "outside"] and rng[1] < 213 * 2.1
    # nothing fits anywhere: inside (plotly shrinks the text), never an exploding axis
    rng, where = common.text_layout([10.0], ["很长很长很长很长很长很长的数值"], plot_px=100)
    assert where == ["inside"] and rng[1] < 11
    rng, where = common.text_layout([-5.0, 10.0], ["a", "b"])
    assert rng[0] < -5 and rng[1] > 10 and where == ["outside", "outside"]


def test_legend_rows_and_label_margin():
    assert common.legend_rows([], 300) == 0
    assert common.legend_rows(["2023年实际", "2024年目标"], 400) == 1
    assert common.legend_rows(["2023年实际", "2024年目标"], 150) == 2
    assert common.label_margin(["地区生产总值", "a<br>规模以上工业增加值"]) == 9 * 14 + 16

