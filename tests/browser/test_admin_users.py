"""/admin/users in a real browser: an admin finds the page from /entry, adds an editor (the
temporary password shown once), resets another's password; the new editor signs in with the
temporary password and is refused the page. Screenshots: admin-users-1920x1080.png,
admin-users-390x844.png, admin-users-change-390x844.png, admin-users-refused-390x844.png."""

from __future__ import annotations

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.app_factory import create_app
from dashboard.data_files import load_dataset
from dashboard.store import open_store
from dashboard.users import accounts
from tests.app_settings import app_settings
from tests.browser.test_accessibility import AXE, AXE_RUN_JS, BLOCKING_IMPACTS

PASSWORD = "correct horse battery"


def _sign_in(dash_duo, name: str, password: str, then: str) -> None:
    dash_duo.driver.delete_all_cookies()
    dash_duo.driver.get(dash_duo.server_url + f"/signin?next={then}")
    dash_duo.wait_for_element("#signin-name", timeout=20).send_keys(name)
    dash_duo.find_element("#signin-password").send_keys(password)
    dash_duo.find_element("#signin-submit").click()


def _choose(dash_duo, selector: str, text: str) -> None:
    dash_duo.select_dcc_dropdown(selector, value=text)
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)  # a multi-choice menu stays open
    dash_duo.wait_for_contains_text(selector, text, timeout=10)


def _overlapping(driver, selector: str) -> list[str]:
    """Pairs of the page's controls whose boxes overlap (they should sit side by side)."""
    boxes = [(e.get_attribute("id") or e.text, e.rect) for e in
             driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]
    found = []
    for i, (a, ra) in enumerate(boxes):
        for b, rb in boxes[i + 1:]:
            if ra["x"] < rb["x"] + rb["width"] - 1 and rb["x"] < ra["x"] + ra["width"] - 1 \
                    and ra["y"] < rb["y"] + rb["height"] - 1 \
                    and rb["y"] < ra["y"] + ra["height"] - 1:
                found.append(f"{a} / {b}")
    return found


def _axe_problems(driver) -> list[str]:
    """Critical or serious axe-core violations of the admin's view (the accessibility test
    audits only what a visitor sees)."""
    driver.execute_script(AXE)
    found = json.loads(driver.execute_async_script(AXE_RUN_JS))
    return [f"{v['id']}: {v['nodes']}" for v in found if v["impact"] in BLOCKING_IMPACTS]


CONTROLS = ("#admin-users-work .form-control, #admin-users-work .dash-dropdown, "
            "#admin-users-work button, #admin-users-work h2, #admin-users-work table")


def test_an_admin_adds_and_resets_and_an_editor_is_refused(
    dash_duo, counties_dir, tmp_path, set_viewport, screenshot, assert_no_console_errors,
    external_requests,
):
    store = open_store(f"sqlite:///{tmp_path / 'admin.sqlite3'}")
    accounts.add_user(store, "boss", PASSWORD, "admin")
    accounts.add_user(store, "li", PASSWORD, "editor", ["economy"])
    app = create_app(app_settings(), store, snapshot=load_dataset(counties_dir))
    app.server.secret_key = "browser-secret-key-admin-0123456789abcdef"
    dash_duo.start_server(app)
    set_viewport(dash_duo, 1920, 1080)

    _sign_in(dash_duo, "boss", PASSWORD, "/entry")
    dash_duo.wait_for_element("#admin-users-link", timeout=20).click()
    dash_duo.wait_for_contains_text("#admin-users-who", "boss", timeout=20)
    dash_duo.wait_for_contains_text("#admin-users-list", "li", timeout=20)
    dash_duo.find_element("#admin-new-name").send_keys("zhao")
    _choose(dash_duo, "#admin-new-sectors", "文化旅游")
    dash_duo.find_element("#admin-add").click()
    dash_duo.wait_for_contains_text("#admin-users-message", "已添加用户 zhao", timeout=20)
    temporary = dash_duo.find_element("#admin-secret-value").text
    assert dash_duo.find_element("#admin-new-name").get_attribute("value") == ""
    assert len(temporary) >= accounts.MIN_PASSWORD
    dash_duo.wait_for_contains_text("#admin-users-list", "文化旅游", timeout=20)
    assert _overlapping(dash_duo.driver, CONTROLS) == []
    assert _axe_problems(dash_duo.driver) == []
    screenshot(dash_duo, "admin-users-1920x1080", 1920, 1080)

    _choose(dash_duo, "#admin-target", "li")
    dash_duo.wait_for_contains_text("#admin-role", "录入员", timeout=20)
    dash_duo.find_element("#admin-reset").click()
    dash_duo.wait_for_contains_text("#admin-users-message", "已重置 li 的密码", timeout=20)
    assert dash_duo.find_element("#admin-secret-value").text not in ("", temporary)
    set_viewport(dash_duo, 390, 844)
    assert _overlapping(dash_duo.driver, CONTROLS) == []
    screenshot(dash_duo, "admin-users-390x844", 390, 844)
    dash_duo.driver.execute_script(
        # centred: clear of the sticky navbar
        "document.getElementById('admin-change-section').scrollIntoView({block: 'center'});")
    screenshot(dash_duo, "admin-users-change-390x844", 390, 844)

    _sign_in(dash_duo, "zhao", temporary, "/admin/users")
    dash_duo.wait_for_contains_text("#admin-users-who", "无此权限", timeout=20)
    assert not dash_duo.find_element("#admin-users-work").is_displayed()
    assert "boss" not in dash_duo.find_element("#react-entry-point").text
    screenshot(dash_duo, "admin-users-refused-390x844", 390, 844)
    assert_no_console_errors(dash_duo)
    assert external_requests(dash_duo.driver) == []
