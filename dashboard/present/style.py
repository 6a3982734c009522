"""Restyle any dashboard figure for a meeting-room screen (pure: figure in, figure out).

The pages' builders draw for a laptop at arm's length: 14 px text, a title and a source line
inside the figure. On a slide the title and the source line are HTML around the chart (large,
wrapped, never overlapping the plot), so `present_style` lifts them out of the figure, puts it
on the "report_dark" (or "report") template with text readable from the back of the room, and
lets it fill whatever box the slide gives it.
"""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go

from dashboard.theme import (
    DARK_BG,
    DARK_GRID,
    DARK_TEMPLATE_NAME,
    DARK_TEXT,
    GRID_COLOR,
    MUTED_COLOR,
    OKABE_ITO,
    TEMPLATE_NAME,
    TEXT_COLOR,
)

LABEL_PX = 28        # tick labels, legend, axis titles: read from ~8 m on a 2 m screen
VALUE_PX = 32        # numbers printed on bars and points
HEADLINE_PX = 72     # big numbers of indicator (gauge/number) traces
TRANSPARENT = "rgba(0,0,0,0)"
SOURCE_ANNOTATION = "source"
NOTE_ANNOTATION = "note"  # e.g. a data-quality warning written above the plot
LIFTED = (SOURCE_ANNOTATION, NOTE_ANNOTATION)

_THEMES: dict[str, dict[str, str]] = {
    "dark": {"template": DARK_TEMPLATE_NAME, "text": DARK_TEXT, "muted": "#c3cad1",
             "grid": DARK_GRID, "bg": DARK_BG},
    "light": {"template": TEMPLATE_NAME, "text": TEXT_COLOR, "muted": MUTED_COLOR,
              "grid": GRID_COLOR, "bg": "#ffffff"},
}
# Colours drawn for a white page that vanish on a dark one.
_DARK_SWAPS = {OKABE_ITO["black"].lower(): "#bbbbbb", TEXT_COLOR.lower(): DARK_TEXT,
               "black": "#bbbbbb"}
# Okabe-Ito blue is dim on the dark background; sky blue takes its place when the figure
# does not already use sky blue for something else.
_DIM_BLUE, _BRIGHT_BLUE = OKABE_ITO["blue"].lower(), OKABE_ITO["sky_blue"].lower()
_LATIN_BREAK = re.compile(r"(?<=[\x21-\x7e])<br>(?=[\x21-\x7e])")
ROW_GAP = 0.16  # between stacked subplots: tick labels at LABEL_PX need the room


def unwrap(text: str) -> str:
    """Undo a builder's line wrapping: ``two<br>targets`` → ``two targets`` (wrapping ate
    the space), ``地区生产<br>总值`` → ``地区生产总值``; the slide wraps text itself."""
    return _LATIN_BREAK.sub(" ", text).replace("<br>", "")


def figure_title(fig: go.Figure) -> str:
    """The title a builder gave the figure, unwrapped ('' if none)."""
    title = fig.layout.title
    return unwrap(str(title.text)) if title is not None and title.text else ""


def figure_notes(fig: go.Figure) -> list[str]:
    """Texts of the figure's note annotations (warnings), unwrapped."""
    return [unwrap(str(a.text)) for a in fig.layout.annotations
            if a.name == NOTE_ANNOTATION and a.text]


def _swap(color: Any, swaps: dict[str, str]) -> Any:
    if isinstance(color, str):
        return swaps.get(color.strip().lower(), color)
    if isinstance(color, list | tuple):
        return [_swap(c, swaps) for c in color]
    return color


def _swaps_for(fig: go.Figure, theme: str) -> dict[str, str]:
    if theme != "dark":
        return {}
    used = str(fig.to_plotly_json()["data"]).lower()
    swaps = dict(_DARK_SWAPS)
    if _BRIGHT_BLUE not in used:
        swaps[_DIM_BLUE] = _BRIGHT_BLUE
    return swaps


def _respace_rows(fig: go.Figure) -> None:
    """Stacked subplots (one column): wider gaps, so large tick labels never collide; the
    unit axis titles go (every bar already carries its value with the unit)."""
    names = [n for n in fig.layout if n.startswith("yaxis") and fig.layout[n].domain]
    if len(names) < 2:
        return
    axes = sorted((fig.layout[n] for n in names), key=lambda a: -a.domain[0])
    heights = [a.domain[1] - a.domain[0] for a in axes]
    total = sum(heights) or 1.0
    room = max(0.0, 1.0 - ROW_GAP * (len(axes) - 1))
    top = 1.0
    for axis, height in zip(axes, heights, strict=True):
        size = room * height / total
        axis.domain = [max(0.0, top - size), top]
        top -= size + ROW_GAP
    fig.update_xaxes(title_text=None)


