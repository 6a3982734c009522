"""Headless Chromium for ``dash_duo`` plus helpers shared by browser tests.

* ``pytest_setup_options`` configures Debian's /usr/bin/chromium (override with
  DASH_TEST_CHROMEPATH). No ``--headless`` pytest flag is needed.
* Helpers, each also offered as a fixture of the same name (fixtures work
  whatever pytest import mode is used; conftest modules should not be imported):

  - ``screenshot(dash_duo, name, width, height)`` emulates a viewport of that
    size and writes ``tests/browser/screenshots/<name>.png`` (git-ignored);
  - ``assert_no_console_errors(dash_duo)`` fails on any SEVERE console entry;
  - ``requested_urls(driver)`` / ``external_requests(driver)`` read Chrome's
    performance log (every ``Network.requestWillBeSent``); the log is drained
    on read, so URLs are accumulated per browser session;
  - ``set_viewport(dash_duo, width, height)`` and ``wait_until(fn, timeout)``.
* ``shell_app`` is the real app built with the fixture pages in
  ``tests/fixtures/pages``; ``targets_app`` and ``targets_app_with_actuals`` the real pages.
  Every app serves the test reports (``counties_dir`` of tests/conftest.py: 鹿鸣县 2024 and
  2025, 青石县 2025; the default report is luming-2025), never the seed in data/. Each app
  loads its own snapshot from that folder, so no page layout memoised by one app (the memo
  belongs to the snapshot) is ever served by another.
* ``dash_duo`` (dash.testing's fixture, replaced here): each test still gets its own
  threaded server and its own ``DashComposite``, but every test of a pytest process drives
  one Chromium, started once (starting and quitting one took ~5 s of a test). Between tests
  the browser is brought back to what a new one would be: a new tab (so no script added with
  ``Page.addScriptToEvaluateOnNewDocument``, no extra HTTP header, no emulated viewport and no
  history survive), no cookie (cookies are per host, not per port: a session signed in by one
  test would otherwise reach the next test's server), the previous origin's storage cleared,
  the pointer back at the top left, the console and performance logs drained, downloads into
  the test's own folder. A Chromium that died is started again.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from dash.testing.application_runners import BaseDashRunner
from dash.testing.browser import Browser
from dash.testing.composite import DashComposite
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options as ChromeOptions
from selenium.webdriver.common.action_chains import ActionBuilder

from dashboard.app_factory import create_app
from tests.app_settings import app_settings

SCREENSHOT_DIR = Path(__file__).parent / "screenshots"
FIXTURE_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss"})

CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1920,1080",
    "--lang=zh-CN",
)

_seen_urls: dict[str, list[str]] = defaultdict(list)


class _MergingChromeOptions(ChromeOptions):
    """dash.testing's Browser sets goog:loggingPrefs to browser-only after this
    hook runs, which would drop the performance log; merge instead of replace."""

    def set_capability(self, name: str, value: Any) -> None:
        if name == "goog:loggingPrefs":
            value = {"performance": "ALL", **dict(value)}
        super().set_capability(name, value)


def pytest_configure(config: pytest.Config) -> None:
    # dash.testing numbers its threaded servers from one class-wide port (58050, +1 a test):
    # two pytest processes (xdist workers -- `make test` runs this lane with -n 2 -- or two
    # sessions on one machine) would all start at the same port. Each process takes a block
    # of 50 ports of its own from its pid instead. (Chromium needs nothing: every
    # chromedriver session starts it with a fresh temporary profile on a port of its own.)
    BaseDashRunner._next_port = 20000 + (os.getpid() % 500) * 50


def pytest_setup_options() -> ChromeOptions:
    options = _MergingChromeOptions()
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.binary_location = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    return options


class _Chromium:
    """The one Chromium of this pytest process, started on first use (``get``), started
    again if it died, quit at the end of the session."""

    def __init__(self, config: pytest.Config, download_path: Path) -> None:
        self._config = config
        self._download_path = download_path
        self._browser: Browser | None = None

    def get(self) -> Any:
        if self._browser is not None:
            try:
                self._browser.driver.window_handles  # noqa: B018 - alive?
            except WebDriverException:
                self.quit()
        if self._browser is None:
            config = self._config
            self._browser = Browser(
                browser=config.getoption("webdriver"),
                remote=config.getoption("remote"),
                remote_url=config.getoption("remote_url"),
                headless=config.getoption("headless"),
                options=config.hook.pytest_setup_options(),
                download_path=str(self._download_path),
                percy_run=False,
            )
        return self._browser.driver

    def quit(self) -> None:
        browser, self._browser = self._browser, None
        if browser is not None:
            browser.__exit__(None, None, None)


@pytest.fixture(scope="session")
def _chromium(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Chromium]:
    chromium = _Chromium(request.config, tmp_path_factory.mktemp("chromium-downloads"))
    yield chromium
    chromium.quit()


def _fresh_tab(driver: Any, download_path: str) -> None:
    """Leave the browser as a newly started one would be (see the module's docstring)."""
    old = driver.window_handles
    driver.switch_to.new_window("tab")
    fresh = driver.current_window_handle
    for handle in old:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(fresh)
    # A tab opened beside another does not have the focus (document.hasFocus() is false, and
    # a dropdown that closes on blur misbehaves) until it is brought to the front.
    driver.execute_cdp_cmd("Page.bringToFront", {})
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": download_path})
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(0, 0)
    actions.perform()
    actions.clear_actions()
    driver.get_log("browser")
    driver.get_log("performance")
    _seen_urls.pop(driver.session_id, None)


class _SharedChromiumDuo(DashComposite):
    """dash.testing's ``DashComposite`` on the process's Chromium instead of a new one."""

    def __init__(self, server: Any, driver: Any, download_path: str) -> None:
        self._shared_driver = driver
        super().__init__(server=server, browser="chrome", download_path=download_path,
                         percy_run=False)

    def _try_get_webdriver(self) -> Any:
        return self._shared_driver

    def __exit__(self, exc_type: Any, exc_val: Any, traceback: Any) -> None:
        """Leave the page (its scripts stop calling the server about to stop) and forget
        the origin's storage; the browser stays up for the next test."""
        try:
            origin = self.server_url.rstrip("/") if self.server_url else ""
            self.driver.get("about:blank")
            if origin:
                self.driver.execute_cdp_cmd("Storage.clearDataForOrigin",
                                            {"origin": origin, "storageTypes": "all"})
        except WebDriverException:
            pass  # a browser that died is started again by the next test


@pytest.fixture
def dash_duo(request: pytest.FixtureRequest, dash_thread_server: Any, tmp_path: Path,
             _chromium: _Chromium) -> Iterator[DashComposite]:
    """dash.testing's ``dash_duo`` (a threaded server and a browser), on the one Chromium."""
    download = tmp_path / "download"
    download.mkdir()
    driver = _chromium.get()
    _fresh_tab(driver, str(download))
    with _SharedChromiumDuo(dash_thread_server, driver, str(download)) as duo:
        yield duo


@pytest.fixture
def shell_app(counties_dir):
    """The real shell with the test fixture pages (a demo graph page, about, hidden)."""
    return create_app(app_settings(pages_dir=FIXTURE_PAGES, data_dir=counties_dir))


def _requested_urls(driver: Any) -> list[str]:
    """Every URL the page requested since the browser started (network schemes only)."""
    session = driver.session_id
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        if urlsplit(url).scheme in NETWORK_SCHEMES:
            _seen_urls[session].append(url)
    return list(_seen_urls[session])


def _external_requests(driver: Any) -> list[str]:
    """Requests to any host other than this machine (must stay empty)."""
    return [u for u in _requested_urls(driver) if urlsplit(u).hostname not in LOCAL_HOSTS]


def _assert_no_console_errors(dash_duo: Any) -> None:
    errors = dash_duo.get_logs()
    assert errors == [], "console errors:\n" + "\n".join(str(e) for e in errors)


def _set_viewport(dash_duo: Any, width: int, height: int) -> None:
    """Emulate an exact CSS viewport (window size would include no chrome in
    headless, but device metrics also make ``mobile`` viewports honour meta tags)."""
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 768},
    )
    # Let plotly's responsive resize handler and CSS media queries settle.
    dash_duo.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "window.dispatchEvent(new Event('resize'));"
        "setTimeout(function () { requestAnimationFrame(function () { done(); }); }, 400);"
    )


