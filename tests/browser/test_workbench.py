"""The analysts' workbench in a real browser: /data (filter, search, select, download, share)
and /report (deep link, search, marks), screenshots at desktop and phone sizes.

The app holds only the two workbench pages (other pages are built elsewhere), serves the test
reports (``counties_dir``: the default report is luming-2025; luming-2024 is opened through a
link to one of its facts), and runs on a free port of its own: other test runs may share this
machine. Fact ids, counts and numbers are looked up from that data.
"""

from __future__ import annotations

import io
import socket
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from dashboard.facts import report_title
from dashboard.labels import sector_label
from dashboard.pipeline.build import build
from tests.app_settings import app_settings

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_SEEDS = ROOT / "tests" / "fixtures" / "explorer" / "hostile"
BUNDLES = ROOT / "tests" / "fixtures" / "bundles"
DEFAULT = "luming-2025"  # the latest work report: what /data and /report show by default
EARLIER = "luming-2024"
SEARCH_COLUMNS = ("indicator_zh", "indicator_en", "quote")  # what the search box looks in


@pytest.fixture(scope="session")
def workbench_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbench_pages")
    for name in ("data_explorer.py", "report.py"):
        (folder / name).symlink_to(ROOT / "dashboard" / "pages" / name)
    return folder


@pytest.fixture
def workbench_app(workbench_pages, counties_dir):
    return create_app(app_settings(pages_dir=workbench_pages, data_dir=counties_dir))


def _facts(counties, report: str) -> pd.DataFrame:
    return counties.scoped(report).indicators


def _matching(facts: pd.DataFrame, q: str) -> pd.DataFrame:
    """Facts whose indicator name or quote contains ``q`` (the search box's rule)."""
    hay = facts[list(SEARCH_COLUMNS)].astype(str).agg(" ".join, axis=1)
    return facts[hay.str.contains(q, regex=False)]


def _one(facts: pd.DataFrame, **where: object) -> pd.Series:
    rows = facts
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, where
    return rows.iloc[0]


def _number(value: float) -> str:
    return f"{value:g}"


def _start(dash_duo, app) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dash_duo.start_server(app, port=port)


def _query(driver) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(driver.current_url).query).items()}


def _count(dash_duo) -> str:
    return dash_duo.find_element("#data-count").text


def _grid_ids(driver) -> list[str]:
    """Fact ids of the rows the grid shows, in display order (pinned + centre share ids)."""
    rows = driver.find_elements(By.CSS_SELECTOR, ".ag-center-cols-container .ag-row")
    ordered = sorted(rows, key=lambda r: int(r.get_attribute("row-index")))
    return [r.get_attribute("row-id") for r in ordered]


def _in_viewport(driver, selector: str) -> bool:
    return driver.execute_script(
        "var el = document.querySelector(arguments[0]); if (!el) { return false; }"
        "var r = el.getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;", selector)


def _click(driver, selector: str) -> None:
    """Scroll an element to the middle of the screen (clear of the sticky navbar), click it."""
    element = driver.find_element(By.CSS_SELECTOR, selector)
    # "instant": Bootstrap makes scrolling smooth, and a click mid-scroll misses.
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def _download_dir(dash_duo) -> Path:
    """dash.testing gives each test a download folder (Chrome prefs); headless Chrome is also
    told so over CDP, whatever its version makes of the prefs."""
    folder = Path(dash_duo.download_path)
    dash_duo.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def _wait_download(folder: Path, suffix: str, wait_until) -> Path:
    def done():
        files = [p for p in folder.iterdir() if p.suffix == suffix]
        return files[0] if files and not list(folder.glob("*.crdownload")) else None
    path = wait_until(done, timeout=20, message=f"{suffix} download")
    time.sleep(0.2)
    return path


def _check_clean(dash_duo, external_requests, assert_no_console_errors) -> None:
    assert_no_console_errors(dash_duo)
    assert external_requests(dash_duo.driver) == []


