"""The app shell in a real browser: navbar, language switch, plotly, assets.

The shell serves the test reports (``counties_dir``); with no ``?report=`` it shows the
default report, luming-2025 (鹿鸣县): the brand names its place, the footer cites it."""

from __future__ import annotations

import json

from selenium.webdriver.common.by import By

from dashboard.data import latest_work_report
from dashboard.facts import place_name, report_title
from dashboard.i18n import t

PNG_TITLE = {"zh": "下载图表为PNG格式", "en": "Download plot as a PNG"}


def _text(dash_duo, selector: str) -> str:
    return dash_duo.find_element(selector).text


def _modebar_titles(dash_duo) -> set[str]:
    return {
        el.get_attribute("data-title")
        for el in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#demo-graph .modebar-btn")
    }


def _check_language(dash_duo, wait_until, counties, lang: str) -> None:
    report = latest_work_report(counties)
    dash_duo.wait_for_text_to_equal("#demo-heading", t("demo.heading", lang))
    dash_duo.wait_for_contains_text("#nav-links", t("nav.demo", lang))
    dash_duo.wait_for_contains_text("#nav-links", t("nav.about", lang))
    dash_duo.wait_for_contains_text("#site-footer", t("footer.licence", lang))
    dash_duo.wait_for_contains_text("#site-footer", report_title(counties.reports, report, lang))
    place = place_name(counties.reports, report, lang)
    assert place
    dash_duo.wait_for_contains_text("#navbar-brand", t("app.title", lang, place=place))
    html_lang = "zh-CN" if lang == "zh" else "en"
    wait_until(
        lambda: dash_duo.driver.execute_script("return document.documentElement.lang") == html_lang,
        message=f"<html lang={html_lang}>",
    )
    dash_duo.wait_for_element("#demo-graph .js-plotly-plot .main-svg")
    wait_until(lambda: PNG_TITLE[lang] in _modebar_titles(dash_duo), message="modebar locale")
    pressed = dash_duo.find_element(f"#lang-btn-{lang}").get_attribute("aria-pressed")
    assert pressed == "true"


def test_shell_language_graph_and_assets(
    dash_duo,
    shell_app,
    counties,
    wait_until,
    screenshot,
    assert_no_console_errors,
    requested_urls,
    external_requests,
):
    dash_duo.start_server(shell_app)
    driver = dash_duo.driver

    dash_duo.wait_for_element("#navbar")
    _check_language(dash_duo, wait_until, counties, "zh")
    assert "?lang=" not in driver.current_url  # a bare URL already means zh
    nav_text = _text(dash_duo, "#nav-links")
    assert "hidden" not in nav_text  # nav=False pages stay out of the navbar
    assert nav_text.index(t("nav.demo", "zh")) < nav_text.index(t("nav.about", "zh"))

    # plotly comes from our assets, with zh-CN registered before any graph drew.
    assert driver.execute_script("return typeof window.Plotly.newPlot") == "function"
    screenshot(dash_duo, "shell-zh-1920x1080", 1920, 1080)

    dash_duo.find_element("#lang-btn-en").click()
    _check_language(dash_duo, wait_until, counties, "en")
    # The language goes into the address, and nothing else: a bare URL follows the default
    # report, so the switch must not pin ?report= (the report selector's callback).
    assert driver.current_url.endswith("/?lang=en"), driver.current_url
    assert driver.execute_script("return window.localStorage.getItem('lang-store')") == '"en"'
    screenshot(dash_duo, "shell-en-1920x1080", 1920, 1080)

    dash_duo.find_element("#lang-btn-zh").click()
    _check_language(dash_duo, wait_until, counties, "zh")
    assert driver.current_url.endswith("/?lang=zh")

    screenshot(dash_duo, "shell-zh-390x844", 390, 844)
    assert_no_console_errors(dash_duo)

    urls = requested_urls(driver)
    names = [u.split("?")[0].rsplit("/", 1)[-1] for u in urls]
    # Exactly our two files: Dash's bundled plotly.min.js is never fetched.
    assert [n for n in names if "plotly" in n and n.endswith(".js")] == [
        "a-plotly.min.js",
        "b-plotly-locale-zh-cn.js",
    ], urls
    assert not [u for u in urls if "sourceMappingURL" in u or u.endswith(".map")]
    assert external_requests(driver) == []