def _screenshot(dash_duo: Any, name: str, width: int, height: int) -> Path:
    """Save a viewport screenshot at ``width`` x ``height`` CSS pixels."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    _set_viewport(dash_duo, width, height)
    path = SCREENSHOT_DIR / f"{name}.png"
    assert dash_duo.driver.save_screenshot(str(path)), f"could not save {path}"
    return path


def _wait_until(condition: Any, timeout: float = 10.0, message: Any = "condition") -> Any:
    """Poll ``condition()`` until it returns something truthy; ``message`` may be a function,
    called on failure (to show the state reached)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            shown = message() if callable(message) else message
            raise AssertionError(f"timed out waiting for {shown}")
        time.sleep(0.1)


@pytest.fixture
def screenshot():
    return _screenshot


@pytest.fixture
def assert_no_console_errors():
    return _assert_no_console_errors


@pytest.fixture
def requested_urls():
    return _requested_urls


@pytest.fixture
def external_requests():
    return _external_requests


@pytest.fixture
def set_viewport():
    return _set_viewport


@pytest.fixture
def wait_until():
    return _wait_until


# /targets (tests/browser/test_targets_page.py)
# Figures entered by hand for 2025, the year the default report (luming-2025) sets targets
# for; every row is checked against the targets of that report. Line 7 is rejected (its date
# is outside the year). Sources are test text, one of them markup, one a web address.
TARGETS_ACTUALS = """indicator_id,period,as_of,value,unit,source
gdp,2025,2025-06-30,6.6,%,测试数据（非真实）：上半年主要经济指标
budget_revenue,2025,2025-06-30,3.0,%,测试数据（非真实）
livestock_slaughter,2025,2025-06-30,22,万头只,测试数据（非真实）
tourism_events,2025,2025-12-31,72,场次,<b>测试数据</b>（非真实）
fixed_asset_investment,2025,2025-06-30,12,亿元,https://example.org/test-only
retail_sales,2025,2026-01-31,9.5,%,测试数据：日期超出年度
"""


@pytest.fixture
def targets_app(counties_dir):
    """The real app and pages on the test reports (their actuals.csv is empty: no actual
    figure for 2025 yet)."""
    return create_app(app_settings(data_dir=counties_dir))


@pytest.fixture
def targets_app_with_actuals(tmp_path, counties_dir):
    """The real app on a copy of the test reports whose actuals.csv holds test rows, one bad."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(counties_dir, data)
    (data / "actuals.csv").write_text(TARGETS_ACTUALS, encoding="utf-8")
    return create_app(app_settings(data_dir=data))
