"""The /present page and the navbar's "present" button, without a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
import pytest

from dashboard.app_factory import create_app
from dashboard.present import launcher

FIXTURE_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def _layout(**query: Any):
    page = next(p for p in dash.page_registry.values() if p["name"] == "present")
    return page["layout"](**query)


def _props(component) -> dict:
    return component.to_plotly_json()["props"]


def _slides(deck) -> list[str]:
    return [_props(c)["data-slide-id"] for c in deck.children if "data-slide-id" in _props(c)]


def test_page_is_registered_out_of_the_navbar(app) -> None:
    page = next(p for p in dash.page_registry.values() if p["name"] == "present")
    assert page["path"] == "/present" and page["order"] == 90 and page["nav"] is False


def test_the_url_sets_the_deck(app) -> None:
    deck = _layout(lang="en", slides="overview,targets,agriculture", interval="30",
                   theme="light", start="agriculture")
    props = _props(deck)
    assert props["id"] == "present-deck"
    assert _slides(deck) == ["overview", "targets", "agriculture"]
    assert props["data-interval"] == "30" and props["data-start"] == "2"
    assert "theme-light" in props["className"] and props["lang"] == "en"
    exit_link = next(c for c in deck.children if getattr(c, "className", "") ==
                     "present-controls").children[-1]
    assert exit_link.href == "/agriculture?lang=en"  # Esc returns to the page
    assert not [c for c in deck.children if getattr(c, "className", "") == "present-note"]


def test_invalid_values_fall_back_quietly(app) -> None:
    deck = _layout(slides="nope", interval="2", theme="neon", start="<b>")
    props = _props(deck)
    assert len(_slides(deck)) >= 7
    assert props["data-interval"] == "20" and "theme-dark" in props["className"]
    (note,) = [c for c in deck.children if getattr(c, "className", "") == "present-note"]
    assert "interval" in note.children and "theme" in note.children
    exit_link = next(c for c in deck.children if getattr(c, "className", "") ==
                     "present-controls").children[-1]
    assert exit_link.href == "/?lang=zh"


@pytest.mark.parametrize(("pathname", "lang", "expected"), [
    ("/agriculture", "en", "/present?start=agriculture&lang=en"),
    ("/", "zh", "/present?start=overview&lang=zh"),
    ("/data", "zh", "/present?start=data&lang=zh"),
    ("/nowhere", "xx", "/present?lang=zh"),
    ("/present", "en", "/present?lang=en"),
    (None, "en", "/present?lang=en"),
    (["/x"], "en", "/present?lang=en"),
    ("/" * 5000, "en", "/present?lang=en"),
])
def test_present_button_address(app, pathname: object, lang: str, expected: str) -> None:
    assert launcher.present_href(pathname, lang) == expected


def test_present_button_callback(app) -> None:
    callback = next(v for k, v in app.callback_map.items() if launcher.LINK_ID in k)
    func = callback["callback"].__wrapped__
    href, label, title, style = func("/tourism", "en")  # pathname, effective language
    assert href == "/present?start=tourism&lang=en" and label == "Present" and style == {}
    assert title


def test_no_button_without_a_deck() -> None:
    create_app(pages_folder=FIXTURE_PAGES)
    try:
        assert launcher.present_href("/", "zh") is None
        assert launcher.present_link("zh").style == launcher.HIDDEN
    finally:
        create_app()  # leave the real registry for the other tests
