"""Text-rendered tables of a statistical bulletin: one fact per figure in a table row.

A bulletin (统计公报) prints many of its figures as tables that a web page or a PDF export
renders as text, one row per line, cells separated by `|`, a tab or two or more spaces:

    指标 | 单位 | 绝对数 | 比上年增长(%)
    地区生产总值 | 亿元 | 280.5 | 6.2
    地区生产总值  亿元  280.5  6.2

A header row (with 单位) names the columns until the table ends; without one a row is read as
name, unit, value and growth. The value cell gives a fact in the row's unit, the growth cell a
growth_pct fact; both are actuals of the section's period (the bulletin's year). Each fact
keeps the offsets of its number in the text, and the row as written as its quote.

The indicator is the lexicon's only when the name cell is exactly one of the indicator's names
(its terms or its zh name), after an optional whole-area qualifier (全市, 全体居民…) or verb of
work done (新建, 新增…) and before an optional note in brackets; a product's mass is its output
(牛奶 in 万吨 is 牛奶产量). Any other row is an indicator named by its name cell (an open
name, nouns.py): 居民人均消费支出 is not a part of any lexicon indicator. A caption line (表1 …)
belongs to its table and gives no fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .classify import dimension, standardise
from .lexicon import UNCLASSIFIED, Indicator, Lexicon
from .nouns import open_indicator_id
from .numbers import Quantity
from .units import MAGNITUDES, PERCENT_UNITS, unit_info

if TYPE_CHECKING:
    from .structure import Layout, Section

_SEPARATOR = re.compile(r"[ \t]*\|[ \t]*|\t[ \t]*|[ ]{2,}")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_NAME = re.compile(r"[\u4e00-\u9fff]")
_GROWTH_HEADER = re.compile(r"增长|增速|增幅|比上年|同比|±")
_NAME_HEADER = re.compile(r"指标|项目|名称")
_QUALIFIER = re.compile(r"(?:其中[:：]?)?(?:全市|全县|全区|全旗|全州|全年|全体居民|全部)?"
                        r"(?:新建|新增|建成|完成)?")
_CAPTION = re.compile(r"表\s*\d+")
_NOTE = re.compile(r"\s*[(（][^)）]*[)）]\s*$")
_EMPTY_CELLS = frozenset({"", "-", "—", "--", "…", "/"})
_DEFAULT_ROLES = ("name", "unit", "value", "growth")
# A header naming its column's unit: 绝对数（亿元）, 年末数（人）, 比重（%）.
_HEADER_UNIT = re.compile(r"[（(]\s*([^()（）]{1,8}?)\s*[)）]\s*$")
_SHARE_HEADER = re.compile(r"比重|占比|构成")
_RULE_ROW = re.compile(r"[\s|:\-—]+$")  # markdown's | --- | --- |


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


def cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of the line text[start:end] with their offsets (outer `|` and blanks dropped)."""
    while start < end and text[start] in " \t|":
        start += 1
    while end > start and text[end - 1] in " \t|":
        end -= 1
    if start == end:
        return []
    found, pos = [], start
    for sep in _SEPARATOR.finditer(text, start, end):
        found.append(Cell(pos, sep.start(), text[pos:sep.start()]))
        pos = sep.end()
    found.append(Cell(pos, end, text[pos:end]))
    return found


def parse_unit(unit: str) -> tuple[str, float] | None:
    """A unit as written -> (base unit, magnitude): 亿元 -> (元, 1e8); None if not a unit."""
    unit = unit.strip()
    if unit in PERCENT_UNITS or unit_info(unit) is not None:
        return unit, 1.0
    if len(unit) > 1 and unit[0] in MAGNITUDES and unit_info(unit[1:]) is not None:
        return unit[1:], MAGNITUDES[unit[0]]
    return None


def number_cell(text: str) -> float | None:
    """280.5, -2.1, −2.1, 1,234.5 -> float; None for anything else."""
    text = text.strip().replace("−", "-")
    return float(text.replace(",", "")) if _NUMBER.fullmatch(text) else None


def _header_unit(name: str) -> str | None:
    found = _HEADER_UNIT.search(name)
    return found.group(1).strip() if found and parse_unit(found.group(1)) else None


