"""Presentation mode in a real browser: keys, timer, pause, layout at a distance, full screen.

Screenshots of every slide at 1920x1080 (and some at 1280x720) go to tests/browser/screenshots/
as present-*.png: look at them as a presenter would.

The app serves the test reports (``counties_dir``); the deck shows the default report,
luming-2025, unless ``?report=`` names another.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.app_factory import create_app
from dashboard.facts import report_title
from tests.app_settings import app_settings

HEADLINE_PX = 64
LABEL_PX = 28

# Every text box of the visible slide, in CSS pixels, with what it must stay inside of.
_LAYOUT_JS = """
var slide = document.querySelector('#present-deck .present-slide.is-current');
if (!slide) { return null; }
var s = slide.getBoundingClientRect();
var vw = window.innerWidth, vh = window.innerHeight;
var problems = [];
function box(el, r, what) {
    if (r.width === 0 && r.height === 0) { return; }
    var txt = (el.textContent || '').trim().slice(0, 40);
    if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        problems.push(what + ' outside the viewport: ' + txt);
    }
    if (r.left < s.left - 1 || r.top < s.top - 1 || r.right > s.right + 1 ||
            r.bottom > s.bottom + 1) {
        problems.push(what + ' outside its slide: ' + txt);
    }
}
slide.querySelectorAll('*').forEach(function (el) {
    // svg: plotly's own drawing; .visually-hidden: screen-reader text (a chart's
    // figcaption), clipped to a 1px box on purpose, never seen.
    if (el.closest('svg, .visually-hidden')) { return; }
    var own = Array.prototype.filter.call(el.childNodes, function (n) {
        return n.nodeType === 3 && n.textContent.trim();
    });
    if (!own.length || getComputedStyle(el).visibility === 'hidden') { return; }
    var display = getComputedStyle(el).display;
    if (display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
        problems.push('text wider than its box: ' + el.textContent.trim().slice(0, 40));
    }
    // The glyphs themselves (a Range), inside the viewport, the slide and their part.
    var part = el.closest('.present-kpi, .present-slide-header, .present-slide-body, '
        + '.present-slide-source');
    var p = part && part.getBoundingClientRect();
    // A CJK font's content area is taller than a tight line box: allow that much.
    var lh = parseFloat(getComputedStyle(el).lineHeight);
    own.forEach(function (node) {
        var range = document.createRange();
        range.selectNodeContents(node);
        Array.prototype.forEach.call(range.getClientRects(), function (r) {
            var slack = isNaN(lh) ? 4 : Math.max(4, (r.height - lh) / 2 + 2);
            box(el, {left: r.left, right: r.right, top: r.top + slack - 4,
                     bottom: r.bottom - slack + 4, width: r.width, height: r.height}, el.tagName);
            if (p && (r.left < p.left - 1 || r.right > p.right + 1 ||
                    r.top < p.top - slack || r.bottom > p.bottom + slack)) {
                problems.push('text outside its box: ' + node.textContent.trim().slice(0, 40));
            }
        });
    });
});
slide.querySelectorAll('svg text').forEach(function (el) {
    if (!el.textContent.trim()) { return; }
    box(el, el.getBoundingClientRect(), 'svg text');
});
// Header, body and source line follow each other without overlapping.
var parts = ['.present-slide-header', '.present-slide-body', '.present-slide-source']
    .map(function (sel) { return slide.querySelector(sel).getBoundingClientRect(); });
