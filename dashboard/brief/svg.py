"""The brief's chart as a static SVG string: horizontal grouped bars, each labelled with its
value as stated. Pure; no script, so the PDF printer waits for nothing and a browser's own
Print gives the same picture.

The geometry is computed here (:func:`drawing`); the markup is ``templates/brief/chart.svg``,
which escapes every text (autoescape) and sets it in the CJK fonts the page names, so a chart
printed in Chinese shows Chinese, not boxes. Bars are drawn from zero (a negative value
to the left); a range target (6%—7%) is one bar, solid to its low bound and light on to its
high bound; a value with no figure says so in words, never as a zero-length bar.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dashboard.brief.model import Chart
from dashboard.templating import render

FONTS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
WIDTH = 720
FONT = 11  # px
BAR = 10  # px per bar
GAP = 5  # px between categories
LEGEND = 20  # px above the first category
VALUE_ROOM = 88  # px right of the longest bar for its label
MUTED = "#6c757d"
TEXT = "#212529"
AXIS = "#adb5bd"


def text_width(text: str, size: float = FONT) -> float:
    """Width in px of ``text`` set at ``size`` px, from advance widths measured in Chromium
    with Noto Sans CJK SC: CJK, full-width and ambiguous characters (…, “, —, ·: full width
    in a CJK font) one em; Latin letters, digits and punctuation their own."""
    return size * sum(_em(c) for c in text)


_NARROW = {" ": 0.224, "%": 0.921, "-": 0.347, "/": 0.392,
           **dict.fromkeys(".,:;'", 0.278), **dict.fromkeys("()[]", 0.338)}


def _em(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    if char in _NARROW:
        return _NARROW[char]
    if char.isupper():
        return 0.633
    return 0.555 if char.isdigit() or char in "+−" else 0.53


def wrap(text: str, width: float, lines: int = 2, size: float = FONT) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` px, breaking at spaces where there are
    any (English) and anywhere otherwise (Chinese); "…" ends a cut text."""
    out: list[str] = []
    rest = text
    while rest and len(out) < lines:
        if text_width(rest, size) <= width:
            out.append(rest)
            rest = ""
            break
        cut = len(rest)
        while cut > 1 and text_width(rest[:cut], size) > width:
            cut -= 1
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0 and len(out) < lines - 1:
            cut = space
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        last = out[-1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out


def chart_height(chart: Chart) -> int:
    """The height in px of the chart drawn ``WIDTH`` px wide."""
    return LEGEND + len(chart.categories) * (len(chart.series) * BAR + GAP) + 4


@dataclass(frozen=True)
class Shape:
    """One element of the drawing, its numbers already formatted (``templates/brief/chart.svg``).

    ``kind`` is ``rect`` (``x y width height fill``; ``range``: the light part of a range
    bar), ``line`` (``x y x2 y2 stroke``) or ``text`` (``x y text anchor fill size weight``).
    """

    kind: str
    x: str
    y: str
    width: str = ""
    height: str = ""
    fill: str = ""
    range: bool = False
    x2: str = ""
    y2: str = ""
    stroke: str = ""
    text: str = ""
    anchor: str = "start"
    size: int = FONT
    weight: str = "normal"


@dataclass(frozen=True)
class Drawing:
    """The chart as the SVG template draws it."""

    width: int
    height: int
    fonts: str
    label: str
    shapes: tuple[Shape, ...]


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = TEXT,
          size: int = FONT, weight: str = "normal") -> Shape:
    return Shape("text", f"{x:.1f}", f"{y:.1f}", fill=fill, text=text, anchor=anchor,
                 size=size, weight=weight)


def _rect(x: float, y: float | str, width: float | str, height: float | str, fill: str,
          *, light: bool = False) -> Shape:
    def num(v: float | str) -> str:
        return v if isinstance(v, str) else f"{v:.1f}"

    return Shape("rect", num(x), num(y), num(width), num(height), fill, range=light)


def drawing(chart: Chart, label: str, width: int = WIDTH) -> Drawing:
    """The shapes of ``chart`` ``width`` px wide; ``label`` is its text alternative."""
    groups = len(chart.series)
    label_room = min(220.0, max(text_width(c) for c in chart.categories) + 12, width * 0.3)
    values = [v for s in chart.series for b in s.bars for v in (b.value, b.upper)
              if v is not None]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    span = (hi - lo) or 1.0
    negative = [text_width(b.text, FONT - 1) + 8 for s in chart.series for b in s.bars
                if b.value is not None and b.value < 0]
    left = label_room + max(negative, default=0.0)  # a negative bar's label goes left of it
    plot = width - left - VALUE_ROOM

    def x(value: float) -> float:
        return left + (value - lo) / span * plot

    row = groups * BAR + GAP
    height = chart_height(chart)
    shapes: list[Shape] = []
    lx = left
    for series in chart.series:  # legend: a swatch and the series name
        shapes.append(_rect(lx, "2", "11", "11", series.color))
        shapes.append(_text(lx + 15, 12, series.name))
        lx += 16 + text_width(series.name) + 18
    zero = x(0.0)
    shapes.append(Shape("line", f"{zero:.1f}", str(LEGEND - 2), x2=f"{zero:.1f}",
                        y2=str(height - 2), stroke=AXIS))
    for i, category in enumerate(chart.categories):
        top = LEGEND + i * row
        lines = wrap(category, label_room - 8)
        first = top + (groups * BAR) / 2 - (len(lines) - 1) * (FONT + 1) / 2 + FONT / 2 - 1
        for n, line in enumerate(lines):
            shapes.append(_text(label_room - 8, first + n * (FONT + 1), line, anchor="end"))
        for k, series in enumerate(chart.series):
            bar = series.bars[i]
            y = top + k * BAR
            mid = y + BAR / 2 + FONT / 2 - 2
            if bar.value is None:
                shapes.append(_text(zero + 4, mid, bar.text, fill=MUTED, size=FONT - 1))
                continue
            end = x(bar.value)
            shapes.append(_rect(min(zero, end), y + 1, max(abs(end - zero), 1.0), str(BAR - 2),
                                series.color))
            reach = end
            if bar.upper is not None:
                reach = x(bar.upper)
                shapes.append(_rect(min(end, reach), y + 1, max(abs(reach - end), 1.0),
                                    str(BAR - 2), series.color, light=True))
            if bar.value >= 0:
                shapes.append(_text(max(end, reach) + 4, mid, bar.text, size=FONT - 1))
            else:
                shapes.append(_text(min(end, reach) - 4, mid, bar.text, anchor="end",
                                    size=FONT - 1))
    return Drawing(width, height, FONTS, label, tuple(shapes))


def bar_chart(chart: Chart, label: str, width: int = WIDTH) -> str:
    """The SVG document (``<svg>…</svg>``) of ``chart``; ``label`` is its text alternative."""
    return render("brief/chart.svg", drawing=drawing(chart, label, width))
