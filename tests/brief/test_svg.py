"""The static SVG chart: valid XML, every text escaped, CJK fonts, bars from zero."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dashboard.brief.model import Bar, Chart, Series
from dashboard.brief.svg import FONTS, WIDTH, bar_chart, chart_height, text_width, wrap

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & </svg><svg onload=alert(1)>'


def _chart(categories=("地区生产总值", HOSTILE), actual=(6.4, -4.3), target=(7.0, None)):
    return Chart("增速", tuple(categories), (
        Series("2024年实际", "#0072B2", tuple(Bar(v, f"{v}%") for v in actual)),
        Series("2025年目标", "#E69F00", tuple(Bar(v, f"{v}%左右" if v is not None else "未提及")
                                            for v in target))), (1,), "未提及")


def _tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def test_valid_xml_with_escaped_texts_and_no_script():
    svg = bar_chart(_chart(), HOSTILE)
    root = _tree(svg)
    assert root.tag == f"{NS}svg" and root.get("font-family") == FONTS
    assert "Noto Sans CJK SC" in FONTS and FONTS.endswith("sans-serif")
    assert "<script" not in svg and "onload" not in root.attrib
    assert not root.findall(f".//{NS}script")
    texts = "".join(t.text or "" for t in root.iter(f"{NS}text"))
    assert "地区生产总值" in texts and "<script>" in texts  # shown as text, not markup
    assert root.get("aria-label") == HOSTILE and root.find(f"{NS}title").text == HOSTILE
    assert all(not el.attrib.get(a, "").startswith("on") for el in root.iter() for a in el.attrib)


def test_bars_start_at_zero_and_missing_values_say_so():
    root = _tree(bar_chart(_chart(), "x"))
    axis = root.find(f"{NS}line")
    zero = float(axis.get("x1"))
    bars = [r for r in root.findall(f"{NS}rect") if float(r.get("y")) > 15]  # not the legend
    assert len(bars) == 3  # the missing target draws no bar
    left = [b for b in bars if float(b.get("x")) < zero - 0.5]
    assert len(left) == 1  # −4.3 goes left of the axis
    assert all(abs(float(b.get("x")) - zero) < 0.6 for b in bars if b not in left)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "未提及" in texts and "-4.3%" in texts
    assert int(root.get("height")) == chart_height(_chart()) and int(root.get("width")) == WIDTH


def test_long_category_names_wrap_into_two_lines():
    lines = wrap("Industrial value added (above designated size), growth", 150)
    assert len(lines) == 2 and all(text_width(line) <= 150 for line in lines)
    cut = wrap("规模以上工业增加值" * 5, 100)
    assert len(cut) == 2 and cut[-1].endswith("…")
    assert wrap("GDP", 100) == ["GDP"]


def test_all_zero_and_single_values_draw():
    _tree(bar_chart(_chart(("a",), (0.0,), (0.0,)), "x"))
    _tree(bar_chart(_chart(("a",), (None,), (None,)), "x"))