def test_explore_filter_select_download_and_read(
    dash_duo, workbench_app, counties, wait_until, set_viewport, screenshot,
    assert_no_console_errors, requested_urls, external_requests,
):
    facts = _facts(counties, DEFAULT)
    total = len(facts)
    # The sector chart's top bar: most facts, ties by sector id.
    per_sector = facts.sector.value_counts()
    top = sorted(per_sector.index, key=lambda s: (-per_sector[s], s))[0]
    in_top = facts[facts.sector == top]
    searched = _matching(in_top, "万亩")
    farmland = _one(facts, indicator_id="high_standard_farmland", kind="actual")
    gdp = _one(facts, indicator_id="gdp", kind="actual", value_kind="level")
    assert top == "agriculture" and farmland.fact_id in set(searched.fact_id)
    _start(dash_duo, workbench_app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 1920, 1080)
    driver.get(dash_duo.server_url + "/data")
    dash_duo.wait_for_text_to_equal("#data-count", f"显示 {total} / {total} 条数据")
    dash_duo.wait_for_element(".ag-center-cols-container .ag-row")
    # The grid's theme (AG Grid Theming API) is generated by the local bundle: it is styled.
    assert driver.execute_script(
        "return getComputedStyle(document.querySelector('.ag-header')).backgroundColor"
    ) not in ("", "rgba(0, 0, 0, 0)")

    # A click on the chart's top bar (the sector with most facts) filters the grid.
    bar = driver.find_element(By.CSS_SELECTOR, "#data-sector-chart .trace.bars .point path")
    ActionChains(driver).move_to_element(bar).click().perform()
    wait_until(lambda: _query(driver).get("sectors") == top, message="sector in URL")
    dash_duo.wait_for_text_to_equal("#data-count", f"显示 {len(in_top)} / {total} 条数据")
    dash_duo.wait_for_contains_text("#data-sectors", sector_label(top, "zh"))

    # Free-text search narrows further, and lands in the URL.
    dash_duo.find_element("#data-q").send_keys("万亩")
    dash_duo.wait_for_text_to_equal("#data-count", f"显示 {len(searched)} / {total} 条数据")
    wait_until(lambda: _query(driver).get("q") == "万亩", message="q in URL")
    wait_until(lambda: len(_grid_ids(driver)) == len(searched), message="grid rows")
    shown = _grid_ids(driver)
    assert set(shown) == set(searched.fact_id)

    # The chart follows the grid: as many facts in the bars.
    in_bars = driver.execute_script(
        "var gd = document.querySelector('#data-sector-chart .js-plotly-plot');"
        "return gd._fullData.reduce(function (n, t) { return n + Array.from(t.x).reduce("
        "function (a, b) { return a + b; }, 0); }, 0);")
    assert in_bars == len(searched)

    # Selecting a row shows its paragraph, the number marked, and puts it in the URL.
    target = farmland.fact_id
    driver.find_element(
        By.CSS_SELECTOR, f'.ag-center-cols-container [row-id="{target}"] [col-id="value"]'
    ).click()
    dash_duo.wait_for_text_to_equal(f'#data-context mark[data-fact-id="{target}"]',
                                    _number(farmland.value))
    dash_duo.wait_for_contains_text("#data-context", "高标准农田")
    wait_until(lambda: _query(driver).get("fact") == target, message="fact in URL")
    screenshot(dash_duo, "workbench-data-zh-1920x1080", 1920, 1080)

    # Downloads: exactly the rows on screen, with their sources.
    download_dir = _download_dir(dash_duo)
    dash_duo.find_element("#data-download-csv-btn").click()
    csv_path = _wait_download(download_dir, ".csv", wait_until)
    assert csv_path.name == f"{DEFAULT}-facts.csv"  # named after the report
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(frame["fact_id"]) == shown
    assert set(frame["sector"]) == {top}
    assert frame["quote"].str.contains("万亩").all()
    assert set(frame["report_title"]) == {report_title(counties.reports, DEFAULT, "zh")}
    dash_duo.find_element("#data-download-xlsx-btn").click()
    xlsx_path = _wait_download(download_dir, ".xlsx", wait_until)
    assert xlsx_path.name == f"{DEFAULT}-facts.xlsx"
    book = load_workbook(xlsx_path)
    assert book.sheetnames == ["facts", "columns"]
    header = [c.value for c in book["facts"][1]]
    ids = [row[header.index("fact_id")] for row in book["facts"].iter_rows(min_row=2,
                                                                            values_only=True)]
    assert ids == shown
    values = [row[header.index("value")] for row in book["facts"].iter_rows(min_row=2,
                                                                             values_only=True)]
    assert all(isinstance(v, float | int) for v in values)

    # The context links to the report reader, which scrolls to the figure and highlights it.
    _click(driver, "#data-context-link")
    selector = f'#report-body mark[data-fact-id="{target}"]'
    dash_duo.wait_for_element(selector + ".is-target")
    wait_until(lambda: _in_viewport(driver, selector), message="mark scrolled into view")
    assert _query(driver).get("fact") == target
    title = dash_duo.find_element(selector).get_attribute("title")
    assert title.startswith(f"{farmland.indicator_zh}：{_number(farmland.value)}{farmland.unit}")
    screenshot(dash_duo, "workbench-report-zh-1920x1080", 1920, 1080)

    # A mark in the reader leads back to that fact in the explorer.
    other = gdp.fact_id
    _click(driver, f'mark[data-fact-id="{other}"] a')
    dash_duo.wait_for_element(f'.ag-center-cols-container .ag-row-selected[row-id="{other}"]')
    dash_duo.wait_for_text_to_equal(f'#data-context mark[data-fact-id="{other}"]',
                                    _number(gdp.value))

    _check_clean(dash_duo, external_requests, assert_no_console_errors)
    urls = requested_urls(driver)
    grid_js = [u for u in urls if "dash_ag_grid" in u]
    assert grid_js and all(urlsplit(u).hostname in ("127.0.0.1", "localhost") for u in grid_js)
    assert not [u for u in urls if ".css" in u and "ag-grid" in u]  # no theme CSS fetched


