"""/compare and /record in a real browser, on real reports of one prefecture
(``real_places_dir`` of tests/conftest.py: 保定市 and five of its counties and districts, all
reviewing 2021, and 顺平县 over three years; built from ../shared/realreports, never
committed): the figures as the reports state them, a click on a control and on a bar, axe
clean, no console error, no other host. Screenshots (tests/browser/screenshots/places-*.png)
at 1920×1080 and 390×844."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from tests.app_settings import app_settings
from tests.browser.test_accessibility import AXE, AXE_RUN_JS, BLOCKING_IMPACTS

SIZES = ((1920, 1080), (390, 844))
SHOTS = Path(__file__).parent / "screenshots"
BARS = "#compare-charts .js-plotly-plot .barlayer .point path"


@pytest.fixture
def places_app(real_places_dir):
    return create_app(app_settings(data_dir=real_places_dir))


def _axe(driver) -> list[str]:
    driver.execute_script(AXE)
    result = json.loads(driver.execute_async_script(AXE_RUN_JS))
    assert not isinstance(result, dict), result
    return [f"[{v['impact']}] {v['id']}: " + " | ".join(v["nodes"]) for v in result
            if v["impact"] in BLOCKING_IMPACTS]


def _cell(driver, row: str, place: str) -> str:
    return driver.find_element(
        By.CSS_SELECTOR, f"#compare-table tr[data-row='{row}'] td[data-place='{place}']").text


def _shots(dash_duo, screenshot, set_viewport, name: str, anchor: str | None = None) -> None:
    """The top of the page at both sizes, and on a phone the part from ``anchor`` down."""
    for width, height in SIZES:
        dash_duo.driver.execute_script("window.scrollTo(0, 0);")
        screenshot(dash_duo, f"places-{name}-{width}x{height}", width, height)
    if anchor:
        # 390x844 of the page from ``anchor`` down, captured beyond the viewport (the
        # emulated phone does not scroll the window from a script).
        top = dash_duo.driver.execute_script(
            "return document.querySelector(arguments[0]).getBoundingClientRect().top"
            " + window.scrollY;", anchor)
        shot = dash_duo.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": max(top - 16, 0), "width": 390, "height": 844, "scale": 1}})
        (SHOTS / f"places-{name}-more-390x844.png").write_bytes(base64.b64decode(shot["data"]))
    dash_duo.driver.execute_script("window.scrollTo(0, 0);")
    set_viewport(dash_duo, 1920, 1080)


def _param(driver, key: str) -> str | None:
    got = parse_qs(urlsplit(driver.current_url).query).get(key)
    return got[0] if got else None


def test_compare_ranks_the_counties_of_baoding(
    dash_duo, places_app, wait_until, screenshot, set_viewport, assert_no_console_errors,
    external_requests,
):
    dash_duo.start_server(places_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/compare?report=shunping-2022")
    dash_duo.wait_for_text_to_equal("#compare-heading", "地区对比")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, BARS), timeout=30,
               message="ranking charts drawn")
    # 顺平县's report reviews 2021: the five counties and districts, 顺平县 marked.
    heads = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#compare-table thead th")]
    assert heads == ["指标", "涞源县", "蠡县", "满城区", "曲阳县", "顺平县（当前）"]
    assert _cell(driver, "gdp-growth_pct", "顺平县") == "+7.4%第3"
    assert _cell(driver, "gdp-growth_pct", "满城区") == "+8%第1"
    assert _cell(driver, "gdp-level", "蠡县") == "未提及"
    link = driver.find_element(
        By.CSS_SELECTOR, "#compare-table tr[data-row='gdp-growth_pct'] td[data-place='顺平县'] a")
    assert "增长7.4%" in link.get_attribute("title")
    assert urlsplit(link.get_attribute("href")).path == "/report"
    problems = _axe(driver)
    _shots(dash_duo, screenshot, set_viewport, "compare-shunping", "#compare-charts")

    # Click a bar: its sentence under the chart, linked to the report reader.
    bar = driver.find_element(By.CSS_SELECTOR, BARS)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", bar)
    ActionChains(driver).move_to_element(bar).click().perform()
    quote = wait_until(lambda: driver.find_elements(
        By.CSS_SELECTOR, "#compare-charts .quote-slot .source-quote"), message="quote panel")
    assert quote[0].text.startswith("“")

    # Untick GDP: its rows leave the table and the address keeps the choice.
    label = driver.find_element(By.CSS_SELECTOR, "#compare-ind input[value='gdp'] + label")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                          "arguments[0].click();", label)  # (the sticky navbar may cover it)
    wait_until(lambda: (_param(driver, "ind") or "").startswith("industrial_value_added"),
               message=lambda: f"ind in the address: {driver.current_url}")
    wait_until(lambda: not driver.find_elements(
        By.CSS_SELECTOR, "#compare-table tr[data-row='gdp-level']"), message="GDP rows gone")
    assert _param(driver, "region") == "county" and _param(driver, "year") == "2021"

    # The prefecture's report: every level (no other prefecture is loaded), in English.
    driver.get(dash_duo.server_url + "/compare?report=baoding-2022&lang=en")
    dash_duo.wait_for_text_to_equal("#compare-heading", "Compare places")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, BARS), timeout=30,
               message="ranking charts drawn")
    heads = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#compare-table thead th")]
    assert len(heads) == 7 and "Baoding City (selected)" in heads
    problems += _axe(driver)
    _shots(dash_duo, screenshot, set_viewport, "compare-baoding-en", "#compare-table")

    assert problems == [], "\n".join(problems)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_record_of_shunping_over_three_years(
    dash_duo, places_app, wait_until, screenshot, set_viewport, assert_no_console_errors,
    external_requests,
):
    dash_duo.start_server(places_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/record?report=shunping-2023")
    dash_duo.wait_for_text_to_equal("#record-heading", "目标完成记录")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#record-charts .main-svg"),
               timeout=30, message="record charts drawn")
    row = driver.find_element(By.CSS_SELECTOR, "#record-summary tr[data-year='2022']")
    # 2022's main targets against the 2023 report: GDP, industry, retail sales missed,
    # investment met; four without an actual in the 2023 report.
    assert row.text.split() == ["2022年", "2022年顺平县政府工作报告", "8", "1", "3", "0", "4",
                                "25%（4项中1项）"]
    gdp = driver.find_element(By.CSS_SELECTOR, "#record-table tr[data-indicator='gdp']").text
    for shown in ("+8%以上", "+6%", "未实现", "较2021年实际+0.6个百分点"):
        assert shown in gdp, (shown, gdp)
    problems = _axe(driver)
    _shots(dash_duo, screenshot, set_viewport, "record-shunping", "#record-table")

    # Every target and plan: the July 2021 report's tasks come in, checked by the 2022 report.
    label = driver.find_element(By.CSS_SELECTOR, "#record-scope input[value='all'] + label")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                          "arguments[0].click();", label)
    wait_until(lambda: _param(driver, "scope") == "all", message="scope in the address")
    wait_until(lambda: driver.find_elements(
        By.CSS_SELECTOR, "#record-summary tr[data-year='2021']"), message="2021 tasks")
    problems += _axe(driver)
    screenshot(dash_duo, "places-record-shunping-all-1920x1080", 1920, 1080)

    driver.get(dash_duo.server_url + "/record?report=shunping-2023&lang=en")
    dash_duo.wait_for_text_to_equal("#record-heading", "Target record")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "#record-charts .main-svg"),
               timeout=30, message="record charts drawn")
    problems += _axe(driver)
    screenshot(dash_duo, "places-record-shunping-en-390x844", 390, 844)

    assert problems == [], "\n".join(problems)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_place_and_one_year_say_so_and_pass_axe(
    dash_duo, counties_dir, wait_until, screenshot, assert_no_console_errors, lang
):
    """The test bundles: 2023 is stated by 鹿鸣县 alone, 青石县 has one year of targets."""
    dash_duo.start_server(create_app(app_settings(data_dir=counties_dir)))
    driver = dash_duo.driver
    problems: list[str] = []
    for path, alert in (("/compare?year=2023", "#compare-alone"),
                        ("/record?place=%E9%9D%92%E7%9F%B3%E5%8E%BF", "#record-alone"),
                        ("/compare", "#compare-table"), ("/record", "#record-table")):
        driver.get(f"{dash_duo.server_url}{path}{'&' if '?' in path else '?'}lang={lang}")
        found = wait_until(lambda a=alert: driver.find_elements(By.CSS_SELECTOR, a),
                           timeout=20, message=alert)
        if alert.endswith("alone"):
            link = found[0].find_element(By.CSS_SELECTOR, "a")
            assert urlsplit(link.get_attribute("href")).path == "/upload"
            name = "compare-one-place" if "compare" in path else "record-one-year"
            screenshot(dash_duo, f"places-{name}-{lang}-390x844", 390, 844)
        problems += [f"{path}: {p}" for p in _axe(driver)]
    assert problems == [], "\n".join(problems)
    assert_no_console_errors(dash_duo)
