"""The places stating figures for one year, side by side: one row per headline indicator and
measure (level, growth, per person), one cell per place, ranked within the row.

Which figures: actuals (``kind`` actual) of the year itself (``period`` = ``period_start`` =
the year: never a five-year total or average) of the lexicon's headline indicators, as levels
or growth. A place is the ``place`` of reports.csv; its figure for a cell is, in this order,
a statistical bulletin's (the statistics office's own figure), then the work report
reviewing that year, then a later report, then the first stated. Every other value the
place's reports state for the same cell is kept as a note, so a bulletin and a report that
disagree are both shown. A place stating no figure has an empty cell (never a zero), and is
not ranked.

Per person: an amount (GDP, revenue…) divided by the resident population where the same
place states it for the year (年末常住人口); the cell cites both sentences.

Region: the level of a place, read from the end of its name, the only thing reports.csv says
about it: ``province`` (省, 自治区, the four municipalities), ``city`` (市, 州, 盟, 地区: a
prefecture or a county-level city, which the name alone cannot tell apart), ``county`` (县,
区, 旗). Ranking a prefecture's GDP against its counties' says little; ``region`` keeps one
level (``all``: every level). By default (``default_region``) the pages keep the level of the
selected report's place when another place of that level states figures for the year (a
county is ranked among counties, not under its prefecture), else every level.

Pure pandas; ``compare_table`` keeps each (year, region) in the snapshot's memo.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from dashboard.data import Dataset

INDICATORS: tuple[str, ...] = (
    "gdp", "industrial_value_added", "fixed_asset_investment", "budget_revenue",
    "retail_sales", "disposable_income", "urban_disposable_income",
    "rural_disposable_income", "grain_output")
MEASURES: tuple[str, ...] = ("level", "growth_pct", "per_capita")
POPULATION = "resident_population"
# Amounts worth dividing by the population (the income indicators are per person already).
PER_CAPITA: tuple[str, ...] = ("gdp", "budget_revenue", "retail_sales")
LEVELS: tuple[str, ...] = ("province", "city", "county")
ALL = "all"
REGIONS: tuple[str, ...] = (ALL, *LEVELS)
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_GENRE_RANK = {"statistical_bulletin": 0, "work_report": 1}
_YUAN_PER_YI = 1e8  # money's canonical unit is 亿元


def place_level(name: str) -> str:
    """``province``, ``city`` or ``county`` from the end of a place's name ("" if none fits)."""
    if name in _MUNICIPALITIES or name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("市", "州", "盟", "地区")):
        return "city"
    if name.endswith(("县", "区", "旗")):
        return "county"
    return ""


@dataclass(frozen=True)
class Place:
    name: str
    name_en: str
    level: str
    report_ids: tuple[str, ...]  # its reports stating figures for the year


@dataclass(frozen=True)
class Cell:
    """One place's figure for one row; ``value`` None: the place states none."""

    place: str
    value: float | None = None  # canonical units (per person: 元)
    fact: dict[str, Any] | None = None  # its indicators.csv row (per person: the amount's)
    population: dict[str, Any] | None = None  # per person: the population's row
    rank: int | None = None
    others: tuple[dict[str, Any], ...] = ()  # other values the place's reports state


@dataclass(frozen=True)
class Row:
    indicator_id: str
    measure: str  # level, growth_pct or per_capita
    name_zh: str
    name_en: str
    unit: str  # canonical unit of the ranked values
    direction: str  # up: more ranks first
    cells: tuple[Cell, ...]  # one per place, in the table's order

    @property
    def key(self) -> str:
        return f"{self.indicator_id}-{self.measure}"

    @property
    def ranked(self) -> int:
        return sum(c.rank is not None for c in self.cells)


@dataclass(frozen=True)
class CompareTable:
    year: int
    region: str  # a level, or "all" ("" is read as "all")
    places: tuple[Place, ...]
    rows: tuple[Row, ...]

    def row(self, indicator_id: str, measure: str) -> Row | None:
        return next((r for r in self.rows if (r.indicator_id, r.measure)
                     == (indicator_id, measure)), None)