def _header_roles(row: list[Cell]) -> tuple[tuple[str, ...], str | None] | None:
    """Column roles of a header row and the unit its value column names (绝对数（亿元）), or
    None if the row is not a header."""
    names = [c.text.replace("*", "").strip() for c in row]
    units = [_header_unit(n) for n in names]
    if not _NAME_HEADER.search(names[0]) or not (
            any("单位" in n for n in names) or any(units[1:])):
        return None
    roles: list[str] = []
    value_unit = None
    for name, unit in zip(names, units, strict=True):
        if "单位" in name:
            roles.append("unit")
        elif _GROWTH_HEADER.search(name):
            roles.append("growth" if "growth" not in roles else "other")
        elif _NAME_HEADER.search(name) and "name" not in roles:
            roles.append("name")
        elif _SHARE_HEADER.search(name) and unit == "%" and "share" not in roles:
            roles.append("share")
        elif "value" not in roles:
            roles.append("value")
            value_unit = unit
        else:
            roles.append("other")
    return tuple(roles), value_unit


def _joined_name(row: list[Cell]) -> list[Cell]:
    """林    业 (a name spaced out to fill its column) is one cell, not two."""
    if len(row) > 2 and len(row[0].text.strip("#* ")) == 1 and len(row[1].text) == 1 and \
            _NAME.match(row[0].text.strip("#* ")) and _NAME.match(row[1].text):
        return [Cell(row[0].start, row[1].end, row[0].text + row[1].text), *row[2:]]
    return row


def _data_row(row: list[Cell], roles: tuple[str, ...], header_unit: str | None = None
              ) -> dict[str, Cell] | None:
    """The cells of a data row by role, or None if the line is not a table row."""
    row = _joined_name(row)
    if len(row) < 3 or len(row) > len(roles) or not _NAME.search(row[0].text):
        return None
    by_role = {role: cell for role, cell in zip(roles, row, strict=False) if role != "other"}
    if header_unit is not None and "unit" not in by_role:
        by_role["unit"] = Cell(row[0].start, row[0].start, header_unit)
    value, unit = by_role.get("value"), by_role.get("unit")
    if value is None or unit is None or number_cell(value.text) is None:
        return None
    if "name" not in by_role or parse_unit(unit.text) is None:
        return None
    growth = by_role.get("growth")
    if growth is not None and number_cell(growth.text) is None and (
            growth.text.strip() not in _EMPTY_CELLS):
        return None
    return by_role


def is_table_row(line: str) -> bool:
    """True for a line that reads as a data row of a table (name, unit, number…)."""
    return _data_row(cells(line, 0, len(line)), _DEFAULT_ROLES) is not None


