"""Will a brief fit on its one A4 sheet? An estimate of its height, from ``assets/brief.css``.

Data decide how tall the page gets: long English names wrap, a report may quote many
sentences. ``content.brief`` shows fewer target rows (and counts the rest, "另有 N 项") while
this estimate says the page would run over. The sizes below mirror brief.css (a change there
wants a change here); text widths are estimated per character (``svg.text_width``: CJK one
em, Latin about half), which errs on the wide side. The PDF tests print briefs of several
reports in both languages and count the pages, so a wrong estimate fails a test.
"""

from __future__ import annotations

import math

from dashboard.brief.document import note_rule
from dashboard.brief.model import Brief
from dashboard.brief.svg import WIDTH, chart_height, text_width

PT = 0.3528  # mm
SHEET = 296.0  # mm: the sheet's height (brief.css)
CONTENT_WIDTH = 210.0 - 22.0  # mm: the sheet's width less its side padding
PADDING = 8.0 + 6.0  # mm: the sheet's top and bottom padding
GAP = 2.2  # mm between the sheet's blocks
SAFETY = 4.0  # mm left unused: estimates are estimates
CLOSING = "）」』”】〕"
TABLE_WIDTHS = (0.33, 0.15, 0.155, 0.155, 0.13, 0.08)  # brief.css .brief-col-*
TABLE_SIZES = (7.8, 7.8, 7.8, 7.8, 7.8, 7.0)  # pt: the source column is smaller


def lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines ``text`` takes in a box ``width_mm`` wide at ``size_pt`` (at least one).

    A closing bracket or quote ending the text counts half: Chromium sets it half-width at
    the end of a line (CSS ``text-spacing-trim: normal``) rather than wrap for it.
    """
    width = text_width(text, size_pt * PT)
    if text[-1:] in CLOSING:
        width -= size_pt * PT / 2
    return max(1, math.ceil(width / max(width_mm, 1.0) - 1e-9))


def _header(brief: Brief) -> float:
    title = lines(brief.title, CONTENT_WIDTH, 15) * 15 * PT * 1.25 + 1.0
    meta = lines(" · ".join(brief.meta), CONTENT_WIDTH, 8) * 8 * PT * 1.35
    return title + meta + 2.4 + (lines(brief.notice, CONTENT_WIDTH - 4, 8) * 3.8 + 2.4 + GAP
                                 if brief.notice else 0.0)


def _heading() -> float:
    return 10.5 * PT * 1.3 + 1.4


def _figures(brief: Brief) -> float:
    if not brief.figures:
        return _heading() + 9 * PT * 1.35
    width = (CONTENT_WIDTH - 3 * 2.0) / 4 - 5.5  # a card less its padding and borders
    rows = [brief.figures[i:i + 4] for i in range(0, len(brief.figures), 4)]
    height = 0.0
    for row in rows:
        name = max(lines(f.name, width, 8) for f in row) * 8 * PT * 1.25
        change = max(lines(f"{f.change_label} {f.change}", width, 7.5) for f in row)
        height += 3.3 + name + 13 * PT * 1.3 + (1 + change) * 7.5 * PT * 1.35
    return _heading() + height + 2.0 * (len(rows) - 1)


def _table(brief: Brief) -> float:
    height = _heading() + (7.8 * PT * 1.25 + 1.8 if brief.targets else 9 * PT * 1.35)
    for line in brief.targets:
        # The status cell does not wrap (white-space: nowrap): one line.
        cells = (line.name, line.target, line.baseline, line.actual, "",
                 "".join(f"[{n}]" for n in line.notes))
        most = max(lines(text, CONTENT_WIDTH * share - 2.4, size)
                   for text, share, size in zip(cells, TABLE_WIDTHS, TABLE_SIZES, strict=True))
        height += most * 7.8 * PT * 1.25 + 1.7
    if brief.more_targets:
        height += 7.5 * PT * 1.35 + 0.8
    return height


def _chart(brief: Brief) -> float:
    if brief.chart is None:
        return 0.0
    return _heading() + chart_height(brief.chart) * CONTENT_WIDTH / WIDTH


def _notes(brief: Brief) -> float:
    body = sum(lines(f"[{n.number}] {n.text}", CONTENT_WIDTH, 7) * 7 * PT * 1.3 + 0.3
               for n in brief.footnotes)
    rule = lines(note_rule(brief.lang), CONTENT_WIDTH, 7) * 7 * PT * 1.35
    return _heading() + body + 0.8 + rule


def height(brief: Brief) -> float:
    """The estimated height of the sheet's content, padding included, in mm."""
    footer = 7 * PT * 1.35 * 2 + 1.5  # it may wrap in English
    blocks = [_header(brief), _figures(brief), _table(brief), _notes(brief), footer]
    if brief.chart is not None:
        blocks.append(_chart(brief))
    return PADDING + sum(blocks) + GAP * (len(blocks) - 1)


def fits(brief: Brief) -> bool:
    return height(brief) <= SHEET - SAFETY
