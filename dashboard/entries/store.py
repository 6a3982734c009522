"""Entries in the database: save a draft, submit, approve, return, unlock; never lose a
change, never overwrite one silently.

* Editors write the figures of their sectors (admins any); reviewers (and admins) approve
  or return submitted figures, never one they last changed themselves.
* Each change checks the version the writer saw: a figure changed since gives ``conflict``.
* An approved figure is locked until an admin unlocks it with a reason.
* Every change and its audit row are written in one transaction (SQLite: write lock taken
  up front, so concurrent writers queue behind the busy timeout instead of failing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from dashboard.entries.checks import Figure, Problem, read_figure, warnings
from dashboard.pipeline.lexicon import Indicator
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import entries
from dashboard.users.accounts import User

STATES = ("draft", "submitted", "approved", "returned")
EDITABLE = ("draft", "returned")


class EntryError(Exception):
    """A refused change: ``code`` (invalid, needs_comment, forbidden, conflict, locked,
    not_found, bad_state, needs_reason) and the problems found."""

    def __init__(self, code: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    id: int
    figure: Figure
    sector: str
    state: str
    flagged: bool
    version: int
    created_by: str
    updated_by: str
    updated_at: datetime
    note: str


def entry_from_row(row: Any) -> Entry:
    figure = Figure(row.indicator_id, row.year, row.period_kind, row.through_month,
                    row.measure, row.value, row.unit, row.price_basis, row.status, row.source,
                    row.comment)
    return Entry(row.id, figure, row.sector, row.state, bool(row.flagged), row.version,
                 row.created_by, row.updated_by, row.updated_at, row.note)


def _write(store: Store) -> Connection:
    return store.engine.connect().execution_options(**WRITE)


def _locked_row(conn: Connection, entry_id: int, version: int | None) -> Any:
    query = select(entries).where(entries.c.id == entry_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise EntryError("not_found")
    if version is not None and row.version != version:
        raise EntryError("conflict")
    return row


def save(store: Store, user: User, fields: Mapping[str, object],
         indicators: Mapping[str, Indicator], today: date | None = None,
         entry_id: int | None = None, version: int | None = None) -> Entry:
    """Create a draft (``entry_id`` None) or change one; EntryError if refused."""
    figure, problems = read_figure(fields, indicators, today or date.today())
    if figure is None:
        raise EntryError("invalid", tuple(problems))
    sector = indicators[figure.indicator_id].sector
    if not user.may_edit(sector):
        raise EntryError("forbidden")
    now = datetime.now(UTC)
    with guard(store, "cannot save the figure"), _write(store) as conn, conn.begin():
        earlier = [entry_from_row(r).figure for r in conn.execute(select(entries).where(
            (entries.c.indicator_id == figure.indicator_id) & (entries.c.year == figure.year)
            & (entries.c.measure == figure.measure)
            & (entries.c.through_month < figure.through_month)
            & (entries.c.state != "returned") & (entries.c.id != (entry_id or 0))))]
        soft = warnings(figure, earlier)
        if soft and not figure.comment:
            raise EntryError("needs_comment", tuple(soft))
        values = {**asdict(figure), "sector": sector, "flagged": int(bool(soft)),
                  "updated_by": user.name, "updated_at": now}
        if entry_id is None:
            new_id = int(conn.execute(insert(entries).values(
                **values, state="draft", version=1, created_by=user.name, note=""
            )).inserted_primary_key[0])
            audit.record(conn, user.name, "entry.create", f"entry:{new_id}", new=asdict(figure))
        else:
            row = _locked_row(conn, entry_id, version)
            if row.state not in EDITABLE:
                raise EntryError("locked" if row.state == "approved" else "bad_state")
            if not user.may_edit(row.sector):
                raise EntryError("forbidden")
            conn.execute(update(entries).where(entries.c.id == entry_id).values(
                **values, version=row.version + 1))
            audit.record(conn, user.name, "entry.edit", f"entry:{entry_id}",
                         old=asdict(entry_from_row(row).figure), new=asdict(figure))
            new_id = entry_id
        return entry_from_row(conn.execute(select(entries).where(entries.c.id == new_id)).one())


def _move(store: Store, user: User, entry_id: int, version: int | None, action: str,
          allowed_from: tuple[str, ...], to: str, reason: str = "") -> Entry:
    with guard(store, f"cannot {action} the figure"), _write(store) as conn, \
            conn.begin():
        row = _locked_row(conn, entry_id, version)
        if row.state not in allowed_from:
            raise EntryError("locked" if row.state == "approved" else "bad_state")
        if action in ("approve", "return") and row.updated_by == user.name:
            raise EntryError("forbidden")  # four eyes: nobody approves their own change
        conn.execute(update(entries).where(entries.c.id == entry_id).values(
            state=to, version=row.version + 1, updated_at=datetime.now(UTC),
            note=reason or row.note,
            **({"updated_by": user.name} if action == "submit" else {})))
        audit.record(conn, user.name, f"entry.{action}", f"entry:{entry_id}",
                     old={"state": row.state}, new={"state": to}, reason=reason)
        return entry_from_row(conn.execute(select(entries).where(entries.c.id == entry_id)).one())


def submit(store: Store, user: User, entry_id: int, version: int | None) -> Entry:
    entry = get(store, entry_id)
    if not user.may_edit(entry.sector):
        raise EntryError("forbidden")
    return _move(store, user, entry_id, version, "submit", EDITABLE, "submitted")


def approve(store: Store, user: User, entry_id: int, version: int | None) -> Entry:
    if user.role not in ("reviewer", "admin"):
        raise EntryError("forbidden")
    return _move(store, user, entry_id, version, "approve", ("submitted",), "approved")


def return_entry(store: Store, user: User, entry_id: int, version: int | None,
                 reason: str) -> Entry:
    if user.role not in ("reviewer", "admin"):
        raise EntryError("forbidden")
    if not reason.strip():
        raise EntryError("needs_reason")
    return _move(store, user, entry_id, version, "return", ("submitted",), "returned",
                 reason.strip()[:1000])


def unlock(store: Store, user: User, entry_id: int, reason: str) -> Entry:
    if user.role != "admin":
        raise EntryError("forbidden")
    if not reason.strip():
        raise EntryError("needs_reason")
    return _move(store, user, entry_id, None, "unlock", ("approved",), "returned",
                 reason.strip()[:1000])


def get(store: Store, entry_id: int) -> Entry:
    with guard(store, "cannot read the figure"), store.engine.connect() as conn:
        row = conn.execute(select(entries).where(entries.c.id == entry_id)).first()
    if row is None:
        raise EntryError("not_found")
    return entry_from_row(row)


def list_entries(store: Store, states: tuple[str, ...] = STATES) -> list[Entry]:
    with guard(store, "cannot list figures"), store.engine.connect() as conn:
        rows = conn.execute(select(entries).where(entries.c.state.in_(states))
                            .order_by(entries.c.id)).all()
    return [entry_from_row(r) for r in rows]
