"""Sign-in throttling that slows guessing without letting anyone lock a user out.

Failures are counted per (name, address) pair: after ``FREE_FAILURES`` failed sign-ins of a
name from one address, that pair waits 1 s, then 2 s, 4 s … up to ``MAX_WAIT`` after each
further failure. Nothing is counted per name alone, so failures sent from one address never
stop the same name signing in from another. To stop one address trying a few passwords on
many names (spraying), the failures of an address over all names within ``ADDRESS_WINDOW``
get the same backoff after ``ADDRESS_FREE_FAILURES`` (a sign-in does not reset this count,
or an attacker could reset it with an account of their own).

Rows of ``signin_attempts``: ``ok`` is 0 (failed), 1 (signed in) or 2 (cleared by an admin,
``clear_lock``). A pair's failures count only after its latest sign-in and the name's latest
clearing; an address's failures only after the name's latest clearing. Rows older than
``RETENTION`` are deleted when an attempt is recorded, so the table stays small and every
count covers at most that long. Attempts refused while waiting are not recorded: waiting
out the backoff is the only way on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, and_, delete, func, insert, select

from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import signin_attempts, users
from dashboard.users.errors import AccountError

FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 30
# Short, so that an office behind one NAT address is never slowed for long by its own typos.
ADDRESS_WINDOW = timedelta(hours=1)
FIRST_WAIT = timedelta(seconds=1)
MAX_WAIT = timedelta(minutes=15)
RETENTION = timedelta(days=1)
FAILED, SIGNED_IN, CLEARED = 0, 1, 2
# The address of a clearing row: it clears the name from every address.
ANY_ADDRESS = "*"
_COLUMN = 64  # width of the name and address columns


def backoff(failures: int, free: int) -> timedelta:
    """The wait after the latest of ``failures`` failures when ``free`` cost nothing."""
    if failures < free:
        return timedelta(0)
    # The exponent is capped so that a huge count never builds a huge integer.
    return min(FIRST_WAIT * 2 ** min(failures - free, 30), MAX_WAIT)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives back naive datetimes (stored in UTC).
    if moment is None or moment.tzinfo:
        return moment
    return moment.replace(tzinfo=UTC)


def _failures(conn: Connection, where: object, since: datetime) -> tuple[int, datetime | None]:
    """How many failures match ``where`` after ``since``, and when the latest was."""
    count, latest = conn.execute(select(func.count(), func.max(signin_attempts.c.at)).where(
        and_(where, signin_attempts.c.ok == FAILED, signin_attempts.c.at > since))).one()
    return int(count), _aware(latest)


def check(store: Store, name: str, address: str, now: datetime | None = None) -> float:
    """Seconds this name must wait before trying again from this address (0: go ahead)."""
    now = now or datetime.now(UTC)
    name, address = name[:_COLUMN], address[:_COLUMN]
    horizon = now - RETENTION
    by_name = signin_attempts.c.name == name
    by_address = signin_attempts.c.address == address
    with guard(store, "cannot check sign-in attempts"), store.engine.connect() as conn:
        cleared = _aware(conn.execute(select(func.max(signin_attempts.c.at)).where(and_(
            by_name, signin_attempts.c.ok == CLEARED, signin_attempts.c.at > horizon)))
            .scalar_one())
        signed_in = _aware(conn.execute(select(func.max(signin_attempts.c.at)).where(and_(
            by_name, by_address, signin_attempts.c.ok == SIGNED_IN,
            signin_attempts.c.at > horizon))).scalar_one())
        after_clear = max(m for m in (horizon, cleared) if m is not None)
        after_reset = max(m for m in (after_clear, signed_in) if m is not None)
        pair = _failures(conn, and_(by_name, by_address), after_reset)
        spray = _failures(conn, by_address, max(after_clear, now - ADDRESS_WINDOW))
    wait = timedelta(0)
    for (count, latest), free in ((pair, FREE_FAILURES), (spray, ADDRESS_FREE_FAILURES)):
        if latest is not None:
            wait = max(wait, latest + backoff(count, free) - now)
    return max(wait.total_seconds(), 0.0)


def record_in(conn: Connection, name: str, address: str, ok: bool,
              now: datetime | None = None) -> None:
    """Record one sign-in attempt inside the caller's transaction; drop rows past RETENTION."""
    now = now or datetime.now(UTC)
    conn.execute(insert(signin_attempts).values(
        name=name[:_COLUMN], address=address[:_COLUMN], at=now,
        ok=SIGNED_IN if ok else FAILED))
    conn.execute(delete(signin_attempts).where(signin_attempts.c.at < now - RETENTION))


def record(store: Store, name: str, address: str, ok: bool,
           now: datetime | None = None) -> None:
    """Record one sign-in attempt (its own transaction)."""
    with guard(store, "cannot record the sign-in"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        record_in(conn, name, address, ok, now)


def clear_lock(store: Store, name: str, actor_name: str, now: datetime | None = None) -> None:
    """Let ``name`` sign in again from every address at once (an admin's task), audited.

    Raises ``AccountError`` for a name no user has.
    """
    now = now or datetime.now(UTC)
    with guard(store, "cannot clear the sign-in lock"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if conn.execute(select(users.c.id).where(users.c.name == name)).first() is None:
            raise AccountError(f"name: no user {name!r}")
        waiting = conn.execute(select(func.count()).where(and_(
            signin_attempts.c.name == name, signin_attempts.c.ok == FAILED,
            signin_attempts.c.at > now - RETENTION))).scalar_one()
        conn.execute(insert(signin_attempts).values(
            name=name[:_COLUMN], address=ANY_ADDRESS, at=now, ok=CLEARED))
        audit.record(conn, actor_name, "user.unlock", f"user:{name}",
                     old={"failures_last_day": int(waiting)})