def year_facts(facts: pd.DataFrame, reports: pd.DataFrame, year: int | None = None
               ) -> pd.DataFrame:
    """The facts a comparison can use (of ``year``, or of every year), with their report's
    place, genre and dates, best source first within each place."""
    starts = facts.period_start if "period_start" in facts else facts.period
    wanted = facts.indicator_id.isin(INDICATORS) & facts.value_kind.isin(["level", "growth_pct"])
    wanted |= (facts.indicator_id == POPULATION) & (facts.value_kind == "count")
    rows = facts[(facts.kind == "actual") & wanted & (starts == facts.period)]
    if year is not None:
        rows = rows[rows.period.astype(int) == int(year)]
    meta = reports.set_index("report_id")
    places = meta["place"].where(meta["place"].apply(lambda p: isinstance(p, str) and p != ""))
    rows = rows.assign(
        place=rows.report_id.map(places),
        _genre=rows.report_id.map(meta["genre"]).map(_GENRE_RANK).fillna(9),
        # The report reviewing the year states its figures; a later one may restate them.
        _reviews=(rows.report_id.map(meta["review_period"]) != rows.period).astype(int),
        _day=rows.report_id.map(meta["published"].fillna(meta["delivered"]).fillna("")))
    rows = rows[rows.place.notna()]
    order = rows.sort_values("start").sort_values(["_genre", "_reviews", "_day"],
                                                 ascending=[True, True, False], kind="stable")
    return order.drop(columns=["_genre", "_reviews", "_day"])


def years(facts: pd.DataFrame, reports: pd.DataFrame) -> dict[int, int]:
    """Year -> number of places stating a headline figure for it."""
    rows = year_facts(facts, reports)
    rows = rows[rows.indicator_id != POPULATION]
    counts = rows.groupby(rows.period.astype(int)).place.nunique()
    return {int(y): int(n) for y, n in counts.items()}


def _best(candidates: list[dict[str, Any]]
          ) -> tuple[dict[str, Any] | None, tuple[dict[str, Any], ...]]:
    """The first candidate (best source), and the other values stated (one per report and
    value, first stated)."""
    if not candidates:
        return None, ()
    best = candidates[0]
    others: dict[tuple[str, float], dict[str, Any]] = {}
    for fact in candidates[1:]:
        if abs(float(fact["value_std"]) - float(best["value_std"])) > 1e-9:
            others.setdefault((str(fact["report_id"]), float(fact["value_std"])), fact)
    return best, tuple(others.values())


def _ranks(values: list[float | None], direction: str) -> list[int | None]:
    """Competition ranking (1, 1, 3): equal values share a rank; None is not ranked."""
    sign = -1.0 if direction == "down" else 1.0
    stated = [sign * v for v in values if v is not None]
    return [None if v is None else 1 + sum(o > sign * v + 1e-9 for o in stated) for v in values]


def _ranked_row(indicator_id: str, measure: str, names: tuple[str, str], direction: str,
                cells: list[Cell]) -> Row:
    units = [str(c.fact["unit_std"]) for c in cells if c.fact is not None and c.value is not None]
    unit = "元" if measure == "per_capita" else max(set(units), key=units.count) if units else ""
    # Only figures in the row's unit are ranked (a stray unit is shown, never compared).
    comparable = [c.value if c.value is not None and (
        measure == "per_capita" or str(c.fact["unit_std"]) == unit) else None for c in cells]
    ranks = _ranks(comparable, direction)
    ranked = [Cell(c.place, c.value, c.fact, c.population, r, c.others)
              for c, r in zip(cells, ranks, strict=True)]
    return Row(indicator_id, measure, names[0], names[1], unit, direction, tuple(ranked))


def _per_capita(amount: dict[str, Any] | None, people: dict[str, Any] | None) -> float | None:
    if amount is None or people is None or str(amount.get("unit_std")) != "亿元" \
            or str(people.get("unit_std")) != "人" or not float(people["value_std"]) > 0:
        return None
    return float(amount["value_std"]) * _YUAN_PER_YI / float(people["value_std"])


