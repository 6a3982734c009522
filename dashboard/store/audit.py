"""The audit log: one append-only row per change (who, when, what, old and new, why).

Rows are only ever inserted, in the same transaction as the change they record, so a change
without its audit row cannot commit. Values are stored as JSON text, which reads the same
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from dashboard.store.engine import Store, guard
from dashboard.store.tables import audit_log


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reason: str


def record(conn: Connection, actor: str, action: str, subject: str,
           old: Mapping[str, Any] | None = None, new: Mapping[str, Any] | None = None,
           reason: str = "") -> None:
    """Append one row, inside the caller's transaction."""
    conn.execute(insert(audit_log).values(
        at=datetime.now(UTC), actor=actor, action=action, subject=subject[:200],
        old=None if old is None else json.dumps(dict(old), ensure_ascii=False, default=str),
        new=None if new is None else json.dumps(dict(new), ensure_ascii=False, default=str),
        reason=reason))


def history(store: Store, subject: str | None = None) -> list[AuditRow]:
    """Every row (of one subject, if given), oldest first."""
    query = select(audit_log).order_by(audit_log.c.id)
    if subject is not None:
        query = query.where(audit_log.c.subject == subject)
    with guard(store, "cannot read the audit log"), store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [AuditRow(r.id, r.at, r.actor, r.action, r.subject,
                     None if r.old is None else json.loads(r.old),
                     None if r.new is None else json.loads(r.new), r.reason) for r in rows]
