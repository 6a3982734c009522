"""The officials' pages in a real browser: both languages, every control, every graph drawn,
hover and click show the quote, the URL keeps the state, no console error, no other host.

The app serves the test reports (``counties_dir``): the default report is luming-2025; the
overview is opened for luming-2024 (``?report=``), whose farming figures have no growth rate.
Both 鹿鸣县 reports are loaded, so the overview and economy pages also draw the trend charts.

Screenshots (tests/browser/screenshots/officials-*.png) at 1920×1080 and 390×844.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app_factory import create_app
from dashboard.facts import report_title
from dashboard.i18n import t
from tests.app_settings import app_settings

GRAPH = ".officials-graph .js-plotly-plot"
POINTS = ".barlayer .point path, .scatterlayer .point"  # a bar, or a marker of a trend chart
DRAWN = (  # graphs whose SVG is drawn, with bars or markers in it
    "return Array.from(document.querySelectorAll(arguments[0]))"
    ".filter(function (g) { return g.querySelector('.main-svg .barlayer .point, "
    ".main-svg .scatterlayer .point'); }).length;"
)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    control: str         # id of the control
    choice: str          # a value to pick (radio) or to untick (checklist)
    url_param: str       # what the URL must then contain (comma lists in any order)
    graphs_before: int
    graphs_after: int
    report: str = "luming-2025"  # the report the page shows


# luming-2025's main targets (主要预期目标是：…), in the order the report states them.
HEADLINE = ["gdp", "budget_revenue", "fixed_asset_investment", "retail_sales", "urban_new_jobs",
            "surveyed_unemployment", "disposable_income"]
PAGES = [
    # luming-2024: growth chart and trends (levels, growth); its farming figures have no
    # growth rate: "not stated" instead of the growth chart, and the levels trend only.
    Page("overview", "/?report=luming-2024", "overview-group", "agriculture",
         "group=agriculture", 3, 1, "luming-2024"),
    # growth, GDP, fiscal, and the trends of the indicators ticked (levels, growth).
    Page("economy", "/economy", "economy-indicators", "fixed_asset_investment",
         "ind=" + ",".join(i for i in HEADLINE if i != "fixed_asset_investment"), 5, 5),
    Page("investment", "/investment", "investment-view", "growth", "view=growth", 2, 2),
    Page("agriculture", "/agriculture", "agriculture-view", "livestock", "view=livestock", 1, 1),
    Page("tourism", "/tourism", "tourism-measure", "plans", "measure=plans", 1, 1),
]


@pytest.fixture
def app(counties_dir):
    return create_app(app_settings(data_dir=counties_dir))


def _has_param(url: str, wanted: str) -> bool:
    """Whether ``url`` holds ``key=value`` (a comma list compared as a set)."""
    key, value = wanted.split("=", 1)
    got = parse_qs(urlsplit(url).query).get(key)
    return bool(got) and set(got[0].split(",")) == set(value.split(","))


def _heading(dash_duo, counties, page: Page, lang: str) -> None:
    """The page heading, with the years of the report shown (the overview's names them)."""
    report = counties.report(page.report)
    years = {"year": int(report.report_year), "review_year": int(report.review_period)}
    dash_duo.wait_for_text_to_equal(f"#{page.name}-heading",
                                    t(f"{page.name}.heading", lang, **years))


def _graphs(dash_duo, wait_until, count: int) -> list:
    if count:
        wait_until(lambda: dash_duo.driver.execute_script(DRAWN, GRAPH) == count,
                   timeout=20, message=f"{count} graphs drawn")
    found = dash_duo.driver.find_elements(By.CSS_SELECTOR, GRAPH)
    assert len(found) == count
    return found


def _pick(dash_duo, page: Page) -> None:
    """Operate the control: click the label of the option (the inputs are btn-check)."""
    label = dash_duo.driver.find_element(
        By.CSS_SELECTOR, f"#{page.control} input[value='{page.choice}'] + label")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()


def _click_first_point(dash_duo, wait_until, counties, page: Page) -> str:
    """Hover then click the first bar (or marker) of the first chart; return the quote panel
    text. The quote links to a fact of the page's place in the report reader."""
    driver = dash_duo.driver
    card = driver.find_element(By.CSS_SELECTOR, ".officials-card:has(.officials-graph)")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", card)
    moves = iter(range(10**6))

    def hovered() -> list:
        # plotly may redraw (resize) under a still mouse: move a little each time.
        point = card.find_element(By.CSS_SELECTOR, POINTS)
        ActionChains(driver).move_to_element_with_offset(point, next(moves) % 3 - 1, 0).perform()
        return card.find_elements(By.CSS_SELECTOR, ".hoverlayer .hovertext")

    hover = wait_until(hovered, message="hover label")
    point = card.find_element(By.CSS_SELECTOR, POINTS)
    assert "原文" in hover[0].text or "Source" in hover[0].text
    ActionChains(driver).move_to_element(point).click().perform()
    wait_until(lambda: card.find_elements(By.CSS_SELECTOR, ".quote-slot .source-quote"),
               message="quote panel")
    href = card.find_element(By.CSS_SELECTOR, ".quote-slot a").get_attribute("href")
    assert urlsplit(href).path == "/report"
    fact = parse_qs(urlsplit(href).query)["fact"][0]
    facts = counties.all_facts
    owner = facts.loc[facts.fact_id == fact, "report_id"]
    place = counties.reports.set_index("report_id").place
    assert len(owner) == 1 and place[owner.iloc[0]] == place[page.report], href
    return card.find_element(By.CSS_SELECTOR, ".quote-slot .source-quote").text


def _phone_shots(dash_duo, screenshot, set_viewport, name: str) -> None:
    screenshot(dash_duo, f"{name}-390x844", 390, 844)
    driver = dash_duo.driver
    cards = driver.find_elements(By.CSS_SELECTOR, ".officials-card")
    if cards:
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'});"
                              "window.scrollBy(0, -72);", cards[0])  # below the sticky navbar
        screenshot(dash_duo, f"{name}-chart-390x844", 390, 844)
    driver.execute_script("window.scrollTo(0, 0);")
    set_viewport(dash_duo, 1920, 1080)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_both_languages_control_and_quote(
    dash_duo, app, counties, page, wait_until, screenshot, set_viewport,
    assert_no_console_errors, external_requests
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + page.path)
    _heading(dash_duo, counties, page, "zh")
    dash_duo.wait_for_text_to_equal("#page-report", t(
        "report_select.showing", "zh", title=report_title(counties.reports, page.report, "zh")))
    _graphs(dash_duo, wait_until, page.graphs_before)
    screenshot(dash_duo, f"officials-{page.name}-zh-1920x1080", 1920, 1080)
    if page.graphs_before:
        quote = _click_first_point(dash_duo, wait_until, counties, page)
        assert quote.startswith("“")
    _phone_shots(dash_duo, screenshot, set_viewport, f"officials-{page.name}-zh")

    _pick(dash_duo, page)
    wait_until(lambda: _has_param(driver.current_url, page.url_param), message=page.url_param)
    _graphs(dash_duo, wait_until, page.graphs_after)
    if page.name == "overview":  # farming has no growth rates: said, not an empty axis
        dash_duo.wait_for_contains_text(f"#{page.name}-content", t("shell.not_stated", "zh"))

    # English keeps the state in the URL and in the control, and the report shown.
    dash_duo.find_element("#lang-btn-en").click()
    _heading(dash_duo, counties, page, "en")
    wait_until(lambda: "lang=en" in driver.current_url
               and _has_param(driver.current_url, page.url_param),
               message=lambda: f"state kept across the language switch: {driver.current_url}")
    dash_duo.wait_for_text_to_equal("#page-report", t(
        "report_select.showing", "en", title=report_title(counties.reports, page.report, "en")))
    _graphs(dash_duo, wait_until, page.graphs_after)
    assert page.choice not in _checked(dash_duo, page) if page.name == "economy" \
        else _checked(dash_duo, page) == [page.choice]
    if page.graphs_after:
        _click_first_point(dash_duo, wait_until, counties, page)
        panel = driver.find_element(By.CSS_SELECTOR, ".quote-slot").text
        assert t("source.read_in_report", "en") in panel
    screenshot(dash_duo, f"officials-{page.name}-en-1920x1080", 1920, 1080)
    _phone_shots(dash_duo, screenshot, set_viewport, f"officials-{page.name}-en")

    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []


