"""Each report's part of the tables, kept in the database (``report_parts``) so that composing
a version reads only the reports whose text, sources entry or reading code changed.

The cache the composer hands to ``build_tables`` (``dashboard/pipeline/reading.py``). It is
shared by every instance on the database; parts made by another reading code are deleted
when parts of this code are stored (an upgrade reads every report once, then keeps one
generation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import report_parts

# Keys per query: well under SQLite's limit of bound parameters.
CHUNK = 500


class StoreCache:
    """``get_many`` / ``put_many`` over ``report_parts`` for the reading code ``code``."""

    def __init__(self, store: Store, code: str) -> None:
        self.store = store
        self.code = code

    def get_many(self, keys: Sequence[str]) -> Mapping[str, bytes]:
        found: dict[str, bytes] = {}
        with guard(self.store, "cannot read stored report parts"), \
                self.store.engine.connect() as conn:
            for start in range(0, len(keys), CHUNK):
                rows = conn.execute(select(report_parts.c.key, report_parts.c.content)
                                    .where(report_parts.c.key.in_(keys[start:start + CHUNK])))
                found.update((str(k), bytes(c)) for k, c in rows)
        return found

    def put_many(self, items: Mapping[str, bytes]) -> None:
        if not items:
            return
        now = datetime.now(UTC)
        with guard(self.store, "cannot store report parts"), \
                self.store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            conn.execute(delete(report_parts).where(report_parts.c.code != self.code))
            keys = list(items)
            # A part read again under the same key (its decisions changed) replaces the old.
            for start in range(0, len(keys), CHUNK):
                conn.execute(delete(report_parts).where(
                    report_parts.c.key.in_(keys[start:start + CHUNK])))
            try:
                with conn.begin_nested():
                    conn.execute(insert(report_parts), [
                        {"key": k, "code": self.code, "content": v, "created_at": now}
                        for k, v in items.items()])
            except IntegrityError:
                # Another instance stored the same parts meanwhile: theirs are as good.
                pass
