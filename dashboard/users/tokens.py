"""API tokens: one user's key to the JSON API's writes (``Authorization: Bearer TOKEN``).

A token is made for a user by an admin (``python -m dashboard.users token NAME``) and shown
once: the table keeps only its SHA-256 (``api_tokens.token_hash``), so neither the database,
the audit log nor a log line holds one in clear. A request with the token acts as its user,
with that user's role and sectors as they are now: disabling the user or revoking the token
ends it at the next request, on every worker (each request looks it up).
Making and revoking a token are audited, in the same transaction.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, insert, select, update

from dashboard.policy import Action, Actor, require
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, StoreError, guard
from dashboard.store.tables import api_tokens, users
from dashboard.users.accounts import AccountError, User, user_from_row

# A prefix lets secret scanners and people recognise a leaked token for what it is.
PREFIX = "wrd_"
MAX_TOKEN = 100
MAX_LABEL = 100
# last_used_at is written at most this often per token: a busy client must not turn
# every request into a write (SQLite has one writer at a time).
TOUCH_EVERY = timedelta(minutes=1)
# The command line acts as an admin: whoever runs it can open the database anyway.
CLI = User(0, "cli", "admin", ())


@dataclass(frozen=True)
class TokenInfo:
    id: int
    label: str
    created_at: datetime
    created_by: str
    last_used_at: datetime | None
    revoked_at: datetime | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user_row(conn, name: str):  # noqa: ANN001, ANN202 - a connection and a result row
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise AccountError(f"name: no user {name!r}")
    return row


def _label(label: str) -> str:
    text = label.strip()
    if not text or len(text) > MAX_LABEL or not text.isprintable():
        raise AccountError(f"label: 1 to {MAX_LABEL} printable characters")
    return text


def create_token(store: Store, name: str, label: str = "api", by: Actor = CLI
                 ) -> tuple[int, str]:
    """A new token for the user ``name``: (its id, the token, to be shown once)."""
    require(by, Action.TOKEN_MANAGE)
    text = _label(label)
    token = PREFIX + secrets.token_urlsafe(32)
    with guard(store, "cannot make the token"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = _user_row(conn, name)
        if row.disabled_at is not None:
            raise AccountError(f"name: {name!r} is disabled")
        token_id = int(conn.execute(insert(api_tokens).values(
            user_id=row.id, label=text, token_hash=token_hash(token),
            created_at=datetime.now(UTC), created_by=by.name)).inserted_primary_key[0])
        audit.record(conn, by.name, "token.create", f"user:{name}",
                     new={"token_id": token_id, "label": text})
    return token_id, token


def list_tokens(store: Store, name: str, by: Actor = CLI) -> list[TokenInfo]:
    """The user's tokens, revoked ones included, oldest first (never a token or hash)."""
    require(by, Action.TOKEN_MANAGE)
    with guard(store, "cannot list tokens"), store.engine.connect() as conn:
        row = _user_row(conn, name)
        rows = conn.execute(select(api_tokens).where(api_tokens.c.user_id == row.id)
                            .order_by(api_tokens.c.id)).all()
    return [TokenInfo(r.id, r.label, r.created_at, r.created_by, r.last_used_at,
                      r.revoked_at) for r in rows]


def revoke_token(store: Store, name: str, token_id: int, by: Actor = CLI,
                 reason: str = "") -> None:
    """Revoke the user's token ``token_id``; AccountError if it is not theirs or not live."""
    require(by, Action.TOKEN_MANAGE)
    with guard(store, "cannot revoke the token"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = _user_row(conn, name)
        changed = conn.execute(update(api_tokens).where(and_(
            api_tokens.c.id == token_id, api_tokens.c.user_id == row.id,
            api_tokens.c.revoked_at.is_(None))).values(revoked_at=datetime.now(UTC))).rowcount
        if not changed:
            raise AccountError(f"token: {name!r} has no live token {token_id}")
        audit.record(conn, by.name, "token.revoke", f"user:{name}",
                     old={"token_id": token_id}, reason=reason)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives back naive datetimes (stored in UTC).
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def token_user(store: Store, token: str | None, now: datetime | None = None) -> User | None:
    """The active user a live token belongs to, or None (no, unknown or revoked token, or a
    disabled user)."""
    if not token or len(token) > MAX_TOKEN or not token.isascii() or not token.isprintable():
        return None
    digest = token_hash(token)
    query = select(users, api_tokens.c.id.label("token_id"), api_tokens.c.last_used_at).join(
        api_tokens, api_tokens.c.user_id == users.c.id).where(and_(
            api_tokens.c.token_hash == digest, api_tokens.c.revoked_at.is_(None),
            users.c.disabled_at.is_(None)))
    with guard(store, "cannot read the token"), store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    now = now or datetime.now(UTC)
    last = _aware(row.last_used_at)
    if last is None or now - last >= TOUCH_EVERY:
        # Bookkeeping only: a busy database must not refuse the request for it.
        with contextlib.suppress(StoreError), guard(store, "cannot note the token's use"), \
                store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            conn.execute(update(api_tokens).where(api_tokens.c.id == row.token_id)
                         .values(last_used_at=now))
    return user_from_row(row)
