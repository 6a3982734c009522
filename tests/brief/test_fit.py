"""The height estimate that keeps the brief on one sheet."""

from __future__ import annotations

from dataclasses import replace

from dashboard.brief import fit
from dashboard.brief.content import brief
from dashboard.brief.notes import Footnote
from dashboard.brief.query import decode


def test_lines():
    assert fit.lines("", 10, 8) == 1
    assert fit.lines("地区生产总值", 100, 8) == 1
    one_em = 8 * fit.PT
    assert fit.lines("地" * 20, one_em * 10, 8) == 2
    # A closing bracket at the end may be set half-width rather than wrap.
    assert fit.lines("地" * 9 + "）", one_em * 9.6, 8) == 1


def test_more_rows_notes_and_wrapping_make_it_taller(counties):
    made = brief(decode(counties, {"report": "luming-2024"}))
    base = fit.height(made)
    assert fit.height(replace(made, targets=made.targets[:5])) < base
    notes = made.footnotes + tuple(Footnote(99, "很长的注释" * 40) for _ in range(5))
    assert fit.height(replace(made, footnotes=notes)) > base + 5 * 2 * 7 * fit.PT
    assert fit.height(replace(made, chart=None)) < base
    assert fit.height(replace(made, notice="注意")) > base
