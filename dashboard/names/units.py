"""Units in English: 259.03亿元 → 25.903 billion yuan, 42.35万亩 → 423,500 mu, 73个 → 73.

The base units are data (``units.csv``: the unit as written → English). The magnitude
written before a base (万, 亿, 千, 百 and their compounds 万亿, 千万) is folded into the
number exactly (decimal arithmetic on the number as shown, never a float product), because
"10,000 mu" as a unit reads badly in an English sentence; an axis or a column heading,
whose numbers stay as written, names the unit with its magnitude instead (100 million
yuan). Percentages and 个百分点 are :mod:`dashboard.format`'s. A unit the table does not
know is returned as written. Pure: the table is read on first use.
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

UNITS_PATH = Path(__file__).with_name("units.csv")
_MAGNITUDES = {"百": 2, "千": 3, "万": 4, "亿": 8}
_MAGNITUDE_WORDS = {2: "100", 3: "1000", 4: "10,000", 6: "1 million", 7: "10 million",
                    8: "100 million", 12: "1 trillion"}
_SCALES = ((12, "trillion"), (9, "billion"), (6, "million"))


@lru_cache(maxsize=2)
def unit_table(path: Path = UNITS_PATH) -> dict[str, str]:
    """units.csv: header ``zh,en``; ``#`` lines are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(line for line in handle if not line.startswith("#")))
    if not rows or rows[0] != ["zh", "en"]:
        raise ValueError(f"{path}: the header must be zh,en")
    table = {}
    for row in rows[1:]:
        if len(row) != 2 or not row[0].strip():
            raise ValueError(f"{path}: expected zh,en: {row}")
        table[row[0].strip()] = row[1].strip()
    return table


def split_unit(unit: str) -> tuple[int, str] | None:
    """(power of ten written before the base, base) of a unit the table knows, else None:
    万亩 → (4, 亩), 万亿元 → (12, 元), 个 → (0, 个)."""
    table = unit_table()
    power, rest = 0, unit
    while True:
        if rest in table:
            return power, rest
        if rest[:1] not in _MAGNITUDES:
            return None
        power, rest = power + _MAGNITUDES[rest[0]], rest[1:]


def unit_en(unit: str) -> str:
    """The unit as an axis or column names it: 亿元 → 100 million yuan, 个 → number."""
    parts = split_unit(unit)
    if parts is None:
        return unit
    power, base = parts
    en = unit_table()[base] or "number"
    magnitude = _MAGNITUDE_WORDS.get(power, f"10^{power}") if power else ""
    return f"{magnitude} {en}".strip()


def amount_en(number: str, unit: str) -> str | None:
    """``number`` (as :func:`dashboard.format.number` writes it) in ``unit``, in English with
    the magnitude folded in; None for a unit the table does not know."""
    parts = amount_parts(number, unit)
    if parts is None:
        return None
    text, en = parts
    return f"{text} {en}" if en else text


def amount_parts(number: str, unit: str) -> tuple[str, str] | None:
    """(the number with the magnitude folded in, the base unit's English): 42.35, 万亩 →
    ("423,500", "mu"); None for a unit the table does not know."""
    parts = split_unit(unit)
    if parts is None:
        return None
    power, base = parts
    try:
        value = Decimal(number).scaleb(power)
    except InvalidOperation:
        return None
    return _decimal_text(value), unit_table()[base]


def _decimal_text(value: Decimal) -> str:
    for power, word in _SCALES:
        if abs(value) >= Decimal(10) ** power:
            return f"{_plain(value.scaleb(-power))} {word}"
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,f}"


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def suffix_en(unit: str) -> str:
    """What follows a number kept in ``unit`` (a gauge's, an axis tick's) in English:
    " people", "" for a measure word, " (10,000 head)" where a magnitude stays."""
    parts = split_unit(unit)
    if parts is None:
        return unit
    power, base = parts
    if power:
        return f" ({unit_en(unit)})"
    en = unit_table()[base]
    return f" {en}" if en else ""
