"""Entries in the database: save a draft, submit, approve, return, unlock; never lose a
change, never overwrite one silently.

* Who may do what is asked of ``dashboard.policy`` inside every function here (not only in
  the pages): editors write the figures of their sectors (admins any); reviewers (and
  admins) approve or return submitted figures; admins unlock approved ones.
* Four eyes: everyone who ever set a figure's fields is kept in ``value_editors``; none of
  them approves or returns it. Submitting, approving and returning add nobody.
* Each change of an existing figure must name the version the writer saw: a figure changed
  since, or a version missing or not a number, gives ``conflict`` (never a silent write).
* An approved figure is locked until an admin unlocks it with a reason.
* Figures not yet approved are shown only to those the policy lets see their sector.
* Every change and its audit row are written in one transaction (SQLite: write lock taken
  up front, so concurrent writers queue behind the busy timeout instead of failing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote

from sqlalchemy import Connection, insert, select, update

from dashboard.entries.checks import Figure, Problem, read_figure, warnings
from dashboard.pipeline.lexicon import Indicator
from dashboard.policy import Action, Denied, Subject, allowed, require
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import entries
from dashboard.users.accounts import User

STATES = ("draft", "submitted", "approved", "returned")
EDITABLE = ("draft", "returned")
PUBLIC = ("approved",)


class EntryError(Exception):
    """A refused change: ``code`` (invalid, needs_comment, forbidden, conflict, locked,
    not_found, bad_state, needs_reason), the problems found and, for ``forbidden``, the
    policy's reason (signed_out, role, sector, four_eyes)."""

    def __init__(self, code: str, problems: tuple[Problem, ...] = (),
                 reason: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.problems = problems
        self.reason = reason


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
    value_editors: tuple[str, ...] = ()

    @property
    def subject(self) -> Subject:
        return Subject(sector=self.sector, value_editors=self.value_editors)


# Names are kept comma-separated; a comma or percent sign inside a name is escaped, so a
# user called "a,b" is neither mistaken for "a" and "b" nor missed by the four-eyes check.
def quote_editor(name: str) -> str:
    return name.replace("%", "%25").replace(",", "%2C")


def editors_of(text: str | None, created_by: str = "") -> tuple[str, ...]:
    """The names kept in ``value_editors`` (the creator always among them: rows written
    before the column existed may lack it)."""
    names = [unquote(n) for n in (text or "").split(",") if n]
    return tuple(dict.fromkeys([*([created_by] if created_by else []), *names]))


def add_editor(text: str | None, created_by: str, name: str) -> str:
    """``value_editors`` with ``name`` added (once)."""
    names = dict.fromkeys([*editors_of(text, created_by), name])
    return ",".join(quote_editor(n) for n in names)


def entry_from_row(row: Any) -> Entry:
    figure = Figure(row.indicator_id, row.year, row.period_kind, row.through_month,
                    row.measure, row.value, row.unit, row.price_basis, row.status, row.source,
                    row.comment)
    return Entry(row.id, figure, row.sector, row.state, bool(row.flagged), row.version,
                 row.created_by, row.updated_by, row.updated_at, row.note,
                 editors_of(row.value_editors, row.created_by))


def _require(user: User | None, action: Action, subject: Subject | None = None) -> None:
    """The policy's verdict as the EntryError("forbidden") the pages and the API show."""
    try:
        require(user, action, subject)
    except Denied as denied:
        raise EntryError("forbidden", reason=denied.reason) from denied


def _write(store: Store) -> Connection:
    return store.engine.connect().execution_options(**WRITE)


def _locked_row(conn: Connection, entry_id: int) -> Any:
    query = select(entries).where(entries.c.id == entry_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise EntryError("not_found")
    return row


def _check_version(row: Any, version: object) -> None:
    # The version the writer saw is required: without it (None, a string, a bool, a number
    # that is not this row's) the write could overwrite a change the writer never saw.
    if not isinstance(version, int) or isinstance(version, bool) or version != row.version:
        raise EntryError("conflict")


def save(store: Store, user: User | None, fields: Mapping[str, object],
         indicators: Mapping[str, Indicator], today: date | None = None,
         entry_id: int | None = None, version: int | None = None) -> Entry:
    """Create a draft (``entry_id`` None) or change one (``version``: the one the writer
    saw); EntryError if refused."""
    _require(user, Action.ENTRY_EDIT)
    assert user is not None  # for the type checker: require refused None
    figure, problems = read_figure(fields, indicators, today or date.today())
    if figure is None:
        raise EntryError("invalid", tuple(problems))
    sector = indicators[figure.indicator_id].sector
    _require(user, Action.ENTRY_EDIT, Subject(sector=sector))
    now = datetime.now(UTC)
    with guard(store, "cannot save the figure"), _write(store) as conn, conn.begin():
        row = None
        if entry_id is not None:
            row = _locked_row(conn, entry_id)
            _require(user, Action.ENTRY_EDIT, Subject(sector=row.sector))
            _check_version(row, version)
            if row.state not in EDITABLE:
                raise EntryError("locked" if row.state == "approved" else "bad_state")
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
        if row is None:
            new_id = int(conn.execute(insert(entries).values(
                **values, state="draft", version=1, created_by=user.name, note="",
                value_editors=quote_editor(user.name))).inserted_primary_key[0])
            audit.record(conn, user.name, "entry.create", f"entry:{new_id}", new=asdict(figure))
        else:
            old = asdict(entry_from_row(row).figure)
            editors = row.value_editors if old == asdict(figure) else add_editor(
                row.value_editors, row.created_by, user.name)
            conn.execute(update(entries).where(entries.c.id == row.id).values(
                **values, version=row.version + 1, value_editors=editors))
            audit.record(conn, user.name, "entry.edit", f"entry:{row.id}", old=old,
                         new=asdict(figure))
            new_id = row.id
        return entry_from_row(conn.execute(select(entries).where(entries.c.id == new_id)).one())


def _move(store: Store, user: User | None, entry_id: int, version: int | None,
          action: Action, allowed_from: tuple[str, ...], to: str, reason: str = "") -> Entry:
    """Change a figure's state; its fields and value editors stay as they are."""
    _require(user, action)
    assert user is not None
    verb = action.value.removeprefix("entry.")
    with guard(store, f"cannot {verb} the figure"), _write(store) as conn, conn.begin():
        row = _locked_row(conn, entry_id)
        _require(user, action, entry_from_row(row).subject)
        _check_version(row, version)
        if row.state not in allowed_from:
            raise EntryError("locked" if row.state == "approved" else "bad_state")
        conn.execute(update(entries).where(entries.c.id == entry_id).values(
            state=to, version=row.version + 1, updated_at=datetime.now(UTC),
            note=reason or row.note))
        audit.record(conn, user.name, action.value, f"entry:{entry_id}",
                     old={"state": row.state}, new={"state": to}, reason=reason)
        return entry_from_row(conn.execute(select(entries).where(entries.c.id == entry_id)).one())


def _reason(reason: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise EntryError("needs_reason")
    return reason.strip()[:1000]


def submit(store: Store, user: User | None, entry_id: int, version: int | None) -> Entry:
    return _move(store, user, entry_id, version, Action.ENTRY_SUBMIT, EDITABLE, "submitted")


def approve(store: Store, user: User | None, entry_id: int, version: int | None) -> Entry:
    return _move(store, user, entry_id, version, Action.ENTRY_APPROVE, ("submitted",),
                 "approved")


def return_entry(store: Store, user: User | None, entry_id: int, version: int | None,
                 reason: str) -> Entry:
    _require(user, Action.ENTRY_RETURN)
    return _move(store, user, entry_id, version, Action.ENTRY_RETURN, ("submitted",),
                 "returned", _reason(reason))


def unlock(store: Store, user: User | None, entry_id: int, version: int | None,
           reason: str) -> Entry:
    _require(user, Action.ENTRY_UNLOCK)
    return _move(store, user, entry_id, version, Action.ENTRY_UNLOCK, ("approved",),
                 "returned", _reason(reason))


def _may_see(user: User | None, row: Any) -> bool:
    return row.state in PUBLIC or allowed(user, Action.ENTRY_VIEW, Subject(sector=row.sector))


def get(store: Store, entry_id: int, user: User | None = None) -> Entry:
    """One figure: an approved one for anyone, any other only for whom the policy lets see
    its sector (``user`` None: signed out)."""
    with guard(store, "cannot read the figure"), store.engine.connect() as conn:
        row = conn.execute(select(entries).where(entries.c.id == entry_id)).first()
    if row is None:
        raise EntryError("not_found")
    if not _may_see(user, row):
        _require(user, Action.ENTRY_VIEW, Subject(sector=row.sector))
    return entry_from_row(row)


def list_entries(store: Store, states: tuple[str, ...] = STATES, *,
                 user: User | None = None) -> list[Entry]:
    """The figures in ``states`` that ``user`` may see: approved figures are public, the
    others only in the sectors the policy shows ``user`` (none when signed out)."""
    with guard(store, "cannot list figures"), store.engine.connect() as conn:
        rows = conn.execute(select(entries).where(entries.c.state.in_(states))
                            .order_by(entries.c.id)).all()
    return [entry_from_row(r) for r in rows if _may_see(user, r)]


def histories(store: Store, shown: Iterable[Entry]) -> dict[int, list[audit.AuditRow]]:
    """The audit rows of figures already shown to someone (from ``get``/``list_entries``),
    by figure id: a figure's history is as visible as the figure."""
    ids = {e.id for e in shown}
    found: dict[int, list[audit.AuditRow]] = {}
    for row in audit.history_of(store, [f"entry:{i}" for i in sorted(ids)]):
        found.setdefault(int(row.subject[6:]), []).append(row)
    return found
