"""Compute each data version's shared answers in the background (``dashboard/answers``).

A worker's first request of each data version starts it (after gunicorn has forked, so
start-up is not delayed). With a database, the first worker of any host to serve the version
claims it and prerenders for all of them (``answers.prerender.start``); without one (an app
serving files), each process prerenders into its snapshot's memo. A newer version, or one
being loaded, stops an older one's prerender: it would only compete with it for the
processor.

A page module takes part by defining ``warm_states(dataset) -> list[state]`` (the values of
its controls a visitor tries first, as URL parameters); the rest is its ``layout`` and
callbacks.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from flask import Flask, Response, g, jsonify

from dashboard.answers import APP
from dashboard.answers.prerender import prerender, start
from dashboard.answers.prerender import ready as prerender_done
from dashboard.answers.serve import STORE
from dashboard.context import WARM_SETTING, source_of
from dashboard.data import Dataset

WARMER = "dashboard.warmer"
STATUS_PATH = "/answers.json"

log = logging.getLogger("dashboard.warm")


def warm(server: Flask, dataset: Dataset,
         wanted: Callable[[], bool] = lambda: True) -> int:
    """Prerender ``dataset``'s shared answers in this process; the number of requests made.
    Stops early once ``wanted()`` is false (a newer data version is being served)."""
    with server.app_context():
        return prerender(server.extensions[APP], dataset, wanted)


class Warmer:
    """Starts the prerender once per process and snapshot (held by the app, not a global)."""

    def __init__(self, server: Flask, changing: Callable[[], bool] = lambda: False) -> None:
        """``changing()``: true while a newer snapshot is being loaded (SnapshotSource)."""
        self._server = server
        self._changing = changing
        self._done: set[tuple[int, str]] = set()
        self._latest: str | None = None  # the version most recently asked for
        self._finished: set[str] = set()  # versions prerendered by this process (no store)
        self.armed: int | None = None  # the worker process that prerenders new versions
        self._lock = threading.Lock()

    def ensure(self, dataset: Dataset, pid: int,
               report: Callable[[str], None] | None = None) -> None:
        """Start prerendering ``dataset`` in process ``pid`` unless it was started already;
        ``report`` receives one line when it is done."""
        key = (pid, dataset.version)
        with self._lock:
            if key in self._done:
                return
            self._done = {k for k in self._done if k[0] == pid} | {key}
            self._latest = dataset.version
        store = self._server.extensions.get(STORE)
        wanted = lambda: self._wanted(dataset)  # noqa: E731 - one line, read in two places
        if store is not None:
            start(self._server.extensions[APP], store, dataset, wanted, report)
            return

        def run() -> None:
            began = time.monotonic()
            try:
                count = warm(self._server, dataset, wanted)
            except Exception:  # noqa: BLE001 - an optimisation: log it and serve on
                log.exception("prerendering data version %s failed", dataset.version)
                return
            if wanted():
                with self._lock:
                    self._finished = {dataset.version}
            (report or log.info)(f"prerendered {count} answers of data version "
                                 f"{dataset.version} in {time.monotonic() - began:.1f} s")

        threading.Thread(target=run, name="prerender", daemon=True).start()

    def ready(self, dataset: Dataset) -> bool:
        """True once ``dataset``'s answers are all computed (here, or by any worker sharing
        the database)."""
        store = self._server.extensions.get(STORE)
        if store is not None:
            return prerender_done(store, dataset)
        with self._lock:
            return dataset.version in self._finished

    def _wanted(self, dataset: Dataset) -> bool:
        # A newer version asked for, or being loaded: this one's answers are not needed.
        return self._latest == dataset.version and not self._changing()


def install(server: Flask) -> None:
    """With ``server.config["DASHBOARD_WARM"]`` (the production launcher's settings), a
    worker's first request of each data version starts its prerender (module doc)."""
    warmer = server.extensions[WARMER] = Warmer(server, source_of(server).changing)

    @server.before_request
    def _prerender_version() -> None:
        # Only in a process started as a worker (start_warming): the gunicorn master serves
        # requests too (it compresses the assets before forking), and a thread running there
        # at the fork would leave its locks held in every worker.
        if server.config.get(WARM_SETTING) and warmer.armed == os.getpid():
            warmer.ensure(g.dashboard_snapshot, os.getpid())

    @server.get(STATUS_PATH)
    def _answers_status() -> Response:
        # For monitoring and benchmarks: are this version's answers all computed?
        snapshot = g.dashboard_snapshot
        response = jsonify(version=snapshot.version, ready=warmer.ready(snapshot))
        response.headers["Cache-Control"] = "no-store"
        return response


def start_warming(server: Flask, report: Callable[[str], None] | None = None) -> None:
    """Start the current snapshot's prerender, and each later version's at its first
    request, in this process (a worker, once forked)."""
    warmer = server.extensions[WARMER]
    warmer.armed = os.getpid()
    warmer.ensure(source_of(server).current(), os.getpid(), report)