def test_view_restored_from_url_on_a_phone(
    dash_duo, workbench_app, counties, wait_until, set_viewport, screenshot,
    assert_no_console_errors, external_requests,
):
    # A link to a fact of the earlier report, naming no report: the page opens that report.
    facts = _facts(counties, EARLIER)
    total = len(facts)
    plan = _one(facts, indicator_id="high_standard_farmland", kind="plan")
    view = _matching(facts[(facts.sector == "agriculture") & (facts.period.astype(int) == 2024)
                           & facts.kind.isin(["plan", "target"])], "万亩")
    assert plan.fact_id in set(view.fact_id) and len(view) > 1
    _start(dash_duo, workbench_app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 390, 844)
    fact = plan.fact_id
    driver.get(dash_duo.server_url + "/data?lang=en&sectors=agriculture,bogus&periods=2024"
               f"&kinds=plan,target&q=%E4%B8%87%E4%BA%A9&fact={fact}")
    dash_duo.wait_for_contains_text("#data-notice", "sectors")
    dash_duo.wait_for_text_to_equal("#data-count", f"{len(view)} of {total} facts")
    title = report_title(counties.reports, EARLIER, "en")
    dash_duo.wait_for_text_to_equal("#page-report", f"Report shown: {title}")
    dash_duo.wait_for_contains_text("#data-sectors", "Agriculture")
    dash_duo.wait_for_contains_text("#data-kinds", "Plan")
    assert dash_duo.find_element("#data-q").get_attribute("value") == "万亩"
    dash_duo.wait_for_element(f'.ag-center-cols-container .ag-row-selected[row-id="{fact}"]')
    dash_duo.wait_for_text_to_equal(f'#data-context mark[data-fact-id="{fact}"]',
                                    _number(plan.value))
    # The footer cites the report whose facts are shown (the one the fact link opened).
    footer = dash_duo.find_element("#site-footer").text
    assert title in footer, footer

    # Usable on a phone: nothing wider than the screen; the grid scrolls inside itself.
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
    grid_box = driver.execute_script(
        "var r = document.querySelector('#data-grid').getBoundingClientRect();"
        "return [r.left, r.right];")
    assert grid_box[0] >= 0 and grid_box[1] <= 390
    screenshot(dash_duo, "workbench-data-en-390x844", 390, 844)

    # Switching the language keeps the whole view (the URL carries it).
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    dash_duo.find_element("#navbar-toggler").click()
    wait_until(lambda: dash_duo.find_element("#lang-btn-zh").is_displayed(), message="menu")
    dash_duo.find_element("#lang-btn-zh").click()
    dash_duo.wait_for_text_to_equal("#data-count", f"显示 {len(view)} / {total} 条数据")
    dash_duo.wait_for_contains_text("#data-sectors", "农业")
    dash_duo.wait_for_element(f'.ag-center-cols-container .ag-row-selected[row-id="{fact}"]')
    query = _query(driver)
    assert query["lang"] == "zh" and query["fact"] == fact
    assert set(query["kinds"].split(",")) == {"plan", "target"}
    _check_clean(dash_duo, external_requests, assert_no_console_errors)


