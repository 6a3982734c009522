"""Units of measure as reports write them, and their canonical form per dimension.

A written unit is an optional magnitude (万, 亿, 千, 百) followed by a base unit. Charts need
one unit per dimension, so each dimension has a canonical unit (money in 亿元, area in 万亩…).
A rate is written with a slash (万元/亩, 元/人, 微克/立方米, 吨标准煤/万元): its base unit is
the compound after the numerator's magnitude, a dimension of its own, kept as written.
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
    "公斤": BaseUnit("mass", "万吨", 1e-7),
    "千克": BaseUnit("mass", "万吨", 1e-7),
    # Energy use in coal equivalent: not a mass of anything weighed.
    "吨标准煤": BaseUnit("coal_equivalent", "万吨标准煤", 1e-4),
    "微克": BaseUnit("micrograms", "微克", 1.0),
    "美元": BaseUnit("money_usd", "亿美元", 1e-8),
    "天": BaseUnit("days", "天", 1.0),
    "个工作日": BaseUnit("working_days", "个工作日", 1.0),
    "工作日": BaseUnit("working_days", "个工作日", 1.0),
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
    "标准箱": BaseUnit("cases", "万标准箱", 1e-4),
    "P": BaseUnit("compute", "P", 1.0),  # 算力3.5万P (petaflops)
    **{u: _count(u) for u in (
        "户", "家", "个", "所", "件", "场", "盏", "株", "座", "条", "项", "辆", "张",
        "床", "套", "间", "台", "篇", "处", "栋", "种", "宗", "起", "支", "棵", "口",
    )},
}

# Longest first, so that 千瓦时 wins over 千瓦 and 头只 over 头.
BASE_UNIT_NAMES: tuple[str, ...] = tuple(sorted(BASE_UNITS, key=len, reverse=True))

# Units that already make a percentage-like figure.
PERCENT_UNITS = ("个百分点", "%", "‰", "倍", "成", "番")


def unit_info(base: str) -> BaseUnit | None:
    """The base unit, including a rate written with a slash (元/亩, 吨标准煤/万元)."""
    found = BASE_UNITS.get(base)
    if found is not None or "/" not in base:
        return found
    numerator, _, denominator = base.partition("/")
    top = BASE_UNITS.get(numerator)
    bottom = BASE_UNITS.get(denominator)
    if bottom is None and denominator[:1] in MAGNITUDES:
        bottom = BASE_UNITS.get(denominator[1:])
    if top is None or bottom is None:
        return None
    return BaseUnit(f"{top.dimension}/{bottom.dimension}", base, 1.0)


def read_denominator(text: str, pos: int) -> str | None:
    """The unit after a slash at ``pos`` (亩, 人, 立方米, 万元), or None."""
    if not text.startswith("/", pos):
        return None
    pos += 1
    magnitude = text[pos] if pos < len(text) and text[pos] in MAGNITUDES else ""
    start = pos + len(magnitude)
    base = next((u for u in BASE_UNIT_NAMES if text.startswith(u, start)), None)
    if base is None and magnitude:
        return None
    return None if base is None else magnitude + base
