"""The frame every slide shares, and the deck around them (pure: values in, components out).

A slide is one message: a kicker (what this is about), a title (the message), a body (big
numbers or one chart) and the source line at its foot. The deck holds all slides at once;
assets/present.js shows one at a time, runs the timer and the progress bar, and keeps the
current position in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.components.accessible_graph import data_summary
from dashboard.components.accessible_graph import graph as accessible_graph
from dashboard.i18n import normalize_lang, t
from dashboard.present.style import figure_title, present_style
from dashboard.theme import graph_config

DECK_ID = "present-deck"
_QUALIFIER = re.compile(r"^([A-Za-z][A-Za-z ]*\s)(\S.*)$")
# A Chinese qualifier after the number (100亿元以上, 8%左右): set smaller, like "about".
_SUFFIX = re.compile(r"^(.*\S)(以上|以下|左右|以内|余)$")
# An English unit after the number (the number has no letter; the unit starts with one).
_UNIT_AFTER = re.compile(r"^([^A-Za-z]*\d[^A-Za-z\s]*)\s+([A-Za-z].*)$")


def slide(slide_id: str, kicker: str, title: str, body: Any, source: str,
          extra_class: str = "") -> html.Section:
    """One slide: kicker, title (the message), body, and the source line at its foot."""
    return html.Section(
        [
            html.Header([html.P(kicker, className="present-kicker"),
                         html.H2(title, className="present-title")],
                        className="present-slide-header"),
            html.Div(body, className="present-slide-body"),
            html.P(source, className="present-slide-source", title=source),
        ],
        className=f"present-slide {extra_class}".strip(),
        role="group",
        **{"data-slide-id": slide_id, "aria-roledescription": "slide", "aria-hidden": "true"},
    )


def kpi_tile(value: str, label: str, note: str = "", detail: str = "") -> html.Div:
    """A headline number with its label, an optional short note (growth, kind of target)
    and an optional detail in the report's words (which of two similar figures this is)."""
    children: list[Any] = [html.Div(_value_parts(value), className="present-kpi-value"),
                           html.Div(label, className="present-kpi-label")]
    if detail:
        children.append(html.Div(f"“{detail}”", className="present-kpi-detail", lang="zh-CN"))
    if note:
        children.append(html.Div(note, className="present-kpi-note"))
    return html.Div(children, className="present-kpi")


def _value_parts(value: str) -> str | list[Any]:
    """"about +8%" → a small "about" before a big "+8%": the number is the message, and a
    long English qualifier would otherwise wrap the number onto two lines. So is an English
    unit after it ("310,000 mu", "1.91 billion yuan"): set small like 以上 and 左右, so the
    tile is not wider in English than in Chinese (31万亩)."""
    parts: list[Any] = []
    match = _QUALIFIER.match(value)
    if match:
        parts.append(html.Span(match.group(1).strip(), className="present-kpi-qualifier"))
        value = match.group(2)
    chinese, english = _SUFFIX.match(value), _UNIT_AFTER.match(value)
    if chinese:
        parts += [chinese.group(1), html.Span(chinese.group(2), className="present-kpi-suffix")]
    elif english:  # the space stays: read aloud and copied as "1.91 billion yuan"
        parts += [english.group(1), " ",
                  html.Span(english.group(2), className="present-kpi-suffix")]
    else:
        parts.append(value)
    return parts if len(parts) > 1 else value


def columns_for(count: int) -> int:
    """Grid columns for ``count`` tiles: one row up to three, a square 2x2 for four."""
    if count <= 3:
        return max(count, 1)
    return 2 if count == 4 else 3


def kpi_grid(tiles: Sequence[html.Div]) -> html.Div:
    """Tiles in a grid; one or two tiles get larger numbers (the slide has the room)."""
    size = " present-kpis-few" if len(tiles) <= 2 else ""
    return html.Div(list(tiles), className=f"present-kpis{size}",
                    style={"--present-cols": str(columns_for(len(tiles)))})


def graph(fig: go.Figure, theme: str, lang: str, name: str, file_stem: str = "indicators"
          ) -> html.Figure:
    """A chart restyled for the screen, filling the slide body; no modebar on a slide.

    Named and described for screen readers (``accessible_graph``), from the figure's data."""
    config = {**graph_config(lang, filename=f"{file_stem}-present-{name}"),
              "displayModeBar": False, "responsive": True, "staticPlot": False}
    summary = data_summary(fig, lang) or figure_title(fig).replace("<br>", " ")
    return accessible_graph(present_style(fig, theme), f"present-graph-{name}", lang, summary,
                            config=config, class_name="present-figure",
                            className="present-graph", responsive=True)


def graph_slide(slide_id: str, kicker: str, fig: go.Figure, source: str, theme: str,
                lang: str, title: str | None = None, file_stem: str = "indicators"
                ) -> html.Section:
    """A chart slide; its title is the builder's title unless one is given. ``file_stem``
    (the report id) starts the name of an image saved from it."""
    return slide(slide_id, kicker, title or figure_title(fig).replace("<br>", ""),
                 graph(fig, theme, lang, slide_id, file_stem), source, "present-slide-graph")


def deck(slides: Sequence[html.Section], *, interval: int, start: int, theme: str,
         exit_href: str, lang: str, invalid: Sequence[str] = ()) -> html.Div:
    """All slides, the counter, the progress bar, the controls and the exit link."""
    lang = normalize_lang(lang)
    total = len(slides)
    controls = html.Div([
        html.Button("←", type="button", className="present-control",
                    title=t("present.prev", lang), **{"data-action": "prev",
                                                       "aria-label": t("present.prev", lang)}),
        html.Button("‖", type="button", className="present-control",
                    title=t("present.pause", lang), **{"data-action": "pause",
                                                        "aria-label": t("present.pause", lang)}),
        html.Button("→", type="button", className="present-control",
                    title=t("present.next", lang), **{"data-action": "next",
                                                       "aria-label": t("present.next", lang)}),
        html.Button(type="button", className="present-control present-control-fullscreen",
                    title=t("present.fullscreen", lang),
                    **{"data-action": "fullscreen", "aria-label": t("present.fullscreen", lang)}),
        dcc.Link([html.Span("×", **{"aria-hidden": "true"}),
                  html.Span(t("present.exit", lang), className="visually-hidden")],
                 href=exit_href, className="present-exit", title=t("present.exit", lang)),
    ], className="present-controls", title=t("present.keys", lang))
    chrome: list[Any] = [
        html.Div(html.Div(className="present-progress-bar"), className="present-progress",
                 **{"aria-hidden": "true"}),
        html.Div([
            html.Div(t("present.paused", lang), className="present-paused-label",
                     role="status", title=t("present.resume_hint", lang)),
            html.Div(f"{start + 1} / {total}", className="present-counter",
                     **{"aria-live": "off"}),
        ], className="present-status"),
        controls,
    ]
    if invalid:
        chrome.append(html.P(t("present.ignored", lang).format(names=", ".join(invalid)),
                             className="present-note", role="status"))
    return html.Div(
        [*slides, *chrome],
        id=DECK_ID,
        className=f"present-deck theme-{theme}",
        role="region",
        lang="en" if lang == "en" else "zh-CN",
        **{"data-interval": str(interval), "data-start": str(start),
           "data-total": str(total), "aria-roledescription": "carousel",
           "aria-label": t("present.deck_label", lang)},
    )
