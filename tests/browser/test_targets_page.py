"""/targets in a real browser: zh and en, the sector filter, a click on a gauge opens the
sentences behind it, the year links open the report setting that year's targets, no console
errors, no external requests; screenshots at 1920×1080 and 390×844 in
tests/browser/screenshots/.

The app serves the test reports (``counties_dir``): by default luming-2025 and its 2025
targets, for which no report states an actual yet; luming-2024's 2024 targets get their
actuals from luming-2025. Counts and sentences are looked up from that data.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By

from dashboard.facts import report_title
from dashboard.figures.gauges import target_text, target_title
from dashboard.i18n import t
from dashboard.progress.targets import TargetTable, target_table

VISIBLE_ITEMS = ".target-item"
DEFAULT = ("luming-2025", 2025)  # the latest work report, and the year of its targets
EARLIER = ("luming-2024", 2024)


def _table(counties, report_year: tuple[str, int]) -> TargetTable:
    report, year = report_year
    return target_table(counties.scoped(report), year)


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


def _heading(lang: str, year: int = DEFAULT[1]) -> str:
    return t("targets.title", lang, year=year)


def _card(dash_duo, target_id: str):
    return dash_duo.find_element(f'{VISIBLE_ITEMS}[data-target="{target_id}"]')


def test_targets_page_languages_filter_and_quotes(
    dash_duo, targets_app, counties, wait_until, screenshot, assert_no_console_errors,
    external_requests
):
    table = _table(counties, DEFAULT)
    total = len(table.rows)
    assert total > 10 and not any(r.actual for r in table.rows)
    dash_duo.start_server(targets_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/targets")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    dash_duo.wait_for_text_to_equal("#page-report", t(
        "report_select.showing", "zh", title=report_title(counties.reports, DEFAULT[0], "zh")))
    _wait_gauges(dash_duo, wait_until, total)
    assert len(_visible(dash_duo)) == total
    assert [i.get_attribute("data-target") for i in _visible(dash_duo)] == [
        r.target_id for r in table.rows]
    page = dash_duo.find_element(".targets-page").text
    gdp = next(r for r in table.rows if r.indicator_id == "gdp")
    relative = next(r for r in table.rows if r.kind == "relative")
    assert target_title(gdp, "zh") in page  # 地区生产总值增速
    assert target_text(relative, "zh") in page and str(relative.relative["quote"]) in page
    assert t("targets.notice.no_actuals", "zh") in page  # no actual figure is invented
    # Data-quality findings are shown on their targets; these reports have none.
    warnings = driver.find_elements(By.CSS_SELECTOR, ".target-warning")
    assert len(warnings) == sum(len(r.warnings) for r in table.rows) == 0
    # Status in words and icon, not colour alone.
    badge = dash_duo.find_element(".target-card .status-badge")
    assert badge.text.endswith(t("status.no_actual", "zh")) and "…" in badge.text
    screenshot(dash_duo, "targets-zh-1920x1080", 1920, 1080)

    farming = [r for r in table.rows if r.sector == "agriculture"]
    _choose_sector(dash_duo, wait_until, t("sector.agriculture", "zh"))
    wait_until(lambda: len(_visible(dash_duo)) == len(farming), message="agriculture only")
    assert "sector=agriculture" in driver.current_url
    dash_duo.wait_for_text_to_equal("#targets-count", t("targets.count", "zh").format(
        shown=len(farming), total=total))
    groups = driver.find_elements(By.CSS_SELECTOR, ".target-group")
    assert [g.get_attribute("data-group") for g in groups] == ["agriculture"]
    assert "d-none" in dash_duo.find_element("#targets-empty").get_attribute("class")

    # A click on the gauge of the farmland plan shows its sentence and its baseline's (the
    # 2024 result, stated in the same report).
    farmland = next(r for r in farming if r.indicator_id == "high_standard_farmland")
    assert farmland.baseline is not None and farmland.baseline.fact is not None
    _card(dash_duo, farmland.target_id).find_element(By.CSS_SELECTOR, ".target-gauge").click()
    body = dash_duo.wait_for_element("#targets-quote-body")
    wait_until(lambda: str(farmland.facts[0]["quote"]) in body.text, message="quote in panel")
    assert str(farmland.baseline.fact["quote"]) in body.text
    assert t("targets.quote.baseline", "zh") in body.text
    assert f"target={farmland.target_id}" in driver.current_url
    screenshot(dash_duo, "targets-quotes-zh-1920x1080", 1920, 1080)
    driver.find_element(By.CSS_SELECTOR, "#targets-quote-modal .btn-close").click()
    wait_until(lambda: "target=" not in driver.current_url, message="panel closed")

    dash_duo.find_element("#lang-btn-en").click()
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("en"))
    wait_until(lambda: len(_visible(dash_duo)) == len(farming),
               message="filter kept across languages")
    assert "lang=en" in driver.current_url and "sector=agriculture" in driver.current_url
    _wait_gauges(dash_duo, wait_until, len(farming))
    assert target_title(farmland, "en") in dash_duo.find_element(".targets-page").text
    screenshot(dash_duo, "targets-en-1920x1080", 1920, 1080)
    dash_duo.find_elements(".target-item button")[0].click()  # keyboard route
    wait_until(lambda: "Target" in dash_duo.find_element("#targets-quote-body").text,
               message="quotes in English")
    driver.find_element(By.CSS_SELECTOR, "#targets-quote-modal .btn-close").click()

    driver.get(dash_duo.server_url + "/targets?lang=zh")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    _wait_gauges(dash_duo, wait_until, total)
    screenshot(dash_duo, "targets-zh-390x844", 390, 844)
    driver.execute_script("document.querySelector('.target-item').scrollIntoView()")
    screenshot(dash_duo, "targets-headline-zh-390x844", 390, 844)
    driver.execute_script("document.querySelectorAll('.target-group')[1].scrollIntoView()")
    screenshot(dash_duo, "targets-tasks-zh-390x844", 390, 844)

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_year_links_open_the_report_that_set_the_targets(
    dash_duo, targets_app, counties, wait_until, screenshot, assert_no_console_errors,
    external_requests
):
    earlier = _table(counties, EARLIER)
    # luming-2025 states them all but all residents' income (only urban and rural income):
    # that target shows no actual rather than the urban figure.
    assert {r.indicator_id for r in earlier.rows if not r.actual} == {"disposable_income"}
    dash_duo.start_server(targets_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/targets")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    years = driver.find_elements(By.CSS_SELECTOR, ".target-years a")
    assert [y.text for y in years] == ["2024", "2025"]
    years[0].click()
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh", EARLIER[1]))
    dash_duo.wait_for_text_to_equal("#page-report", t(
        "report_select.showing", "zh", title=report_title(counties.reports, EARLIER[0], "zh")))
    assert "year=2024" in driver.current_url
    wait_until(lambda: len(_visible(dash_duo)) == len(earlier.rows), message="2024 targets")
    _wait_gauges(dash_duo, wait_until, len(earlier.rows))
    statuses = [c.get_attribute("data-status")
                for c in driver.find_elements(By.CSS_SELECTOR, ".target-card")]
    assert statuses == [r.status for r in earlier.rows]
    assert {"achieved", "behind"} <= set(statuses)
    assert not driver.find_elements(By.ID, "targets-no-actuals")
    # A full-year result from the next report is named as its source.
    gdp = next(r for r in earlier.rows if r.indicator_id == "gdp")
    card = _card(dash_duo, gdp.target_id).text
    assert t("targets.card.full_year", "zh") in card
    assert report_title(counties.reports, "luming-2025", "zh") in card
    screenshot(dash_duo, "targets-2024-zh-1920x1080", 1920, 1080)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_targets_page_with_actuals_and_bad_input(
    dash_duo, targets_app_with_actuals, counties, wait_until, screenshot,
    assert_no_console_errors, external_requests
):
    table = _table(counties, DEFAULT)
    dash_duo.start_server(targets_app_with_actuals)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/targets?status=on_track,bogus&sector=nowhere")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("zh"))
    notice = dash_duo.find_element("#targets-url-notice").text
    assert "status" in notice and "sector" in notice
    rejected = dash_duo.find_element("#targets-rejections").text
    assert "1" in rejected and "第7行" in rejected and "as_of" in rejected
    # Only the valid filter value is applied. On track: GDP (6.6% by June meets 6.5%左右)
    # and livestock sold (22 ≥ 42 × 181/365, a flow pro-rated); budget revenue (3.0% < 5%)
    # and investment (12 < 32 × 181/365) are behind.
    on_track = [r.target_id for r in table.rows if r.indicator_id in
                ("gdp", "livestock_slaughter") and r.kind == "target" and r.value_kind in
                ("growth_pct", "level")]
    wait_until(lambda: len(_visible(dash_duo)) == 2, message="on-track targets")
    assert sorted(i.get_attribute("data-target") for i in _visible(dash_duo)) == sorted(on_track)
    assert "status=on_track" in driver.current_url and "bogus" not in driver.current_url
    _wait_gauges(dash_duo, wait_until, 2)
    screenshot(dash_duo, "targets-actuals-zh-1920x1080", 1920, 1080)

    driver.get(dash_duo.server_url + "/targets?lang=en&sector=tourism")
    dash_duo.wait_for_text_to_equal("#targets-heading", _heading("en"))
    events = next(r for r in table.rows if r.indicator_id == "tourism_events")
    wait_until(lambda: _card(dash_duo, events.target_id).is_displayed(), message="events card")
    card = _card(dash_duo, events.target_id)
    assert t("status.achieved", "en") in card.text  # 72 场次 for the full year, ≥ 70
    assert card.find_element(By.CSS_SELECTOR, ".target-card").get_attribute(
        "data-status") == "achieved"
    # A hand entry's source is shown as text, never as HTML.
    button = card.find_element(By.CSS_SELECTOR, "button")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    body = dash_duo.wait_for_element("#targets-quote-body")
    wait_until(lambda: "<b>测试数据</b>" in body.text, message="source shown as text")
    assert not body.find_elements(By.TAG_NAME, "b")
    screenshot(dash_duo, "targets-actuals-quotes-en-390x844", 390, 844)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []
