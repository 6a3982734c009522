"""The background prerender stops as soon as its data version is no longer wanted: a newer
one asked for, or being loaded (it would only compete with it for the processor); and says
when a version's answers are all computed."""

from __future__ import annotations

import threading

from dashboard.warm import STATUS_PATH, WARMER, Warmer, warm


def test_prerendering_stops_when_no_longer_wanted(app_with, counties):
    app = app_with(counties)
    def wanted_for(views):
        answers = iter([True] * (1 + views))  # asked once for the report, then once a view
        return lambda: next(answers, False)

    one, two = (warm(app.server, counties, wanted_for(n)) for n in (1, 2))
    # One page view (and the callbacks it fires), then two; then nothing more.
    assert 1 <= one < two
    assert warm(app.server, counties, lambda: False) == 0


def test_a_version_being_loaded_stops_the_older_ones_prerender(app_with, counties, luming):
    app = app_with(counties)
    warmer = Warmer(app.server)
    warmer._latest = counties.version
    assert warmer._wanted(counties)
    assert not warmer._wanted(luming)  # another version was asked for last
    loading = Warmer(app.server, changing=lambda: True)
    loading._latest = counties.version
    assert not loading._wanted(counties)


def test_the_status_says_when_a_versions_answers_are_ready(app_with, luming):
    app = app_with(luming)
    client = app.server.test_client()
    status = client.get(STATUS_PATH).get_json()
    assert status == {"version": luming.version, "ready": False}
    app.server.extensions[WARMER].ensure(luming, 1)
    for thread in threading.enumerate():
        if thread.name == "prerender":
            thread.join()
    assert client.get(STATUS_PATH).get_json()["ready"] is True


def test_a_process_not_started_as_a_worker_never_prerenders(app_with, luming):
    """The gunicorn master answers requests before forking (it compresses the assets): a
    prerender thread started there would be forked with its locks held."""
    app = app_with(luming)
    app.server.config["DASHBOARD_WARM"] = True
    client = app.server.test_client()
    client.get("/_dash-layout", headers={"Referer": "http://localhost/"})
    assert not [t for t in threading.enumerate() if t.name == "prerender"]
    assert app.server.extensions[WARMER].armed is None
