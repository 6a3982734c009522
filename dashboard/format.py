"""Numbers the way Chinese officials read them: 259.03亿元, 42.35万亩, +4.6%, 8%左右.

Pure functions, used by cards, figures, tooltips and downloads alike.
"""

from __future__ import annotations

import math
from typing import Any

_COMPARATOR_ZH = {">=": "以上", "<=": "以内", "~": "左右", ">": "余", "<": "以下"}
_COMPARATOR_EN = {">=": "at least ", "<=": "at most ", "~": "about ", ">": "over ",
                  "<": "under "}


def number(value: float, digits: int = 2) -> str:
    """259.03, 4.6, 13036, 0.44: at most `digits` decimals, no trailing zeros, no exponent.

    No thousands separators: reports write 4419万元 and 13036件, and so do we.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return "0" if text in ("-0", "") else text


def with_unit(value: float, unit: str, digits: int = 2) -> str:
    """259.03亿元, 4.6%, 1.5个百分点: the unit directly after the number, as reports write it."""
    return f"{number(value, digits)}{unit or ''}"


def signed_pct(value: float, digits: int = 2) -> str:
    """+4.6%, −3.2%: growth with its sign."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value), digits)}%"


def fact_value(value: float, unit: str, value_kind: str, comparator: str = "=",
               lang: str = "zh") -> str:
    """A fact as stated: +4.6%, 8%左右, 100亿元以上, 4000余人, +1.5个百分点 (en: about 8%)."""
    if value_kind in ("growth_pct", "change_pp") and unit in ("%", "个百分点"):
        core = signed_pct(value) if unit == "%" else (
            ("+" if value > 0 else "−" if value < 0 else "") + with_unit(abs(value), unit))
    else:
        core = with_unit(value, unit)
    if lang == "en":
        core = core.replace("个百分点", " pp")
        return f"{_COMPARATOR_EN.get(comparator, '')}{core}"
    suffix = _COMPARATOR_ZH.get(comparator, "")
    if suffix == "余" and unit:
        # 4000余人: 余 goes between the number and its unit; 2万余亩: after a 万/亿 prefix
        cut = 1 if len(unit) > 1 and unit[0] in "万亿" else 0
        return core.replace(unit, f"{unit[:cut]}余{unit[cut:]}", 1)
    return f"{core}{suffix}"


def as_stated(fact: Any, lang: str = "zh") -> str:
    """:func:`fact_value` of a fact row (a dict or a pandas Series with value, unit,
    value_kind and comparator): the figure as the report wrote it."""
    return fact_value(fact["value"], fact["unit"], fact["value_kind"], fact["comparator"], lang)


def axis_unit_title(unit: str, lang: str = "zh") -> str:
    """Axis title naming the unit: （亿元） / (亿元)."""
    return f"（{unit}）" if lang == "zh" else f"({unit})"
