"""Done when of #15, in a real browser: an admin uploads the seed city's next-year report
(written for the tests, tests/fixtures/eval/shawan-2025.txt) as a .docx made here, reviews its
queue, publishes, and sees the 2024 gauges fill with their source; rolls back; uploads the
same report as a PDF (printed here by Chromium), finds every decision already made, and
publishes again; a scanned PDF gets its message. Screenshots: upload-review-desktop.png,
upload-review-phone.png, upload-targets.png."""

from __future__ import annotations

import shutil
from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By

from dashboard.pipeline.build import DATA_DIR, SEEDS_DIR
from dashboard.store import open_store
from dashboard.upload.queue import CATEGORIES
from dashboard.upload.web import SEEDS_CONFIG
from dashboard.users import accounts
from tests.app_settings import production_app
from tests.upload.makers import blank_pdf, make_docx, make_pdf

PASSWORD = "correct horse battery"
NEXT = (Path(__file__).parents[1] / "fixtures" / "eval" / "shawan-2025.txt").read_text(
    encoding="utf-8")
TARGETS = "/targets?report=shawan-2024&year=2024"
NO_ACTUAL = "暂无实际值"


def _upload(dash_duo, path: Path) -> None:
    dash_duo.driver.get(dash_duo.server_url + "/upload")
    dash_duo.wait_for_element("#upload-file", timeout=20).send_keys(str(path))
    dash_duo.find_element("#upload-send").click()


def _click(dash_duo, element) -> None:
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                                   "arguments[0].click();", element)


def _heading(dash_duo) -> str:
    try:
        return dash_duo.find_element("#upload-queue-heading").text
    except (StaleElementReferenceException, NoSuchElementException):
        return ""  # the panel is being replaced


def _review_everything(dash_duo, wait_until) -> None:
    first = dash_duo.wait_for_element(".upload-queue li button", timeout=30)
    _click(dash_duo, first)  # 审阅: the editor shows that item with its number marked
    dash_duo.wait_for_element(".upload-editor mark", timeout=20)
    accept = dash_duo.find_element(".upload-editor .upload-decide-accept")
    _click(dash_duo, accept)
    dash_duo.wait_for_contains_text("#upload-message", "已记录", timeout=20)

    for _ in range(len(CATEGORIES)):  # one group at a time, each click answered first
        buttons = [b for b in dash_duo.driver.find_elements(
            By.CSS_SELECTOR, ".upload-queue section > button") if b.is_enabled()]
        if not buttons:
            break
        heading = dash_duo.find_element("#upload-queue-heading").text
        _click(dash_duo, buttons[0])
        wait_until(lambda h=heading: _heading(dash_duo) not in ("", h), timeout=30,
                   message="a group accepted")
    dash_duo.wait_for_contains_text("#upload-queue-heading", "0 项未处理", timeout=30)


def _gauge_page(dash_duo) -> str:
    dash_duo.driver.get(dash_duo.server_url + TARGETS)
    dash_duo.wait_for_element("#targets-groups", timeout=20)
    return dash_duo.driver.page_source


def test_upload_review_publish_roll_back_and_reuse(
    dash_duo, tmp_path, wait_until, set_viewport, screenshot, external_requests,
    assert_no_console_errors,
):
    seeds = shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    url = f"sqlite:///{tmp_path / 'upload.sqlite3'}"
    app = production_app(database_url=url, data_dir=DATA_DIR)
    app.server.config[SEEDS_CONFIG] = str(seeds)
    accounts.add_user(open_store(url), "admin", PASSWORD, "admin")
    dash_duo.start_server(app)
    set_viewport(dash_duo, 1920, 1080)
    empty_gauges = _gauge_page(dash_duo).count(NO_ACTUAL)
    assert empty_gauges > 20  # the seed alone: its 2024 targets have no actual yet

    dash_duo.driver.get(dash_duo.server_url + "/signin?next=/upload")
    dash_duo.wait_for_element("#signin-name", timeout=20).send_keys("admin")
    dash_duo.find_element("#signin-password").send_keys(PASSWORD)
    dash_duo.find_element("#signin-submit").click()
    dash_duo.wait_for_element("#upload-file", timeout=20)

    docx = tmp_path / "2025年沙湾市政府工作报告.docx"
    docx.write_bytes(make_docx(NEXT))
    _upload(dash_duo, docx)
    dash_duo.wait_for_contains_text("#upload-queue-heading", "待审事项", timeout=30)
    assert "2025年沙湾市政府工作报告" in dash_duo.find_element(".upload-details").get_attribute(
        "innerHTML")
    _review_everything(dash_duo, wait_until)
    screenshot(dash_duo, "upload-review-desktop", 1920, 1080)
    _click(dash_duo, dash_duo.find_element(".upload-publish"))
    dash_duo.wait_for_contains_text("#upload-message", "已发布", timeout=30)

    def gauges_filled() -> bool:
        page = _gauge_page(dash_duo)
        return page.count(NO_ACTUAL) < empty_gauges - 10 and "2025年沙湾市" in page
    # The server follows the new version on its own (a poll, then loading it): on two cores
    # shared with the rest of the suite that can take well over 20 s.
    wait_until(gauges_filled, timeout=60, message="2024 gauges filled from the 2025 report")
    screenshot(dash_duo, "upload-targets", 1920, 1080)

    dash_duo.driver.get(dash_duo.server_url + "/upload")
    _click(dash_duo, dash_duo.wait_for_element(".upload-rollback", timeout=20))
    dash_duo.wait_for_contains_text("#upload-message", "已恢复", timeout=30)
    wait_until(lambda: _gauge_page(dash_duo).count(NO_ACTUAL) == empty_gauges, timeout=60,
               message="rolled back: the gauges are empty again")

    pdf = tmp_path / "shawan-2025.pdf"
    pdf.write_bytes(make_pdf(NEXT, tmp_path))
    _upload(dash_duo, pdf)
    dash_duo.wait_for_contains_text("#upload-queue-heading", "0 项未处理", timeout=30)
    set_viewport(dash_duo, 390, 844)
    screenshot(dash_duo, "upload-review-phone", 390, 844)
    set_viewport(dash_duo, 1920, 1080)
    _click(dash_duo, dash_duo.find_element(".upload-publish"))
    dash_duo.wait_for_contains_text("#upload-message", "已发布", timeout=30)
    wait_until(gauges_filled, timeout=20, message="published again from the PDF")

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf())
    _upload(dash_duo, scan)
    dash_duo.wait_for_contains_text("#upload-message", "没有文字层", timeout=20)
    assert external_requests(dash_duo.driver) == []
    assert_no_console_errors(dash_duo)