def _checked(dash_duo, page: Page) -> list[str]:
    inputs = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{page.control} input")
    return [i.get_attribute("value") for i in inputs if i.is_selected()]


def test_copied_url_restores_the_view_and_bad_values_are_noted(
    dash_duo, app, counties, wait_until, assert_no_console_errors, external_requests
):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/investment?view=growth&lang=en")
    dash_duo.wait_for_text_to_equal("#investment-heading", t("investment.heading", "en"))
    _graphs(dash_duo, wait_until, 2)
    assert _checked(dash_duo, PAGES[2]) == ["growth"]
    fai = driver.find_element(By.CSS_SELECTOR, ".officials-card-fai").text
    # Growth view: 2024 growth (增长17.5%), the growth target (增长12%以上) and the level
    # target converted (突破32亿元 over 28.9亿元: +10.73%).
    assert "+17.5%" in fai and "+12%" in fai and "+10.73%" in fai
    # A contradiction found by the quality check would be marked (⚠); these reports have none.
    assert counties.quality.empty and "⚠" not in fai

    # (a URL without lang= would now open in English: the choice is remembered)
    driver.get(dash_duo.server_url + "/economy?ind=gdp,bogus&lang=zh")
    dash_duo.wait_for_text_to_equal("#economy-heading", t("economy.heading", "zh"))
    dash_duo.wait_for_contains_text(".url-notice", "ind")
    assert _checked(dash_duo, PAGES[1]) == ["gdp"]
    wait_until(lambda: driver.current_url.endswith("/economy?lang=zh&ind=gdp"),
               message="invalid value dropped from the address on load")
    # operating the control rewrites the address with valid values only
    _pick(dash_duo, Page("economy", "", "economy-indicators", "retail_sales", "", 0, 0))
    wait_until(lambda: driver.current_url.endswith("/economy?lang=zh&ind=gdp,retail_sales"),
               message="URL rewritten")

    # The report named in the address stays in it when a control rewrites the address.
    driver.get(dash_duo.server_url + "/economy?report=luming-2024&ind=gdp&lang=zh")
    dash_duo.wait_for_text_to_equal("#page-report", t(
        "report_select.showing", "zh", title=report_title(counties.reports, "luming-2024", "zh")))
    assert _checked(dash_duo, PAGES[1]) == ["gdp"]
    _pick(dash_duo, Page("economy", "", "economy-indicators", "retail_sales", "", 0, 0))
    wait_until(lambda: driver.current_url.endswith(
        "/economy?report=luming-2024&lang=zh&ind=gdp,retail_sales"), message="report kept")

    driver.get(dash_duo.server_url + "/agriculture?view=nonsense&lang=zh")
    dash_duo.wait_for_contains_text(".url-notice", "view")
    assert _checked(dash_duo, PAGES[3]) == ["crops"]
    _graphs(dash_duo, wait_until, 1)
    assert_no_console_errors(dash_duo)
    assert external_requests(driver) == []
