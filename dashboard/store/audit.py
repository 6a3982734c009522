"""The audit log: one append-only row per change (who, when, what, old and new, why).

Rows are only ever inserted, in the same transaction as the change they record, so a change
without its audit row cannot commit. Values are stored as JSON text, which reads the same
on SQLite and PostgreSQL.

Reading the log for a person (the CSV export, any page or API) goes through
``history_for``, which asks the policy for ``audit.read``; ``history`` and ``history_of``
are for code that has already decided what may be shown (a figure's own changes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from dashboard.policy import Action, Actor, require
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
        # The column holds 64 characters (a long user@host would fail on PostgreSQL only).
        at=datetime.now(UTC), actor=actor[:64], action=action, subject=subject[:200],
        old=None if old is None else json.dumps(dict(old), ensure_ascii=False, default=str),
        new=None if new is None else json.dumps(dict(new), ensure_ascii=False, default=str),
        reason=reason))


def _row(r: Any) -> AuditRow:
    return AuditRow(r.id, r.at, r.actor, r.action, r.subject,
                    None if r.old is None else json.loads(r.old),
                    None if r.new is None else json.loads(r.new), r.reason)


def history(store: Store, subject: str | None = None) -> list[AuditRow]:
    """Every row (of one subject, if given), oldest first. Not checked: see module doc."""
    query = select(audit_log).order_by(audit_log.c.id)
    if subject is not None:
        query = query.where(audit_log.c.subject == subject)
    with guard(store, "cannot read the audit log"), store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [_row(r) for r in rows]


_CHUNK = 500  # subjects per query: far below any backend's limit on bound parameters


def history_of(store: Store, subjects: Iterable[str]) -> list[AuditRow]:
    """The rows of the given subjects only, oldest first. Not checked: see module doc."""
    wanted = sorted(set(subjects))
    rows: list[Any] = []
    with guard(store, "cannot read the audit log"), store.engine.connect() as conn:
        for start in range(0, len(wanted), _CHUNK):
            rows += conn.execute(select(audit_log).where(
                audit_log.c.subject.in_(wanted[start:start + _CHUNK]))).all()
    return [_row(r) for r in sorted(rows, key=lambda r: r.id)]


def history_for(store: Store, user: Actor | None, subject: str | None = None
                ) -> list[AuditRow]:
    """``history`` for a person: policy.Denied unless ``user`` may read the audit log."""
    require(user, Action.AUDIT_READ)
    return history(store, subject)
