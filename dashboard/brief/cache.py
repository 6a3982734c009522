"""Printed briefs kept per data version, so each brief is printed once, not once per query.

The key is the SHA-256 of the snapshot's data version and the brief's *normalised* query:
only the parameters the brief understands (report, year, sectors, lang), each as it was
understood, in a fixed order, sectors in the snapshot's sector order, and the names of the
parameters that were not understood (the brief's notice says which). Anything else in the
URL (``?utm=…``, ``&x=1``, ``lang=EN``, ``sectors=b,a`` against ``a,b``) gives the same key,
so junk parameters never start another print.

* :class:`StoreCache` — with a database: rows of ``rendered_briefs``, shared by every worker
  and host on it. Writing a version's row deletes the rows of older versions, and a version
  keeps at most ``VERSION_ROWS`` (oldest dropped), since sector lists make many briefs.
* :class:`MemoCache` — without one (an app built on a snapshot): ``PDF_ENTRIES`` PDFs in the
  snapshot's memo, in this process; a later snapshot starts empty.

A database that fails is logged and treated as a miss: the brief is printed, not refused.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dashboard.brief.query import Choice
from dashboard.data import Dataset
from dashboard.store.engine import WRITE, Store, describe
from dashboard.store.tables import rendered_briefs

PDF_ENTRIES = 32
VERSION_ROWS = 256
log = logging.getLogger("dashboard.brief")


class Cache(Protocol):
    """Where printed briefs are kept; ``scope`` tells two caches' keys apart in flight."""

    scope: object

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, body: bytes) -> None: ...


def normalised(choice: Choice) -> Choice:
    """``choice`` with its sectors in the snapshot's order (the order asked for is noise)."""
    chosen = set(choice.sectors)
    return replace(choice, sectors=tuple(s for s in choice.dataset.sector_order if s in chosen))


def query_of(choice: Choice) -> str:
    """The normalised query of a (normalised) choice: what the printed brief depends on."""
    ignored = ",".join(sorted(choice.invalid))
    return choice.query() + (f"&ignored={ignored}" if ignored else "")


def key_of(version: str, choice: Choice) -> str:
    return hashlib.sha256(f"{version}\n{query_of(choice)}".encode()).hexdigest()


def version_id(version: str) -> int:
    """The database id of a stored version (``"7-3fa2…"`` is version 7); 0 for files."""
    found = re.match(r"(\d+)-", version)
    return int(found.group(1)) if found else 0


class _Kept:
    """PDFs of one snapshot, least recently used first, with the lock every request shares."""

    def __init__(self) -> None:
        self.values: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()


class MemoCache:
    """At most PDF_ENTRIES PDFs of one snapshot, least recently used dropped first."""

    def __init__(self, dataset: Dataset, entries: int = PDF_ENTRIES) -> None:
        self._kept = dataset.everything.memo.get(("brief-pdfs",), _Kept)
        self._entries = entries
        # Two snapshots may hold the same files (same version string): keys are per memo.
        self.scope = id(self._kept)

    def get(self, key: str) -> bytes | None:
        with self._kept.lock:
            if key in self._kept.values:
                self._kept.values.move_to_end(key)
            return self._kept.values.get(key)

    def put(self, key: str, body: bytes) -> None:
        with self._kept.lock:
            self._kept.values[key] = body
            while len(self._kept.values) > self._entries:
                self._kept.values.popitem(last=False)


class StoreCache:
    """The ``rendered_briefs`` rows of one data version (``version``: the snapshot's)."""

    def __init__(self, store: Store, version: str) -> None:
        self.store = store
        self.version_id = version_id(version)
        self.scope = store.label

    def get(self, key: str) -> bytes | None:
        try:
            with self.store.engine.connect() as conn:
                content = conn.execute(select(rendered_briefs.c.content)
                                       .where(rendered_briefs.c.key == key)).scalar()
        except SQLAlchemyError as exc:
            log.warning("cannot read a printed brief: %s", describe(exc))
            return None
        return bytes(content) if content is not None else None

    def put(self, key: str, body: bytes) -> None:
        table = rendered_briefs
        # Inserted last: if another worker stored the same key meanwhile, the whole
        # transaction is dropped (its clean-up is done by the next write).
        try:
            with self.store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
                conn.execute(delete(table).where(table.c.version_id < self.version_id))
                kept = (select(table.c.key).where(table.c.version_id == self.version_id)
                        .order_by(table.c.created_at.desc(), table.c.key)
                        .offset(VERSION_ROWS - 1))
                conn.execute(delete(table).where(table.c.key.in_(kept)))
                conn.execute(insert(table).values(key=key, version_id=self.version_id,
                                                  content=body, created_at=datetime.now(UTC)))
        except IntegrityError:
            return  # the same brief, printed by another worker: its bytes are kept
        except SQLAlchemyError as exc:
            log.warning("cannot keep a printed brief: %s", describe(exc))


def cache_for(store: Store | None, dataset: Dataset) -> Cache:
    """The database's cache when the app has one, else the snapshot's own."""
    return StoreCache(store, dataset.version) if store is not None else MemoCache(dataset)
