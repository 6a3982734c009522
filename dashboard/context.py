"""Which data snapshot a request sees.

The app holds a :class:`SnapshotSource` (on the Flask app, not in a module global). Each
request takes the source's current snapshot once, at its start, and keeps it to the end:
a new data version is picked up between requests, never in the middle of one. Pages and
callbacks are functions of (dataset, query); their Dash wrappers call :func:`current_dataset`
to get the request's snapshot and pass it on explicitly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask, Response, current_app, g, has_app_context, has_request_context, jsonify

from dashboard.data import Dataset

EXTENSION = "dashboard.snapshot"


class SnapshotSource:
    """The current snapshot; ``refresh`` (if given) returns a newer one or None.

    A later data version replaces the snapshot as a whole (``replace``), so a request holds
    either the old one or the new one, never a mix.
    """

    def __init__(self, snapshot: Dataset,
                 refresh: Callable[[Dataset], Dataset | None] | None = None) -> None:
        self._snapshot = snapshot
        self._refresh = refresh
        self._lock = threading.Lock()

    def current(self) -> Dataset:
        if self._refresh is not None:
            newer = self._refresh(self._snapshot)
            if newer is not None:
                self.replace(newer)
        return self._snapshot

    def replace(self, snapshot: Dataset) -> None:
        with self._lock:
            self._snapshot = snapshot

    def changing(self) -> bool:
        """True while a newer snapshot is being loaded or waits for the next request."""
        return bool(getattr(self._refresh, "changing", False))

    def pause(self) -> None:
        """Stop following new versions in this process until the next ``current()``
        (the gunicorn master, before forking: a thread must not be running at a fork)."""
        stop = getattr(self._refresh, "stop", None)
        if stop is not None:
            stop()


WARM_SETTING = "DASHBOARD_WARM"
VERSION_PATH = "/version.json"


def install(server: Flask, source: SnapshotSource) -> None:
    """Attach ``source`` to the app and pin its snapshot to each request.

    The background prerender of each version's answers is installed beside it, by the
    composition root (``dashboard/warm.py``).
    """
    server.extensions[EXTENSION] = source

    @server.before_request
    def _pin_snapshot() -> None:
        g.dashboard_snapshot = source.current()

    @server.get(VERSION_PATH)
    def _version() -> Response:
        # Which data version this worker serves: for monitoring and the two-instance test.
        snapshot = current_dataset()
        response = jsonify(version=snapshot.version,
                           reports=sorted(snapshot.everything.reports.report_id))
        response.headers["Cache-Control"] = "no-store"
        return response


def source_of(server: Flask) -> SnapshotSource:
    return server.extensions[EXTENSION]  # type: ignore[no-any-return]


def current_dataset() -> Dataset:
    """The snapshot of the request being served (or of the app, outside a request)."""
    if has_request_context():
        snapshot = g.get("dashboard_snapshot")
        if snapshot is None:
            snapshot = g.dashboard_snapshot = source_of(current_app).current()
        return snapshot  # type: ignore[no-any-return]
    if has_app_context():
        return source_of(current_app).current()
    raise RuntimeError("no app: create it with dashboard.app_factory.create_app")
