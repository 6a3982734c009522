"""Checks on an entered figure: hard ones refuse it naming the field; soft ones warn, and the
figure is saved only with a comment and flagged for follow-up (DHIS2's validation rules).

Hard: an unknown indicator, a year or months outside the year, a value that is not a number,
a unit of the wrong dimension for the indicator or the measure, an unknown status, price
basis or period kind, a source missing or too long. Soft: a cumulative level lower than an
earlier month's of the same year, a growth rate more than ``JUMP_POINTS`` away from the
previous month's, a value outside the plausible range of its measure.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.entries.values import read_value
from dashboard.pipeline.lexicon import Indicator
from dashboard.pipeline.tables import parse_unit
from dashboard.pipeline.units import unit_info

# Months a period of each kind may run to (1–M月 cumulative, a quarter, a half, the year).
PERIOD_KINDS: dict[str, tuple[int, ...]] = {
    "month_to_date": tuple(range(1, 13)), "quarter": (3, 6, 9, 12), "half_year": (6, 12),
    "year": (12,)}
MEASURES = ("level", "growth_pct", "share_pct", "change_pp", "completion_pct")
STATUSES = ("preliminary", "revised", "final")
PRICE_BASES = ("", "current", "comparable")
JUMP_POINTS = 10.0
PLAUSIBLE = {"growth_pct": (-60.0, 200.0), "share_pct": (0.0, 100.0),
             "completion_pct": (0.0, 300.0), "change_pp": (-50.0, 50.0)}
MAX_SOURCE = 300
MAX_COMMENT = 1000
FIELDS = ("indicator_id", "year", "period_kind", "through_month", "measure", "value", "unit",
          "price_basis", "status", "source", "comment")


@dataclass(frozen=True)
class Figure:
    indicator_id: str
    year: int
    period_kind: str
    through_month: int
    measure: str
    value: float
    unit: str
    price_basis: str
    status: str
    source: str
    comment: str

    @property
    def as_of(self) -> date:
        return date(self.year, self.through_month,
                    calendar.monthrange(self.year, self.through_month)[1])


@dataclass(frozen=True)
class Problem:
    field: str
    code: str  # an i18n key suffix: entries.problem.<code>
    hard: bool


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value.strip())
    return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _unit_fits(unit: str, measure: str, indicator: Indicator) -> bool:
    if measure in ("growth_pct", "share_pct", "completion_pct"):
        return unit == "%"
    if measure == "change_pp":
        return unit == "个百分点"
    parsed = parse_unit(unit)
    if parsed is None or parsed[0] in ("%", "个百分点"):
        return False
    info = unit_info(parsed[0])
    dim = info.dimension if info is not None else "count"
    return dim in indicator.dims or (dim == "people" and "count" in indicator.dims)


def read_figure(fields: Mapping[str, object], indicators: Mapping[str, Indicator],
                today: date) -> tuple[Figure | None, list[Problem]]:
    """The figure the form describes, or None with the hard problems naming their fields."""
    problems: list[Problem] = []

    def bad(field: str, code: str) -> None:
        problems.append(Problem(field, code, True))

    indicator = indicators.get(_text(fields.get("indicator_id")))
    if indicator is None:
        bad("indicator_id", "unknown_indicator")
    year = _int(fields.get("year"))
    if year is None or not 2000 <= year <= today.year + 1:
        bad("year", "bad_year")
    kind = _text(fields.get("period_kind"))
    month = _int(fields.get("through_month"))
    if kind not in PERIOD_KINDS:
        bad("period_kind", "bad_period_kind")
    elif month is None or month not in PERIOD_KINDS[kind]:
        bad("through_month", "month_outside_period")
    elif year is not None and 2000 <= year <= today.year + 1 and date(year, month, 1) > today:
        bad("through_month", "period_in_future")
    measure = _text(fields.get("measure"))
    if measure not in MEASURES:
        bad("measure", "bad_measure")
    typed = read_value(fields.get("value"))
    if typed is None:
        bad("value", "not_a_number")
    unit = _text(fields.get("unit")) or (typed.unit if typed else "")
    if typed is not None and typed.unit and unit != typed.unit:
        bad("unit", "two_units")
    elif typed is not None and indicator is not None and measure in MEASURES \
            and not _unit_fits(unit, measure, indicator):
        bad("unit", "unit_mismatch")
    basis, status = _text(fields.get("price_basis")), _text(fields.get("status"))
    if basis not in PRICE_BASES:
        bad("price_basis", "bad_price_basis")
    if status not in STATUSES:
        bad("status", "bad_status")
    source, comment = _text(fields.get("source")), _text(fields.get("comment"))
    if not source or len(source) > MAX_SOURCE or not source.isprintable():
        bad("source", "bad_source")
    if len(comment) > MAX_COMMENT or not comment.replace("\n", " ").isprintable():
        bad("comment", "bad_comment")
    if problems:
        return None, problems
    assert indicator is not None and typed is not None and year is not None and month
    return Figure(indicator.id, year, kind, month, measure, typed.value, unit, basis, status,
                  source, comment), []


def warnings(figure: Figure, earlier: Sequence[Figure]) -> list[Problem]:
    """Soft problems of ``figure`` against the same indicator's earlier figures of its year
    (those of earlier months, in any state but returned)."""
    found: list[Problem] = []
    before = sorted((f for f in earlier if f.indicator_id == figure.indicator_id
                     and f.year == figure.year and f.measure == figure.measure
                     and f.through_month < figure.through_month),
                    key=lambda f: f.through_month)
    if figure.measure == "level" and any(f.unit == figure.unit and f.value > figure.value
                                         for f in before):
        found.append(Problem("value", "level_below_earlier", False))
    if figure.measure == "growth_pct" and before and abs(
            before[-1].value - figure.value) > JUMP_POINTS:
        found.append(Problem("value", "growth_jump", False))
    low, high = PLAUSIBLE.get(figure.measure, (float("-inf"), float("inf")))
    if not low <= figure.value <= high or (figure.measure == "level" and figure.value < 0):
        found.append(Problem("value", "outside_range", False))
    return found