def _font(font: Any, size: int, color: str | None = None) -> dict[str, Any]:
    """A font dict at least ``size`` px (never smaller than the builder chose)."""
    current = font.size if font is not None and font.size else 0
    out: dict[str, Any] = {"size": max(int(current), size)}
    if color is not None:
        out["color"] = color
    return out


def _restyle_traces(fig: go.Figure, swaps: dict[str, str], colors: dict[str, str]) -> None:
    for trace in fig.data:
        kind = trace.type
        if kind == "indicator":
            trace.update(number={"font": _font(trace.number.font, HEADLINE_PX, colors["text"])},
                         title={"font": _font(trace.title.font, LABEL_PX, colors["text"])})
            if trace.delta is not None:
                trace.update(delta={"font": _font(trace.delta.font, LABEL_PX)})
            if trace.gauge is not None and trace.gauge.axis is not None:
                trace.update(gauge={"axis": {"tickfont": _font(trace.gauge.axis.tickfont,
                                                               LABEL_PX, colors["muted"])}})
            continue
        if "textfont" in trace:
            trace.textfont = _font(trace.textfont, VALUE_PX)
        if "marker" in trace and trace.marker is not None:
            marker = trace.marker
            if marker.color is not None:
                marker.color = _swap(marker.color, swaps)
            if "line" in marker and marker.line is not None and marker.line.color is not None:
                marker.line.color = _swap(marker.line.color, swaps)
        if "line" in trace and trace.line is not None and trace.line.color is not None:
            trace.line.color = _swap(trace.line.color, swaps)


def _restyle_axes(fig: go.Figure, colors: dict[str, str]) -> None:
    axis_style = {
        "tickfont": {"size": LABEL_PX, "color": colors["text"]},
        "title": {"font": {"size": LABEL_PX, "color": colors["text"]}},
        "gridcolor": colors["grid"],
        "linecolor": colors["muted"],
        "zerolinecolor": colors["muted"],
        "tickcolor": colors["muted"],
        "automargin": True,
    }
    fig.update_xaxes(**axis_style)
    fig.update_yaxes(**axis_style)


def _restyle_shapes(fig: go.Figure, swaps: dict[str, str]) -> None:
    for shape in fig.layout.shapes:
        if shape.line is not None and shape.line.color is not None:
            shape.line.color = _swap(shape.line.color, swaps)


def _restyle_annotations(fig: go.Figure, colors: dict[str, str]) -> None:
    kept = []
    for annotation in fig.layout.annotations:
        if annotation.name in LIFTED:
            continue  # the slide prints the source at its foot and notes under its title
        annotation.font = _font(annotation.font, LABEL_PX, colors["text"])
        if annotation.bgcolor is not None:
            annotation.bgcolor = TRANSPARENT
        kept.append(annotation)
    fig.layout.annotations = kept


def present_style(fig: go.Figure, theme: str = "dark") -> go.Figure:
    """A copy of ``fig`` styled for the presentation ``theme`` ("dark" or "light").

    The copy fills its container (no fixed size), has no title, source or note annotation
    (the slide shows them as HTML), a transparent background (the slide's shows through), text of at
    least LABEL_PX and numbers of at least VALUE_PX, and no colour that vanishes on the
    dark background.
    """
    theme = theme if theme in _THEMES else "dark"
    colors = _THEMES[theme]
    out = go.Figure(fig)
    out.update_layout(
        template=colors["template"],
        title=None,
        height=None,
        width=None,
        autosize=True,
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        font={"size": LABEL_PX, "color": colors["text"]},
        # Above the plot area, from its left edge; plotly makes room for it (builders may
        # place it in pixels for a phone and switch automatic margins off).
        legend={"font": {"size": LABEL_PX, "color": colors["text"]}, "bgcolor": TRANSPARENT,
                "orientation": "h", "xref": "paper", "x": 0, "xanchor": "left",
                "yref": "paper", "y": 1, "yanchor": "bottom"},
        margin={"l": 24, "r": 48, "t": 24, "b": 24, "pad": 6, "autoexpand": True},
        hoverlabel={"font": {"size": LABEL_PX}},
        dragmode=False,
    )
    swaps = _swaps_for(out, theme)
    _restyle_traces(out, swaps, colors)
    _restyle_axes(out, colors)
    _restyle_shapes(out, swaps)
    _restyle_annotations(out, colors)
    _respace_rows(out)
    return out
