"""A version published while the app serves, seen in a real browser without a restart: the
app (on an SQLite database) starts with one report, so the navbar has no report selector;
after `publish`, a reload shows the selector and the new default report; after
`publish --rollback`, it is gone again. Screenshot: tests/browser/screenshots/
live-publish.png (1920×1080)."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from dashboard.components.report_select import BOX_ID
from dashboard.data_files import load_dataset
from dashboard.facts import report_title
from dashboard.i18n import t
from dashboard.store import open_store
from dashboard.store.versions import rollback
from tests.app_settings import production_app
from tests.store.folders import publish_folder, site_without


def _selector_shown(dash_duo) -> bool:
    return bool(dash_duo.driver.find_element(By.ID, BOX_ID).is_displayed())


def test_a_published_report_appears_and_a_rollback_removes_it(
    dash_duo, counties_dir, counties, tmp_path, wait_until, set_viewport, screenshot,
    assert_no_console_errors, external_requests,
):
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    first = site_without(counties_dir, tmp_path / "first",
                         drop=("luming-2025", "qingshi-2025"))
    app = production_app(database_url=url, data_dir=first)
    dash_duo.start_server(app)
    set_viewport(dash_duo, 1920, 1080)
    showing = t("report_select.showing", "zh",
                title=report_title(counties.reports, "luming-2024", "zh"))
    dash_duo.wait_for_text_to_equal("#page-report", showing, timeout=20)
    assert not _selector_shown(dash_duo)

    publish_folder(open_store(url), counties_dir, note="next year")

    def reloaded_with_selector() -> bool:
        dash_duo.driver.refresh()
        dash_duo.wait_for_element("#page-report", timeout=20)
        return _selector_shown(dash_duo)

    wait_until(reloaded_with_selector, timeout=30, message="selector after publish")
    newest = t("report_select.showing", "zh",
               title=report_title(load_dataset(counties_dir).reports, "luming-2025", "zh"))
    dash_duo.wait_for_text_to_equal("#page-report", newest, timeout=20)
    screenshot(dash_duo, "live-publish", 1920, 1080)

    rollback(open_store(url))

    def reloaded_without_selector() -> bool:
        dash_duo.driver.refresh()
        dash_duo.wait_for_element("#page-report", timeout=20)
        return not _selector_shown(dash_duo)

    wait_until(reloaded_without_selector, timeout=30, message="no selector after rollback")
    dash_duo.wait_for_text_to_equal("#page-report", showing, timeout=20)
    assert_no_console_errors(dash_duo)
    assert external_requests(dash_duo.driver) == []
    app.server.extensions["dashboard.snapshot"].pause()