def test_report_deep_link_search_and_sections(
    dash_duo, workbench_app, counties, wait_until, set_viewport, screenshot,
    assert_no_console_errors, external_requests,
):
    facts = _facts(counties, DEFAULT)
    total = len(facts)
    text = counties.report_text(DEFAULT)
    hits_expected = text.count("高标准农田")
    assert hits_expected >= 2 and text.count("高标准") == hits_expected
    # The heading of the targets' section, for the sections list.
    heading = str(facts[facts.kind == "target"].section.iloc[0]).split(" › ")[0]
    _start(dash_duo, workbench_app)
    driver = dash_duo.driver
    set_viewport(dash_duo, 390, 844)
    fact = str(facts.sort_values("start").fact_id.iloc[-1])  # the last figure of the report
    driver.get(dash_duo.server_url + f"/report?fact={fact}")
    selector = f'#report-body mark[data-fact-id="{fact}"]'
    dash_duo.wait_for_element(selector + ".is-target")
    wait_until(lambda: _in_viewport(driver, selector), message="deep link scrolled")
    first = driver.find_element(By.CSS_SELECTOR, "#report-body mark[data-fact-id]")
    first_id = first.get_attribute("data-fact-id")
    assert driver.execute_script("return window.scrollY") > 500
    assert not _in_viewport(driver, f'#report-body mark[data-fact-id="{first_id}"]')
    marks = driver.find_elements(By.CSS_SELECTOR, "#report-body mark[data-fact-id]")
    assert len(marks) == total
    kinds = {m.get_attribute("class").split()[-1] for m in marks}
    expected = {"kind-actual", "kind-target", "kind-plan"}
    if (facts.indicator_id == "unclassified").any():  # a figure naming no measured noun
        expected.add("kind-unclassified")
    assert expected <= kinds
    published = (BUNDLES / "two-years" / f"{DEFAULT}.txt").read_text(encoding="utf-8")
    for furniture in ("索引号", "发布机构"):  # page furniture of the published text
        assert furniture in published
        assert furniture not in dash_duo.find_element("#report-body").text
    assert not dash_duo.find_element("#report-toc").get_attribute("open")  # phone: closed
    screenshot(dash_duo, "workbench-report-zh-390x844", 390, 844)

    # Search: matches highlighted and counted; the first one scrolled to; state in the URL.
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    dash_duo.find_element("#report-q").send_keys("高标准农田")
    dash_duo.wait_for_text_to_equal("#report-count", f"找到 {hits_expected} 处")
    hits = driver.find_elements(By.CSS_SELECTOR, "#report-body .search-hit")
    assert "".join(h.text for h in hits) == "高标准农田" * hits_expected
    wait_until(lambda: _in_viewport(driver, "#report-body .search-hit"), message="first hit")
    wait_until(lambda: _query(driver) == {"fact": fact, "q": "高标准农田"}, message="URL")
    dash_duo.wait_for_element(selector + ".is-target")  # still marked after re-rendering

    # Wide screen, English: the sections list is open; a heading link jumps to it.
    set_viewport(dash_duo, 1920, 1080)
    driver.get(dash_duo.server_url + "/report?lang=en&q=%E9%AB%98%E6%A0%87%E5%87%86")
    dash_duo.wait_for_text_to_equal("#report-count", f"{hits_expected} matches")
    wait_until(lambda: dash_duo.find_element("#report-toc").get_attribute("open"),
               message="sections open")
    link = driver.find_element(By.LINK_TEXT, heading)
    link.click()
    anchor = link.get_attribute("href").split("#")[1]
    wait_until(lambda: _in_viewport(driver, f'[id="{anchor}"]'), message="jump to section")
    dash_duo.wait_for_element("#report-legend")
    assert dash_duo.find_element("#report-legend").text.split() == [
        "Legend:", "Result", "Target", "Plan", "Unclassified"]
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    screenshot(dash_duo, "workbench-report-en-1920x1080", 1920, 1080)

    # An invalid fact is ignored with a notice, never an error page.
    set_viewport(dash_duo, 390, 844)
    driver.get(dash_duo.server_url + "/report?lang=en&fact=%3Cscript%3E")
    dash_duo.wait_for_contains_text("#report-notice", "fact")
    screenshot(dash_duo, "workbench-report-notice-en-390x844", 390, 844)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#report-body mark[data-fact-id]")) == total
    _check_clean(dash_duo, external_requests, assert_no_console_errors)


def test_report_text_is_never_html(
    dash_duo, workbench_pages, tmp_path, wait_until, assert_no_console_errors, external_requests,
):
    build(HOSTILE_SEEDS, tmp_path)
    app = create_app(app_settings(pages_dir=workbench_pages, data_dir=tmp_path))
    _start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/report")
    dash_duo.wait_for_contains_text("#report-body", "<script>window.__pwned = true; alert(")
    body = dash_duo.find_element("#report-body")
    assert '<img src=x onerror="window.__pwned=true">' in body.text
    assert "<b>粗体</b>" in body.text
    for tag in ("script", "img", "b"):
        assert body.find_elements(By.TAG_NAME, tag) == []
    driver.get(dash_duo.server_url + "/data")
    dash_duo.wait_for_contains_text("#data-grid", "alert(1)</script>")
    assert dash_duo.find_element("#data-grid").find_elements(By.TAG_NAME, "script") == []
    assert driver.execute_script("return window.__pwned === undefined")
    _check_clean(dash_duo, external_requests, assert_no_console_errors)
