"""Plotly templates and graph config."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard import theme

LOCALE_JS = Path(__file__).resolve().parents[1] / "assets/vendor/b-plotly-locale-zh-cn.js"
OKABE_ITO = {
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
}


@pytest.fixture(autouse=True)
def _restore_plotly_default():
    before = pio.templates.default
    yield
    pio.templates.default = before


def test_register_template_is_idempotent_and_sets_default():
    theme.register_template()
    first = pio.templates[theme.TEMPLATE_NAME].to_plotly_json()
    theme.register_template()
    assert pio.templates[theme.TEMPLATE_NAME].to_plotly_json() == first
    assert pio.templates.default == theme.TEMPLATE_NAME
    assert theme.DARK_TEMPLATE_NAME in pio.templates
    names = [n for n in pio.templates if n.startswith("report")]
    assert sorted(names) == ["report", "report_dark"]


def test_new_figures_use_the_report_template():
    theme.register_template()
    fig = go.Figure(go.Bar(x=["甲", "乙"], y=[1, 2]))
    layout = fig.layout.template.layout
    assert layout.paper_bgcolor == "#ffffff"
    assert layout.plot_bgcolor == "#ffffff"
    assert layout.font.family.startswith('"Noto Sans CJK SC"')
    for name in ("Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"):
        assert name in layout.font.family
    assert layout.font.family.endswith("sans-serif")
    assert tuple(layout.colorway) == theme.PALETTE


def test_palette_is_okabe_ito():
    assert set(theme.PALETTE) == OKABE_ITO
    assert len(theme.PALETTE) == len(OKABE_ITO)
    # Low-contrast colours on white are used last.
    assert theme.PALETTE[-2:] == ("#F0E442", "#000000")


def test_dark_template():
    theme.register_template()
    dark = pio.templates[theme.DARK_TEMPLATE_NAME].layout
    assert dark.paper_bgcolor == theme.DARK_BG
    assert dark.font.color == theme.DARK_TEXT
    assert "#000000" not in dark.colorway  # black would vanish on the dark background
    fig = go.Figure(layout={"template": theme.DARK_TEMPLATE_NAME})
    assert fig.layout.template.layout.paper_bgcolor == theme.DARK_BG


@pytest.mark.parametrize(("lang", "locale"), [("zh", "zh-CN"), ("en", "en"), ("xx", "zh-CN")])
def test_graph_config(lang, locale):
    config = theme.graph_config(lang)
    assert config["locale"] == locale
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["scale"] == 2
    assert config["toImageButtonOptions"]["format"] == "png"


def test_graph_config_is_a_fresh_dict():
    a = theme.graph_config("zh")
    a["toImageButtonOptions"]["scale"] = 9
    assert theme.graph_config("zh")["toImageButtonOptions"]["scale"] == 2


def test_zh_locale_name_matches_vendored_locale_file():
    # plotly looks the locale up by the name the locale module registers.
    names = re.findall(r"name:\s*'([^']+)'", LOCALE_JS.read_text(encoding="utf-8"))
    assert names == [theme.graph_config("zh")["locale"]]
