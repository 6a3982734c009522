"""The upload routes and the /upload page's callbacks over HTTP and as functions: admins
only, same site only, 413 before the body is read, refused files keep nothing, a reviewed
upload publishes and rolls back."""

from __future__ import annotations

import io
import sys
import zipfile

import dash
import pytest
from dash import no_update

from dashboard.store.audit import history
from dashboard.store.versions import current_state
from dashboard.upload import store as uploads
from dashboard.upload.documents import MAX_BYTES
from dashboard.upload.web import SEEDS_CONFIG
from dashboard.users import accounts
from dashboard.users.sessions import open_session
from dashboard.users.web import COOKIE, _serializer
from tests.app_settings import production_app
from tests.components.helpers import texts
from tests.upload.conftest import NEXT_REPORT, make_site
from tests.upload.makers import blank_pdf, make_docx

ORIGIN = "http://localhost"


@pytest.fixture
def web(tmp_path):
    site = make_site(tmp_path)
    app = production_app(database_url=str(site.store.engine.url), data_dir=site.data)
    app.server.config[SEEDS_CONFIG] = str(site.seeds)
    people = {name: accounts.add_user(site.store, name, "correct horse battery", role, sectors)
              for name, role, sectors in (("root", "admin", []),
                                          ("li", "editor", ["economy"]))}
    tokens = {n: _serializer(app.server).dumps(open_session(site.store, u))
              for n, u in people.items()}
    module = next(sys.modules[p["module"]] for p in dash.page_registry.values()
                  if p["path"] == "/upload")
    return app, site, tokens, module


def _post(web, name="root", content=None, file_name="luming-2025.docx", origin=ORIGIN):
    app, _, tokens, _ = web
    client = app.server.test_client()
    if name:
        client.set_cookie(COOKIE, tokens[name])
    data = {"report": (io.BytesIO(content if content is not None else
                                  make_docx(NEXT_REPORT)), file_name)}
    headers = {"Origin": origin} if origin else {}
    return client.post("/upload/file?lang=zh", data=data, headers=headers,
                       content_type="multipart/form-data")


def test_the_page_renders_the_form_and_nothing_about_the_user(web):
    app, _, _, module = web
    with app.server.test_request_context("/upload"):
        tree = module.layout(lang="zh", error="pdf_scanned")
    shown = " ".join(texts(tree))
    assert "没有文字层" in shown and "root" not in shown
    assert app.server.test_client().get("/upload?error=<script>").status_code == 200


def test_an_admin_upload_is_staged_and_shown(web):
    response = _post(web)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/upload?lang=zh&id=")
    (upload,) = uploads.list_uploads(web[1].store)
    assert upload.report_id == "luming-2025" and upload.created_by == "root"


@pytest.mark.parametrize(("who", "origin", "status", "error"), [
    (None, ORIGIN, 403, None), ("li", ORIGIN, 403, None),
    ("root", "http://evil.example", 403, None), ("root", None, 403, None)])
def test_only_admins_from_this_site_upload(web, who, origin, status, error):
    response = _post(web, who, origin=origin)
    assert response.status_code == status
    if error:
        assert f"error={error}" in response.headers["Location"]
    assert uploads.list_uploads(web[1].store) == []


def test_over_ten_megabytes_is_refused_before_the_body_is_read(web):
    app, _, tokens, _ = web
    environ = {"CONTENT_LENGTH": str(MAX_BYTES * 2), "CONTENT_TYPE": "multipart/form-data; "
               "boundary=x", "HTTP_ORIGIN": ORIGIN, "HTTP_COOKIE": f"{COOKIE}={tokens['root']}"}

    class Unreadable(io.RawIOBase):
        def read(self, *_args):
            raise AssertionError("the body was read")

    environ["wsgi.input"] = Unreadable()
    response = app.server.test_client().post("/upload/file", environ_overrides=environ)
    assert response.status_code == 413
    assert "10 MB" in response.get_data(as_text=True)
    big = _post(web, content=b"x" * (MAX_BYTES + 10), file_name="big.txt")
    assert big.status_code == 413


@pytest.mark.parametrize(("content", "name", "code"), [
    (blank_pdf(), "scan.pdf", "pdf_scanned"), (b"%PDF-1.7", "r.docx", "mismatch"),
    (b"MZ\x90", "r.exe", "unsupported"), (b"PK\x03\x04xx", "../../r.docx", "bad_docx")])
def test_a_refused_file_gets_its_message_and_keeps_nothing(web, content, name, code):
    response = _post(web, content=content, file_name=name)
    assert f"error={code}" in response.headers["Location"]
    assert uploads.list_uploads(web[1].store) == []
    page = web[0].server.test_client().get(response.headers["Location"])
    assert page.status_code == 200


def _call(web, trigger, name="root", origin=ORIGIN, upload_id=None, selected=None,
          indicator=None, value=None, meta=None):
    app, _, tokens, module = web
    headers = {"Origin": origin} if origin else {}
    if name:
        headers["Cookie"] = f"{COOKIE}={tokens[name]}"
    search = f"?lang=zh&id={upload_id}" if upload_id else "?lang=zh"
    with app.server.test_request_context("/_dash-update-component", method="POST",
                                         headers=headers):
        editor = {"indicator": indicator, "value": value}
        return module.handle(trigger, meta, editor, selected, search)


