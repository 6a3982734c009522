"""Signed-in sessions, kept in the database.

Signing in creates a new random token (so a session id planted before sign-in is never the
signed-in one); the cookie holds the token, the table its SHA-256. A session lasts
``LIFETIME`` and ends at sign-out on every worker at once, since every request looks it up.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, insert, select, update

from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import auth_sessions, users
from dashboard.users.accounts import User, user_from_row

LIFETIME = timedelta(hours=12)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(store: Store, user: User) -> str:
    """A new session for ``user``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with guard(store, "cannot start the session"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        conn.execute(insert(auth_sessions).values(
            token_hash=_hash(token), user_id=user.id, created_at=now,
            expires_at=now + LIFETIME))
    return token


def session_user(store: Store, token: str | None, now: datetime | None = None) -> User | None:
    """The active user of a live session, or None (no, unknown, expired or ended session)."""
    if not token or len(token) > 100:
        return None
    now = now or datetime.now(UTC)
    query = select(users).join(auth_sessions, auth_sessions.c.user_id == users.c.id).where(and_(
        auth_sessions.c.token_hash == _hash(token), auth_sessions.c.revoked_at.is_(None),
        users.c.disabled_at.is_(None)))
    with guard(store, "cannot read the session"), store.engine.connect() as conn:
        row = conn.execute(query.add_columns(auth_sessions.c.expires_at)).first()
    if row is None or _aware(row.expires_at) <= now:
        return None
    return user_from_row(row)


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes (stored in UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def close_session(store: Store, token: str | None) -> None:
    """End a session (sign-out); nothing happens for an unknown token."""
    if not token or len(token) > 100:
        return
    with guard(store, "cannot end the session"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = conn.execute(select(users.c.name).join(
            auth_sessions, auth_sessions.c.user_id == users.c.id).where(
            auth_sessions.c.token_hash == _hash(token))).first()
        changed = conn.execute(update(auth_sessions).where(and_(
            auth_sessions.c.token_hash == _hash(token), auth_sessions.c.revoked_at.is_(None)
        )).values(revoked_at=datetime.now(UTC))).rowcount
        if changed and row is not None:
            audit.record(conn, row.name, "user.signout", f"user:{row.name}")
