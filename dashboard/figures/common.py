"""Pixel layout for figures that must read on a 390 px phone as well as on a wall screen.

Plotly does not wrap text and, by default, lets a legend or long tick labels eat the plot.
These helpers measure text in em (a CJK character is 1 em, a Latin one about 0.6), wrap
titles, labels and source lines without splitting numbers, choose the value-axis range and
where each stated value goes so none is cut off, and lay out title, notes, legend, plot and
source line in pixels (``finish``), ending with ``provenance.cite`` so the figure carries its
citation. Pure: plotly and pandas only, no Dash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import source_text
from dashboard.figures import provenance
from dashboard.i18n import normalize_lang
from dashboard.theme import OKABE_ITO

WARNING_COLOR = OKABE_ITO["vermillion"]

FONT_PX = 14                         # template font size: tick labels and bar texts
PHONE_PLOT_PX = 340                  # a 390 px phone, less page and card padding
LABEL_EM = {"zh": 9.0, "en": 12.5}   # category labels (y ticks)
LABEL_LINE_PX = 18                   # one line of a category label
AXIS_PX = 58                         # below the plot: tick labels and axis title
_TITLE_EM = 18.0                     # title (18 px) fits a phone
_SOURCE_EM = 30.0                    # source line (11 px)
_NOTE_EM = 25.0                      # warning notes (13 px)
_LEGEND_ROW_PX = 31
_TITLE_TOP_PX = 8
_TITLE_LINE_PX = 22


_TOKEN = re.compile(r"[0-9A-Za-z.,%+\-−()/'’&]+ ?|\s|.", re.S)
_NO_BREAK_BEFORE = set("，。：；、）》」”’！？,.:;)!?%")


def _em(char: str) -> float:
    return 1.0 if ord(char) >= 0x2E80 else 0.6


def wrap(text: str, width: float, balance: bool = True) -> list[str]:
    """Lines at most ``width`` em wide (a CJK character is 1 em, a Latin one about 0.6).

    Chinese may break between any two characters, but never inside a number or word
    ("2024", "8.4%") nor before closing punctuation; English breaks at spaces. ``balance``
    evens out the line lengths (no single character left alone on the last line).
    """
    lines = greedy(text, width)
    if balance and len(lines) > 1:
        narrow = sum(_em(c) for c in text) / len(lines)
        while narrow < width and len(greedy(text, narrow)) > len(lines):
            narrow += 0.5
        lines = greedy(text, min(narrow, width))
    return lines


def greedy(text: str, width: float) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    for token in _TOKEN.findall(text):
        size = sum(_em(c) for c in token)
        if line.strip() and used + size > width and token.strip() \
                and token[0] not in _NO_BREAK_BEFORE:
            lines.append(line.rstrip())
            line, used = "", 0.0
        if not line and not token.strip():
            continue
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [text]


def text_em(text: str) -> float:
    """Width of ``text`` in em (see :func:`wrap`)."""
    return sum(_em(c) for c in text)


def text_layout(values: Sequence[float], texts: Sequence[str],
                plot_px: float = PHONE_PLOT_PX) -> tuple[list[float], list[str]]:
    """Value-axis range and, per bar, where its stated value goes ("outside" after the bar,
    or "inside" a long bar) so that no value is cut off even on a ``plot_px``-wide plot (a
    phone). Prefers every value after its bar, widening the axis up to twice the data;
    then allows values inside long bars; failing both, a value that fits nowhere goes
    inside its bar (plotly shrinks it to fit)."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    if lo == hi:
        hi = 1.0
    scales = [1.04 * 1.06 ** i for i in range(12)]  # up to about 2x

    def attempt(scale: float, inside: bool, force: bool = False) -> list[str] | None:
        width = (hi - lo) * scale
        rng_lo, rng_hi = lo * scale, hi * scale
        positions = []
        for value, text in zip(values, texts, strict=True):
            need = text_em(text) * FONT_PX + 8
            free = ((rng_hi - value) if value >= 0 else (value - rng_lo)) / width * plot_px
            fits_inside = abs(value) / width * plot_px >= need
            if free >= need:
                positions.append("outside")
            elif (inside and fits_inside) or force:
                positions.append("inside")
            else:
                return None
        return positions

    for inside in (False, True):
        for scale in scales:
            positions = attempt(scale, inside)
            if positions is not None:
                return [lo * scale, hi * scale], positions
    return [lo * scales[0], hi * scales[0]], attempt(scales[0], True, force=True) or []


