"""chart_frame: a graph with a full-screen button labelled in the page's language."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.chart_frame import BUTTON_CLASS, FRAME_CLASS, chart_frame


def test_frame_holds_the_graph_and_a_labelled_button() -> None:
    graph = dcc.Graph(id="g", figure={})
    for lang, label in (("zh", "全屏显示此图表"), ("en", "Show this chart full screen")):
        frame = chart_frame(graph, lang, class_name="extra", id="frame")
        assert isinstance(frame, html.Div)
        assert frame.className == f"{FRAME_CLASS} extra" and frame.id == "frame"
        inner, button = frame.children
        assert inner is graph
        props = button.to_plotly_json()["props"]
        assert props["className"] == BUTTON_CLASS and props["type"] == "button"
        assert props["aria-label"] == label == props["title"]
        assert props["aria-pressed"] == "false"


def test_unknown_language_falls_back_to_chinese() -> None:
    frame = chart_frame(dcc.Graph(figure={}), "fr")
    assert frame.children[1].to_plotly_json()["props"]["aria-label"] == "全屏显示此图表"
