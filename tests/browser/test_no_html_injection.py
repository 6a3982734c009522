"""Text from the report tables and from data/actuals.csv is shown as text, never as HTML.

A copy of the test reports' data folder (``counties_dir``: three reports, two places) gets
markup and ``javascript:`` URLs in every fact's quote and section, in the indicator names,
in the report titles (footer, report selector, trend charts) and in the ``source`` of
hand-entered actual figures; the numbers and their offsets are untouched, so the tables
still validate. The app built on that copy (``create_app(app_settings(data_dir=tmp))``) is opened in
Chromium on every page, for the default report and for another one (``?report=``), a bar is
clicked to open its quote, a target's sources are opened, and URL queries carry markup too.
Nothing may run (no ``alert``, no ``window.__xss``), no element may be
injected (no ``img[src=x]``, no ``on*`` attributes from the data, no ``javascript:`` link),
and the markup must appear literally on the page.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path
from urllib.parse import quote

import dash
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from tests.app_settings import app_settings

MARKUP = '<script>window.__xss="script"</script><img src=x onerror="window.__xss=\'img\'">'
JS_URL = "javascript:window.__xss='href'"
PAYLOAD = f"{MARKUP}{JS_URL}"
SVG = '"><svg onload="window.__xss=\'svg\'">'

TRAP = """
window.__alerts = [];
["alert", "confirm", "prompt"].forEach(function (name) {
  window[name] = function (msg) { window.__alerts.push(name + ":" + msg); return null; };
});
"""

CHECK_JS = """
var hits = [];
if (window.__xss !== undefined) { hits.push("window.__xss = " + window.__xss); }
(window.__alerts || []).forEach(function (a) { hits.push("dialog " + a); });
document.querySelectorAll("img[src='x'], svg[onload], [onerror]").forEach(function (el) {
  hits.push("element " + el.outerHTML.slice(0, 120));
});
document.querySelectorAll("script").forEach(function (el) {
  if ((el.textContent || "").indexOf("__xss") >= 0) { hits.push("script element"); }
});
document.querySelectorAll("a[href], area[href], [src], form[action]").forEach(function (el) {
  var url = el.getAttribute("href") || el.getAttribute("src") || el.getAttribute("action");
  if (/^\\s*javascript:/i.test(url || "")) { hits.push("javascript: URL " + el.tagName); }
});
return hits;
"""


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys()) if rows else []
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def hostile_app(tmp_path: Path, counties_dir: Path):
    data = tmp_path / "data"
    shutil.copytree(counties_dir, data)

    def fact(row: dict[str, str]) -> None:
        row["quote"] = f"{row['quote']}{PAYLOAD}"
        row["section"] = f"{row['section']}{SVG}"
        row["indicator_zh"] = f"{row['indicator_zh']}<b onmouseover=\"window.__xss='b'\">"
        row["indicator_en"] = f"{row['indicator_en']}<i>{JS_URL}</i>"

    def report(row: dict[str, str]) -> None:
        row["title"] = f"{row['title']}{MARKUP}"
        row["title_en"] = f"{row['title_en']}{SVG}"

    _rewrite(data / "indicators.csv", fact)
    _rewrite(data / "reports.csv", report)
    # For 2025, the year of the default report's (luming-2025) targets.
    (data / "actuals.csv").write_text(
        "indicator_id,period,as_of,value,unit,source\n"
        f"gdp,2025,2025-06-30,6.6,%,{MARKUP}\n"
        f"retail_sales,2025,2025-06-30,7.5,%,{JS_URL}\n",
        encoding="utf-8",
    )
    app = create_app(app_settings(data_dir=data))
    return app


def _settle(driver, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = driver.execute_script(
            "var c = document.getElementById('_pages_content');"
            "return !(c && c.children.length) || "
            "document.querySelectorAll(\"[data-dash-is-loading='true']\").length > 0 || "
            "Array.from(document.querySelectorAll('.dash-graph')).some("
            "  function (g) { return !g.querySelector('.main-svg'); });")
        if not busy:
            time.sleep(0.4)
            return
        time.sleep(0.1)
    raise AssertionError("page did not settle")


def _body_text(driver) -> str:
    return driver.execute_script("return document.body.innerText")


def _open(dash_duo, app) -> tuple:
    """The app served to a Chromium whose dialogs are trapped; (driver, base URL, hits, check)."""
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    hits: list[str] = []

    def check(where: str) -> None:
        hits.extend(f"{where}: {h}" for h in driver.execute_script(CHECK_JS))

    return driver, dash_duo.server_url, hits, check


# The sweep of every page is split by language so that the browser lane's two workers
# (`make test`: pytest -m browser -n 2) share it; each half asserts what the whole did.
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_shows_data_text_as_text(dash_duo, hostile_app, lang):
    driver, base, hits, check = _open(dash_duo, hostile_app)
    paths = sorted({p["path"] for p in dash.page_registry.values() if "<" not in p["path"]})
    for path in paths:
        for report in ("", "report=qingshi-2025&"):
            driver.get(f"{base}{path}?{report}lang={lang}")
            _settle(driver)
            check(f"{path}?{report}lang={lang}")
    assert hits == [], json.dumps(hits, ensure_ascii=False, indent=1)
    assert driver.execute_script("return window.__alerts") == []


def test_data_text_is_never_rendered_as_html(dash_duo, hostile_app):
    driver, base, hits, check = _open(dash_duo, hostile_app)

    # The report selector lists every title literally.
    driver.get(base + "/economy?lang=zh")
    _settle(driver)
    dash_duo.find_element("#report-select").click()
    options = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "[role=option]")]
    assert len(options) == 3 and all("<script>window.__xss" in o for o in options), options
    check("report selector open")
    driver.find_element(By.TAG_NAME, "body").send_keys("\ue00c")  # Escape

    # The footer cites the report title literally (zh title has the script, en the svg).
    driver.get(base + "/?lang=zh")
    _settle(driver)
    dash_duo.wait_for_contains_text("#site-footer", "<script>window.__xss")

    # Click a bar: its quote opens under the chart, markup shown as text.
    bar = driver.find_element(By.CSS_SELECTOR, "#_pages_content .barlayer .point path")
    ActionChains(driver).move_to_element(bar).click().perform()
    dash_duo.wait_for_contains_text("#_pages_content .quote-panel", "<img src=x onerror=")
    panel = driver.find_element(By.CSS_SELECTOR, "#_pages_content .quote-panel").text
    assert JS_URL in panel
    # Hover labels (plotly's pseudo-HTML) show the quote without running anything.
    driver.execute_script(
        "var gd = document.querySelector('#_pages_content .js-plotly-plot');"
        "Plotly.Fx.hover(gd, [{curveNumber: 0, pointNumber: 0}]);")
    time.sleep(0.3)
    check("overview after click and hover")

    # The facts table lists every quote as text.
    driver.get(base + "/data?lang=zh")
    _settle(driver)
    dash_duo.wait_for_contains_text("#_pages_content", "<script>window.__xss")
    check("/data table")

    # Hand-entered actual figures: their sources are opened on the target panel.
    driver.get(base + "/targets?lang=zh")
    _settle(driver)
    buttons = driver.find_elements(By.CSS_SELECTOR, "#_pages_content button")
    source_buttons = [b for b in buttons if "targets-sources" in (b.get_attribute("id") or "")
                      or b.text in ("查看原文出处", "Show the sentences")]
    assert source_buttons, "no source button on /targets"
    shown = []
    for button in source_buttons:
        driver.execute_script("arguments[0].click();", button)
        time.sleep(0.4)
        check("/targets sources")
        shown.append(driver.execute_script(
            "var m = document.querySelector('.modal.show'); return m ? m.innerText : '';"))
        driver.execute_script(
            "document.querySelectorAll('.modal .btn-close').forEach(b => b.click());")
        time.sleep(0.2)
    # The hand-entered source (gdp row of actuals.csv) appears as text in its panel.
    assert any("<script>window.__xss" in text for text in shown), shown[:3]

    # Markup in URL queries is reflected as text only.
    for path in ("/report", "/data", "/"):
        driver.get(f"{base}{path}?q={quote(PAYLOAD)}&fact={quote(SVG)}&group={quote(MARKUP)}")
        _settle(driver)
        check(f"{path} with markup in the query")

    assert hits == [], json.dumps(hits, ensure_ascii=False, indent=1)
    assert driver.execute_script("return window.__alerts") == []