def test_callbacks_review_publish_and_roll_back(web):
    app, site, _, module = web
    _post(web)
    (upload,) = uploads.list_uploads(site.store)
    with app.server.test_request_context("/", headers={"Cookie": f"{COOKIE}={web[2]['root']}"}):
        who, hidden, panel = module.show(f"?lang=zh&id={upload.id}")
    assert hidden is False and "luming-2025" in " ".join(texts(panel))
    assert "待审事项" in " ".join(texts(panel)) and "root" in " ".join(texts(who))
    from dashboard.upload.service import review_state

    state = review_state(site.store, upload, site.published())
    first = state.items[0]
    _, _, selected = _call(web, {"type": "upload-pick", "key": first.key}, upload_id=upload.id)
    assert selected == first.key
    _, message, nxt = _call(web, {"type": "upload-decide", "action": "assign"},
                            upload_id=upload.id, selected=first.key, indicator="gdp")
    assert "已记录" in " ".join(texts(message)) and nxt != first.key
    _, message, _ = _call(web, {"type": "upload-decide", "action": "edit"},
                          upload_id=upload.id, selected=nxt, value="not a number")
    assert "有效" in " ".join(texts(message))
    for category in {i.category for i in state.items}:
        _call(web, {"type": "upload-accept-rest", "category": category}, upload_id=upload.id)
    before = current_state(site.store)[0]
    _, message, _ = _call(web, {"type": "upload-act", "action": "publish"}, upload_id=upload.id)
    assert "已发布" in " ".join(texts(message))
    assert current_state(site.store)[0] != before
    assert uploads.get(site.store, upload.id).state == "published"
    client = app.server.test_client()
    client.set_cookie(COOKIE, web[2]["root"])
    exported = client.get(f"/upload/export/{upload.id}.zip")
    assert exported.status_code == 200
    assert "seeds/luming-2025.txt" in zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    client.set_cookie(COOKIE, web[2]["li"])
    assert client.get(f"/upload/export/{upload.id}.zip").status_code == 403
    _, message, _ = _call(web, {"type": "upload-act", "action": "rollback"}, upload_id=upload.id)
    assert "已恢复" in " ".join(texts(message))
    assert current_state(site.store)[0] == before
    assert "review.decide" in {r.action for r in history(site.store)}


@pytest.mark.parametrize(("who", "origin"), [(None, ORIGIN), ("li", ORIGIN),
                                             ("root", "http://evil.example")])
def test_callbacks_write_nothing_for_others(web, who, origin):
    _post(web)
    (upload,) = uploads.list_uploads(web[1].store)
    before = len(history(web[1].store))
    for trigger in ({"type": "upload-act", "action": "publish"},
                    {"type": "upload-act", "action": "rollback"},
                    {"type": "upload-accept-rest", "category": "target"}):
        review, message, selected = _call(web, trigger, name=who, origin=origin,
                                          upload_id=upload.id)
        assert review is no_update and selected is no_update
    assert len(history(web[1].store)) == before


def test_admins_find_the_upload_page_from_entry(web):
    app, _, tokens, _ = web
    entry = next(sys.modules[p["module"]] for p in dash.page_registry.values()
                 if p["path"] == "/entry")
    for name, shown in (("root", True), ("li", False)):
        with app.server.test_request_context("/", headers={"Cookie": f"{COOKIE}={tokens[name]}"}):
            who, *_ = entry.show_user("?lang=zh")
        assert ("上传新报告" in " ".join(texts(who))) is shown


def test_details_with_a_bad_id_are_refused_and_a_published_upload_is_locked(web):
    _, site, _, module = web
    _post(web)
    (upload,) = uploads.list_uploads(site.store)
    from dashboard.upload.metadata import FIELDS

    save = {"type": "upload-act", "action": "save_details"}
    for bad in ("", "../x", "luming-2024"):
        meta = [bad if f == "id" else upload.meta.get(f, "") for f in FIELDS]
        _, message, _ = _call(web, save, upload_id=upload.id, meta=meta)
        assert "请先修正报告信息" in " ".join(texts(message))
        assert uploads.get(site.store, upload.id).report_id == "luming-2025"
    meta = [upload.meta.get(f, "") for f in FIELDS]
    _, message, _ = _call(web, save, upload_id=upload.id, meta=meta)
    assert "已保存" in " ".join(texts(message))
    _call(web, {"type": "upload-accept-rest", "category": "target"}, upload_id=upload.id)
    for category in ("named", "unclassified", "no_actual", "conflict"):
        _call(web, {"type": "upload-accept-rest", "category": category}, upload_id=upload.id)
    _call(web, {"type": "upload-act", "action": "publish"}, upload_id=upload.id)
    assert uploads.get(site.store, upload.id).state == "published"
    _, message, _ = _call(web, save, upload_id=upload.id, meta=meta)
    assert "已发布或已作废" in " ".join(texts(message))
    assert module._upload_id("?id=²") is None and module._upload_id("?id=12") == 12