@dataclass
class TableFacts:
    """Facts read from the table rows of one text, by row start, and the rows' spans."""

    facts_by_row: dict[int, list[dict[str, object]]] = field(default_factory=dict)
    rows: list[tuple[int, int]] = field(default_factory=list)

    def row_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The table row holding text[start:end], if any."""
        return next(((s, e) for s, e in self.rows if s <= start and end <= e + 1), None)


def read_tables(text: str, norm: str, layout: Layout, report_id: str,
                lexicon: Lexicon) -> TableFacts:
    """Every table row in the body of a (normalised) bulletin text, as facts."""
    found = TableFacts()
    roles, header_unit = _DEFAULT_ROLES, None
    pos, end = layout.body_start, layout.body_end
    while pos < end:
        line_end = norm.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        row = cells(norm, pos, line_end)
        header = _header_roles(row) if row else None
        by_role = _data_row(row, roles, header_unit) if row and header is None else None
        section = layout.section_at(pos)
        if header is not None:
            roles, header_unit = header
        elif _RULE_ROW.match(norm, pos, line_end):
            pass  # the rule under a markdown table's header
        elif _CAPTION.match(norm, pos, line_end):
            found.rows.append((pos, line_end))  # 表1 2024年主要经济指标: not a quantity
        elif by_role is not None and section is not None:
            found.rows.append((pos, line_end))
            found.facts_by_row[pos] = _row_facts(text, norm, by_role, (pos, line_end), section,
                                                 report_id, lexicon)
        elif row:
            # A table ends at the first line that is not one of its rows.
            roles, header_unit = _DEFAULT_ROLES, None
        pos = line_end + 1
    return found


def row_name(name: str, dim: str) -> str:
    """The row's name without its qualifier and note; a product's mass is its output (牛奶,
    in 万吨, is 牛奶产量)."""
    bare = _NOTE.sub("", name.strip().strip("#*").replace(" ", ""))
    lead = _QUALIFIER.match(bare)
    bare = bare[lead.end() if lead else 0:]
    return bare + "产量" if dim == "mass" and not bare.endswith("量") else bare


def _indicator(name: str, dim: str, lexicon: Lexicon) -> Indicator | None:
    for bare in dict.fromkeys((row_name(name, ""), row_name(name, dim))):
        named = [m.indicator for m in lexicon.matches(bare, 0, len(bare))
                 if m.start == 0 and m.end == len(bare)]
        named += [ind for ind in lexicon.indicators.values() if ind.zh == bare]
        for indicator in named:
            if dim in indicator.dims or (dim == "people" and "count" in indicator.dims):
                return indicator
    return None


def _row_facts(text: str, norm: str, by_role: dict[str, Cell], row: tuple[int, int],
               section: Section, report_id: str, lexicon: Lexicon) -> list[dict[str, object]]:
    """The value fact and the growth fact of one row, as extract.FACT_COLUMNS dicts."""
    unit_cell, value_cell = by_role["unit"], by_role["value"]
    base, magnitude = parse_unit(unit_cell.text)  # type: ignore[misc]
    value = number_cell(value_cell.text)
    q = _quantity(value_cell, value, unit_cell.text.strip(), base, magnitude)  # type: ignore[arg-type]
    indicator = _indicator(by_role["name"].text, dimension(q), lexicon)
    # A row outside the lexicon is named by its name cell (an indicator read from the text).
    name = row_name(by_role["name"].text, dimension(q)) if indicator is None else ""
    sector = indicator.sector if indicator else "context"
    if sector == "context":
        sector = (lexicon.sector_near(name, 0, len(name))
                  or lexicon.sector_near(norm, row[0], row[1])
                  or lexicon.sector_near(section.name, 0, len(section.name)) or "governance")
    common = {"report_id": report_id, "sector": sector, "period": section.period,
              "kind": "actual", "quote": text[row[0]:row[1]].strip(), "section": section.name,
              "indicator_id": indicator.id if indicator else (
                  open_indicator_id(name) if name else UNCLASSIFIED),
              "indicator_zh": indicator.zh if indicator else name or "未分类",
              "indicator_en": indicator.en if indicator else name or "Unclassified"}
    facts = [_cell_fact(common, q, value, _value_kind(base), indicator)]  # type: ignore[arg-type]
    growth_cell = by_role.get("growth")
    growth = number_cell(growth_cell.text) if growth_cell is not None else None
    if growth_cell is not None and growth is not None:
        g = _quantity(growth_cell, growth, "%", "%", 1.0)
        facts.append(_cell_fact(common, g, growth, "growth_pct"))
    share_cell = by_role.get("share")
    share = number_cell(share_cell.text) if share_cell is not None else None
    if share_cell is not None and share is not None:
        # 比重（%）: the row's share of the table's total, a figure of its own
        share_name = f"{name or common['indicator_zh']}比重"
        named = {**common, "indicator_id": open_indicator_id(share_name),
                 "indicator_zh": share_name, "indicator_en": share_name}
        facts.append(_cell_fact(named, _quantity(share_cell, share, "%", "%", 1.0), share,
                                "share_pct"))
    return facts


def _quantity(cell: Cell, value: float, unit: str, base: str, magnitude: float) -> Quantity:
    return Quantity(cell.start, cell.end, value, unit, cell.end, magnitude, base, False, False)


def _value_kind(base: str) -> str:
    if base == "个百分点":
        return "change_pp"
    if base in PERCENT_UNITS:
        return "share_pct"
    info = unit_info(base)
    return "count" if info is not None and info.is_count else "level"


def _cell_fact(common: dict[str, object], q: Quantity, value: float,
               value_kind: str, indicator: Indicator | None = None) -> dict[str, object]:
    value_std, unit_std = standardise(q, value, indicator)
    return {
        "report_id": common["report_id"], "fact_id": f"{common['report_id']}-{q.start}",
        "indicator_id": common["indicator_id"], "indicator_zh": common["indicator_zh"],
        "indicator_en": common["indicator_en"], "sector": common["sector"],
        "period": common["period"], "period_start": common["period"],
        "kind": "actual", "value": value, "unit": q.unit,
        "value_kind": value_kind, "comparator": "=", "value_std": value_std,
        "unit_std": unit_std, "quote": common["quote"], "start": q.start, "end": q.end,
        "section": common["section"],
    }