for (var i = 1; i < parts.length; i++) {
    if (parts[i].top < parts[i - 1].bottom - 1) { problems.push('slide parts overlap'); }
}
return problems;
"""

_SIZES_JS = """
var slide = document.querySelector('#present-deck .present-slide.is-current');
function px(sel) {
    return Array.prototype.map.call(slide.querySelectorAll(sel), function (el) {
        return parseFloat(getComputedStyle(el).fontSize);
    });
}
return {
    values: px('.present-kpi-value'),
    labels: px('.present-kpi-label, .present-title, .present-kicker'),
    svg: px('.xtick text, .ytick text, .legendtext, .textpoint text, .g-xtitle text, '
            + '.g-ytitle text')
};
"""


@pytest.fixture
def app(counties_dir):
    return create_app(app_settings(data_dir=counties_dir))


def _state(driver) -> dict:
    return driver.execute_script(
        "var d = document.getElementById('present-deck');"
        "var c = d && d.querySelector('.present-slide.is-current');"
        "return d && c ? {id: c.getAttribute('data-slide-id'), paused: d.getAttribute("
        "'data-paused'), counter: d.querySelector('.present-counter').textContent,"
        "index: parseInt(d.getAttribute('data-current'), 10),"
        "total: d.querySelectorAll('.present-slide').length, search: location.search} : null;")


def _press(driver, key: str) -> None:
    ActionChains(driver).send_keys(key).perform()


def _wait_slide(driver, wait_until, index: int, timeout: float = 10) -> dict:
    return wait_until(lambda: (s := _state(driver)) and s["index"] == index and s,
                      timeout=timeout, message=f"slide {index + 1}")


def _check_slide(dash_duo, wait_until, shoot=None) -> dict:
    """Graphs drawn, nothing outside its box, text large enough; returns the sizes.
    ``shoot()`` (a screenshot) runs once the slide is drawn, before the checks."""
    driver = dash_duo.driver
    graphs = driver.find_elements(By.CSS_SELECTOR,
                                  "#present-deck .present-slide.is-current .present-graph")
    if graphs:
        wait_until(lambda: driver.find_elements(
            By.CSS_SELECTOR, "#present-deck .is-current .present-graph .main-svg"),
            message="graph drawn")
        # Sized to the slide (not plotly's 700x450 default for a hidden div).
        wait_until(lambda: driver.execute_script(
            "var g = document.querySelector('#present-deck .is-current .present-graph');"
            "var svg = g.querySelector('.main-svg');"
            "return Math.abs(svg.getBoundingClientRect().width - g.getBoundingClientRect()"
            ".width) < 4 && Math.abs(svg.getBoundingClientRect().height - g."
            "getBoundingClientRect().height) < 4;"), message="graph fills its slide")
    time.sleep(0.45)  # the slide's fade-in
    if shoot is not None:
        shoot()
    problems = driver.execute_script(_LAYOUT_JS)
    slide = driver.execute_script(
        "var c = document.querySelector('#present-deck .present-slide.is-current');"
        "return c && c.getAttribute('data-slide-id');")
    assert problems == [], (slide, problems)
    return driver.execute_script(_SIZES_JS)


def _assert_sizes(sizes: dict, slide_id: str) -> None:
    assert all(v >= HEADLINE_PX for v in sizes["values"]), (slide_id, sizes)
    assert all(v >= LABEL_PX for v in sizes["labels"]), (slide_id, sizes)
    assert all(v >= LABEL_PX for v in sizes["svg"]), (slide_id, sizes)
    assert sizes["values"] or sizes["svg"], f"{slide_id}: no headline number and no chart"


def test_every_slide_by_keyboard_at_1920x1080(dash_duo, app, wait_until, screenshot,
                                             set_viewport, assert_no_console_errors,
                                             external_requests):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 1920, 1080)
    driver.get(dash_duo.server_url + "/present?interval=600&lang=zh")
    state = _wait_slide(driver, wait_until, 0)
    total = state["total"]
    assert total >= 7 and state["counter"] == f"1 / {total}"
    # No page chrome: the navbar and the footer are hidden.
    assert not dash_duo.find_element("#navbar").is_displayed()
    assert not dash_duo.find_element("#site-footer").is_displayed()

    seen = []
    for index in range(total):
        state = _wait_slide(driver, wait_until, index)
        assert state["counter"] == f"{index + 1} / {total}"
        assert f"slide={index + 1}" in state["search"]
        name = f"present-{index + 1:02d}-{state['id']}-1920x1080"
        sizes = _check_slide(dash_duo, wait_until,
                             lambda name=name: screenshot(dash_duo, name, 1920, 1080))
        _assert_sizes(sizes, state["id"])
        seen.append(state["id"])
        _press(driver, [Keys.ARROW_RIGHT, Keys.PAGE_DOWN, Keys.SPACE][index % 3])
    assert seen[:6] == ["overview", "economy", "investment", "agriculture", "tourism",
                        "targets"]
    assert all(s.startswith("sector-") for s in seen[6:])
    _wait_slide(driver, wait_until, 0)  # loops after the last slide

    _press(driver, Keys.ARROW_LEFT)
    _wait_slide(driver, wait_until, total - 1)  # and backwards
    _press(driver, Keys.PAGE_UP)
    _wait_slide(driver, wait_until, total - 2)
    _press(driver, Keys.HOME)
    _wait_slide(driver, wait_until, 0)
    _press(driver, "p")
    wait_until(lambda: _state(driver)["paused"] == "true", message="paused")
    assert dash_duo.find_element(".present-paused-label").is_displayed()
    _press(driver, "P")
    wait_until(lambda: _state(driver)["paused"] == "false", message="resumed")

    # The place survives a reload.
    _press(driver, Keys.ARROW_RIGHT)
    _press(driver, Keys.ARROW_RIGHT)
    _wait_slide(driver, wait_until, 2)
    driver.refresh()
    assert _wait_slide(driver, wait_until, 2)["id"] == "investment"

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_timer_pause_and_english_light_deck_at_1280x720(dash_duo, app, wait_until, screenshot,
                                                        set_viewport, assert_no_console_errors,
                                                        external_requests):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 1280, 720)
    driver.get(dash_duo.server_url + "/present?slides=targets,investment,sector-agriculture,"
               "economy&interval=5&lang=en&theme=light")
    state = _wait_slide(driver, wait_until, 0)
    _press(driver, "p")  # hold the first slide while it is checked
    assert state["id"] == "targets" and state["total"] == 4
    assert "theme-light" in dash_duo.find_element("#present-deck").get_attribute("class")
    assert not driver.find_elements(By.CSS_SELECTOR, ".present-note")  # all valid
    _check_slide(dash_duo, wait_until)
    screenshot(dash_duo, "present-en-light-targets-1280x720", 1280, 720)
    assert _state(driver)["index"] == 0

    _press(driver, "p")
    _press(driver, Keys.HOME)  # restarts the timer of the first slide
    started = time.monotonic()
    state = _wait_slide(driver, wait_until, 1, timeout=12)  # by itself, after ~5 s
    assert 3.5 < time.monotonic() - started < 9
    assert state["id"] == "investment"
    # The progress bar runs while playing…
    running = driver.execute_script(
        "return getComputedStyle(document.querySelector('.present-progress-bar'))"
        ".animationPlayState")
    assert running == "running"
    _press(driver, "p")
    wait_until(lambda: _state(driver)["paused"] == "true", message="paused")
    # …and stops with the deck.
    assert driver.execute_script(
        "return getComputedStyle(document.querySelector('.present-progress-bar'))"
        ".animationPlayState") == "paused"
    _check_slide(dash_duo, wait_until)
    screenshot(dash_duo, "present-en-light-investment-1280x720", 1280, 720)
    time.sleep(6)
    assert _state(driver)["index"] == 1  # paused: no advance
    _press(driver, "p")
    _wait_slide(driver, wait_until, 2, timeout=12)
    _press(driver, "p")
    _check_slide(dash_duo, wait_until)
    screenshot(dash_duo, "present-en-light-sector-agriculture-1280x720", 1280, 720)

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_open_from_a_page_and_leave_with_escape(dash_duo, app, counties, wait_until, screenshot,
                                                assert_no_console_errors, external_requests):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/agriculture?lang=en")
    wait_until(lambda: "start=agriculture" in (
        dash_duo.find_element("#present-link").get_attribute("href") or ""),
        message="present link of the page")
    link = dash_duo.find_element("#present-link")
    assert "lang=en" in link.get_attribute("href")
    link.click()
    state = _wait_slide(driver, wait_until, 3)
    assert state["id"] == "agriculture"
    assert not dash_duo.find_element("#navbar").is_displayed()
    _check_slide(dash_duo, wait_until)
    screenshot(dash_duo, "present-en-agriculture-1920x1080", 1920, 1080)
    _press(driver, Keys.ARROW_RIGHT)
    _wait_slide(driver, wait_until, 4)
    _assert_sizes(_check_slide(dash_duo, wait_until), "tourism")
    # Moving the mouse shows the controls (they fade again when it rests).
    ActionChains(driver).move_by_offset(40, 40).perform()
    wait_until(lambda: "show-controls" in dash_duo.find_element("#present-deck")
               .get_attribute("class"), message="controls shown")
    screenshot(dash_duo, "present-en-tourism-controls-1920x1080", 1920, 1080)
    # F asks the browser for full screen (a headless browser may refuse: no error either way).
    _press(driver, "f")
    time.sleep(0.5)
    if driver.execute_script("return !!document.fullscreenElement"):
        _press(driver, "f")
        wait_until(lambda: not driver.execute_script("return !!document.fullscreenElement"),
                   message="full screen left")
    _press(driver, Keys.ESCAPE)
    # Back on the page (which may add its own state to the address, e.g. &view=crops).
    wait_until(lambda: urlsplit(driver.current_url).path == "/agriculture"
               and "lang=en" in driver.current_url, message="back")
    wait_until(lambda: not driver.find_elements(By.ID, "present-deck"), message="deck gone")
    assert dash_duo.find_element("#navbar").is_displayed()
    assert "presenting" not in driver.execute_script("return document.body.className")

    # Invalid parameters: the deck still runs, with defaults and a small note.
    driver.get(dash_duo.server_url + "/present?slides=nope&interval=1&theme=neon&start=x"
               "&report=nowhere-1999")
    state = _wait_slide(driver, wait_until, 0)
    assert state["id"] == "overview" and state["total"] >= 7
    # (the shell's callbacks may render the deck again once the language is settled)
    dash_duo.wait_for_contains_text(".present-note", "interval")
    note = dash_duo.find_element(".present-note").text
    assert "interval" in note and "theme" in note and "report" in note
    assert "theme-dark" in dash_duo.find_element("#present-deck").get_attribute("class")

    # ?report= names the report the deck shows, and the page Esc returns to keeps it.
    other = "qingshi-2025"
    driver.get(dash_duo.server_url + f"/present?report={other}&slides=overview,targets&lang=zh")
    state = _wait_slide(driver, wait_until, 0)
    assert state["total"] == 2
    source = dash_duo.find_element(
        "#present-deck .present-slide.is-current .present-slide-source").text
    assert report_title(counties.reports, other, "zh") in source
    _check_slide(dash_duo, wait_until)
    _press(driver, Keys.ESCAPE)
    wait_until(lambda: urlsplit(driver.current_url).path == "/" and
               f"report={other}" in driver.current_url, message="back to the report's home")
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def test_every_chart_gets_a_full_screen_button(dash_duo, app, wait_until, screenshot,
                                               assert_no_console_errors):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/economy?lang=zh")
    dash_duo.wait_for_element(".js-plotly-plot .main-svg")
    wait_until(lambda: len(driver.find_elements(By.CSS_SELECTOR, ".chart-fullscreen-btn"))
               == len(driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")),
               message="a button per chart")
    button = driver.find_elements(By.CSS_SELECTOR, ".chart-fullscreen-btn")[0]
    assert button.get_attribute("aria-label") == "全屏显示此图表"
    button.click()
    host = "document.querySelector('.chart-fullscreen-host, .chart-frame')"
    wait_until(lambda: driver.execute_script(
        f"var h = {host}; return document.fullscreenElement === h || "
        "h.classList.contains('is-maximized');"), message="full screen")
    wait_until(lambda: driver.execute_script(
        f"var svg = {host}.querySelector('.main-svg');"
        "return svg.getBoundingClientRect().height > window.innerHeight * 0.8;"),
        message="chart fills the screen")
    # The figure carries its title and source line inside.
    assert driver.execute_script(
        f"return {host}.querySelector('.gtitle').textContent.length > 0 && "
        f"{host}.querySelector('.annotation-text').textContent.length > 0;")
    screenshot(dash_duo, "present-chart-fullscreen-1920x1080", 1920, 1080)
    if driver.execute_script("return !!document.fullscreenElement"):
        driver.execute_script("document.exitFullscreen()")  # what Esc does in the browser
    else:
        _press(driver, Keys.ESCAPE)
    wait_until(lambda: driver.execute_script(
        f"var h = {host}; return !document.fullscreenElement && "
        "!h.classList.contains('is-maximized');"), message="back")
    wait_until(lambda: driver.execute_script(
        f"var svg = {host}.querySelector('.main-svg');"
        "return svg.getBoundingClientRect().height < window.innerHeight * 0.8;"),
        message="chart back to its size")
    assert_no_console_errors(dash_duo)
