"""present_style: any dashboard figure restyled for a meeting-room screen."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.provenance import cite
from dashboard.present.style import HEADLINE_PX, LABEL_PX, figure_notes, figure_title, present_style
from dashboard.theme import DARK_TEMPLATE_NAME, OKABE_ITO, TEMPLATE_NAME, register_template


def _figure() -> go.Figure:
    register_template()
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", text=["1", "2"],
                           marker={"color": OKABE_ITO["blue"]}))
    fig.update_layout(height=360, font={"size": 14})
    fig.add_annotation(text="⚠ two targets<br>disagree", name="note", x=0, y=1,
                       xref="paper", yref="paper", showarrow=False, font={"size": 13})
    fig.add_annotation(text="on the bar", x=1, y="a", font={"size": 40})
    return cite(fig, "GDP<br>growth", "Source: the report")


def test_title_source_and_notes_move_out_of_the_figure() -> None:
    fig = _figure()
    assert figure_title(fig) == "GDP growth"
    assert figure_notes(fig) == ["⚠ two targets disagree"]
    out = present_style(fig)
    assert not out.layout.title.text
    assert [a.text for a in out.layout.annotations] == ["on the bar"]
    # The input is left alone.
    assert len(fig.layout.annotations) == 3 and fig.layout.height == 360


def test_text_is_large_and_never_shrunk() -> None:
    out = present_style(_figure())
    assert out.layout.font.size == LABEL_PX
    assert out.layout.xaxis.tickfont.size == LABEL_PX
    assert out.layout.legend.font.size == LABEL_PX
    assert out.data[0].textfont.size >= LABEL_PX
    assert out.layout.annotations[0].font.size == 40  # already larger: kept


def test_dark_and_light_themes() -> None:
    dark = present_style(_figure(), "dark")
    assert dark.layout.template == present_style(_figure(), "neon").layout.template
    register_template()
    import plotly.io as pio
    assert dark.layout.template.layout.paper_bgcolor == \
        pio.templates[DARK_TEMPLATE_NAME].layout.paper_bgcolor
    assert dark.data[0].marker.color == OKABE_ITO["sky_blue"].lower()  # dim blue brightened
    light = present_style(_figure(), "light")
    assert light.layout.template.layout.paper_bgcolor == \
        pio.templates[TEMPLATE_NAME].layout.paper_bgcolor
    assert light.data[0].marker.color == OKABE_ITO["blue"]
    for fig in (dark, light):
        assert fig.layout.height is None and fig.layout.autosize
        assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)"


def test_blue_is_kept_when_sky_blue_is_taken() -> None:
    fig = _figure()
    fig.add_trace(go.Bar(x=[3], y=["c"], orientation="h",
                         marker={"color": OKABE_ITO["sky_blue"]}))
    out = present_style(fig, "dark")
    assert out.data[0].marker.color == OKABE_ITO["blue"]


def test_indicator_numbers_are_headline_size() -> None:
    fig = go.Figure(go.Indicator(mode="number+gauge", value=7, title={"text": "GDP"}))
    out = present_style(fig)
    assert out.data[0].number.font.size >= HEADLINE_PX
    assert out.data[0].title.font.size >= LABEL_PX


def test_stacked_subplots_get_room_between_them() -> None:
    fig = make_subplots(rows=3, cols=1, vertical_spacing=0.02)
    for row in (1, 2, 3):
        fig.add_trace(go.Bar(x=[row], y=["a"], orientation="h"), row=row, col=1)
        fig.update_xaxes(title_text="(万亩)", row=row, col=1)
    out = present_style(fig)
    domains = sorted((out.layout[f"yaxis{n}"].domain for n in ("", "2", "3")), reverse=True)
    gaps = [upper[0] - lower[1] for upper, lower in zip(domains, domains[1:], strict=False)]
    assert all(g > 0.15 for g in gaps)
    assert domains[0][1] == 1.0 and domains[-1][0] >= 0.0
    assert out.layout.xaxis.title.text is None


def test_wrapped_titles_are_unwrapped_for_the_slide() -> None:
    from dashboard.present.style import unwrap
    assert unwrap("Fixed-asset investment:<br>result and targets") == \
        "Fixed-asset investment: result and targets"
    assert unwrap("地区生产<br>总值") == "地区生产总值"
    assert unwrap("two<br>targets (65.39 亿元)<br>and") == "two targets (65.39 亿元) and"