def legend_rows(names: Sequence[str], width_px: float) -> int:
    """Rows a horizontal legend takes when plotly wraps it at ``width_px`` (the plot width)."""
    rows, used = 0, 0.0
    for name in names:
        entry = 46 + text_em(name) * FONT_PX
        if rows == 0 or used + entry > width_px:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def label_margin(labels: Sequence[str]) -> int:
    """Left margin (px) that holds the widest line of the category labels."""
    widest = max((text_em(line) for lab in labels for line in lab.split("<br>")), default=0)
    return int(widest * FONT_PX) + 16


def finish(fig: go.Figure, reports: pd.DataFrame, facts: pd.DataFrame, lang: str,
           title: str, *, plot_px: int, margin_l: int = 48, legend: Sequence[str] = (),
           notes: Sequence[str] = (), headroom_px: int = 0) -> go.Figure:
    """Title, notes, legend and source line laid out in pixels, then ``provenance.cite``.

    Top to bottom: title, notes (e.g. a warning), legend, plot, value axis, source.
    Titles and the source line are wrapped so they fit a phone without being cut off.
    ``legend`` names the legend entries (none: no legend); ``headroom_px`` is kept free
    between the legend and the plot (for subplot titles).
    """
    lang = normalize_lang(lang)
    title_lines = wrap(title, _TITLE_EM)
    note_lines = [line for note in notes for line in wrap(note, _NOTE_EM)]
    # the report title and the sections each start a line when the whole does not fit
    source = source_text(reports, facts, lang)
    source_lines = greedy(source, _SOURCE_EM)
    if len(source_lines) > 1 and " · " in source:
        head, tail = source.split(" · ", 1)
        source_lines = greedy(head + " ·", _SOURCE_EM) + greedy(tail, _SOURCE_EM)
    legend_px = _LEGEND_ROW_PX * legend_rows(legend, PHONE_PLOT_PX - margin_l)
    note_px = 18 * len(note_lines) + (10 if note_lines else 0)
    title_px = _TITLE_TOP_PX + _TITLE_LINE_PX * len(title_lines) + 6
    top = title_px + note_px + legend_px + headroom_px
    bottom = AXIS_PX + 15 * len(source_lines) + 8
    height = top + bottom + plot_px
    provenance.cite(fig, "<br>".join(title_lines), "<br>".join(source_lines))
    # paper x=0 is the plot's left edge, right of the category labels: shift the source
    # and the notes to the figure's left edge so they have the full width of a phone
    fig.layout.annotations[-1].update(yshift=-AXIS_PX, xshift=4 - margin_l)
    if note_lines:
        fig.add_annotation(
            text="<br>".join(note_lines), showarrow=False, xref="paper", yref="paper",
            x=0, y=1, xanchor="left", yanchor="bottom", yshift=legend_px + 4,
            xshift=4 - margin_l, align="left",
            font={"size": 13, "color": WARNING_COLOR}, name="note",
            bordercolor=WARNING_COLOR, borderwidth=1, borderpad=3)
    fig.update_layout(
        # plotly anchors a multi-line title by its first line whatever yanchor says: put the
        # first line's bottom where it belongs and let the others flow down
        title={"y": 1 - (_TITLE_TOP_PX + _TITLE_LINE_PX - 3) / height, "yref": "container",
               "yanchor": "bottom", "x": 0, "xref": "container", "pad": {"l": 4}},
        # the legend hangs under the title, with room for the rows a phone wraps it into
        legend={"y": 1 - (title_px + note_px) / height, "yanchor": "top", "yref": "container",
                "x": 0, "xref": "container"},
        # every margin is computed here; plotly would otherwise widen the left one by the
        # legend's width (it sits left of the plot area, at the figure's edge)
        showlegend=bool(legend), margin={"t": top, "b": bottom, "l": margin_l,
                                         "autoexpand": False},
        height=height,
    )
    return fig
