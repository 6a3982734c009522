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
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from dash.testing.application_runners import BaseDashRunner
from selenium.webdriver.chrome.options import Options as ChromeOptions

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
