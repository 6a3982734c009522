"""Progress status of one target: achieved, on track, behind, or no actual yet.

The rule is `assess` (one pure function); its docstring states it in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dashboard.pipeline.quality import ABOUT_TOLERANCE

GROWTH_KINDS = frozenset({"growth_pct", "change_pp"})
_EPS = 1e-9


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_ACTUAL = "no_actual"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)


@dataclass(frozen=True)
class Assessment:
    status: Status
    final: bool  # the actual covers the whole target year
    expected: float | None = None  # where the path puts the figure at the actual's date


def meets(value: float, comparator: str, target: float, direction: str = "up") -> bool:
    """Whether `value` satisfies `target` stated with `comparator` (see `assess`).

    Figures are compared to within 1e-9, so 7.6 meets 8%左右 although 8 − 7.6 is 0.4000…04.
    """
    if comparator == ">=":
        return value >= target - _EPS
    if comparator == ">":
        return value > target + _EPS
    if comparator == "<=":
        return value <= target + _EPS
    if comparator == "<":
        return value < target - _EPS
    if comparator == "~" and abs(value - target) <= abs(target) * ABOUT_TOLERANCE + _EPS:
        return True
    return value <= target + _EPS if direction == "down" else value >= target - _EPS


def range_bound(low: float, high: float, direction: str = "up") -> tuple[str, float]:
    """The comparator and bound that decide a range target (6%—7%): an actual inside the
    range or beyond it in the indicator's desired direction meets it, so only the range's
    near end counts: at least its lower end for an indicator that should rise, at most its
    upper end for one that should fall (能耗下降2%—3% is met by any decline of 2% or more)."""
    if direction == "down":
        return "<=", max(low, high)
    return ">=", min(low, high)


def assess(*, comparator: str, target: float | None, actual: float | None,
           elapsed: float = 1.0, baseline: float | None = None, value_kind: str = "level",
           direction: str = "up", measure: str = "flow",
           reference: float | None = None, relative: bool = False,
           upper: float | None = None) -> Assessment:
    """The status of one target.

    Arguments: the target's `comparator` and `target` (canonical units), the latest `actual`
    and the share of the year it covers (`elapsed`, 1.0 for a full-year figure), the
    `baseline`, the target's `value_kind`, the indicator's `direction` and `measure`
    (lexicon); `relative=True` for a comparison target, where `actual` (comparator)
    `reference` is tested and `target` is unused; `upper` for a range target (6%—7%), whose
    low bound is `target`.

    The rule, in the manner of national SDG progress reporting (a status per target, from the
    baseline, the target and the latest actual, and never from colour alone):

    **No actual yet** — no figure for the target year is known (for a comparison target: either of
    the two figures compared is missing).

    **Whether a value meets the target** (`meets`), by the target's comparator:
    `>=` at least, `>` more than, `<=` at most, `<` less than, all as written;
    `=` (a plain figure: 新建3万亩, 增长12%) is read as "reach it", in the indicator's desired
    direction (lexicon `direction`, default up: at least the figure; down: at most);
    `~` (左右, 约) is met within ±5 % of the target (`pipeline.quality.ABOUT_TOLERANCE`, the same
    tolerance the data-quality rule uses), or beyond it in the desired direction: 8%左右 is met by
    7.6 % and by 9 %, not by 7.5 %.
    A range (增长6%—7%) is met inside it or beyond it in the desired direction
    (`range_bound`): 6%—7% by 6 %, 6.5 % and 8 %, not by 5.9 %; an indicator that should fall
    by anything at or below the range's upper end. Everything below then applies to that bound.

    **Full-year actual** (its as-of date is the last day of the target year; every figure a later
    report or a statistical bulletin states for the year): *achieved* if it meets the target,
    otherwise *behind* (the year is closed: the target was missed).

    **Actual within the year** (a monthly or quarterly release, `elapsed` = share of the year
    covered, e.g. 0.5 for January–June) can be *on track* or *behind*, never *achieved*:

    - growth rates (`growth_pct`) and changes in points (`change_pp`): the year-to-date rate is
      compared with the annual target rate as it stands (growth over the same months of the
      previous year is how releases state it);
    - flows (levels and counts that add up over the year: investment, output, hectares built —
      lexicon `measure: flow`, the default): the target is pro-rated linearly, so the actual must
      meet `elapsed × target` (half the annual target by the end of June);
    - stocks and rates (levels at a point in time: a herd, an area kept, a coverage rate —
      `measure: stock` and every `share_pct`): on track if the actual already meets the target,
      or if it is at or beyond the linear path from the baseline (the latest full-year actual
      before the target year) to the target, `baseline + elapsed × (target − baseline)`, in the
      desired direction. Without a baseline there is no path, so only an actual that already meets
      the target is on track.

    **Comparison target** (城乡居民人均可支配收入增速高于地区生产总值增速): the indicator's actual
    growth is compared with the reference indicator's actual growth for the same year, exactly as
    written (`>` is strict: equal growth does not meet 高于); *achieved* or *behind* with full-year
    figures, *on track* or *behind* while either figure covers only part of the year.

    A target below its baseline is handled by the same rule: a stock already above a lower target
    is on track; a flow target is a new quantity for the year, so the baseline plays no part.
    """
    final = elapsed >= 1.0
    if actual is None or (relative and reference is None) or (not relative and target is None):
        return Assessment(Status.NO_ACTUAL, False)
    if relative:
        ok = meets(actual, comparator if comparator != "=" else ">=", reference or 0.0)
        return Assessment(_closed_or_open(ok, final), final)
    assert target is not None
    if upper is not None:
        comparator, target = range_bound(target, upper, direction)
    if final:
        return Assessment(Status.ACHIEVED if meets(actual, comparator, target, direction)
                          else Status.BEHIND, True)
    if value_kind in GROWTH_KINDS:
        return Assessment(_closed_or_open(meets(actual, comparator, target, direction), False),
                          False, target)
    if value_kind != "share_pct" and measure != "stock":
        expected = elapsed * target
        return Assessment(_closed_or_open(meets(actual, comparator, expected, direction), False),
                          False, expected)
    expected = None if baseline is None else baseline + elapsed * (target - baseline)
    on_path = expected is not None and (
        actual <= expected + _EPS if direction == "down" else actual >= expected - _EPS)
    ok = on_path or meets(actual, comparator, target, direction)
    return Assessment(Status.ON_TRACK if ok else Status.BEHIND, False, expected)


def _closed_or_open(ok: bool, final: bool) -> Status:
    if not ok:
        return Status.BEHIND
    return Status.ACHIEVED if final else Status.ON_TRACK


def elapsed_share(as_of: str, period: int) -> float:
    """Share of the year `period` covered by a figure running to the ISO date `as_of`."""
    day = date.fromisoformat(as_of)
    start, end = date(period, 1, 1), date(period, 12, 31)
    if day >= end:
        return 1.0
    if day < start:
        return 0.0
    return ((day - start).days + 1) / ((end - start).days + 1)
