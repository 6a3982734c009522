"""Compute a data version's shared answers before anyone asks for them.

For every report (the default one first, then the newest), every language and every public
page (``keys.SHARED_MODULES``), :func:`prerender` asks the app itself, through Flask's test
client, for what a browser asks: the page view (``/_dash-layout`` with the page's address
as ``Referer``), the callbacks fired when it loads, and for each state the page names in
``warm_states(dataset)`` (the values of its controls a visitor tries first) the page opened
in that state and the callbacks a visitor fires by switching to it. Each answer goes through
the same hooks as a visitor's request (``serve.py``), so it is kept under the key the
visitor's request will have. Nothing is computed twice: a kept answer is not computed again.

In production one process per data version does it (:func:`start`): the first worker that
serves the version claims it in the database (a row only one can insert), deletes the answers
of other versions, and prerenders in a background thread at low priority; a newer version
stops it. ``/version.json`` says whether the version's answers are ``ready``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import dash
from dash import Dash

from dashboard.answers import kept as kept_mod
from dashboard.answers import keys, payloads
from dashboard.answers.serve import callback_module
from dashboard.data import Dataset, select_report
from dashboard.i18n import DEFAULT_LANG, LANGS
from dashboard.web_settings import settings_of

log = logging.getLogger("dashboard.answers")
HOST = "http://localhost"
BACKGROUND_NICE = 10
# A report's claim older than this, with the report still not done, is taken over: its
# worker was stopped part way (a restart). Rendering one report takes seconds; a report
# taken over while its first worker still renders it is only rendered twice.
CLAIM_LEASE_S = 300.0


def search_of(report: str | None, lang: str, state: dict[str, Any] | None = None) -> str:
    """The query a page of ``report`` is opened with (as the report selector writes it)."""
    params: list[tuple[str, str]] = []
    if report is not None:
        params.append(("report", report))
    if lang != DEFAULT_LANG:
        params.append(("lang", lang))
    for key, value in (state or {}).items():
        params.append((key, ",".join(map(str, value)) if isinstance(value, list) else str(value)))
    return "?" + urlencode(params) if params else ""


def reports_in_order(dataset: Dataset) -> list[str | None]:
    """The default report (``None``: no ``?report=``) first; then each place's latest
    report, newest first (what officials open); then every other report, newest first."""
    default, _ = select_report(dataset, None)
    reports = dataset.everything.reports.sort_values(["report_year", "report_id"],
                                                     ascending=[False, True])
    reports = reports[reports.report_id != default.report_id]
    latest = reports.drop_duplicates("place")
    rest = reports[~reports.report_id.isin(latest.report_id)]
    return [None, *map(str, latest.report_id), *map(str, rest.report_id)]


def shared_pages() -> list[tuple[str, Any]]:
    """``(path, module)`` of every public page."""
    pages = []
    for page in dash.page_registry.values():
        if "<" in str(page["path"]) or not keys.is_shared_module(str(page.get("module"))):
            continue
        pages.append((str(page["path"]), sys.modules.get(str(page.get("module")))))
    return pages


def own_origin(app: Dash) -> str:
    """Where the dashboard is opened (``DASHBOARD_ORIGIN``'s first), so that the same-origin
    check lets the prerender's requests through; the test client's host otherwise."""
    for origin in settings_of(app.server).origins:
        default = {"http": 80, "https": 443}.get(origin.scheme)
        port = "" if origin.port == default else f":{origin.port}"
        return f"{origin.scheme}://{origin.host}{port}"
    return HOST


class _Client:
    """The app's test client, asking as a browser on the app's own origin does."""

    def __init__(self, app: Dash) -> None:
        self.client = app.server.test_client()
        self.specs: dict[str, Any] | None = None
        self.asked = 0
        self.origin = own_origin(app)

    def shared_specs(self, app: Dash) -> dict[str, Any]:
        if self.specs is None:
            listed = self.client.get("/_dash-dependencies").get_json() or []
            self.specs = {s["output"]: s for s in listed
                          if keys.is_shared_module(callback_module(app, s["output"]))}
        return self.specs

    def layout(self, path: str, search: str) -> Any:
        self.asked += 1
        response = self.client.get("/_dash-layout", base_url=self.origin, headers={
            "Referer": f"{self.origin}{path}{search}", "Accept-Encoding": "identity"})
        return response.get_json() if response.status_code == 200 else None

    def call(self, body: dict[str, Any]) -> None:
        self.asked += 1
        self.client.post("/_dash-update-component", json=body, base_url=self.origin,
                         headers={"Origin": self.origin, "Accept-Encoding": "identity"}).close()


def _views(dataset: Dataset, module: Any, report: str | None) -> Iterator[dict[str, Any]]:
    states = getattr(module, "warm_states", None)
    if states is None:
        return
    scoped, _ = select_report(dataset, report)
    yield from states(scoped)


def prerender(app: Dash, dataset: Dataset, wanted: Callable[[], bool] = lambda: True,
              reports: int | None = None,
              claim: Callable[[str | None], bool] = lambda _report: True,
              done: Callable[[str | None], None] = lambda _report: None) -> int:
    """Ask for every shared answer of ``dataset`` (module doc); the number of requests.

    ``reports`` limits how many reports (default first); ``wanted()`` false stops early.
    A report is rendered only if ``claim(report)`` (another worker may have it), and
    ``done(report)`` is called once it is.
    """
    client = _Client(app)
    specs = client.shared_specs(app)
    for report in reports_in_order(dataset)[:reports]:
        if not wanted():
            break
        if not claim(report):
            continue
        for lang in LANGS:
            for path, module in shared_pages():
                if not wanted():
                    return client.asked
                base = client.layout(path, search_of(report, lang))
                if base is None:
                    continue
                for body in (payloads.initial_bodies(base, specs)
                             + payloads.click_bodies(base, specs)):
                    client.call(body)
                for state in _views(dataset, module, report):
                    other = client.layout(path, search_of(report, lang, state))
                    if other is None:
                        continue
                    # To the state, and back to the page's first values, on the page's URL.
                    for body in (payloads.change_bodies(base, other, specs)
                                 + payloads.change_bodies(other, base, specs, url=base)):
                        client.call(body)
        done(report)
    return client.asked


def _marker(kind: str, version: str, report: str | None) -> str:
    # Readable prefix (counted with LIKE), then the report's hash: at most 64 characters.
    digest = hashlib.sha256(f"{version}\n{report}".encode()).hexdigest()[:40]
    return f"{kind}:{kept_mod.version_id(version)}:{digest}"[:64]


def ready(store: Any, dataset: Dataset) -> bool:
    """True once every report of ``dataset`` is prerendered (by any worker or host)."""
    prefix = f"done:{kept_mod.version_id(dataset.version)}:"
    return kept_mod.count_prefix(store, prefix) >= len(dataset.everything.reports)


def start(app: Dash, store: Any, dataset: Dataset, wanted: Callable[[], bool],
          report: Callable[[str], None] | None = None) -> None:
    """Prerender ``dataset`` in a background thread, sharing the work: each report is done by
    the first worker (of any host on the database) that claims it."""
    version = dataset.version

    def claim(name: str | None) -> bool:
        if not kept_mod.claim(store, _marker("claim", version, name), version, CLAIM_LEASE_S):
            return False
        if name is None:  # the first report of a version: older versions' answers go
            kept_mod.forget_other_versions(store, version)
        return True

    def done(name: str | None) -> None:
        kept_mod.claim(store, _marker("done", version, name), version)

    def run() -> None:
        with contextlib.suppress(AttributeError, OSError):  # below this process's requests
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
        began = time.monotonic()
        try:
            with app.server.app_context():
                asked = prerender(app, dataset, wanted, claim=claim, done=done)
        except Exception:  # noqa: BLE001 - an optimisation: log it and serve on
            log.exception("prerendering data version %s failed", version)
            return
        (report or log.info)(f"prerendered {asked} answers of data version {version} in "
                             f"{time.monotonic() - began:.1f} s")

    threading.Thread(target=run, name="prerender", daemon=True).start()
