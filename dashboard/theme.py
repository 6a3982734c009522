"""Plotly templates and dcc.Graph config shared by every figure.

Figures should not set fonts or colours themselves: ``register_template()``
(called by ``create_app``) makes ``"report"`` the plotly default, so any
``go.Figure``/``px`` figure built afterwards picks it up. Use
``template="report_dark"`` for the presentation mode. Pass
``config=graph_config(lang)`` to every ``dcc.Graph`` so the modebar and date
formats follow the page language (the zh-CN locale is registered by
``assets/vendor/b-plotly-locale-zh-cn.js``).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.i18n import HTML_LANG, normalize_lang

TEMPLATE_NAME = "report"
DARK_TEMPLATE_NAME = "report_dark"

# Same stack as assets/style.css so SVG text matches the HTML around it.
FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", sans-serif'
)

# Okabe & Ito (2008) colour-blind-safe palette, reordered so the first colours
# have the most contrast on white; yellow and black come last.
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE: tuple[str, ...] = tuple(OKABE_ITO.values())
# On a dark background black is invisible and blue is dim: use grey and sky blue first.
DARK_PALETTE: tuple[str, ...] = (
    "#56B4E9",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#0072B2",
    "#BBBBBB",
)

TEXT_COLOR = "#212529"
MUTED_COLOR = "#6c757d"
GRID_COLOR = "#e9ecef"
DARK_BG = "#16191d"
DARK_TEXT = "#e9ecef"
DARK_GRID = "#343a40"


def _axis(grid: str, line: str, text: str) -> dict[str, Any]:
    return {
        "gridcolor": grid,
        "linecolor": line,
        "zerolinecolor": line,
        "tickcolor": line,
        "ticks": "outside",
        "automargin": True,
        "title": {"standoff": 8, "font": {"color": text}},
    }


def _build(
    *, bg: str, text: str, muted: str, grid: str, palette: tuple[str, ...]
) -> go.layout.Template:
    layout = {
        "font": {"family": FONT_FAMILY, "size": 14, "color": text},
        "title": {"font": {"size": 18, "color": text}, "x": 0, "xanchor": "left"},
        "paper_bgcolor": bg,
        "plot_bgcolor": bg,
        "colorway": list(palette),
        "xaxis": _axis(grid, muted, text),
        "yaxis": _axis(grid, muted, text),
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "margin": {"l": 48, "r": 16, "t": 40, "b": 40},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "separators": ".,",
    }
    return go.layout.Template(layout=layout)


def _templates() -> dict[str, go.layout.Template]:
    return {
        TEMPLATE_NAME: _build(
            bg="#ffffff", text=TEXT_COLOR, muted=MUTED_COLOR, grid=GRID_COLOR, palette=PALETTE
        ),
        DARK_TEMPLATE_NAME: _build(
            bg=DARK_BG, text=DARK_TEXT, muted="#adb5bd", grid=DARK_GRID, palette=DARK_PALETTE
        ),
    }


def register_template() -> None:
    """Register both templates and make ``"report"`` the plotly default.

    Safe to call repeatedly: entries are simply replaced with equal values.
    """
    for name, template in _templates().items():
        pio.templates[name] = template
    pio.templates.default = TEMPLATE_NAME


def graph_config(lang: str, filename: str = "indicator") -> dict[str, Any]:
    """dcc.Graph ``config`` for ``lang`` (modebar locale, PNG export at 2x)."""
    return {
        "locale": HTML_LANG[normalize_lang(lang)],
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
