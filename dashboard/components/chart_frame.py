"""A chart with a full-screen button: `chart_frame(dcc.Graph(...), lang)`.

The button shows that one chart at full size (the browser's Fullscreen API on the frame,
see assets/chart-fullscreen.js); Esc returns. The figure keeps its title and source line
inside (figures/provenance.cite), so the full-screen view is cited too.

Pages need not adopt it: the same script adds a button to every chart that lacks one. Wrapping
a graph explicitly renders the button with the page (no flash), labels it in the page's
language from the start, and lets a page put the frame where it likes.
"""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.i18n import normalize_lang, t

FRAME_CLASS = "chart-frame"
BUTTON_CLASS = "chart-fullscreen-btn"


def fullscreen_button(lang: str) -> html.Button:
    """The button alone (chart_frame puts it in the frame's corner)."""
    label = t("chart.fullscreen", normalize_lang(lang))
    return html.Button(
        type="button",
        className=BUTTON_CLASS,
        title=label,
        **{"aria-label": label, "aria-pressed": "false"},
    )


def chart_frame(graph_component: Any, lang: str, class_name: str = "",
                **kwargs: Any) -> html.Div:
    """``graph_component`` (a dcc.Graph) in a frame with a full-screen button."""
    return html.Div(
        [graph_component, fullscreen_button(lang)],
        className=f"{FRAME_CLASS} {class_name}".strip(),
        **kwargs,
    )
