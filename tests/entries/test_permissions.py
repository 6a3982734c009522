"""Who may do what with a figure, asked of the services themselves (not the pages), on
SQLite and PostgreSQL: every role and the signed-out caller against every action. A refusal
is ``EntryError("forbidden")`` carrying the policy's reason, and changes nothing."""

from __future__ import annotations

import pytest

from dashboard.entries import bulk
from dashboard.entries import store as entries
from dashboard.entries.store import EntryError
from dashboard.pipeline.lexicon import load_lexicon
from tests.entries.helpers import GDP, TODAY, add_people, audit_rows, save

TOURISM = {**GDP, "indicator_id": "tourist_arrivals", "value": "8%", "source": "文旅局"}


def _in_state(store, people, state):
    if state is None:
        return None
    entry = save(store, people["li"])
    if state in ("submitted", "approved"):
        entry = entries.submit(store, people["li"], entry.id, entry.version)
    if state == "approved":
        entry = entries.approve(store, people["wang"], entry.id, entry.version)
    return entry


# action: (the state the figure must be in, the call)
ACTIONS = {
    "create": (None, lambda s, u, e: save(s, u)),
    "edit": ("draft", lambda s, u, e: save(s, u, {**GDP, "value": "6.1%"}, entry_id=e.id,
                                           version=e.version)),
    "submit": ("draft", lambda s, u, e: entries.submit(s, u, e.id, e.version)),
    "approve": ("submitted", lambda s, u, e: entries.approve(s, u, e.id, e.version)),
    "return": ("submitted", lambda s, u, e: entries.return_entry(s, u, e.id, e.version,
                                                                 "口径不符")),
    "unlock": ("approved", lambda s, u, e: entries.unlock(s, u, e.id, e.version, "修订")),
    "view": ("draft", lambda s, u, e: entries.get(s, e.id, u)),
}
_ENTER = {"li": None, "ma": "sector", "wang": "role", "zhao": None, None: "signed_out"}
_REVIEW = {"li": "role", "ma": "role", "wang": None, "zhao": None, None: "signed_out"}
# The reason each caller is refused (None: allowed). li: economy editor (the figure is GDP,
# economy); ma: tourism editor; wang: reviewer; zhao: admin; None: signed out.
EXPECTED = {
    "create": _ENTER, "edit": _ENTER, "submit": _ENTER,
    "approve": _REVIEW, "return": _REVIEW,
    "unlock": {"li": "role", "ma": "role", "wang": "role", "zhao": None, None: "signed_out"},
    "view": {"li": None, "ma": "sector", "wang": None, "zhao": None, None: "signed_out"},
}
CASES = [(action, who) for action in ACTIONS for who in ("li", "ma", "wang", "zhao", None)]


@pytest.mark.parametrize(("action", "who"), CASES, ids=[f"{a}-{w}" for a, w in CASES])
def test_every_role_against_every_action(store, action, who):
    people = add_people(store)
    state, call = ACTIONS[action]
    entry = _in_state(store, people, state)
    user = people.get(who) if who else None
    audited, count = audit_rows(store), len(entries.list_entries(store, user=people["zhao"]))
    reason = EXPECTED[action][who]
    if reason is None:
        done = call(store, user, entry)
        assert isinstance(done, entries.Entry)
        if action != "view":  # every write is audited under its author's name
            assert audit_rows(store) == audited + 1
        return
    with pytest.raises(EntryError) as refused:
        call(store, user, entry)
    assert (refused.value.code, refused.value.reason) == ("forbidden", reason)
    assert audit_rows(store) == audited
    assert len(entries.list_entries(store, user=people["zhao"])) == count
    if entry is not None:
        assert entries.get(store, entry.id, people["zhao"]) == entry  # not touched


def test_unpublished_figures_are_shown_only_where_the_policy_allows(store):
    people = add_people(store)
    economy_draft = save(store, people["li"])
    tourism_draft = save(store, people["ma"], TOURISM)
    public = _in_state(store, people, "approved")
    sent = _in_state(store, people, "submitted")
    seen = {who: {e.id for e in entries.list_entries(store, user=people.get(who))}
            for who in ("li", "ma", "wang", "zhao", None)}
    everything = {economy_draft.id, tourism_draft.id, public.id, sent.id}
    assert seen == {"li": {economy_draft.id, public.id, sent.id},
                    "ma": {tourism_draft.id, public.id},
                    "wang": everything, "zhao": everything, None: {public.id}}
    # An approved figure is public: anyone gets it, signed in or not.
    assert entries.get(store, public.id).figure.value == 6.0
    assert entries.get(store, public.id, people["ma"]).id == public.id
    with pytest.raises(EntryError, match="forbidden"):
        entries.get(store, tourism_draft.id, people["li"])
    # A figure's history goes with it: only the figures shown have theirs read.
    shown = entries.list_entries(store, user=people["ma"])
    assert set(entries.histories(store, shown)) == {tourism_draft.id, public.id}


@pytest.mark.parametrize("who", ["ma", "wang", None])
def test_bulk_import_asks_the_policy_for_every_row(store, who):
    people = add_people(store)
    user = people.get(who) if who else None
    header = ",".join(GDP)
    rows = bulk.read_rows(f"{header}\n{','.join(GDP.values())}\n".encode(), "x.csv")
    lexicon = load_lexicon().indicators
    assert [r.outcome for r in bulk.commit(store, user, rows, lexicon, TODAY)] == ["forbidden"]
    assert entries.list_entries(store, user=people["zhao"]) == []
    assert [r.outcome for r in bulk.commit(store, people["li"], rows, lexicon, TODAY)] == ["new"]
