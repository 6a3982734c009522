"""Where answers are kept: the database's ``answers`` table, shared by every worker and host,
with the most recently used answers of this process in front of it; without a database (an
app built on a snapshot), the snapshot's own memo.

Answers are gzip bytes, compressed once when kept: a browser that accepts gzip (all do) is
sent them as they are. A key names its data version (``keys.py``), so a later version never
finds an older one's answer; rows of other versions are deleted when a version is
prerendered (``prerender.py``). A database that fails is a miss, logged once per minute,
never an error: the answer is computed as if nothing were kept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dashboard.data import Dataset
from dashboard.store.engine import WRITE, Store, describe
from dashboard.store.tables import answers

# Answers of this process kept in memory, most recently used first.
RECENT_BYTES = 48 * 1024 * 1024
log = logging.getLogger("dashboard.answers")


class Kept(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, body: bytes) -> None: ...


def version_id(version: str) -> int:
    """The database id of a stored version (``"7-3fa2…"`` is 7); 0 for files."""
    head = version.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


class Recent:
    """gzip answers by key, least recently used dropped first, at most ``limit`` bytes."""

    def __init__(self, limit: int = RECENT_BYTES) -> None:
        self._values: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
            return found

    def put(self, key: str, body: bytes) -> None:
        if len(body) > self._limit:
            return
        with self._lock:
            old = self._values.pop(key, None)
            self._size += len(body) - (len(old) if old is not None else 0)
            self._values[key] = body
            while self._size > self._limit:
                _, dropped = self._values.popitem(last=False)
                self._size -= len(dropped)


class StoreKept:
    """The ``answers`` rows of one data version, behind this process's :class:`Recent`."""

    def __init__(self, store: Store, version: str, recent: Recent) -> None:
        self.store = store
        self.version_id = version_id(version)
        self.recent = recent
        self._warned = 0.0

    def _warn(self, doing: str, exc: SQLAlchemyError) -> None:
        now = time.monotonic()
        if now - self._warned > 60:
            self._warned = now
            log.warning("cannot %s an answer: %s", doing, describe(exc))

    def get(self, key: str) -> bytes | None:
        found = self.recent.get(key)
        if found is not None:
            return found
        try:
            with self.store.engine.connect() as conn:
                content = conn.execute(select(answers.c.content)
                                       .where(answers.c.key == key)).scalar()
        except SQLAlchemyError as exc:
            self._warn("read", exc)
            return None
        if content is None:
            return None
        body = bytes(content)
        self.recent.put(key, body)
        return body

    def put(self, key: str, body: bytes) -> None:
        self.recent.put(key, body)
        try:
            with self.store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
                conn.execute(insert(answers).values(
                    key=key, version_id=self.version_id, content=body,
                    created_at=datetime.now(UTC)))
        except IntegrityError:
            return  # kept by another worker meanwhile: the same bytes
        except SQLAlchemyError as exc:
            self._warn("keep", exc)


class MemoKept:
    """Answers in the snapshot's memo (no database): this process and app only (two apps of
    one process may serve one snapshot with other pages: tests)."""

    def __init__(self, dataset: Dataset, scope: str) -> None:
        self._recent = dataset.everything.memo.get(("answers", scope), Recent)

    def get(self, key: str) -> bytes | None:
        return self._recent.get(key)

    def put(self, key: str, body: bytes) -> None:
        self._recent.put(key, body)


def claim(store: Store, key: str, version: str, lease_s: float | None = None) -> bool:
    """Insert the row ``key`` (an empty answer) unless it exists: True for the one caller
    that inserted it. With ``lease_s``, a row older than that is taken over (its claimer was
    stopped part way: a restart, a crash), so no work is left undone for good."""
    now = datetime.now(UTC)
    try:
        with store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            conn.execute(insert(answers).values(key=key, version_id=version_id(version),
                                                content=b"", created_at=now))
    except IntegrityError:
        if lease_s is None:
            return False
        with store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            taken = conn.execute(update(answers).values(created_at=now).where(
                answers.c.key == key,
                answers.c.created_at < now - timedelta(seconds=lease_s)))
        return taken.rowcount == 1
    return True


def exists(store: Store, key: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(answers.c.key).where(answers.c.key == key)).first() is not None


def forget_other_versions(store: Store, version: str) -> int:
    """Delete the answers of every version but ``version``; the number deleted."""
    with store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        result = conn.execute(delete(answers)
                              .where(answers.c.version_id != version_id(version)))
    return int(result.rowcount or 0)


def count_prefix(store: Store, prefix: str) -> int:
    """How many keys start with ``prefix`` (the prerender's markers)."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(answers)
                                .where(answers.c.key.like(prefix + "%"))).scalar() or 0)


def count(store: Store, version: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(answers)
                                .where(answers.c.version_id == version_id(version))).scalar()
                   or 0)
