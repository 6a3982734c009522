"""Several reports in a real browser: the navbar's report selector, ``?report=`` kept across
pages (and not added where the address names none), a link to a fact opening its report, and
the trend charts drawn from every report of one place.

The app serves the test reports (``counties_dir``: 鹿鸣县 2024 and 2025, 青石县 2025; the
default is the latest work report, luming-2025). Screenshots: tests/browser/screenshots/
reports-*.png at 1920×1080 and 390×844.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from dashboard.components.footer import report_source
from dashboard.components.report_select import options
from dashboard.data import latest_work_report
from dashboard.facts import place_name, report_title
from dashboard.i18n import t
from tests.app_settings import app_settings

TREND_CHARTS = ("trend-levels", "trend-growth")
# Graphs whose plot is drawn with at least one point (bars or markers).
DRAWN_POINTS_JS = """
var graph = document.querySelector(arguments[0]);
return !!(graph && graph.querySelector(
    '.main-svg .barlayer .point, .main-svg .scatterlayer .point'));
"""


@pytest.fixture
def reports_app(counties_dir):
    return create_app(app_settings(data_dir=counties_dir))


def _query(driver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


def _showing(counties, report_id: str, lang: str = "zh") -> str:
    return t("report_select.showing", lang, title=report_title(counties.reports, report_id, lang))


def _graph(chart: str) -> str:
    """CSS selector of an officials' chart by its ``chart`` (the id is a JSON dict)."""
    return f'.dash-graph[id*=\'"chart":"{chart}"\']'


def _choose_report(dash_duo, wait_until, label: str) -> None:
    """Open the navbar's report selector and click the option ``label``."""
    dash_duo.find_element("#report-select").click()
    option = wait_until(lambda: next((o for o in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "[role=option]") if o.text == label and o.is_displayed()), None),
        message=f"option {label}")
    option.click()


def _wait_page(dash_duo, counties, report_id: str) -> None:
    dash_duo.wait_for_text_to_equal("#page-report", _showing(counties, report_id), timeout=20)


def _boxes_overlap(driver, first: str, second: str) -> bool:
    return driver.execute_script(
        "var a = document.querySelector(arguments[0]).getBoundingClientRect();"
        "var b = document.querySelector(arguments[1]).getBoundingClientRect();"
        "return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top ||"
        "         b.bottom <= a.top);", first, second)


