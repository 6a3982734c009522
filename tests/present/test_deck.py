"""Slide selection, order and URL parameters of the presentation deck (pure, no browser)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import Dataset
from dashboard.present import deck
from dashboard.present.deck import (
    DEFAULT_INTERVAL,
    MAX_INTERVAL,
    MIN_INTERVAL,
    PAGE_SLIDES,
    available_slides,
    forward_facts,
    parse_params,
    slide_sector,
    target_sectors,
)

PAGES = ("overview", "economy", "investment", "agriculture", "tourism", "targets", "data",
         "report")


@pytest.fixture(scope="module")
def facts(luming_2024: Dataset) -> pd.DataFrame:
    """The facts of 鹿鸣县's 2024 report (2023 results, 2024 targets and plans)."""
    return luming_2024.indicators


@pytest.fixture(scope="module")
def available(facts: pd.DataFrame) -> list[str]:
    return available_slides(target_sectors(facts, 2024))


def test_sectors_come_from_the_targets_and_plans_of_the_year(facts: pd.DataFrame) -> None:
    sectors = target_sectors(facts, 2024)
    forward = facts[facts.kind.isin(["target", "plan"]) & (facts.period == 2024)
                    & (facts.indicator_id != "unclassified")]
    assert set(sectors) == set(forward.sector)
    assert len(sectors) == len(set(sectors))
    # In the order the report states them: the economy's growth target comes first.
    first = forward.sort_values("start").iloc[0]
    assert (first.indicator_id, sectors[0]) == ("gdp", "economy")
    assert sectors == list(dict.fromkeys(forward.sort_values("start").sector))
    # No targets for a year the report does not plan; actuals alone make no sector slide.
    assert target_sectors(facts, 2023) == []
    results_only = set(facts[facts.kind == "actual"].sector) - set(sectors)
    assert "industry" in results_only  # 小升规3家, 工业增加值增长4.2%: results, no 2024 plan


def test_each_report_has_its_own_sector_slides(luming_2025: Dataset,
                                               qingshi_2025: Dataset) -> None:
    luming = target_sectors(luming_2025.indicators, 2025)
    qingshi = target_sectors(qingshi_2025.indicators, 2025)
    assert "tourism" in luming and "tourism" not in qingshi  # 青石县 plans no tourism
    # Both report on 2025: the scoped facts keep one county's plans out of the other's deck.
    assert "energy" in qingshi and "energy" not in luming


def test_unclassified_figures_make_no_slide() -> None:
    rows = pd.DataFrame({
        "indicator_id": ["unclassified", "gdp", "unclassified"],
        "sector": ["ecology", "economy", "health"],
        "period": ["2024", "2024", "2024"], "kind": ["plan", "target", "plan"],
        "start": ["30", "20", "10"],
    })
    assert target_sectors(rows, 2024) == ["economy"]
    assert list(forward_facts(rows, 2024).indicator_id) == ["gdp"]
    assert target_sectors(rows.iloc[0:0], 2024) == []


def test_available_slides_put_pages_first_then_sectors() -> None:
    slides = available_slides(["economy", "agriculture"])
    assert slides == [*PAGE_SLIDES, "sector-economy", "sector-agriculture"]
    assert slide_sector("sector-agriculture") == "agriculture"
    assert slide_sector("agriculture") is None


def test_defaults(available: list[str]) -> None:
    params = parse_params({}, available, PAGES)
    assert params.slides == tuple(available)
    assert params.interval == DEFAULT_INTERVAL
    assert params.theme == "dark"
    assert params.start == 0
    assert params.return_page is None
    assert params.invalid == ()


def test_the_example_url(available: list[str]) -> None:
    query = {"slides": "overview,targets,agriculture", "interval": "30", "lang": "zh",
             "theme": "dark", "start": "agriculture"}
    params = parse_params(query, available, PAGES)
    assert params.slides == ("overview", "targets", "agriculture")  # in the order given
    assert params.interval == 30
    assert params.start == 2
    assert params.return_page == "agriculture"
    assert params.invalid == ()


