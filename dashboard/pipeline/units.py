"""Units of measure as reports write them, and their canonical form per dimension.

A written unit is an optional magnitude (万, 亿, 千, 百) followed by a base unit. Charts need
one unit per dimension, so each dimension has a canonical unit (money in 亿元, area in 万亩…).
"""

from __future__ import annotations

from dataclasses import dataclass

MAGNITUDES: dict[str, float] = {"百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}


@dataclass(frozen=True)
class BaseUnit:
    dimension: str
    canonical: str  # canonical unit of the dimension, as written
    factor: float  # how many canonical units one base unit is
    is_count: bool = False
    is_name: bool = False  # a rating that names a thing (750千伏变电站), never a quantity


def _count(unit: str) -> BaseUnit:
    return BaseUnit("count", unit, 1.0, is_count=True)


BASE_UNITS: dict[str, BaseUnit] = {
    "元": BaseUnit("money", "亿元", 1e-8),
    "亩": BaseUnit("area", "万亩", 1e-4),
    "公顷": BaseUnit("area", "万亩", 15e-4),
    "平方公里": BaseUnit("area_m2", "平方米", 1e6),
    "平方米": BaseUnit("area_m2", "平方米", 1.0),
    "立方米": BaseUnit("volume", "万立方米", 1e-4),
    "吨": BaseUnit("mass", "万吨", 1e-4),
    "头只": BaseUnit("head", "万头只", 1e-4),
    "头": BaseUnit("head", "万头只", 1e-4),
    "只": BaseUnit("head", "万头只", 1e-4),
    "千瓦时": BaseUnit("energy", "亿千瓦时", 1e-8),
    "千瓦": BaseUnit("power", "万千瓦", 1e-4),
    "千伏": BaseUnit("voltage", "千伏", 1.0, is_name=True),
    "人次": BaseUnit("visits", "万人次", 1e-4, is_count=True),
    "人": BaseUnit("people", "人", 1.0, is_count=True),
    "名": BaseUnit("people", "人", 1.0, is_count=True),
    "公里": BaseUnit("length", "公里", 1.0),
    "千米": BaseUnit("length", "公里", 1.0),
    "米": BaseUnit("length", "公里", 1e-3),
    "场次": _count("场次"),
    **{u: _count(u) for u in (
        "户", "家", "个", "所", "件", "场", "盏", "株", "座", "条", "项", "辆", "张",
        "床", "套", "间", "台", "篇", "处", "栋", "种", "宗", "起", "支", "棵", "口",
    )},
}

# Longest first, so that 千瓦时 wins over 千瓦 and 头只 over 头.
BASE_UNIT_NAMES: tuple[str, ...] = tuple(sorted(BASE_UNITS, key=len, reverse=True))

# Units that already make a percentage-like figure.
PERCENT_UNITS = ("个百分点", "%", "‰", "倍", "成", "番")
