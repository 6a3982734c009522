"""Build the default report's pages in the background, once per worker and data version.

Most visitors open the default report (the latest work report) and try each control once;
building a page's figures costs 70–450 ms, so the first click on each value would wait that
long in every worker. A daemon thread started at a worker's first request (after gunicorn has
forked, so start-up is not delayed and nothing is shared between workers) renders every
page in both languages and every value of each officials' page control into the snapshot's
memo. Other reports are built on first request. One report's pages, whatever the number of
reports loaded: the cost does not grow with the data.

A page module takes part by defining ``warm_states(dataset) -> list[state]`` (the values of
its control for that report); the rest is its ``layout`` and ``content``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, g

from dashboard.data import Dataset, select_report
from dashboard.i18n import LANGS

log = logging.getLogger("dashboard.warm")


def _pages() -> list[dict[str, Any]]:
    import dash

    return [p for p in dash.page_registry.values() if "<" not in str(p["path"])]


def warm(server: Flask, dataset: Dataset,
         wanted: Callable[[], bool] = lambda: True) -> int:
    """Render every page of the default report in every language; the number built.

    Stops early once ``wanted()`` is false (a newer data version is being served: building
    the old one's pages would only compete with it for the processor).
    """
    from dashboard.components import page_kit as kit

    scoped, _ = select_report(dataset, None)
    built = 0
    with server.test_request_context("/"):
        g.dashboard_snapshot = dataset  # the pages' layouts read the request's snapshot
        for page in _pages():
            module = sys.modules.get(str(page.get("module")))
            for lang in LANGS:
                if not wanted():
                    return built
                layout = page.get("layout")
                if callable(layout):
                    layout(lang=lang)
                    built += 1
                states = getattr(module, "warm_states", None)
                content = getattr(module, "content", None)
                if states is None or content is None:
                    continue
                for state in states(scoped):
                    if not wanted():
                        return built
                    kit.page_content(content, scoped, state, lang)
                    built += 1
    return built


class Warmer:
    """Starts :func:`warm` once per process and snapshot (held by the app, not a global)."""

    def __init__(self, server: Flask) -> None:
        self._server = server
        self._done: set[tuple[int, str]] = set()
        self._latest: str | None = None  # the version most recently asked for
        self._lock = threading.Lock()

    def ensure(self, dataset: Dataset, pid: int,
               report: Callable[[str], None] | None = None) -> None:
        """Start warming ``dataset`` in process ``pid`` unless it was started already;
        ``report`` receives one line when it is done."""
        key = (pid, dataset.version)
        with self._lock:
            if key in self._done:
                return
            self._done = {k for k in self._done if k[0] == pid} | {key}
            self._latest = dataset.version

        def run() -> None:
            began = time.monotonic()
            try:
                count = warm(self._server, dataset, lambda: self._wanted(dataset))
            except Exception:  # noqa: BLE001 - warming is an optimisation: log, serve on
                log.exception("warming the default report's pages failed")
                return
            line = (f"warmed {count} page views of data version {dataset.version} in "
                    f"{time.monotonic() - began:.1f} s")
            (report or log.info)(line)

        threading.Thread(target=run, name="warm-pages", daemon=True).start()

    def _wanted(self, dataset: Dataset) -> bool:
        from dashboard.context import source_of

        # A newer version asked for, or being loaded: this one's pages are not needed.
        return self._latest == dataset.version and not source_of(self._server).changing()
