"""Investment page: levels/growth switch, a contradiction between targets on the chart,
energy for the county that states it, missing data."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from dashboard.data import Dataset, Memo
from dashboard.data_files import load_dataset
from dashboard.pipeline.build import build
from dashboard.pipeline.nouns import open_indicator_id
from dashboard.progress.actuals import COLUMNS
from tests.pages.helpers import (
    by_class,
    by_id,
    charts,
    click,
    fact,
    fact_ids,
    figure,
    kpis,
    report_ids,
    texts,
    without,
)

BUNDLES = Path(__file__).resolve().parents[1] / "fixtures" / "bundles"


@pytest.fixture(scope="module")
def contradicting(tmp_path_factory) -> Dataset:
    """鹿鸣县's two reports, the 2025 one rewritten to set two investment targets that cannot
    both be met: 增长12%左右 (about 32.37亿元 from the 28.9亿元 of 2024) and 突破40亿元."""
    base = tmp_path_factory.mktemp("contradicting")
    seeds = base / "seeds"
    shutil.copytree(BUNDLES / "two-years", seeds)
    path = seeds / "luming-2025.txt"
    text = path.read_text(encoding="utf-8")
    for old, new in (("固定资产投资增长12%以上", "固定资产投资增长12%左右"),
                     ("固定资产投资突破32亿元", "固定资产投资突破40亿元")):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    build(seeds, base / "data")
    (base / "data" / "actuals.csv").write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    return load_dataset(base / "data")


def _note(fig) -> str | None:
    notes = [a.text for a in fig.layout.annotations if a.name == "note"]
    return notes[0].replace("<br>", "") if notes else None


def _bar_texts(fig) -> list[str]:
    return [t for tr in fig.data for t in tr.text]


def test_default_layout(pages, counties):
    page = pages["investment"]
    layout = page.layout()
    assert by_id(layout, page.CONTROL_ID)[0].value == "levels"
    fig = figure(layout, "investment", "fai")
    # The 2024 actual, the 2025 level target and the growth target converted to a level.
    assert _bar_texts(fig) == ["28.9亿元", "32亿元以上", "32.37亿元以上"]
    assert report_ids(counties, fact_ids(fig)) == {"luming-2025"}
    assert _note(fig) is None  # the fixture reports' targets agree: no warning
    assert figure(layout, "investment", "energy") is None  # 鹿鸣县 states no energy figure
    assert "报告中未提及" in texts(by_class(layout, "officials-card-energy")[0])
    assert figure(layout, "investment", "other") is not None
    assert kpis(layout) == ["fixed_asset_investment", open_indicator_id("实施重点项目"),
                            "aid_funding", "aid_projects"]


def test_energy_and_cards_of_another_county(pages, counties):
    page = pages["investment"]
    layout = page.layout(report="qingshi-2025")
    assert charts(layout) == ["fai", "energy", "other"]
    energy = figure(layout, "investment", "energy")
    assert fact(counties, "qingshi-2025", "new_energy_capacity").fact_id in fact_ids(energy)
    assert report_ids(counties, fact_ids(energy)) == {"qingshi-2025"}
    assert kpis(layout) == ["fixed_asset_investment"]  # no other investment figure stated
    # Only a growth target: converted to a level from the 2024 actual (45.3 × 1.2).
    assert _bar_texts(figure(layout, "investment", "fai")) == ["45.3亿元", "54.36亿元"]


def test_update_callback_switches_to_growth(pages):
    page = pages["investment"]
    children, state = page.update("growth", "?lang=en")
    assert state == {"view": "growth"}
    fig = figure(children, "investment", "fai")
    # 32亿元以上 from 28.9: at least +10.73%.
    assert _bar_texts(fig) == ["+17.5%", "at least +12%", "at least +10.73%"]
    assert fig.layout.xaxis.title.text == "(%)"
    children, _ = page.update("growth", "?lang=en&report=luming-2024")
    assert _bar_texts(figure(children, "investment", "fai")) == [
        "−4.3%", "+15%", "at least +13.82%"]  # 28亿元以上 from 24.6
    _, state = page.update("nonsense", "")
    assert state == {"view": "levels"}


def test_url_restores_view_and_notes_bad_values(pages):
    page = pages["investment"]
    assert by_id(page.layout(view="growth"), page.CONTROL_ID)[0].value == "growth"
    bad = page.layout(view=["a", "b"])
    assert by_id(bad, page.CONTROL_ID)[0].value == "levels"
    assert by_class(bad, "url-notice")[0].children.endswith("view")


def test_show_quote_callback(pages, counties):
    target = fact(counties, "luming-2025", "fixed_asset_investment", "target")
    panel = pages["investment"].show_quote(click(target.fact_id), "")
    assert f"“{target.quote}”" in texts(panel)
    assert target.quote.endswith("全年实施重点项目80个，固定资产投资突破32亿元")


def test_report_lacking_investment(serve, counties):
    page = serve(without(counties, "fixed_asset_investment"))["investment"]
    layout = page.layout()
    assert figure(layout, "investment", "fai") is None
    assert "报告中未提及" in texts(by_class(layout, "officials-card-fai")[0])
    card = by_class(layout, "kpi-card")[0]  # still named first, saying it is not stated
    assert getattr(card, "data-indicator") == "fixed_asset_investment"
    assert "固定资产投资" in texts(card) and "报告中未提及" in texts(card)
    assert figure(page.layout(report="qingshi-2025"), "investment", "energy") is not None


@pytest.mark.parametrize(("lang", "view", "bars"), [
    ("zh", "levels", ["28.9亿元", "⚠ 40亿元以上", "⚠ 32.37亿元左右"]),
    ("en", "growth", ["+17.5%", "⚠ about +12%", "⚠ at least +38.41%"]),
])
def test_contradiction_is_written_on_the_chart(serve, contradicting, lang, view, bars):
    (finding,) = contradicting.quality.itertuples()
    assert finding.report_id == "luming-2025" and finding.indicator_id == "fixed_asset_investment"
    page = serve(contradicting)["investment"]
    fig = figure(page.layout(lang=lang, view=view), "investment", "fai")
    assert _bar_texts(fig) == bars  # the two targets marked, the actual not
    message = finding.message_en if lang == "en" else finding.message_zh
    assert "".join(_note(fig).split()) == "".join(f"⚠ {message}".split())  # wrapped to fit
    assert "40亿元" in _note(fig) and "32.37" in _note(fig)
    # The finding is about the 2025 report: the 2024 report's chart has no warning.
    earlier = figure(page.layout(lang=lang, report="luming-2024"), "investment", "fai")
    assert _note(earlier) is None and not any("⚠" in t for t in _bar_texts(earlier))


def test_no_quality_findings_no_warning(serve, contradicting):
    quiet = dataclasses.replace(contradicting, quality=contradicting.quality.iloc[0:0],
                                memo=Memo())
    page = serve(quiet)["investment"]
    fig = figure(page.layout(), "investment", "fai")
    assert _note(fig) is None
    assert not any("⚠" in t for t in _bar_texts(fig))
