"""What an editor types, read: ``5.2%``, ``增长-8.7%``, ``下降3%``, ``１２.５亿元``, ``1,234``.

A value may carry its sign in words (增长/提高/上升 keep it, 下降/减少/降低/回落 make it
negative) and its unit after it; full-width digits and signs are read as ASCII.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.pipeline.tables import number_cell, parse_unit
from dashboard.pipeline.text import normalise

_DOWN = ("下降", "减少", "降低", "回落", "下滑")
_UP = ("增长", "提高", "上升", "增加", "同比增长", "比上年增长")
_SPLIT = re.compile(r"^(?P<number>[-+−]?[\d,]*\.?\d+)\s*(?P<unit>\S*)$")


@dataclass(frozen=True)
class Typed:
    value: float
    unit: str  # as written after the number ("%", "亿元"), or "" if none


def read_value(text: object) -> Typed | None:
    """The number (signed) and the unit written after it, or None if it is not a value."""
    if not isinstance(text, str | int | float) or isinstance(text, bool):
        return None
    raw = normalise(str(text)).strip().replace(" ", "")
    if not raw or len(raw) > 40:
        return None
    sign = 1.0
    for word in _DOWN:
        if raw.startswith(word):
            raw, sign = raw[len(word):], -1.0
            break
    else:
        for word in sorted(_UP, key=len, reverse=True):
            if raw.startswith(word):
                raw = raw[len(word):]
                break
    match = _SPLIT.match(raw)
    if match is None:
        return None
    number = number_cell(match.group("number").replace("+", ""))
    unit = match.group("unit")
    if number is None or (unit and parse_unit(unit) is None):
        return None
    if number != number or abs(number) > 1e15:  # NaN or absurd
        return None
    return Typed(sign * number, unit)
