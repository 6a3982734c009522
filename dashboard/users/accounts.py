"""Accounts: create, change and check users (sign-ins are throttled by ``throttle.py``).

Passwords are hashed with werkzeug's scrypt (``generate_password_hash``); a hash never leaves
this module in a return value, a log line or a message. Roles: ``editor`` (enters and
submits figures for the sectors assigned), ``reviewer`` (approves or returns them),
``admin`` (users, sector assignment, unlocking). Every change is written to the audit log in
the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, insert, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.pipeline.lexicon import load_lexicon
from dashboard.policy import Action, Subject, allowed
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import auth_sessions, users
from dashboard.users import throttle
from dashboard.users.errors import AccountError

ROLES = ("editor", "reviewer", "admin")
# The one password rule (``check_password``): the CLI, the admin pages and the sign-in form
# (whose maxlength is MAX_PASSWORD) all accept exactly the same passwords.
MIN_PASSWORD = 10
MAX_PASSWORD = 200
MAX_NAME = 64
# Checked against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    sectors: tuple[str, ...]

    def may_edit(self, sector: str) -> bool:
        """Whether the policy lets this user enter figures of ``sector`` (asks it, so the
        answer cannot drift from what the entry service enforces)."""
        return allowed(self, Action.ENTRY_EDIT, Subject(sector=sector))


def _check(name: str, role: str, sectors: Sequence[str]) -> None:
    if not name or len(name) > MAX_NAME or not name.isprintable() or name != name.strip():
        raise AccountError(f"name: 1 to {MAX_NAME} printable characters, no spaces around")
    if role not in ROLES:
        raise AccountError(f"role: one of {', '.join(ROLES)}")
    known = set(load_lexicon().sectors)
    unknown = [s for s in sectors if s not in known]
    if unknown:
        raise AccountError(f"sectors: unknown {', '.join(unknown)}")


def password_length(password: str) -> int:
    """The length as a browser counts it for ``maxlength`` (UTF-16 code units), so that a
    password of emoji or rare characters is measured the same by the form and the rule."""
    return len(password.encode("utf-16-le")) // 2


def check_password(password: str) -> None:
    """The password rule: MIN_PASSWORD to MAX_PASSWORD characters; AccountError if not."""
    length = password_length(password)
    if length < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    if length > MAX_PASSWORD:
        raise AccountError(f"password: at most {MAX_PASSWORD} characters")


def add_user(store: Store, name: str, password: str, role: str,
             sectors: Sequence[str] = (), actor: str = "cli") -> User:
    """Create a user; AccountError for a bad value or a name already taken."""
    _check(name, role, sectors)
    check_password(password)
    sector_text = ",".join(sectors)
    with guard(store, "cannot add the user"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if conn.execute(select(users.c.id).where(users.c.name == name)).first():
            raise AccountError(f"name: {name!r} is taken")
        user_id = int(conn.execute(insert(users).values(
            name=name, password_hash=generate_password_hash(password), role=role,
            sectors=sector_text, created_at=datetime.now(UTC))).inserted_primary_key[0])
        audit.record(conn, actor, "user.add", f"user:{name}",
                     new={"role": role, "sectors": sector_text})
    return User(user_id, name, role, tuple(sectors))


def set_password(store: Store, name: str, password: str, actor: str = "cli") -> None:
    """Set a password and end the user's sessions (whoever held the old one is signed out)."""
    check_password(password)
    with guard(store, "cannot change the password"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = conn.execute(select(users.c.id).where(users.c.name == name)).first()
        if row is None:
            raise AccountError(f"name: no user {name!r}")
        conn.execute(update(users).where(users.c.id == row.id).values(
            password_hash=generate_password_hash(password)))
        ended = _end_sessions(conn, row.id)
        audit.record(conn, actor, "user.password", f"user:{name}", new={"sessions_ended": ended})


def set_sectors(store: Store, name: str, sectors: Sequence[str], actor: str = "cli") -> None:
    """Assign an editor's sectors (an admin's task)."""
    with guard(store, "cannot read the user"), store.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise AccountError(f"name: no user {name!r}")
    _check(name, row.role, sectors)
    text = ",".join(sectors)
    with guard(store, "cannot assign sectors"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        conn.execute(update(users).where(users.c.name == name).values(sectors=text))
        audit.record(conn, actor, "user.sectors", f"user:{name}", old={"sectors": row.sectors},
                     new={"sectors": text})


def set_role(store: Store, name: str, role: str, actor: str = "cli") -> None:
    """Change a user's role; refused if it would leave no enabled admin."""
    with guard(store, "cannot change the role"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = conn.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            raise AccountError(f"name: no user {name!r}")
        _check(name, role, [s for s in row.sectors.split(",") if s])
        if role == row.role:
            return
        if row.role == "admin" and row.disabled_at is None:
            _keep_an_admin(conn, row.id)
        conn.execute(update(users).where(users.c.id == row.id).values(role=role))
        audit.record(conn, actor, "user.role", f"user:{name}", old={"role": row.role},
                     new={"role": role})


def disable_user(store: Store, name: str, actor: str = "cli", reason: str = "") -> None:
    """Stop a user from signing in and end their sessions; refused for the last admin."""
    with guard(store, "cannot disable the user"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = conn.execute(select(users).where(
            and_(users.c.name == name, users.c.disabled_at.is_(None)))).first()
        if row is None:
            raise AccountError(f"name: no active user {name!r}")
        if row.role == "admin":
            _keep_an_admin(conn, row.id)
        conn.execute(update(users).where(users.c.id == row.id).values(
            disabled_at=datetime.now(UTC)))
        ended = _end_sessions(conn, row.id)
        audit.record(conn, actor, "user.disable", f"user:{name}",
                     new={"sessions_ended": ended}, reason=reason)


def _keep_an_admin(conn: Connection, leaving: int) -> None:
    """Refuse a change that would leave no enabled admin (nobody could manage users)."""
    # FOR UPDATE of every enabled admin, the one leaving included, in id order (PostgreSQL):
    # two admins disabling each other at once queue on the same first row instead of each
    # locking the other's (a deadlock), and the second then sees the first's change. SQLite's
    # write lock (WRITE) already serialises them.
    admins = conn.execute(select(users.c.id).where(and_(
        users.c.role == "admin", users.c.disabled_at.is_(None))).order_by(users.c.id)
        .with_for_update()).scalars().all()
    if not [i for i in admins if i != leaving]:
        raise AccountError("last_admin: the last enabled admin cannot be disabled or demoted")


def _end_sessions(conn: Connection, user_id: int) -> int:
    """Revoke every live session of a user, in the caller's transaction; how many."""
    return conn.execute(update(auth_sessions).where(and_(
        auth_sessions.c.user_id == user_id, auth_sessions.c.revoked_at.is_(None))).values(
        revoked_at=datetime.now(UTC))).rowcount


def list_users(store: Store) -> list[tuple[User, bool]]:
    """Every user and whether it is active, by name."""
    with guard(store, "cannot list users"), store.engine.connect() as conn:
        rows = conn.execute(select(users).order_by(users.c.name)).all()
    return [(user_from_row(r), r.disabled_at is None) for r in rows]


def user_from_row(row) -> User:  # noqa: ANN001 - a result row; shared with sessions.py
    return User(row.id, row.name, row.role, tuple(s for s in row.sectors.split(",") if s))


def user_by_id(store: Store, user_id: int) -> User | None:
    with guard(store, "cannot read the user"), store.engine.connect() as conn:
        row = conn.execute(select(users).where(
            and_(users.c.id == user_id, users.c.disabled_at.is_(None)))).first()
    return None if row is None else user_from_row(row)


def authenticate(store: Store, name: str, password: str, address: str) -> User | None:
    """The user if the name and password match an active account, else None; every attempt
    is recorded for throttling (ask ``throttle.check`` first).

    A name or password longer than the rules allow fails without being hashed: no account
    can have it, and it is never cut down to one that could.
    """
    row, ok = None, False
    if len(name) <= MAX_NAME and password_length(password) <= MAX_PASSWORD:
        with guard(store, "cannot read the user"), store.engine.connect() as conn:
            row = conn.execute(select(users).where(
                and_(users.c.name == name, users.c.disabled_at.is_(None)))).first()
        ok = bool(check_password_hash(row.password_hash if row else _DUMMY_HASH, password)
                  and row)
    with guard(store, "cannot record the sign-in"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        throttle.record_in(conn, name, address, ok)
        if ok:
            audit.record(conn, name, "user.signin", f"user:{name}")
    return user_from_row(row) if ok else None
