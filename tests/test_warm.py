"""Background page building stops as soon as its data version is no longer wanted: a newer
one asked for, or being loaded (it would only compete with it for the processor)."""

from __future__ import annotations

from dashboard.context import SnapshotSource, source_of
from dashboard.warm import Warmer, warm


def test_warming_stops_when_no_longer_wanted(app_with, counties):
    app = app_with(counties)
    answers = iter([True, True])
    built = warm(app.server, counties, lambda: next(answers, False))
    assert 1 <= built <= 2
    assert warm(app.server, counties, lambda: False) == 0


class _Loading:
    changing = True

    def __call__(self, _snapshot):
        return None


def test_a_version_being_loaded_stops_the_older_ones_warming(app_with, counties, luming):
    app = app_with(counties)
    warmer = Warmer(app.server)
    warmer._latest = counties.version
    assert warmer._wanted(counties)
    assert not warmer._wanted(luming)  # another version was asked for last
    app.server.extensions["dashboard.snapshot"] = SnapshotSource(counties, _Loading())
    assert source_of(app.server).changing()
    assert not warmer._wanted(counties)