def test_language_persists_across_visits_and_navigation(
    dash_duo, shell_app, wait_until, assert_no_console_errors, external_requests
):
    dash_duo.start_server(shell_app)
    driver = dash_duo.driver
    dash_duo.wait_for_text_to_equal("#demo-heading", t("demo.heading", "zh"))
    dash_duo.find_element("#lang-btn-en").click()
    dash_duo.wait_for_text_to_equal("#demo-heading", t("demo.heading", "en"))

    # A bare URL: the remembered choice is pushed into the URL.
    driver.get(dash_duo.server_url + "/about")
    dash_duo.wait_for_text_to_equal("#about-heading", t("about.heading", "en"))
    wait_until(lambda: driver.current_url.endswith("/about?lang=en"), message="?lang=en pushed")
    dash_duo.find_element("#about-button").click()
    dash_duo.wait_for_text_to_equal("#about-output", t("about.current", "en"))

    # Navbar links carry the language.
    link = driver.find_element(By.LINK_TEXT, t("nav.demo", "en"))
    assert link.get_attribute("href").endswith("/?lang=en")
    link.click()
    dash_duo.wait_for_text_to_equal("#demo-heading", t("demo.heading", "en"))

    # A ?lang= in the URL wins over the store, and becomes the remembered choice.
    driver.get(dash_duo.server_url + "/about?lang=zh")
    dash_duo.wait_for_text_to_equal("#about-heading", t("about.heading", "zh"))
    # A page callback reads the language from the URL.
    dash_duo.find_element("#about-button").click()
    dash_duo.wait_for_text_to_equal("#about-output", t("about.current", "zh"))
    wait_until(
        lambda: driver.execute_script("return window.localStorage.getItem('lang-store')") == '"zh"',
        message="store follows the URL",
    )

    # An invalid value falls back to zh and the URL is corrected.
    driver.get(dash_duo.server_url + "/?lang=xx")
    dash_duo.wait_for_text_to_equal("#demo-heading", t("demo.heading", "zh"))
    wait_until(lambda: driver.current_url.endswith("/?lang=zh"), message="URL corrected")

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_phone_menu_collapses(
    dash_duo, shell_app, wait_until, set_viewport, screenshot, assert_no_console_errors
):
    dash_duo.start_server(shell_app)
    dash_duo.wait_for_text_to_equal("#demo-heading", t("demo.heading", "zh"))
    set_viewport(dash_duo, 390, 844)

    links = dash_duo.find_element("#nav-links")
    toggler = dash_duo.find_element("#navbar-toggler")
    assert toggler.is_displayed()
    assert not links.is_displayed()
    assert dash_duo.find_element(".brand-short").is_displayed()

    toggler.click()
    wait_until(links.is_displayed, message="menu opens")
    screenshot(dash_duo, "shell-menu-open-390x844", 390, 844)

    # Navigating closes the menu again.
    dash_duo.driver.find_element(By.LINK_TEXT, t("nav.about", "zh")).click()
    dash_duo.wait_for_text_to_equal("#about-heading", t("about.heading", "zh"))
    wait_until(lambda: not dash_duo.find_element("#nav-links").is_displayed(), message="closes")
    assert_no_console_errors(dash_duo)


class _FakeDriver:
    """Stands in for a webdriver: the request detector must not pass vacuously."""

    session_id = "fake-session"

    def __init__(self, urls: list[str]) -> None:
        self._entries = [
            {
                "message": json.dumps(
                    {"message": {"method": method, "params": {"request": {"url": url}}}}
                )
            }
            for url in urls
            for method in ("Network.requestWillBeSent", "Network.responseReceived")
        ]

    def get_log(self, kind: str) -> list[dict]:
        assert kind == "performance"
        entries, self._entries = self._entries, []
        return entries


def test_external_request_detector(external_requests, requested_urls):
    driver = _FakeDriver(
        [
            "http://127.0.0.1:8050/",
            "http://localhost:8050/assets/style.css",
            "http://[::1]:8050/x.js",
            "data:image/svg+xml,%3csvg%3e",
            "https://cdn.plot.ly/plotly-4.1.1.min.js",
            "wss://example.org/socket",
        ]
    )
    assert external_requests(driver) == [
        "https://cdn.plot.ly/plotly-4.1.1.min.js",
        "wss://example.org/socket",
    ]
    # The log is drained on read; earlier URLs are remembered.
    assert len(requested_urls(driver)) == 5
