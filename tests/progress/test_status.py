"""The status rule (dashboard/progress/status.py) and its edge cases."""

import pytest

from dashboard.progress.status import Status, assess, elapsed_share, meets

A, ON, BEHIND, NONE = Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND, Status.NO_ACTUAL


def status(**kwargs) -> Status:
    return assess(**kwargs).status


def test_no_actual_yet():
    assert status(comparator="~", target=8, actual=None, baseline=4.6) is NONE
    assert status(comparator=">", target=None, actual=6.8, reference=None, relative=True) is NONE
    assert status(comparator=">", target=None, actual=None, reference=7.2, relative=True) is NONE


@pytest.mark.parametrize(("actual", "expected"), [
    (8.0, A), (7.6, A),  # 8%左右: within ±5 % of 8 (±0.4 points)
    (7.59, BEHIND), (7.5, BEHIND),
    (9.5, A),  # beyond an "about" target in the desired direction
])
def test_about_target_met_within_tolerance(actual, expected):
    assert status(comparator="~", target=8, actual=actual, value_kind="growth_pct") is expected


def test_about_target_for_an_indicator_that_should_fall():
    # 失业率控制在5%左右: going below is better, going above beyond tolerance is not.
    assert status(comparator="~", target=5, actual=4.0, direction="down",
                  value_kind="share_pct") is A
    assert status(comparator="~", target=5, actual=5.2, direction="down",
                  value_kind="share_pct") is A
    assert status(comparator="~", target=5, actual=5.3, direction="down",
                  value_kind="share_pct") is BEHIND


@pytest.mark.parametrize(("actual", "expected"), [(95.0, A), (96.2, A), (94.99, BEHIND)])
def test_at_least_target(actual, expected):
    assert status(comparator=">=", target=95, actual=actual, value_kind="share_pct",
                  baseline=94) is expected


def test_plain_figure_is_reached_in_the_desired_direction():
    assert status(comparator="=", target=3, actual=3.2) is A
    assert status(comparator="=", target=3, actual=2.9) is BEHIND
    assert status(comparator="=", target=5, actual=4.8, direction="down") is A


def test_negative_growth():
    # A fall against a growth target is behind; a smaller fall than a target fall is not met
    # for an indicator that should rise, and is met for one that should fall.
    assert status(comparator="~", target=8, actual=-2.3, value_kind="growth_pct") is BEHIND
    assert status(comparator="=", target=-5, actual=-6, value_kind="growth_pct",
                  direction="down") is A
    assert status(comparator="=", target=-5, actual=-4, value_kind="growth_pct",
                  direction="down") is BEHIND
    assert status(comparator="~", target=-2, actual=-2.05, value_kind="growth_pct") is A


def test_target_below_its_baseline():
    # A stock already above a lower target stays on track and, at year end, achieves it.
    kwargs = {"comparator": "=", "target": 3.0, "baseline": 5.21, "measure": "stock"}
    assert status(actual=5.0, elapsed=0.5, **kwargs) is ON
    assert status(actual=3.1, **kwargs) is A
    # A flow target is the year's own quantity: last year's larger figure plays no part.
    flow = {"comparator": "=", "target": 3.0, "baseline": 5.21}
    assert assess(actual=1.6, elapsed=0.5, **flow).expected == pytest.approx(1.5)
    assert status(actual=1.6, elapsed=0.5, **flow) is ON
    assert status(actual=1.2, elapsed=0.5, **flow) is BEHIND
    assert status(actual=2.9, **flow) is BEHIND


def test_within_the_year_growth_is_compared_with_the_target_rate():
    growth = {"comparator": "~", "target": 6.5, "value_kind": "growth_pct", "elapsed": 0.5}
    assert status(actual=6.4, **growth) is ON
    assert status(actual=6.0, **growth) is BEHIND
    assert status(actual=9.0, **growth) is ON  # never "achieved" before the year closes


def test_within_the_year_stock_follows_the_path_from_its_baseline():
    stock = {"comparator": ">=", "target": 98.0, "baseline": 94.0, "value_kind": "share_pct",
             "elapsed": 0.5}
    result = assess(actual=96.5, **stock)
    assert (result.status, result.expected) == (ON, pytest.approx(96.0))
    assert status(actual=95.5, **stock) is BEHIND
    # No baseline, no path: only a figure that already meets the target is on track.
    assert status(comparator=">=", target=98, actual=97, value_kind="share_pct",
                  elapsed=0.5) is BEHIND
    assert status(comparator=">=", target=98, actual=98.5, value_kind="share_pct",
                  elapsed=0.5) is ON


def test_qualitative_comparison_target():
    rel = {"comparator": ">", "target": None, "relative": True}
    assert status(actual=6.9, reference=6.1, **rel) is A
    assert status(actual=6.1, reference=6.1, **rel) is BEHIND  # 高于 is strict
    assert status(actual=6.1, reference=6.1, **{**rel, "comparator": ">="}) is A
    assert status(actual=6.8, reference=7.2, **rel) is BEHIND
    assert status(actual=7.0, reference=6.2, elapsed=0.5, **rel) is ON


def test_meets_and_elapsed_share():
    assert meets(100, ">=", 100) and not meets(100, ">", 100)
    assert meets(4, "<", 5) and not meets(5, "<", 5) and meets(5, "<=", 5)
    assert elapsed_share("2024-12-31", 2024) == 1.0
    assert elapsed_share("2024-06-30", 2024) == pytest.approx(182 / 366)
    assert elapsed_share("2025-03-31", 2025) == pytest.approx(90 / 365)
