"""The /present page and the navbar's "present" button, without a browser.

The app serves ``counties`` (鹿鸣县 2024 and 2025, 青石县 2025); the default report is the
latest work report, 鹿鸣县 2025.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import dash
import pytest

from dashboard.app_factory import create_app
from dashboard.data import Dataset, latest_work_report
from dashboard.facts import report_title
from dashboard.present import deck as deck_params
from dashboard.present import launcher
from tests.app_settings import app_settings

FIXTURE_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
DEFAULT = "luming-2025"


def _page() -> dict[str, Any]:
    return next(p for p in dash.page_registry.values() if p["name"] == "present")


def _layout(**query: Any):
    return _page()["layout"](**query)


def _props(component) -> dict:
    return component.to_plotly_json()["props"]


def _slides(deck) -> list[str]:
    return [_props(c)["data-slide-id"] for c in deck.children if "data-slide-id" in _props(c)]


def _sources(deck) -> list[str]:
    return [str(c.children) for section in deck.children if "data-slide-id" in _props(section)
            for c in section.children if getattr(c, "className", "") == "present-slide-source"]


def _exit_link(deck):
    return next(c for c in deck.children if getattr(c, "className", "") ==
                "present-controls").children[-1]


def _notes(deck) -> list:
    return [c for c in deck.children if getattr(c, "className", "") == "present-note"]


def _expected_slides(dataset: Dataset, report_id: str) -> list[str]:
    scoped = dataset.scoped(report_id)
    year = int(scoped.report(report_id)["report_year"])
    return deck_params.available_slides(deck_params.target_sectors(scoped.indicators, year))


def test_page_is_registered_out_of_the_navbar(app) -> None:
    page = _page()
    assert page["path"] == "/present" and page["order"] == 90 and page["nav"] is False


def test_the_default_report_is_the_latest_work_report(app, counties: Dataset) -> None:
    assert latest_work_report(counties) == DEFAULT
    deck = _layout()
    assert _slides(deck) == _expected_slides(counties, DEFAULT)
    title = report_title(counties.reports, DEFAULT, "zh")
    assert all(title in source for source in _sources(deck) if source)
    assert not _notes(deck)


def test_the_url_sets_the_deck(app) -> None:
    deck = _layout(lang="en", slides="overview,targets,agriculture", interval="30",
                   theme="light", start="agriculture")
    props = _props(deck)
    assert props["id"] == "present-deck"
    assert _slides(deck) == ["overview", "targets", "agriculture"]
    assert props["data-interval"] == "30" and props["data-start"] == "2"
    assert "theme-light" in props["className"] and props["lang"] == "en"
    # Esc returns to the page, showing the report presented.
    assert _exit_link(deck).href == f"/agriculture?report={DEFAULT}&lang=en"
    assert not _notes(deck)


@pytest.mark.parametrize("report_id", ["luming-2024", "qingshi-2025"])
def test_the_report_parameter_picks_the_report_presented(app, counties: Dataset,
                                                         report_id: str) -> None:
    deck = _layout(report=report_id, lang="zh")
    assert _slides(deck) == _expected_slides(counties, report_id)
    title = report_title(counties.reports, report_id, "zh")
    others = [report_title(counties.reports, r, "zh") for r in counties.reports.report_id
              if r != report_id]
    sources = [s for s in _sources(deck) if s]
    assert sources and all(title in s for s in sources)
    assert not any(other in s for s in sources for other in others)
    assert not _notes(deck)


def test_present_2024_shows_2023_results_and_2024_targets(app) -> None:
    deck = _layout(report="luming-2024", slides="overview,targets")
    overview, targets = (c for c in deck.children if "data-slide-id" in _props(c))
    header = overview.children[0]
    assert header.children[1].children == "2023年主要经济指标"
    assert targets.children[0].children[0].children == "2024年主要预期目标"
    # Slides that exist for one report only: 鹿鸣县 planned no industry in 2024, did in 2025.
    assert "sector-industry" not in _slides(_layout(report="luming-2024"))
    assert "sector-industry" in _slides(_layout(report="luming-2025"))


def test_the_exit_link_keeps_the_report(app) -> None:
    deck = _layout(report="luming-2024", lang="en", start="tourism")
    assert _exit_link(deck).href == "/tourism?report=luming-2024&lang=en"
    home = _layout(report="qingshi-2025")
    assert _exit_link(home).href == "/?report=qingshi-2025&lang=zh"


def test_invalid_values_fall_back_quietly(app, counties: Dataset) -> None:
    deck = _layout(slides="nope", interval="2", theme="neon", start="<b>")
    props = _props(deck)
    assert _slides(deck) == _expected_slides(counties, DEFAULT)
    assert len(_slides(deck)) >= 7
    assert props["data-interval"] == "20" and "theme-dark" in props["className"]
    (note,) = _notes(deck)
    assert "interval" in note.children and "theme" in note.children
    assert "report" not in note.children
    assert _exit_link(deck).href == f"/?report={DEFAULT}&lang=zh"


@pytest.mark.parametrize("report", ["nope", "<script>", "LUMING-2025", " luming-2025"])
def test_an_unknown_report_gives_the_default_with_a_note(app, counties: Dataset,
                                                         report: object) -> None:
    deck = _layout(report=report, start="economy")
    assert _slides(deck) == _expected_slides(counties, DEFAULT)
    (note,) = _notes(deck)
    assert "report" in note.children
    assert _exit_link(deck).href == f"/economy?report={DEFAULT}&lang=zh"


@pytest.mark.parametrize(("pathname", "lang", "report", "expected"), [
    ("/agriculture", "en", None, "/present?start=agriculture&lang=en"),
    ("/", "zh", None, "/present?start=overview&lang=zh"),
    ("/data", "zh", None, "/present?start=data&lang=zh"),
    ("/nowhere", "xx", None, "/present?lang=zh"),
    ("/present", "en", None, "/present?lang=en"),
    (None, "en", None, "/present?lang=en"),
    (["/x"], "en", None, "/present?lang=en"),
    ("/" * 5000, "en", None, "/present?lang=en"),
    ("/agriculture", "en", "luming-2024", "/present?report=luming-2024&start=agriculture&lang=en"),
    ("/", "zh", "qingshi-2025", "/present?report=qingshi-2025&start=overview&lang=zh"),
    ("/present", "zh", "luming-2024", "/present?report=luming-2024&lang=zh"),
    ("/", "zh", "a&b=<c>", "/present?report=a%26b%3D%3Cc%3E&start=overview&lang=zh"),
])
def test_present_button_address(app, pathname: object, lang: str, report: str | None,
                                expected: str) -> None:
    assert launcher.present_href(pathname, lang, report) == expected


def test_present_button_callback(app) -> None:
    callback = next(v for k, v in app.callback_map.items() if launcher.LINK_ID in k)
    func = callback["callback"].__wrapped__
    # pathname, effective language, location.search
    href, label, title, style = func("/tourism", "en", "")
    assert href == "/present?start=tourism&lang=en" and label == "Present" and style == {}
    assert title
    href, label, _, _ = func("/tourism", "zh", "?report=luming-2024&lang=zh")
    assert href == "/present?report=luming-2024&start=tourism&lang=zh" and label == "演示"
    # An over-long report value is left out rather than copied into the link.
    href, *_ = func("/tourism", "zh", "?report=" + "x" * 300)
    assert href == "/present?start=tourism&lang=zh"


def test_the_present_page_module_renders_the_scoped_report(app, counties: Dataset) -> None:
    module = sys.modules[_page()["module"]]
    deck = module.render(counties, "en", {"report": "qingshi-2025", "slides": "tourism"})
    assert _slides(deck) == ["tourism"]  # 青石县 has no tourism: a quiet slide, not an error
    (section,) = [c for c in deck.children if "data-slide-id" in _props(c)]
    body = section.children[1]
    assert body.children.children == "Not stated in the report"


def test_no_button_without_a_deck(counties: Dataset) -> None:
    create_app(app_settings(pages_dir=FIXTURE_PAGES), snapshot=counties)
    try:
        assert launcher.present_href("/", "zh") is None
        assert launcher.present_href("/", "zh", "luming-2024") is None
        assert launcher.present_link("zh").style == launcher.HIDDEN
    finally:
        create_app(app_settings(), snapshot=counties)  # leave the real registry for the other tests
    assert launcher.present_href("/", "zh") == "/present?start=overview&lang=zh"
