"""Real reports on the pages (``real_pair_dir`` of tests/conftest.py: 保定市's 2021 and 2022
reports and 广东省's 2026 report, built from ../shared/realreports, never committed): the title
given in sources.yml, never the dating line; the 2021 targets with the 2022 report's actuals;
the range 4.5%—5% drawn as one target. Screenshots (tests/browser/screenshots/real-*.png) at
1920×1080 and 390×844."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from dashboard.progress.targets import target_table
from tests.app_settings import app_settings

SIZES = ((1920, 1080), (390, 844))


@pytest.fixture
def real_app(real_pair_dir):
    return create_app(app_settings(data_dir=real_pair_dir))


def _drawn(dash_duo, wait_until, count: int = 1) -> None:
    wait_until(lambda: len(dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".js-plotly-plot .main-svg")) >= count, timeout=20,
        message="charts drawn")


def test_real_reports_read_right_on_the_pages(
    dash_duo, real_app, real_pair, wait_until, screenshot, assert_no_console_errors,
    external_requests,
):
    dash_duo.start_server(real_app)
    driver = dash_duo.driver

    driver.get(dash_duo.server_url + "/?report=baoding-2022")
    wait_until(lambda: "2022年保定市政府工作报告" in dash_duo.find_element("#page-report").text,
               timeout=20, message="the title given in sources.yml")
    _drawn(dash_duo, wait_until)
    body = driver.find_element(By.TAG_NAME, "body").text
    title = dash_duo.find_element("#page-report").text
    assert "会议上" not in title and "――" not in title, body  # never the dating line
    for width, height in SIZES:
        screenshot(dash_duo, f"real-overview-baoding-{width}x{height}", width, height)

    table = target_table(real_pair.scoped("baoding-2021"), 2021)
    achieved = [r for r in table.rows if r.status == "achieved"]
    driver.get(dash_duo.server_url + "/targets?report=baoding-2021&year=2021")
    wait_until(lambda: len(driver.find_elements(By.CSS_SELECTOR, ".target-item")) ==
               len(table.rows), timeout=30, message="every 2021 target")
    for width, height in SIZES:
        screenshot(dash_duo, f"real-targets-baoding-2021-{width}x{height}", width, height)
    assert len(achieved) >= 8

    driver.get(dash_duo.server_url + "/economy?report=guangdong-2026")
    _drawn(dash_duo, wait_until)
    wait_until(lambda: "4.5%—5%" in driver.page_source, timeout=20,
               message="the range labelled as one")
    labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot text")]
    assert not [x for x in labels if x.startswith("地区生产总值") and x.endswith(
        ("\u00a0(1)", "\u00a0(2)", " (1)", " (2)"))], labels
    for width, height in SIZES:
        screenshot(dash_duo, f"real-economy-guangdong-{width}x{height}", width, height)

    driver.get(dash_duo.server_url + "/brief?report=baoding-2022")
    wait_until(lambda: "2022年保定市政府工作报告" in driver.find_element(
        By.TAG_NAME, "body").text, timeout=20, message="the brief's title")
    assert "2023年" not in driver.find_element(By.CSS_SELECTOR, "h1").text
    for width, height in SIZES:
        screenshot(dash_duo, f"real-brief-baoding-{width}x{height}", width, height)

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []
