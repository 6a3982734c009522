"""Every change of a figure names the version its writer saw. Missing, forged (a string, a
bool, a number ahead) or old, it is a conflict: nothing is written, nothing overwritten."""

from __future__ import annotations

import pytest

from dashboard.entries import store as entries
from dashboard.entries.store import EntryError
from tests.entries.helpers import GDP, add_people, audit_rows, save


def _prepared(store, p, state):
    entry = save(store, p["li"])
    entry = save(store, p["li"], {**GDP, "value": "6.1%"}, entry_id=entry.id,
                 version=entry.version)  # version 2: an old version exists
    if state in ("submitted", "approved"):
        entry = entries.submit(store, p["li"], entry.id, entry.version)
    if state == "approved":
        entry = entries.approve(store, p["wang"], entry.id, entry.version)
    return entry


ACTIONS = {
    "save": ("draft", "li", lambda s, u, e, v: save(s, u, {**GDP, "value": "9.9%"},
                                                    entry_id=e.id, version=v)),
    "submit": ("draft", "li", lambda s, u, e, v: entries.submit(s, u, e.id, v)),
    "approve": ("submitted", "wang", lambda s, u, e, v: entries.approve(s, u, e.id, v)),
    "return": ("submitted", "wang",
               lambda s, u, e, v: entries.return_entry(s, u, e.id, v, "口径不符")),
    "unlock": ("approved", "zhao", lambda s, u, e, v: entries.unlock(s, u, e.id, v, "修订")),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_missing_forged_or_old_version_is_a_conflict(store, action):
    p = add_people(store)
    state, who, call = ACTIONS[action]
    entry = _prepared(store, p, state)
    audited = audit_rows(store)
    current = entry.version
    for version in (None, str(current), float(current), True, 0, -current, current - 1,
                    current + 1, 2**63):
        with pytest.raises(EntryError) as refused:
            call(store, p[who], entry, version)
        assert refused.value.code == "conflict", version
    assert entries.get(store, entry.id, p["zhao"]) == entry  # nothing written
    assert audit_rows(store) == audited
    done = call(store, p[who], entry, current)  # the version seen goes through, once
    assert done.version == current + 1
    with pytest.raises(EntryError, match="conflict"):
        call(store, p[who], entry, current)


def test_a_new_draft_needs_no_version(store):
    p = add_people(store)
    assert save(store, p["li"], version=None).version == 1