def test_selector_opens_the_report_and_links_keep_it(
    dash_duo, reports_app, counties, wait_until, set_viewport, screenshot,
    assert_no_console_errors, external_requests,
):
    default = latest_work_report(counties)
    assert default == "luming-2025"
    other = "qingshi-2025"
    other_title = report_title(counties.reports, other, "zh")
    dash_duo.start_server(reports_app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 1920, 1080)
    driver.get(dash_duo.server_url + "/economy")
    dash_duo.wait_for_text_to_equal("#economy-heading", t("economy.heading", "zh"))
    _wait_page(dash_duo, counties, default)
    # Every report is offered, by place then newest first; the default is selected.
    labels = [o["label"] for o in options(counties.reports, "zh")]
    assert sorted(labels) == sorted(report_title(counties.reports, r, "zh")
                                    for r in counties.reports.report_id)
    box = dash_duo.find_element(".report-select-box")
    assert box.is_displayed()
    assert report_title(counties.reports, default, "zh") in box.text
    dash_duo.find_element("#report-select").click()
    shown = wait_until(lambda: [o.text for o in driver.find_elements(
        By.CSS_SELECTOR, "[role=option]") if o.is_displayed()], message="options listed")
    assert shown == labels
    screenshot(dash_duo, "reports-selector-open-zh-1920x1080", 1920, 1080)
    driver.find_element(By.TAG_NAME, "body").send_keys("\ue00c")  # Escape

    # Choosing another report puts it in the address and the page, navbar and footer follow.
    _choose_report(dash_duo, wait_until, other_title)
    wait_until(lambda: _query(driver).get("report") == [other], message="?report= in the URL")
    _wait_page(dash_duo, counties, other)
    dash_duo.wait_for_contains_text("#site-footer", other_title)
    footer = dash_duo.find_element("#site-footer").text
    assert report_source(counties.scoped(other), "zh") in footer
    assert report_title(counties.reports, default, "zh") not in footer
    dash_duo.wait_for_contains_text("#navbar-brand", place_name(counties.reports, other, "zh"))
    assert other_title in dash_duo.find_element(".report-select-box").text
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#economy-content .main-svg"),
               timeout=20, message="economy charts of the other report")
    # 青石县 has one report: no trends across years.
    assert not driver.find_elements(By.CSS_SELECTOR, _graph("trend-levels"))
    for link in driver.find_elements(By.CSS_SELECTOR, "#nav-links a"):
        assert parse_qs(urlsplit(link.get_attribute("href")).query)["report"] == [other]
    assert f"report={other}" in dash_duo.find_element("#present-link").get_attribute("href")
    screenshot(dash_duo, "reports-economy-qingshi-zh-1920x1080", 1920, 1080)

    # A navbar link keeps ?report=.
    driver.find_element(By.CSS_SELECTOR, '#nav-links a[href^="/agriculture"]').click()
    dash_duo.wait_for_text_to_equal("#agriculture-heading", t("agriculture.heading", "zh"))
    wait_until(lambda: urlsplit(driver.current_url).path == "/agriculture",
               message="on /agriculture")
    assert _query(driver)["report"] == [other]
    _wait_page(dash_duo, counties, other)
    dash_duo.wait_for_contains_text("#site-footer", other_title)
    assert other_title in dash_duo.find_element(".report-select-box").text
    active = driver.find_element(By.CSS_SELECTOR, "#nav-links .nav-link.active")
    assert urlsplit(active.get_attribute("href")).path == "/agriculture"
    # The selector, the links, the present button and the language switch share the row.
    assert not _boxes_overlap(driver, ".report-select-box", "#nav-links")
    assert not _boxes_overlap(driver, ".report-select-box", ".lang-switch")
    screenshot(dash_duo, "reports-agriculture-qingshi-zh-1920x1080", 1920, 1080)

    # In English, on the same report (the navbar holds longer labels).
    driver.get(dash_duo.server_url + f"/agriculture?report={other}&lang=en")
    dash_duo.wait_for_text_to_equal("#page-report", _showing(counties, other, "en"))
    dash_duo.wait_for_contains_text("#site-footer", report_title(counties.reports, other, "en"))
    assert not _boxes_overlap(driver, ".report-select-box", "#nav-links")
    screenshot(dash_duo, "reports-agriculture-qingshi-en-1920x1080", 1920, 1080)
    driver.get(dash_duo.server_url + f"/agriculture?report={other}&lang=zh")
    _wait_page(dash_duo, counties, other)

    # Back to the default report by the selector: the address names it.
    _choose_report(dash_duo, wait_until, report_title(counties.reports, default, "zh"))
    wait_until(lambda: _query(driver).get("report") == [default], message="default chosen")
    _wait_page(dash_duo, counties, default)
    assert urlsplit(driver.current_url).path == "/agriculture"

    # An unknown report: the default is shown, with a notice naming the parameter.
    driver.get(dash_duo.server_url + "/economy?report=nowhere-1999")
    _wait_page(dash_duo, counties, default)
    dash_duo.wait_for_contains_text(".url-notice", "report")
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_trend_charts_of_a_place_and_the_selector_on_a_phone(
    dash_duo, reports_app, counties, wait_until, set_viewport, screenshot,
    assert_no_console_errors, external_requests,
):
    dash_duo.start_server(reports_app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 1920, 1080)
    driver.get(dash_duo.server_url + "/?report=luming-2025")
    dash_duo.wait_for_text_to_equal("#overview-heading", t(
        "overview.heading", "zh", year=2025))
    _wait_page(dash_duo, counties, "luming-2025")
    for chart in TREND_CHARTS:
        wait_until(lambda chart=chart: driver.execute_script(DRAWN_POINTS_JS, _graph(chart)),
                   timeout=20, message=f"{chart} drawn")
    # The trends span both 鹿鸣县 reports: actuals of 2023 and 2024, targets up to 2025.
    years = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' .xtick text'))"
        ".map(function (el) { return el.textContent; });", _graph("trend-levels"))
    assert {"2023", "2024", "2025"} <= set(years)
    title = driver.execute_script(
        "return document.querySelector(arguments[0] + ' .gtitle').textContent;",
        _graph("trend-levels"))
    assert "鹿鸣县" in title and "2023" in title and "2025" in title
    for chart in TREND_CHARTS:
        card = driver.find_element(By.CSS_SELECTOR, f".officials-card-{chart}")
        driver.execute_script(
            "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'});"
            "window.scrollBy(0, -72);", card)
        screenshot(dash_duo, f"reports-overview-{chart}-zh-1920x1080", 1920, 1080)
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    screenshot(dash_duo, "reports-overview-luming-2025-zh-1920x1080", 1920, 1080)

    # On a phone the selector is in the collapsed menu, behind the toggler.
    set_viewport(dash_duo, 390, 844)
    assert not dash_duo.find_element(".report-select-box").is_displayed()
    screenshot(dash_duo, "reports-overview-luming-2025-zh-390x844", 390, 844)
    dash_duo.find_element("#navbar-toggler").click()
    wait_until(lambda: dash_duo.find_element(".report-select-box").is_displayed(),
               message="menu open")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
    screenshot(dash_duo, "reports-menu-open-zh-390x844", 390, 844)
    _choose_report(dash_duo, wait_until, report_title(counties.reports, "luming-2024", "zh"))
    wait_until(lambda: _query(driver).get("report") == ["luming-2024"], message="chosen")
    _wait_page(dash_duo, counties, "luming-2024")
    dash_duo.wait_for_text_to_equal("#overview-heading", t(
        "overview.heading", "zh", year=2024))
    screenshot(dash_duo, "reports-menu-after-choice-zh-390x844", 390, 844)
    # (The menu stays open after a choice: only a change of page closes it.)
    if dash_duo.find_element("#nav-links").is_displayed():
        dash_duo.find_element("#navbar-toggler").click()
        wait_until(lambda: not dash_duo.find_element("#nav-links").is_displayed(),
                   message="menu closed")
    for chart in TREND_CHARTS:
        wait_until(lambda chart=chart: driver.execute_script(DRAWN_POINTS_JS, _graph(chart)),
                   timeout=20, message=f"{chart} drawn for luming-2024")
    for chart in TREND_CHARTS:
        card = driver.find_element(By.CSS_SELECTOR, f".officials-card-{chart}")
        driver.execute_script(
            "arguments[0].scrollIntoView({block: 'start', behavior: 'instant'});"
            "window.scrollBy(0, -72);", card)
        screenshot(dash_duo, f"reports-overview-{chart}-zh-390x844", 390, 844)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_a_language_switch_neither_pins_the_report_nor_drops_the_page_state(
    dash_duo, reports_app, wait_until, assert_no_console_errors,
):
    """A bare address follows the default report: switching the language keeps it bare and
    keeps the page's own parameters (the selector must act on a choice only, not whenever
    the navbar re-renders it)."""
    dash_duo.start_server(reports_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/targets?sector=agriculture")
    dash_duo.wait_for_text_to_equal("#targets-heading", t("targets.title", "zh", year=2025))
    dash_duo.find_element("#lang-btn-en").click()
    dash_duo.wait_for_text_to_equal("#targets-heading", t("targets.title", "en", year=2025))
    wait_until(lambda: _query(driver).get("lang") == ["en"], message="?lang=en")
    query = _query(driver)
    assert "report" not in query, driver.current_url
    assert query.get("sector") == ["agriculture"], driver.current_url
    # Following a navbar link from a bare address adds no report either.
    driver.find_element(By.CSS_SELECTOR, '#nav-links a[href^="/economy"]').click()
    dash_duo.wait_for_text_to_equal("#economy-heading", t("economy.heading", "en"))
    wait_until(lambda: "ind=" in driver.current_url, message="economy state in the URL")
    assert "report" not in _query(driver), driver.current_url
    assert_no_console_errors(dash_duo)


def test_a_link_to_a_fact_opens_its_report_in_the_whole_page(
    dash_duo, reports_app, counties, wait_until, assert_no_console_errors,
):
    """/report?fact=<id> (the links of quote panels and of the data explorer name no report)
    shows the report stating the fact; the selector, brand and footer name that report too."""
    facts = counties.all_facts
    fact = str(facts[(facts.report_id == "luming-2024") & (facts.indicator_id == "gdp")
                     & (facts.kind == "actual")].fact_id.iloc[0])
    title = report_title(counties.reports, "luming-2024", "zh")
    dash_duo.start_server(reports_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + f"/report?fact={fact}")
    dash_duo.wait_for_element(f'#report-body mark[data-fact-id="{fact}"].is-target')
    _wait_page(dash_duo, counties, "luming-2024")
    assert title in dash_duo.find_element(".report-select-box").text
    footer = dash_duo.find_element("#site-footer").text
    assert title in footer, footer
    assert_no_console_errors(dash_duo)
