"""An approval through the API publishes the figure as /entry does: a new data version whose
actuals hold it; if publishing fails the approval stands and says so."""

from __future__ import annotations

from dashboard.store.engine import StoreError
from dashboard.store.publishing import bring_up_to_date
from dashboard.store.versions import current_state, load_version
from tests.api.conftest import GDP, make_site, seeds_folder

ENTRIES = "/api/v1/entries"


def _approve(site) -> dict:
    made = site.post(ENTRIES, GDP, "li").get_json()
    sent = site.post(f"{ENTRIES}/{made['id']}/submit", {"version": made["version"]},
                     "li").get_json()
    answer = site.post(f"{ENTRIES}/{made['id']}/approve", {"version": sent["version"]}, "wang")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_an_approved_figure_is_published_in_a_new_version(store, counties, tmp_path):
    seeds, actuals = seeds_folder(tmp_path)
    bring_up_to_date(store, seeds, actuals)
    before, _ = current_state(store)
    site = make_site(store, counties)
    body = _approve(site)
    now, _ = current_state(store)
    assert body["state"] == "approved" and body["published_version"] == now != before
    public = load_version(store, now).actuals
    gdp = public[(public.indicator_id == "gdp") & (public.as_of == "2025-06-30")]
    assert list(gdp.value) == [5.6] and list(gdp.status) == ["preliminary"]


def test_when_publishing_fails_the_approval_stands_and_says_so(site, monkeypatch):
    def broken(*_args, **_kwargs):
        raise StoreError("sqlite: database is locked")

    monkeypatch.setattr("dashboard.api.publish.publish_approval", broken)
    body = _approve(site)
    assert (body["state"], body["published_version"]) == ("approved", None)