def test_order_is_kept_and_duplicates_and_unknown_ids_dropped(available: list[str]) -> None:
    params = parse_params({"slides": "tourism,sector-economy,nope,tourism,overview"},
                          available, PAGES)
    assert params.slides == ("tourism", "sector-economy", "overview")
    assert params.invalid == ("slides",)


@pytest.mark.parametrize("raw", ["", ",,", "nope", "<script>", "x" * 500])
def test_no_valid_slide_falls_back_to_all(available: list[str], raw: str) -> None:
    params = parse_params({"slides": raw}, available, PAGES)
    assert params.slides == tuple(available)
    assert "slides" in params.invalid


@pytest.mark.parametrize(("raw", "expected", "ok"), [
    (str(MIN_INTERVAL), MIN_INTERVAL, True),
    (str(MAX_INTERVAL), MAX_INTERVAL, True),
    ("45", 45, True),
    (str(MIN_INTERVAL - 1), DEFAULT_INTERVAL, False),
    (str(MAX_INTERVAL + 1), DEFAULT_INTERVAL, False),
    ("0", DEFAULT_INTERVAL, False),
    ("-10", DEFAULT_INTERVAL, False),
    ("fast", DEFAULT_INTERVAL, False),
    ("12.5", DEFAULT_INTERVAL, False),
    (["30", "40"], 30, True),  # a repeated parameter: the first one counts
])
def test_interval_is_bounded(available: list[str], raw: object, expected: int,
                             ok: bool) -> None:
    params = parse_params({"interval": raw}, available, PAGES)
    assert params.interval == expected
    assert ("interval" not in params.invalid) is ok


@pytest.mark.parametrize(("raw", "expected", "ok"), [
    ("dark", "dark", True), ("light", "light", True), ("LIGHT", "dark", False),
    ("neon", "dark", False), ("", "dark", False),
])
def test_theme(available: list[str], raw: str, expected: str, ok: bool) -> None:
    params = parse_params({"theme": raw}, available, PAGES)
    assert params.theme == expected
    assert ("theme" not in params.invalid) is ok


def test_start_names_a_slide_or_a_page(available: list[str]) -> None:
    assert parse_params({"start": "tourism"}, available, PAGES).start == PAGE_SLIDES.index(
        "tourism")
    sector = parse_params({"start": "sector-agriculture"}, available, PAGES)
    assert sector.slides[sector.start] == "sector-agriculture"
    assert sector.return_page is None  # not a page: Esc goes home
    # A page without a slide of its own: start at the first slide, return to that page.
    data = parse_params({"start": "data"}, available, PAGES)
    assert (data.start, data.return_page, data.invalid) == (0, "data", ())
    # A start slide left out of the chosen slides: begin at the first one.
    params = parse_params({"slides": "overview,targets", "start": "tourism"}, available, PAGES)
    assert (params.start, params.return_page) == (0, "tourism")
    bad = parse_params({"start": "javascript:alert(1)"}, available, PAGES)
    assert (bad.start, bad.return_page, bad.invalid) == (0, None, ("start",))


def test_slide_position_from_a_reload_wins_over_start(available: list[str]) -> None:
    query = {"slides": "overview,targets,agriculture", "start": "agriculture", "slide": "2"}
    params = parse_params(query, available, PAGES)
    assert params.start == 1
    assert params.return_page == "agriculture"
    for raw in ("0", "4", "two"):
        bad = parse_params({**query, "slide": raw}, available, PAGES)
        assert bad.start == 2  # falls back to start
        assert bad.invalid == ("slide",)


def test_everything_invalid_at_once_still_gives_a_deck(available: list[str]) -> None:
    query = {"slides": "x", "interval": "y", "theme": "z", "start": "w", "slide": "v"}
    params = parse_params(query, available, PAGES)
    assert params == deck.DeckParams(slides=tuple(available), invalid=(
        "slides", "interval", "theme", "start", "slide"))