def build_table(facts: pd.DataFrame, reports: pd.DataFrame, lexicon: Mapping[str, Any],
                year: int, region: str = ALL) -> CompareTable:
    """Every place stating figures for ``year`` (of ``region``'s level, if given), and one
    row per indicator and measure that at least one of them states."""
    rows = year_facts(facts, reports, year)
    meta = reports.drop_duplicates("place").set_index("place")
    found = []
    for name in dict.fromkeys(rows[rows.indicator_id != POPULATION].place):
        level = place_level(str(name))
        if region not in ("", ALL) and level != region:
            continue
        english = meta.at[name, "place_en"] if "place_en" in meta else None
        ids = tuple(dict.fromkeys(rows.loc[rows.place == name, "report_id"]))
        found.append(Place(str(name), str(english) if isinstance(english, str) else str(name),
                           level, ids))
    level_order = {lev: i for i, lev in enumerate(LEVELS)}
    places = tuple(sorted(found, key=lambda p: (level_order.get(p.level, 9), p.name_en, p.name)))
    by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for fact in rows.to_dict("records"):  # best source first (year_facts)
        by_key.setdefault((fact["place"], fact["indicator_id"], fact["value_kind"]), []
                          ).append(fact)
    population = {p.name: _best(by_key.get((p.name, POPULATION, "count"), []))[0]
                  for p in places}
    table: list[Row] = []
    for ind in INDICATORS:
        meta_ind = lexicon.get(ind)
        names = (str(getattr(meta_ind, "zh", ind)), str(getattr(meta_ind, "en", ind)))
        direction = str(getattr(meta_ind, "direction", "up") or "up")
        for measure in MEASURES:
            source = "level" if measure == "per_capita" else measure
            if measure == "per_capita" and ind not in PER_CAPITA:
                continue
            cells = []
            for place in places:
                fact, others = _best(by_key.get((place.name, ind, source), []))
                if measure == "per_capita":
                    people = population[place.name]
                    value = _per_capita(fact, people)
                    cells.append(Cell(place.name, value, fact if value is not None else None,
                                      people if value is not None else None))
                else:
                    value = None if fact is None else float(fact["value_std"])
                    cells.append(Cell(place.name, value, fact, None, None, others))
            if any(c.value is not None for c in cells):
                table.append(_ranked_row(ind, measure, names, direction, cells))
    return CompareTable(int(year), region, places, tuple(table))


def cited_reports(rows: Sequence[Row]) -> list[str]:
    """The reports of every figure in ``rows`` (the used ones, the populations, the notes)."""
    ids: list[str] = []
    for row in rows:
        for cell in row.cells:
            for fact in (cell.fact, cell.population, *cell.others):
                if fact is not None:
                    ids.append(str(fact["report_id"]))
    return list(dict.fromkeys(ids))


def compare_years(dataset: Dataset) -> dict[int, int]:
    """``years`` of the whole snapshot, once per snapshot."""
    whole = dataset.everything
    return whole.cached(("compare-years",), lambda: years(whole.indicators, whole.reports))


def compare_table(dataset: Dataset, year: int, region: str = ALL) -> CompareTable:
    """``build_table`` of the whole snapshot, once per snapshot, year and region (the selected
    report changes only which column is highlighted)."""
    whole, region = dataset.everything, region or ALL
    return whole.cached(("compare", int(year), region), lambda: build_table(
        whole.indicators, whole.reports, whole.lexicon, int(year), region))


def levels_present(dataset: Dataset) -> list[str]:
    """The levels of the places loaded, in LEVELS order."""
    places = dataset.everything.reports.place
    found = {place_level(p) for p in places if isinstance(p, str) and p}
    return [lev for lev in LEVELS if lev in found]


def default_year(dataset: Dataset, known: Mapping[int, int]) -> int | None:
    """The year the selected report states results for, if any place states figures for it;
    else the latest year with the most places; None when no year has any."""
    if not known:
        return None
    if dataset.report_id is not None:
        own = int(dataset.report(dataset.report_id)["review_period"])
        if own in known:
            return own
    return max(known, key=lambda y: (known[y] > 1, y))


def default_region(dataset: Dataset, year: int) -> str:
    """The selected report's place's level, if another place of that level states figures
    for ``year``; else ``all`` (module doc)."""
    home = home_place(dataset)
    level = place_level(home) if home else ""
    if level and len(compare_table(dataset, year, level).places) > 1:
        return level
    return ALL


def home_place(dataset: Dataset) -> str | None:
    """The place of the selected report (its column is highlighted)."""
    if dataset.report_id is None:
        return None
    place = dataset.report(dataset.report_id).get("place")
    return place if isinstance(place, str) and place else None
