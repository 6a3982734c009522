"""The first load in a real browser: the page arrives inside the layout (components/shell.py)
and each page loads only the component packages it uses (index_page.py)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from dashboard.facts import place_name, report_title
from dashboard.i18n import t
from tests.app_settings import app_settings

# Counts the callback requests the page sends, from the very first script on.
COUNT_POSTS_JS = """
window.__posts = [];
var origFetch = window.fetch;
window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    if (url.indexOf("_dash-update-component") >= 0) {
        window.__posts.push((init && init.body) || "");
    }
    return origFetch.apply(this, arguments);
};
"""


@pytest.fixture
def app(counties_dir):
    """The real app on the test reports (tests/conftest.py)."""
    return create_app(app_settings(data_dir=counties_dir))


def _posts(driver) -> list[str]:
    return driver.execute_script("return window.__posts || [];")


def _count_posts_from_the_start(driver) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_POSTS_JS})


def _first_visit(dash_duo) -> None:
    """Forget the language remembered by the page start_server opened: cleared from a page of
    the same origin that runs no app (the home page may still be writing its store)."""
    dash_duo.driver.get(dash_duo.server_url + "/healthz")
    dash_duo.driver.execute_script("localStorage.clear();")


def test_page_arrives_in_the_layout_in_the_urls_language_with_no_callback(
    dash_duo, app, wait_until, assert_no_console_errors, external_requests
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    _count_posts_from_the_start(driver)
    _first_visit(dash_duo)  # nothing remembered
    driver.get(dash_duo.server_url + "/economy?lang=en")
    dash_duo.wait_for_element("#economy-content .js-plotly-plot .main-svg", timeout=20)
    dash_duo.wait_for_contains_text("#main-content h1", t("economy.heading", "en"))
    dash_duo.wait_for_contains_text("#site-footer", t("footer.licence", "en"))
    active = driver.find_element(By.CSS_SELECTOR, "#nav-links .nav-link.active")
    assert active.get_attribute("href").endswith("/economy?lang=en")
    assert dash_duo.find_element("#lang-btn-en").get_attribute("aria-pressed") == "true"
    wait_until(lambda: driver.execute_script("return document.documentElement.lang") == "en",
               message="<html lang=en>")
    assert "start=economy" in dash_duo.find_element("#present-link").get_attribute("href")
    # The page writes its default state into the address bar; still no round trip.
    wait_until(lambda: "ind=" in driver.current_url, message="state in the URL")
    assert _posts(driver) == []
    assert driver.execute_script("return localStorage.getItem('lang-store')") == '"en"'

    # A remembered choice on a bare URL: the callback runs and the page follows it.
    driver.get(dash_duo.server_url + "/tourism")
    dash_duo.wait_for_contains_text("#main-content h1", t("tourism.heading", "en"))
    wait_until(lambda: "lang=en" in driver.current_url, message="?lang=en pushed")
    dash_duo.wait_for_contains_text("#site-footer", t("footer.licence", "en"))
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_a_report_named_in_the_url_arrives_in_the_layout_too(
    dash_duo, app, counties, wait_until, assert_no_console_errors, external_requests
):
    report = "qingshi-2025"  # not the default report
    title = report_title(counties.reports, report, "en")
    dash_duo.start_server(app)
    driver = dash_duo.driver
    _count_posts_from_the_start(driver)
    _first_visit(dash_duo)  # nothing remembered
    driver.get(dash_duo.server_url + f"/economy?report={report}&lang=en")
    dash_duo.wait_for_element("#economy-content .js-plotly-plot .main-svg", timeout=20)
    dash_duo.wait_for_text_to_equal("#page-report", t("report_select.showing", "en",
                                                      title=title))
    assert title in dash_duo.find_element("#site-footer").text
    assert place_name(counties.reports, report, "en") in dash_duo.find_element(
        "#navbar-brand").text
    assert title in dash_duo.find_element(".report-select-box").text
    for link in driver.find_elements(By.CSS_SELECTOR, "#nav-links a"):
        assert f"report={report}" in link.get_attribute("href")
    wait_until(lambda: "ind=" in driver.current_url, message="state in the URL")
    assert f"report={report}" in driver.current_url
    assert _posts(driver) == []
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_a_wrong_referrer_is_caught_in_the_browser(
    dash_duo, app, wait_until, assert_no_console_errors
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    # Every request claims to come from /targets: the server pre-renders the wrong page.
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders",
                           {"headers": {"Referer": dash_duo.server_url + "/targets"}})
    try:
        driver.get(dash_duo.server_url + "/agriculture")
        dash_duo.wait_for_contains_text("#main-content h1", t("agriculture.heading", "zh"),
                                        timeout=20)
        dash_duo.wait_for_element("#agriculture-content .js-plotly-plot .main-svg")
        assert not driver.find_elements(By.CSS_SELECTOR, "#targets-groups")
        active = driver.find_element(By.CSS_SELECTOR, "#nav-links .nav-link.active")
        wait_until(lambda: "/agriculture" in active.get_attribute("href"), message="nav")
    finally:
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
    assert_no_console_errors(dash_duo)


def test_links_to_the_grid_page_load_it_for_real(
    dash_duo, app, wait_until, assert_no_console_errors
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#overview-content .js-plotly-plot .main-svg", timeout=20)
    assert driver.execute_script("return typeof window.dash_ag_grid") == "undefined"
    driver.execute_script("window.__sameDocument = true;")

    driver.find_element(By.CSS_SELECTOR, '#nav-links a[href^="/data"]').click()
    dash_duo.wait_for_element("#data-grid .ag-row", timeout=20)
    assert driver.execute_script("return window.__sameDocument === undefined")
    assert driver.execute_script("return typeof window.dash_ag_grid") == "object"

    # From the grid page every other page is a client-side navigation.
    driver.execute_script("window.__sameDocument = true;")
    driver.find_element(By.CSS_SELECTOR, '#nav-links a[href^="/economy"]').click()
    dash_duo.wait_for_element("#economy-content .js-plotly-plot .main-svg", timeout=20)
    assert driver.execute_script("return window.__sameDocument === true")

    # A fact link in the report reader opens the grid page with the fact selected.
    driver.get(dash_duo.server_url + "/report")
    link = dash_duo.wait_for_element("mark.fact-mark a.fact-link", timeout=20)
    fact = link.find_element(By.XPATH, "..").get_attribute("data-fact-id")
    link.click()
    dash_duo.wait_for_element(
        f'.ag-center-cols-container .ag-row-selected[row-id="{fact}"]', timeout=20)
    assert_no_console_errors(dash_duo)
