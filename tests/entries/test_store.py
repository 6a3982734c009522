"""The entry workflow in the database, on SQLite and PostgreSQL: draft -> submitted ->
approved or returned, locks, conflicts, permissions, and the audit trail."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.entries import store as entries
from dashboard.entries.store import EntryError
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.store.audit import history
from dashboard.users import accounts

PASSWORD = "correct horse battery"
TODAY = date(2026, 7, 20)
GDP = {"indicator_id": "gdp", "year": "2026", "period_kind": "half_year",
       "through_month": "6", "measure": "growth_pct", "value": "5.2%", "unit": "",
       "price_basis": "comparable", "status": "preliminary", "source": "州统计局快报",
       "comment": ""}


@pytest.fixture
def people(store):
    return {name: accounts.add_user(store, name, PASSWORD, role, sectors)
            for name, role, sectors in (("li", "editor", ["economy"]),
                                        ("ma", "editor", ["tourism"]),
                                        ("wang", "reviewer", []), ("zhao", "admin", []))}


def _save(store, user, fields=GDP, **kw):
    return entries.save(store, user, fields, load_lexicon().indicators, TODAY, **kw)


def test_the_whole_workflow_is_audited(store, people):
    draft = _save(store, people["li"])
    assert (draft.state, draft.version, draft.figure.value) == ("draft", 1, 5.2)
    edited = _save(store, people["li"], {**GDP, "value": "5.4%"}, entry_id=draft.id,
                   version=1)
    submitted = entries.submit(store, people["li"], draft.id, edited.version)
    approved = entries.approve(store, people["wang"], draft.id, submitted.version)
    assert approved.state == "approved" and approved.version == 4
    with pytest.raises(EntryError, match="locked"):
        _save(store, people["li"], {**GDP, "value": "5.5%"}, entry_id=draft.id,
              version=approved.version)
    unlocked = entries.unlock(store, people["zhao"], draft.id, approved.version, "季度数据修订")
    assert (unlocked.state, unlocked.note) == ("returned", "季度数据修订")
    rows = history(store, f"entry:{draft.id}")
    assert [(r.actor, r.action) for r in rows] == [
        ("li", "entry.create"), ("li", "entry.edit"), ("li", "entry.submit"),
        ("wang", "entry.approve"), ("zhao", "entry.unlock")]
    assert (rows[1].old["value"], rows[1].new["value"]) == (5.2, 5.4)
    assert rows[-1].reason == "季度数据修订"


def test_a_second_editor_gets_a_conflict_not_an_overwrite(store, people):
    draft = _save(store, people["li"])
    _save(store, people["li"], {**GDP, "value": "5.3%"}, entry_id=draft.id, version=1)
    with pytest.raises(EntryError, match="conflict"):
        _save(store, people["li"], {**GDP, "value": "9.9%"}, entry_id=draft.id, version=1)
    assert entries.get(store, draft.id, people["li"]).figure.value == 5.3


@pytest.mark.parametrize(("who", "action"), [
    ("ma", "save"),  # another sector's editor
    ("wang", "save"),  # a reviewer enters nothing
    ("li", "approve"),  # an editor approves nothing
    ("ma", "submit"),
])
def test_roles_and_sectors_are_enforced(store, people, who, action):
    draft = _save(store, people["li"])
    if action == "approve":
        draft = entries.submit(store, people["li"], draft.id, draft.version)
    with pytest.raises(EntryError, match="forbidden"):
        if action == "save":
            _save(store, people[who])
        elif action == "approve":
            entries.approve(store, people[who], draft.id, draft.version)
        else:
            entries.submit(store, people[who], draft.id, draft.version)
    assert entries.get(store, draft.id, people["zhao"]).version == draft.version


def test_nobody_approves_their_own_change_and_returns_need_a_reason(store, people):
    draft = _save(store, people["zhao"])  # an admin may enter any sector
    sent = entries.submit(store, people["zhao"], draft.id, draft.version)
    with pytest.raises(EntryError, match="forbidden") as own:
        entries.approve(store, people["zhao"], draft.id, sent.version)
    assert own.value.reason == "four_eyes"
    with pytest.raises(EntryError, match="needs_reason"):
        entries.return_entry(store, people["wang"], draft.id, sent.version, "  ")
    back = entries.return_entry(store, people["wang"], draft.id, sent.version, "口径不符")
    assert (back.state, back.note) == ("returned", "口径不符")
    with pytest.raises(EntryError, match="bad_state"):  # returned, not submitted
        entries.approve(store, people["wang"], draft.id, back.version)


def test_invalid_and_doubtful_figures(store, people):
    with pytest.raises(EntryError) as refused:
        _save(store, people["li"], {**GDP, "value": "abc"})
    assert refused.value.code == "invalid" and refused.value.problems[0].field == "value"
    jumpy = {**GDP, "period_kind": "quarter", "through_month": "3", "value": "4%"}
    _save(store, people["li"], jumpy)
    with pytest.raises(EntryError) as doubtful:
        _save(store, people["li"], {**GDP, "value": "16%"})
    assert doubtful.value.code == "needs_comment"
    flagged = _save(store, people["li"], {**GDP, "value": "16%", "comment": "基数效应"})
    shown = entries.list_entries(store, user=people["li"])
    assert flagged.flagged and shown[-1].flagged and len(shown) == 2
