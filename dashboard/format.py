"""Numbers the way Chinese officials read them: 259.03亿元, 42.35万亩, +4.6%, 8%左右, 6%—7%.

Pure functions, used by cards, figures, tooltips and downloads alike.
"""

from __future__ import annotations

import math
from typing import Any

from dashboard.names.units import amount_en, amount_parts, unit_en

_COMPARATOR_ZH = {">=": "以上", "<=": "以内", "~": "左右", ">": "余", "<": "以下"}
_COMPARATOR_EN = {">=": "at least ", "<=": "at most ", "~": "about ", ">": "over ",
                  "<": "under "}
# Between a range's bounds: the dash reports write (6%—7%), an en dash in English (6%–7%).
RANGE_DASH = {"zh": "—", "en": "–"}
# Units written after both bounds of a range (6%—7%); others once, after the second (12—13万吨).
_REPEATED_UNITS = ("%", "‰")


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


def _core(value: float, unit: str, value_kind: str) -> str:
    if value_kind in ("growth_pct", "change_pp") and unit in ("%", "个百分点"):
        return f"{_sign(value)}{with_unit(abs(value), unit)}"
    return with_unit(value, unit)


def amount(value: float, unit: str, lang: str = "zh", digits: int = 2) -> str:
    """:func:`with_unit` in ``lang``: in English the unit's English with its magnitude
    folded into the number (42.35万亩 → 423,500 mu; ``dashboard/names/units.py``)."""
    if lang == "en" and unit and unit not in ("%", "个百分点", "‰"):
        shown = number(value, digits)
        english = amount_en(shown, unit) if shown != "—" else None
        if english is not None:
            return english
    return with_unit(value, unit, digits)


def range_value(low: float, high: float, unit: str, value_kind: str, lang: str = "zh") -> str:
    """A range as reports write it: +6%—7%, −2%—3% (下降2%—3%), 12—13万吨 (en: +6%–7%).

    A growth range whose bounds have one sign shows the sign once, so 下降2%—3% reads as a
    decline of 2 to 3 per cent; bounds of opposite signs each keep theirs.
    """
    dash = RANGE_DASH["en" if lang == "en" else "zh"]
    first_unit = unit if unit in _REPEATED_UNITS else ""
    if value_kind in ("growth_pct", "change_pp") and unit in ("%", "个百分点"):
        one_sign = (low >= 0) == (high >= 0)
        text = (f"{_sign(low)}{with_unit(abs(low), first_unit)}{dash}"
                f"{'' if one_sign else _sign(high)}{with_unit(abs(high), unit)}")
    elif lang == "en" and (parts := _en_range(low, high, unit)) is not None:
        text = parts
    else:
        text = f"{with_unit(low, first_unit)}{dash}{with_unit(high, unit)}"
    return text.replace("个百分点", " pp") if lang == "en" else text


def _en_range(low: float, high: float, unit: str) -> str | None:
    """12—13万吨 in English: 120,000–130,000 tonnes (the unit once, after the second)."""
    first, second = amount_parts(number(low), unit), amount_parts(number(high), unit)
    if first is None or second is None:
        return None
    return f"{first[0]}{RANGE_DASH['en']}{second[0]}" + (f" {second[1]}" if second[1] else "")


def _sign(value: float) -> str:
    return "+" if value > 0 else ("−" if value < 0 else "")


def fact_value(value: float, unit: str, value_kind: str, comparator: str = "=",
               lang: str = "zh", upper: float | None = None) -> str:
    """A fact as stated: +4.6%, 8%左右, 100亿元以上, 4000余人, +1.5个百分点 (en: about 8%);
    with ``upper`` (a range target's high bound, in the same unit) the range: +6%—7%."""
    if upper is not None and not (isinstance(upper, float) and math.isnan(upper)):
        return range_value(value, upper, unit, value_kind, lang)
    core = _core(value, unit, value_kind)
    if lang == "en":
        if value_kind not in ("growth_pct", "change_pp"):
            core = amount(value, unit, lang)
        core = core.replace("个百分点", " pp")
        return f"{_COMPARATOR_EN.get(comparator, '')}{core}"
    suffix = _COMPARATOR_ZH.get(comparator, "")
    if suffix == "余" and unit:
        # 4000余人: 余 goes between the number and its unit; 2万余亩: after a 万/亿 prefix
        cut = 1 if len(unit) > 1 and unit[0] in "万亿" else 0
        return core.replace(unit, f"{unit[:cut]}余{unit[cut:]}", 1)
    return f"{core}{suffix}"


def upper_of(fact: Any) -> float | None:
    """The high bound of a range fact (``Dataset.ranged_facts``: column ``upper``), else None."""
    getter = getattr(fact, "get", None)
    value = getter("upper") if getter is not None else getattr(fact, "upper", None)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def as_stated(fact: Any, lang: str = "zh") -> str:
    """:func:`fact_value` of a fact row (a dict or a pandas Series with value, unit,
    value_kind and comparator, and ``upper`` for a range): the figure as the report wrote it."""
    return fact_value(fact["value"], fact["unit"], fact["value_kind"], fact["comparator"], lang,
                      upper_of(fact))


def axis_unit_title(unit: str, lang: str = "zh") -> str:
    """Axis title naming the unit: （亿元） / (100 million yuan)."""
    return f"（{unit}）" if lang == "zh" else f"({unit_en(unit)})"
