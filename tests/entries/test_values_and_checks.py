"""Reading typed values and checking entered figures (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.entries.checks import Figure, read_figure, warnings
from dashboard.entries.values import Typed, read_value
from dashboard.pipeline.lexicon import load_lexicon

TODAY = date(2026, 7, 20)
GOOD = {"indicator_id": "gdp", "year": "2026", "period_kind": "half_year",
        "through_month": "6", "measure": "growth_pct", "value": "5.2%", "unit": "",
        "price_basis": "comparable", "status": "preliminary", "source": "州统计局快报",
        "comment": ""}


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("5.2%", 5.2, "%"), ("增长-8.7%", -8.7, "%"), ("下降3%", -3.0, "%"),
    ("１２.５亿元", 12.5, "亿元"), ("1,234", 1234.0, ""), ("-3.1个百分点", -3.1, "个百分点"),
    ("同比增长6%", 6.0, "%"), (" 7 % ", 7.0, "%"), (4.5, 4.5, ""),
])
def test_values_are_read_as_staff_type_them(text, value, unit):
    assert read_value(text) == Typed(value, unit)


@pytest.mark.parametrize("text", ["", "abc", "5.2%%", "nan", "1e400", "5亿美刀", None, True,
                                  "1" * 50, ["5"], "=1+1"])
def test_anything_else_is_not_a_value(text):
    assert read_value(text) is None


def indicators():
    return load_lexicon().indicators


def test_a_good_figure():
    figure, problems = read_figure(GOOD, indicators(), TODAY)
    assert problems == []
    assert figure == Figure("gdp", 2026, "half_year", 6, "growth_pct", 5.2, "%", "comparable",
                            "preliminary", "州统计局快报", "")
    assert figure.as_of == date(2026, 6, 30)


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"indicator_id": "moon"}, "indicator_id", "unknown_indicator"),
    ({"year": "20x6"}, "year", "bad_year"),
    ({"period_kind": "week"}, "period_kind", "bad_period_kind"),
    ({"through_month": "5"}, "through_month", "month_outside_period"),  # a half ends in 6/12
    ({"through_month": "12"}, "through_month", "period_in_future"),
    ({"value": "五点二"}, "value", "not_a_number"),
    ({"value": "5.2亿元"}, "unit", "unit_mismatch"),  # a growth rate in 亿元
    ({"measure": "level", "value": "5", "unit": "万亩"}, "unit", "unit_mismatch"),  # GDP in 亩
    ({"value": "5.2%", "unit": "亿元"}, "unit", "two_units"),
    ({"status": "guess"}, "status", "bad_status"),
    ({"price_basis": "cheap"}, "price_basis", "bad_price_basis"),
    ({"source": ""}, "source", "bad_source"),
    ({"source": "x" * 301}, "source", "bad_source"),
    ({"measure": "speed"}, "measure", "bad_measure"),
])
def test_hard_problems_name_their_field(change, field, code):
    figure, problems = read_figure({**GOOD, **change}, indicators(), TODAY)
    assert figure is None
    assert (field, code) in {(p.field, p.code) for p in problems}
    assert all(p.hard for p in problems)


def _figure(**change):
    figure, _ = read_figure({**GOOD, **change}, indicators(), date(2027, 1, 31))
    assert figure is not None
    return figure


def test_soft_problems_warn():
    march = _figure(period_kind="month_to_date", through_month="3", measure="level",
                    value="60亿元")
    lower = _figure(period_kind="month_to_date", through_month="6", measure="level",
                    value="55亿元")
    assert [p.code for p in warnings(lower, [march])] == ["level_below_earlier"]
    q1 = _figure(period_kind="quarter", through_month="3", value="4%")
    jump = _figure(period_kind="quarter", through_month="6", value="16%")
    assert [p.code for p in warnings(jump, [q1])] == ["growth_jump"]
    assert [p.code for p in warnings(_figure(value="250%"), [])] == ["outside_range"]
    assert warnings(_figure(period_kind="quarter", through_month="6", value="6%"), [q1]) == []
    assert not any(p.hard for p in warnings(jump, [q1]))
