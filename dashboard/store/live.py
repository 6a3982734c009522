"""Following the current data version while serving.

Each app process keeps one :class:`VersionFollower`: a daemon thread that asks the database
for the current version every ``POLL_SECONDS``, and when it changed, loads the
new version off the request path. The request path (``SnapshotSource.current``) only picks
up a snapshot that is ready, so the per-request cost is a few attribute reads, and a
request sees either the old version or the new one whole.

If the database cannot be reached, the process keeps serving the last good version and logs
that once (and again when the database is back). A version that fails to load is logged and
not retried until the current version changes again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from dashboard.data import DataError, Dataset
from dashboard.store.engine import Store, StoreError, describe
from dashboard.store.versions import current_state, load_version

POLL_SECONDS = 0.25
log = logging.getLogger("dashboard.live")


class VersionFollower:
    """``refresh`` for :class:`dashboard.context.SnapshotSource`: a newer snapshot or None."""

    def __init__(self, store: Store, loaded: tuple[int | None, int],
                 poll_seconds: float = POLL_SECONDS,
                 loader: Callable[[Store, int], Dataset] = load_version) -> None:
        self.store = store
        self.poll_seconds = poll_seconds
        self._loader = loader
        self._seen = loaded  # (version id, serial) of the snapshot handed out last
        self._ready: Dataset | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unreachable = False
        self._loading = False

    @property
    def changing(self) -> bool:
        """A newer version is being loaded, or is loaded and not yet handed over."""
        return self._loading or self._ready is not None

    def __call__(self, _snapshot: Dataset) -> Dataset | None:
        if self._pid != os.getpid():
            self._start()
        if self._ready is None:
            return None
        with self._lock:
            ready, self._ready = self._ready, None
        return ready

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            # A forked worker must not share the parent's pooled connections.
            self.store.engine.dispose(close=False)
            self._pid = os.getpid()
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="version-follower",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """End this process's thread (the gunicorn master, before it forks the workers; a
        worker starts its own on its first request)."""
        self._stop.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=10)
        self._thread = None
        self._pid = None

    def _run(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            self.check()

    def check(self) -> None:
        """One poll: load the current version if it is not the one served."""
        try:
            state = current_state(self.store)
        except (SQLAlchemyError, StoreError) as exc:
            self._lost(exc)
            return
        if self._unreachable:
            self._unreachable = False
            log.warning("database %s reachable again", self.store.label)
        version_id, serial = state
        if serial == self._seen[1] or version_id is None:
            return
        began = time.perf_counter()
        self._loading = True
        try:
            snapshot = self._loader(self.store, version_id)
        except (SQLAlchemyError, StoreError) as exc:
            self._lost(exc)
            return
        except DataError as exc:
            log.error("data version %s cannot be served (%s); keeping version %s",
                      version_id, exc, self._seen[0])
            self._seen = (self._seen[0], serial)
            return
        finally:
            self._loading = False
        with self._lock:
            self._ready = snapshot
            self._seen = state
        log.info("data version %s (%s) loaded in %.2f s; serving it from the next request",
                 version_id, snapshot.version, time.perf_counter() - began)

    def _lost(self, exc: BaseException) -> None:
        if not self._unreachable:
            self._unreachable = True
            log.warning("database %s unreachable (%s); still serving data version %s",
                        self.store.label, describe(exc), self._seen[0])
