"""The officials' pages in a real browser: both languages, every control, every graph drawn,
hover and click show the quote, the URL keeps the state, no console error, no other host.

Screenshots (tests/browser/screenshots/officials-*.png) at 1920×1080 and 390×844.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from dashboard.i18n import t

GRAPH = ".officials-graph .js-plotly-plot"
DRAWN = (  # graphs whose SVG is drawn, with bars in it
    "return Array.from(document.querySelectorAll(arguments[0]))"
    ".filter(function (g) { return g.querySelector('.main-svg .barlayer .point'); }).length;"
)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    control: str         # id of the control
    choice: str          # a value to pick (radio) or to untick (checklist)
    url_param: str       # what the URL must then contain
    graphs_before: int
    graphs_after: int


PAGES = [
    Page("overview", "/", "overview-group", "agriculture", "group=agriculture", 1, 0),
    Page("economy", "/economy", "economy-indicators", "fixed_asset_investment",
         "ind=gdp,industrial_value_added,budget_revenue,retail_sales,foreign_trade", 3, 3),
    Page("investment", "/investment", "investment-view", "growth", "view=growth", 3, 3),
    Page("agriculture", "/agriculture", "agriculture-view", "livestock", "view=livestock", 1, 1),
    Page("tourism", "/tourism", "tourism-measure", "plans", "measure=plans", 1, 1),
]


@pytest.fixture
def app():
    return create_app()


def _heading(dash_duo, page: Page, lang: str) -> None:
    dash_duo.wait_for_text_to_equal(f"#{page.name}-heading", t(f"{page.name}.heading", lang))


def _graphs(dash_duo, wait_until, count: int) -> list:
    if count:
        wait_until(lambda: dash_duo.driver.execute_script(DRAWN, GRAPH) == count,
                   timeout=20, message=f"{count} graphs drawn")
    found = dash_duo.driver.find_elements(By.CSS_SELECTOR, GRAPH)
    assert len(found) == count
    return found


def _pick(dash_duo, page: Page) -> None:
    """Operate the control: click the label of the option (the inputs are btn-check)."""
    label = dash_duo.driver.find_element(
        By.CSS_SELECTOR, f"#{page.control} input[value='{page.choice}'] + label")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()


def _click_first_bar(dash_duo, wait_until) -> str:
    """Hover then click the first bar of the first chart; return the quote panel text."""
    driver = dash_duo.driver
    card = driver.find_element(By.CSS_SELECTOR, ".officials-card:has(.officials-graph)")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", card)
    moves = iter(range(10**6))

    def hovered() -> list:
        # plotly may redraw (resize) under a still mouse: move a little each time.
        bar = card.find_element(By.CSS_SELECTOR, ".barlayer .point path")
        ActionChains(driver).move_to_element_with_offset(bar, next(moves) % 3 - 1, 0).perform()
        return card.find_elements(By.CSS_SELECTOR, ".hoverlayer .hovertext")

    hover = wait_until(hovered, message="hover label")
    bar = card.find_element(By.CSS_SELECTOR, ".barlayer .point path")
    assert "原文" in hover[0].text or "Source" in hover[0].text
    ActionChains(driver).move_to_element(bar).click().perform()
    wait_until(lambda: card.find_elements(By.CSS_SELECTOR, ".quote-slot .source-quote"),
               message="quote panel")
    link = card.find_element(By.CSS_SELECTOR, ".quote-slot a")
    assert "/report?fact=shawan-2024-" in link.get_attribute("href")
    return card.find_element(By.CSS_SELECTOR, ".quote-slot .source-quote").text


def _phone_shots(dash_duo, screenshot, set_viewport, name: str) -> None:
    screenshot(dash_duo, f"{name}-390x844", 390, 844)
    driver = dash_duo.driver
    cards = driver.find_elements(By.CSS_SELECTOR, ".officials-card")
    if cards:
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'});"
                              "window.scrollBy(0, -72);", cards[0])  # below the sticky navbar
        screenshot(dash_duo, f"{name}-chart-390x844", 390, 844)
    driver.execute_script("window.scrollTo(0, 0);")
    set_viewport(dash_duo, 1920, 1080)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_both_languages_control_and_quote(
    dash_duo, app, page, wait_until, screenshot, set_viewport, assert_no_console_errors,
    external_requests
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + page.path)
    _heading(dash_duo, page, "zh")
    _graphs(dash_duo, wait_until, page.graphs_before)
    screenshot(dash_duo, f"officials-{page.name}-zh-1920x1080", 1920, 1080)
    if page.graphs_before:
        quote = _click_first_bar(dash_duo, wait_until)
        assert quote.startswith("“")
    _phone_shots(dash_duo, screenshot, set_viewport, f"officials-{page.name}-zh")

    _pick(dash_duo, page)
    wait_until(lambda: page.url_param in driver.current_url, message=page.url_param)
    _graphs(dash_duo, wait_until, page.graphs_after)
    if page.name == "overview":  # agriculture has no growth rates: said, not an empty axis
        dash_duo.wait_for_contains_text(f"#{page.name}-content", t("shell.not_stated", "zh"))

    # English keeps the state in the URL and in the control.
    dash_duo.find_element("#lang-btn-en").click()
    _heading(dash_duo, page, "en")
    wait_until(lambda: "lang=en" in driver.current_url and page.url_param in driver.current_url,
               message="state kept across the language switch")
    _graphs(dash_duo, wait_until, page.graphs_after)
    assert page.choice not in _checked(dash_duo, page) if page.name == "economy" \
        else _checked(dash_duo, page) == [page.choice]
    if page.graphs_after:
        _click_first_bar(dash_duo, wait_until)
        panel = driver.find_element(By.CSS_SELECTOR, ".quote-slot").text
        assert t("source.read_in_report", "en") in panel
    screenshot(dash_duo, f"officials-{page.name}-en-1920x1080", 1920, 1080)
    _phone_shots(dash_duo, screenshot, set_viewport, f"officials-{page.name}-en")

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def _checked(dash_duo, page: Page) -> list[str]:
    inputs = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{page.control} input")
    return [i.get_attribute("value") for i in inputs if i.is_selected()]


def test_copied_url_restores_the_view_and_bad_values_are_noted(
    dash_duo, app, wait_until, assert_no_console_errors, external_requests
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/investment?view=growth&lang=en")
    dash_duo.wait_for_text_to_equal("#investment-heading", t("investment.heading", "en"))
    _graphs(dash_duo, wait_until, 3)
    assert _checked(dash_duo, PAGES[2]) == ["growth"]
    fai = driver.find_element(By.CSS_SELECTOR, ".officials-card-fai").text
    assert "+213%" in fai and "⚠" in fai  # growth view, contradiction marked on the chart

    # (a URL without lang= would now open in English: the choice is remembered)
    driver.get(dash_duo.server_url + "/economy?ind=gdp,bogus&lang=zh")
    dash_duo.wait_for_text_to_equal("#economy-heading", t("economy.heading", "zh"))
    dash_duo.wait_for_contains_text(".url-notice", "ind")
    assert _checked(dash_duo, PAGES[1]) == ["gdp"]
    wait_until(lambda: driver.current_url.endswith("/economy?lang=zh&ind=gdp"),
               message="invalid value dropped from the address on load")
    # operating the control rewrites the address with valid values only
    _pick(dash_duo, Page("economy", "", "economy-indicators", "retail_sales", "", 0, 0))
    wait_until(lambda: driver.current_url.endswith("/economy?lang=zh&ind=gdp,retail_sales"),
               message="URL rewritten")

    driver.get(dash_duo.server_url + "/agriculture?view=nonsense&lang=zh")
    dash_duo.wait_for_contains_text(".url-notice", "view")
    assert _checked(dash_duo, PAGES[3]) == ["crops"]
    _graphs(dash_duo, wait_until, 1)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []
