"""Four eyes on every figure: whoever set a figure's fields, at any time, never approves or
returns it. Submitting, approving and returning make nobody a value editor."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from dashboard.components.entry_list import actions_for
from dashboard.entries import bulk
from dashboard.entries import store as entries
from dashboard.entries.store import EntryError
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.store.audit import history
from dashboard.store.tables import entries as entries_table
from tests.entries.helpers import GDP, TODAY, add_people, save


def _refused(call) -> str:
    with pytest.raises(EntryError) as refused:
        call()
    assert refused.value.code == "forbidden"
    return refused.value.reason


def test_an_admin_who_changed_an_editors_draft_never_approves_it(store):
    # The finding: an admin changes an editor's draft (6.0 % -> 9.9 %), the editor submits,
    # the same admin approves. Submitting overwrote "last changed by", so the admin's change
    # was approved by the admin alone.
    p = add_people(store)
    draft = save(store, p["li"])
    changed = save(store, p["zhao"], {**GDP, "value": "9.9%"}, entry_id=draft.id,
                   version=draft.version)
    sent = entries.submit(store, p["li"], draft.id, changed.version)
    with pytest.raises(EntryError, match="forbidden"):
        entries.approve(store, p["zhao"], draft.id, sent.version)
    assert sent.value_editors == ("li", "zhao")  # the submitter is not the only one kept
    assert _refused(lambda: entries.approve(store, p["zhao"], draft.id, sent.version)) \
        == "four_eyes"
    assert _refused(lambda: entries.return_entry(store, p["zhao"], draft.id, sent.version,
                                                 "不对")) == "four_eyes"
    assert actions_for(sent, p["zhao"]) == []  # the page offers no approve button either
    assert entries.get(store, draft.id, p["zhao"]).state == "submitted"
    approved = entries.approve(store, p["wang"], draft.id, sent.version)  # another person
    assert (approved.state, approved.figure.value) == ("approved", 9.9)
    assert [(r.actor, r.action) for r in history(store, f"entry:{draft.id}")] == [
        ("li", "entry.create"), ("zhao", "entry.edit"), ("li", "entry.submit"),
        ("wang", "entry.approve")]


def test_a_change_is_remembered_through_returns_and_later_edits(store):
    p = add_people(store)
    draft = save(store, p["li"])
    changed = save(store, p["zhao"], {**GDP, "value": "9.9%"}, entry_id=draft.id,
                   version=draft.version)
    sent = entries.submit(store, p["li"], draft.id, changed.version)
    back = entries.return_entry(store, p["wang"], draft.id, sent.version, "请核实")
    again = save(store, p["li"], {**GDP, "value": "6.1%"}, entry_id=draft.id,
                 version=back.version)
    sent = entries.submit(store, p["li"], draft.id, again.version)
    assert sent.updated_by == "li" and sent.value_editors == ("li", "zhao")
    assert _refused(lambda: entries.approve(store, p["zhao"], draft.id, sent.version)) \
        == "four_eyes"
    # Unlocked and changed again after an approval: the reviewer who approved did not set
    # the value, so may approve again; the admin who once did still may not.
    approved = entries.approve(store, p["wang"], draft.id, sent.version)
    unlocked = entries.unlock(store, p["zhao"], draft.id, approved.version, "修订")
    assert unlocked.value_editors == ("li", "zhao")  # unlocking changes no value
    revised = save(store, p["li"], {**GDP, "value": "6.2%", "status": "revised"},
                   entry_id=draft.id, version=unlocked.version)
    sent = entries.submit(store, p["li"], draft.id, revised.version)
    assert _refused(lambda: entries.approve(store, p["zhao"], draft.id, sent.version)) \
        == "four_eyes"
    assert entries.approve(store, p["wang"], draft.id, sent.version).state == "approved"


def test_submitting_or_saving_nothing_new_makes_nobody_a_value_editor(store):
    p = add_people(store)
    draft = save(store, p["li"])
    same = save(store, p["zhao"], GDP, entry_id=draft.id, version=draft.version)
    assert same.value_editors == ("li",)  # the same figure saved again changes nothing
    sent = entries.submit(store, p["zhao"], draft.id, same.version)  # an admin submits
    assert sent.value_editors == ("li",)
    assert actions_for(sent, p["zhao"]) == ["approve", "return"]
    assert entries.approve(store, p["zhao"], draft.id, sent.version).state == "approved"


def test_any_field_changed_counts_not_only_the_value(store):
    p = add_people(store)
    draft = save(store, p["li"])
    sourced = save(store, p["zhao"], {**GDP, "source": "另一来源"}, entry_id=draft.id,
                   version=draft.version)
    assert sourced.value_editors == ("li", "zhao")


def test_importing_a_figure_makes_the_importer_a_value_editor(store):
    p = add_people(store)
    draft = save(store, p["li"])
    lexicon = load_lexicon().indicators
    rows = bulk.read_rows((",".join(GDP) + "\n" + ",".join({**GDP, "value": "9.9%"}.values())
                           + "\n").encode(), "figures.csv")
    assert [r.outcome for r in bulk.commit(store, p["zhao"], rows, lexicon, TODAY)] \
        == ["update"]
    updated = entries.get(store, draft.id, p["zhao"])
    assert (updated.figure.value, updated.value_editors) == (9.9, ("li", "zhao"))
    sent = entries.submit(store, p["li"], draft.id, updated.version)
    assert _refused(lambda: entries.approve(store, p["zhao"], draft.id, sent.version)) \
        == "four_eyes"
    other = {**GDP, "through_month": "3", "period_kind": "quarter", "value": "6.3%"}
    new_rows = bulk.read_rows((",".join(other) + "\n" + ",".join(other.values())
                               + "\n").encode(), "figures.csv")
    assert [r.outcome for r in bulk.commit(store, p["zhao"], new_rows, lexicon, TODAY)] \
        == ["new"]
    imported = entries.list_entries(store, user=p["zhao"])[-1]
    assert (imported.figure.through_month, imported.value_editors) == (3, ("zhao",))


def test_a_comma_in_a_name_neither_hides_nor_invents_an_editor(store):
    # Names are kept comma-separated: "wang,zhao" must stay one person, not two.
    p = add_people(store, (("li", "editor", ["economy"]), ("wang,zhao", "admin", []),
                           ("wang", "reviewer", [])))
    draft = save(store, p["li"])
    changed = save(store, p["wang,zhao"], {**GDP, "value": "9.9%"}, entry_id=draft.id,
                   version=draft.version)
    assert changed.value_editors == ("li", "wang,zhao")
    sent = entries.submit(store, p["li"], draft.id, changed.version)
    assert _refused(lambda: entries.approve(store, p["wang,zhao"], draft.id, sent.version)) \
        == "four_eyes"
    assert entries.approve(store, p["wang"], draft.id, sent.version).state == "approved"


def test_a_row_from_before_the_column_still_counts_its_creator(store):
    p = add_people(store)
    draft = save(store, p["zhao"])
    with store.engine.begin() as conn:  # as a row written before value_editors existed
        conn.execute(update(entries_table).values(value_editors=""))
    sent = entries.submit(store, p["li"], draft.id, draft.version)
    assert sent.value_editors == ("zhao",)
    assert _refused(lambda: entries.approve(store, p["zhao"], draft.id, sent.version)) \
        == "four_eyes"
