"""/targets in a real browser: zh and en, the sector filter, a click on a gauge opens the
sentences behind it, no console errors, no external requests; screenshots at 1920×1080 and
390×844 in tests/browser/screenshots/."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from dashboard.i18n import t

VISIBLE_ITEMS = ".target-item"
N_TARGETS = 30  # targets of the seed report with an indicator (tests/progress/test_targets.py)


def _visible(dash_duo) -> list:
    return dash_duo.driver.find_elements(By.CSS_SELECTOR, VISIBLE_ITEMS)


def _wait_gauges(dash_duo, wait_until, count: int) -> None:
    wait_until(lambda: len(dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".target-graph .main-svg")) >= count, timeout=30,
        message=f"{count} gauges drawn")


def _choose_sector(dash_duo, wait_until, label: str) -> None:
    dash_duo.find_element("#targets-sector").click()
    option = wait_until(lambda: next((o for o in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "[role=option]") if o.text == label), None), message=label)
    option.click()
    dash_duo.driver.find_element(By.TAG_NAME, "body").send_keys("\ue00c")  # Escape


def _heading(lang: str) -> str:
    return t("targets.title", lang).format(year=2024)


def test_targets_page_languages_filter_and_quotes(
    dash_duo, targets_app, wait_until, screenshot, assert_no_console_errors, external_requests
):
    dash_duo.start_server(targets_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/targets")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    _wait_gauges(dash_duo, wait_until, N_TARGETS)
    assert len(_visible(dash_duo)) == N_TARGETS
    page = dash_duo.find_element(".targets-page").text
    assert "地区生产总值增速" in page and "高于地区生产总值增速" in page
    assert t("targets.notice.no_actuals", "zh") in page  # no actual figure is invented
    warnings = [w.text for w in driver.find_elements(By.CSS_SELECTOR, ".target-warning")]
    assert len(warnings) == 2
    assert all("固定资产投资增长213%左右" in w and "100亿元以上" in w for w in warnings)
    # Status in words and icon, not colour alone.
    badge = dash_duo.find_element(".target-card .status-badge")
    assert badge.text.endswith(t("status.no_actual", "zh")) and "…" in badge.text
    screenshot(dash_duo, "targets-zh-1920x1080", 1920, 1080)

    _choose_sector(dash_duo, wait_until, t("sector.agriculture", "zh"))
    wait_until(lambda: len(_visible(dash_duo)) == 4, message="agriculture targets only")
    assert "sector=agriculture" in driver.current_url
    dash_duo.wait_for_text_to_equal("#targets-count", t("targets.count", "zh").format(
        shown=4, total=N_TARGETS))
    groups = driver.find_elements(By.CSS_SELECTOR, ".target-group")
    assert [g.get_attribute("data-group") for g in groups] == ["agriculture"]
    assert "d-none" in dash_duo.find_element("#targets-empty").get_attribute("class")

    # A click on the gauge of the repeated plan (新建3万亩高标准农田) shows both its quotes.
    farmland = next(item for item in _visible(dash_duo) if "高标准农田" in item.text)
    farmland.find_element(By.CSS_SELECTOR, ".target-gauge").click()
    body = dash_duo.wait_for_element("#targets-quote-body")
    wait_until(lambda: "3.实施3万亩高标准农田" in body.text, message="quotes in the panel")
    assert "新建3万亩高标准农田" in body.text and "建成高标准农田5.21万亩" in body.text
    assert "target=shawan-2024-3861" in driver.current_url
    screenshot(dash_duo, "targets-quotes-zh-1920x1080", 1920, 1080)
    driver.find_element(By.CSS_SELECTOR, "#targets-quote-modal .btn-close").click()
    wait_until(lambda: "target=" not in driver.current_url, message="panel closed")

    dash_duo.find_element("#lang-btn-en").click()
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("en"))
    wait_until(lambda: len(_visible(dash_duo)) == 4, message="filter kept across languages")
    assert "lang=en" in driver.current_url and "sector=agriculture" in driver.current_url
    _wait_gauges(dash_duo, wait_until, 4)
    assert "High-standard farmland built" in dash_duo.find_element(".targets-page").text
    screenshot(dash_duo, "targets-en-1920x1080", 1920, 1080)
    dash_duo.find_elements(".target-item button")[0].click()  # keyboard route
    wait_until(lambda: "Target" in dash_duo.find_element("#targets-quote-body").text,
               message="quotes in English")
    driver.find_element(By.CSS_SELECTOR, "#targets-quote-modal .btn-close").click()

    driver.get(dash_duo.server_url + "/targets?lang=zh")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    _wait_gauges(dash_duo, wait_until, N_TARGETS)
    screenshot(dash_duo, "targets-zh-390x844", 390, 844)
    driver.execute_script("document.querySelector('.target-item').scrollIntoView()")
    screenshot(dash_duo, "targets-headline-zh-390x844", 390, 844)
    driver.execute_script("document.querySelectorAll('.target-group')[1].scrollIntoView()")
    screenshot(dash_duo, "targets-tasks-zh-390x844", 390, 844)

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_targets_page_with_actuals_and_bad_input(
    dash_duo, targets_app_with_actuals, wait_until, screenshot, assert_no_console_errors,
    external_requests
):
    dash_duo.start_server(targets_app_with_actuals)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/targets?status=on_track,bogus&sector=nowhere")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    notice = dash_duo.find_element("#targets-url-notice").text
    assert "status" in notice and "sector" in notice
    rejected = dash_duo.find_element("#targets-rejections").text
    assert "1" in rejected and "第7行" in rejected and "as_of" in rejected
    # Only the valid filter value is applied: GDP (7.9% ≈ 8%) and livestock (40 ≥ 76 × 182/366).
    wait_until(lambda: len(_visible(dash_duo)) == 2, message="on-track targets")
    assert "status=on_track" in driver.current_url and "bogus" not in driver.current_url
    _wait_gauges(dash_duo, wait_until, 2)
    screenshot(dash_duo, "targets-actuals-zh-1920x1080", 1920, 1080)

    driver.get(dash_duo.server_url + "/targets?lang=en&sector=social")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("en"))
    card = next(i for i in _visible(dash_duo) if "at least 95%" in i.text)
    assert t("status.achieved", "en") in card.text
    # A hand entry's source is shown as text, never as HTML.
    card.find_element(By.CSS_SELECTOR, "button").click()
    body = dash_duo.wait_for_element("#targets-quote-body")
    wait_until(lambda: "<b>测试数据</b>" in body.text, message="source shown as text")
    assert not body.find_elements(By.TAG_NAME, "b")
    screenshot(dash_duo, "targets-actuals-quotes-en-390x844", 390, 844)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []
