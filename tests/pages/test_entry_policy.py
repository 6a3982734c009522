"""/entry's callbacks under the one policy: an editor's list holds only their sectors'
drafts, a version the page did not show is a conflict (unlock included), and the page
offers approval to nobody who changed the figure."""

from __future__ import annotations

import sys

import dash
import pytest
from dash import no_update

from dashboard.entries import store as entries
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.store import open_store
from dashboard.store.engine import StoreError
from dashboard.users.sessions import open_session
from dashboard.users.web import COOKIE, _serializer
from tests.components.helpers import texts, walk
from tests.entries.helpers import GDP, TODAY

PASSWORD = "correct horse battery"
TOURISM = {**GDP, "indicator_id": "tourist_arrivals", "value": "8%", "source": "文旅局"}
CONFLICT = "该数据已被他人修改"


@pytest.fixture
def site(app_with, counties, tmp_path):
    from dashboard.users import accounts
    store = open_store(f"sqlite:///{tmp_path / 'entry.sqlite3'}")
    app = app_with(counties, store=store)
    app.server.secret_key = "test-secret-key-for-the-entry-policy-tests-0123"
    people = {name: accounts.add_user(store, name, PASSWORD, role, sectors)
              for name, role, sectors in (("li", "editor", ["economy"]),
                                          ("ma", "editor", ["tourism"]),
                                          ("wang", "reviewer", []), ("zhao", "admin", []))}
    module = next(sys.modules[p["module"]] for p in dash.page_registry.values()
                  if p["path"] == "/entry")
    return app, store, people, module


def _as(site, name):
    app, store, people, _ = site
    token = _serializer(app.server).dumps(open_session(store, people[name]))
    return app.server.test_request_context("/_dash-update-component", method="POST", headers={
        "Origin": "http://localhost", "Cookie": f"{COOKIE}={token}"})


def _save(site, name, fields=GDP, **kw):
    _, store, people, _ = site
    return entries.save(store, people[name], fields, load_lexicon().indicators, TODAY, **kw)


def _click(module, trigger, reason="", editing=None, form=GDP):
    return module.handle(trigger, *[form[f] for f in module.FIELDS], reason, editing,
                         "?lang=zh")


def _act(action, entry_id, **version):
    return {"type": "entry-action", "action": action, "entry": entry_id, **version}


def _shown(listing) -> set[int]:
    return {int(n.__dict__["data-entry"]) for n in walk(listing)
            if "data-entry" in getattr(n, "__dict__", {})}


def test_an_editor_lists_only_the_drafts_of_their_sectors(site):
    _, _, _, module = site
    economy, tourism = _save(site, "li"), _save(site, "ma", TOURISM)
    seen = {}
    for name in ("li", "ma", "wang", "zhao"):
        with _as(site, name):
            seen[name] = _shown(module.show_user("?lang=zh")[2])
    assert seen == {"li": {economy.id}, "ma": {tourism.id},
                    "wang": {economy.id, tourism.id}, "zhao": {economy.id, tourism.id}}
    with _as(site, "ma"):  # nor can the form be filled with another sector's draft
        assert module.form_values({"type": "entry-edit", "entry": economy.id,
                                   "version": 1}) == (no_update,) * (len(module.FIELDS) + 1)


def test_a_version_the_page_did_not_show_is_a_conflict(site):
    _, store, people, module = site
    draft = _save(site, "li")
    with _as(site, "li"):
        for version in ({"version": "1"}, {}, {"version": None}, {"version": 7},
                        {"version": True}):
            message, listing, _ = _click(module, _act("submit", draft.id, **version))
            assert CONFLICT in " ".join(texts(message)) and listing is no_update, version
        for editing in ([draft.id, "1"], [draft.id, None], [draft.id, 0]):
            message, _, _ = _click(module, "entry-save", editing=editing,
                                   form={**GDP, "value": "9.9%"})
            assert CONFLICT in " ".join(texts(message)), editing
    kept = entries.get(store, draft.id, people["li"])
    assert (kept.state, kept.version, kept.figure.value) == ("draft", 1, 6.0)


def test_unlock_from_the_page_checks_the_version_it_showed(site, monkeypatch):
    _, store, people, module = site

    def no_publishing(*_args, **_kw):  # publishing is tested elsewhere; the unlock stands
        raise StoreError("not in this test")
    for name in ("publish_approval", "publish_approved"):  # being renamed (#23)
        monkeypatch.setattr(module, name, no_publishing, raising=False)
    draft = _save(site, "li")
    sent = entries.submit(store, people["li"], draft.id, draft.version)
    approved = entries.approve(store, people["wang"], draft.id, sent.version)
    with _as(site, "zhao"):
        for version in (sent.version, approved.version + 1, None):
            message, _, _ = _click(module, _act("unlock", draft.id, version=version),
                                   reason="修订")
            assert CONFLICT in " ".join(texts(message)), version
        assert entries.get(store, draft.id).state == "approved"
        message, _, _ = _click(module, _act("unlock", draft.id, version=approved.version),
                               reason="修订")
        assert "已完成" in " ".join(texts(message))
    assert entries.get(store, draft.id, people["zhao"]).state == "returned"


def test_the_page_offers_no_approval_to_whoever_changed_the_figure(site):
    _, store, people, module = site
    draft = _save(site, "li")
    with _as(site, "zhao"):  # the admin changes the editor's draft on the page
        message, _, _ = _click(module, "entry-save", editing=[draft.id, draft.version],
                               form={**GDP, "value": "9.9%"})
        assert "已保存" in " ".join(texts(message))
    sent = entries.submit(store, people["li"], draft.id, 2)
    with _as(site, "zhao"):
        listing = module.show_user("?lang=zh")[2]
        actions = {n.id["action"] for n in walk(listing)
                   if isinstance(getattr(n, "id", None), dict) and "action" in n.id}
        assert actions == set()
        message, _, _ = _click(module, _act("approve", draft.id, version=sent.version))
        assert "您改过这个数字，须由另一位审核人批准或退回" in " ".join(texts(message))
    assert entries.get(store, draft.id, people["zhao"]).state == "submitted"
