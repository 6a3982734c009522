"""Bulk import of in-year figures from CSV or XLSX: a dry run first, one row result each,
then one all-or-nothing commit.

Columns: the form's fields (``checks.FIELDS``); the header names them. Outcomes of a dry
run: ``new``, ``update`` (a draft or returned figure of the same indicator, year, month and
measure), ``unknown_indicator``, ``locked`` (that figure is approved or under review),
``duplicate`` (an earlier row of the file), ``bad_unit``, ``invalid`` (another field, named),
``forbidden`` (the policy refuses the user that sector), ``needs_comment`` (a soft check
without a comment). The commit runs the same checks inside its transaction and writes every
row or none; a process killed during the commit leaves nothing behind. Whoever imports a
figure is one of its value editors (four eyes: they never approve it).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from openpyxl import load_workbook
from sqlalchemy import Connection, insert, select, update

from dashboard.entries.checks import FIELDS, read_figure, warnings
from dashboard.entries.store import add_editor, entry_from_row, quote_editor
from dashboard.pipeline.lexicon import Indicator
from dashboard.policy import Action, Subject, allowed
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import entries
from dashboard.users.accounts import User

MAX_ROWS = 2000
MAX_XLSX_UNPACKED = 20_000_000  # a zip bomb stops here
OK = ("new", "update")


class ImportError_(ValueError):
    """The file cannot be read as a table of figures."""


@dataclass(frozen=True)
class RowResult:
    line: int
    outcome: str
    field: str = ""
    entry_id: int | None = None


def read_rows(content: bytes, name: str) -> list[dict[str, object]]:
    """The rows of a CSV or XLSX file as field dicts; ImportError_ with the reason."""
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportError_("not UTF-8 or GB18030 text")
        return _checked(list(csv.reader(io.StringIO(text))))
    raise ImportError_("not a .csv or .xlsx file")


def _xlsx_rows(content: bytes) -> list[dict[str, object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise ImportError_("the workbook unpacks to too much data")
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, ImportError_):
            raise
        raise ImportError_("not a valid .xlsx workbook") from None
    sheet = book.worksheets[0]
    rows = [["" if c is None else c for c in row]
            for row in sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True)]
    book.close()
    return _checked(rows)


def _checked(rows: list[list[object]]) -> list[dict[str, object]]:
    if not rows:
        raise ImportError_("the file is empty")
    header = [str(h).strip() for h in rows[0]]
    missing = [f for f in FIELDS if f not in header and f not in ("comment", "unit",
                                                                  "price_basis")]
    if missing:
        raise ImportError_("missing columns: " + ", ".join(missing))
    body = [r for r in rows[1:] if any(str(c).strip() for c in r)]
    if len(body) > MAX_ROWS:
        raise ImportError_(f"more than {MAX_ROWS} rows")
    return [{name: (str(cell) if not isinstance(cell, str) else cell)
             for name, cell in zip(header, row, strict=False) if name in FIELDS}
            for row in body]


def _plan(conn: Connection, user: User | None, rows: list[dict[str, object]],
          indicators: Mapping[str, Indicator], today: date) -> list[tuple[RowResult, object]]:
    planned: list[tuple[RowResult, object]] = []
    seen: set[tuple] = set()
    for line, fields in enumerate(rows, start=2):
        figure, problems = read_figure(fields, indicators, today)
        if figure is None:
            first = problems[0]
            outcome = {"unknown_indicator": "unknown_indicator", "unit_mismatch": "bad_unit",
                       "two_units": "bad_unit"}.get(first.code, "invalid")
            planned.append((RowResult(line, outcome, first.field), None))
            continue
        key = (figure.indicator_id, figure.year, figure.through_month, figure.measure)
        if key in seen:
            planned.append((RowResult(line, "duplicate"), None))
            continue
        seen.add(key)
        if not allowed(user, Action.ENTRY_EDIT,
                       Subject(sector=indicators[figure.indicator_id].sector)):
            planned.append((RowResult(line, "forbidden"), None))
            continue
        same = conn.execute(select(entries).where(
            (entries.c.indicator_id == figure.indicator_id) & (entries.c.year == figure.year)
            & (entries.c.through_month == figure.through_month)
            & (entries.c.measure == figure.measure))).first()
        earlier = [entry_from_row(r).figure for r in conn.execute(select(entries).where(
            (entries.c.indicator_id == figure.indicator_id) & (entries.c.year == figure.year)
            & (entries.c.measure == figure.measure)
            & (entries.c.through_month < figure.through_month)
            & (entries.c.state != "returned")))]
        doubtful = bool(warnings(figure, earlier))
        if doubtful and not figure.comment:
            planned.append((RowResult(line, "needs_comment", "comment"), None))
        elif same is not None and same.state not in ("draft", "returned"):
            planned.append((RowResult(line, "locked", entry_id=same.id), None))
        elif same is not None:
            planned.append((RowResult(line, "update", entry_id=same.id),
                            (figure, same, doubtful)))
        else:
            planned.append((RowResult(line, "new"), (figure, None, doubtful)))
    return planned


def dry_run(store: Store, user: User | None, rows: list[dict[str, object]],
            indicators: Mapping[str, Indicator], today: date | None = None) -> list[RowResult]:
    with guard(store, "cannot check the import"), store.engine.connect() as conn:
        return [r for r, _ in _plan(conn, user, rows, indicators, today or date.today())]


def commit(store: Store, user: User | None, rows: list[dict[str, object]],
           indicators: Mapping[str, Indicator], today: date | None = None,
           before_commit=None) -> list[RowResult]:  # noqa: ANN001 - a test hook
    """Write every row (all new or update) in one transaction, or none; the row results."""
    now = datetime.now(UTC)
    with guard(store, "cannot import"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        planned = _plan(conn, user, rows, indicators, today or date.today())
        results = [r for r, _ in planned]
        if not planned or any(r.outcome not in OK for r in results):
            conn.rollback()
            return results
        assert user is not None  # every row was allowed, so someone is signed in
        for _, (figure, same, doubtful) in planned:  # type: ignore[misc]
            values = {**asdict(figure), "sector": indicators[figure.indicator_id].sector,
                      "flagged": int(doubtful), "updated_by": user.name, "updated_at": now}
            if same is None:
                new_id = conn.execute(insert(entries).values(
                    **values, state="draft", version=1, created_by=user.name, note="",
                    value_editors=quote_editor(user.name))).inserted_primary_key[0]
                audit.record(conn, user.name, "entry.import", f"entry:{new_id}",
                             new=asdict(figure))
            else:
                old = asdict(entry_from_row(same).figure)
                editors = same.value_editors if old == asdict(figure) else add_editor(
                    same.value_editors, same.created_by, user.name)
                # Only the row as it was read: a figure submitted or approved meanwhile (read
                # committed on PostgreSQL) is not overwritten, the import is refused whole.
                changed = conn.execute(update(entries).where(
                    entries.c.id == same.id, entries.c.version == same.version).values(
                    **values, version=same.version + 1, value_editors=editors)).rowcount
                if changed != 1:
                    raise ImportError_("a figure of the file changed meanwhile; "
                                       "nothing was imported, try again")
                audit.record(conn, user.name, "entry.import", f"entry:{same.id}",
                             old=old, new=asdict(figure))
        if before_commit is not None:
            before_commit()
    return results
