"""Bulk import: a dry run with one result per row, then an all-or-nothing commit; a process
killed during the commit writes nothing."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from dashboard.entries import bulk
from dashboard.entries import store as entries
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.store.audit import history
from dashboard.users import accounts

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 12, 31)
HEADER = "indicator_id,year,period_kind,through_month,measure,value,unit,price_basis,status," \
         "source,comment"
GOOD = textwrap.dedent("""\
    gdp,2025,quarter,3,growth_pct,5.1%,,comparable,preliminary,一季度快报,
    gdp,2025,half_year,6,growth_pct,5.6%,,comparable,preliminary,半年快报,
    industrial_value_added,2025,month_to_date,5,growth_pct,增长8.2%,,comparable,final,月报,
    """)


@pytest.fixture
def li(store):
    accounts.add_user(store, "wang", "correct horse battery", "reviewer")
    return accounts.add_user(store, "li", "correct horse battery", "editor",
                             ["economy", "industry"])


def _rows(text: str):
    return bulk.read_rows((HEADER + "\n" + text).encode("utf-8"), "figures.csv")


def test_a_clean_file_is_new_rows_then_all_written(store, li):
    rows = _rows(GOOD)
    lexicon = load_lexicon().indicators
    assert [r.outcome for r in bulk.dry_run(store, li, rows, lexicon, TODAY)] == ["new"] * 3
    assert entries.list_entries(store, user=li) == []  # a dry run writes nothing
    assert [r.outcome for r in bulk.commit(store, li, rows, lexicon, TODAY)] == ["new"] * 3
    saved = entries.list_entries(store, user=li)
    assert [e.figure.value for e in saved] == [5.1, 5.6, 8.2]
    assert [r.action for r in history(store)][-3:] == ["entry.import"] * 3
    again = bulk.dry_run(store, li, rows, lexicon, TODAY)
    assert [r.outcome for r in again] == ["update"] * 3


def test_every_kind_of_bad_row_is_named_and_nothing_is_written(store, li):
    lexicon = load_lexicon().indicators
    approved = entries.save(store, li, {**dict(zip(HEADER.split(","), GOOD.splitlines()[0]
                                                   .split(","), strict=True))}, lexicon, TODAY)
    sent = entries.submit(store, li, approved.id, approved.version)
    entries.approve(store, accounts.user_by_id(store, 1), approved.id, sent.version)
    text = GOOD + textwrap.dedent("""\
        moon,2025,quarter,3,growth_pct,5%,,,final,x,
        gdp,2025,quarter,6,growth_pct,5亿元,,,final,x,
        gdp,2025,half_year,6,growth_pct,5.6%,,comparable,preliminary,重复,
        retail_sales,2025,quarter,3,growth_pct,5%,,,final,x,
        gdp,2025,quarter,9,growth_pct,abc,,,final,x,
        gdp,2025,month_to_date,10,growth_pct,30%,,,final,x,
        """)
    results = bulk.dry_run(store, li, _rows(text), lexicon, TODAY)
    assert [(r.line, r.outcome, r.field) for r in results] == [
        (2, "locked", ""), (3, "new", ""), (4, "new", ""),
        (5, "unknown_indicator", "indicator_id"), (6, "bad_unit", "unit"),
        (7, "duplicate", ""), (8, "forbidden", ""), (9, "invalid", "value"),
        (10, "needs_comment", "comment")]
    before = len(entries.list_entries(store, user=li))
    assert [r.outcome for r in bulk.commit(store, li, _rows(text), lexicon, TODAY)] == [
        r.outcome for r in results]
    assert len(entries.list_entries(store, user=li)) == before  # all or nothing


def test_xlsx_and_bad_files(store, li):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["gdp", 2025, "quarter", 3, "growth_pct", 5.1, "%", "comparable",
                  "preliminary", "快报", None])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = bulk.read_rows(buffer.getvalue(), "figures.xlsx")
    results = bulk.dry_run(store, li, rows, load_lexicon().indicators, TODAY)
    assert [r.outcome for r in results] == ["new"]
    for content, name, reason in (
            (b"PK\x03\x04broken", "x.xlsx", "not a valid .xlsx"),
            (b"\xff\xfe\x00\x00garbage\x81", "x.csv", "not UTF-8"),
            (b"a,b\n1,2\n", "x.csv", "missing columns"),
            (b"", "x.csv", "empty"),
            (b"data", "x.pdf", "not a .csv or .xlsx")):
        with pytest.raises(bulk.ImportError_, match=reason):
            bulk.read_rows(content, name)


KILLED = """
import os, signal, sys
from datetime import date
from dashboard.entries import bulk
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.store import open_store
from dashboard.users.accounts import list_users
store = open_store(sys.argv[1])
(li, _), = [(u, a) for u, a in list_users(store) if u.name == "li"]
rows = bulk.read_rows(open(sys.argv[2], "rb").read(), "figures.csv")
bulk.commit(store, li, rows, load_lexicon().indicators, date(2025, 12, 31),
            before_commit=lambda: os.kill(os.getpid(), signal.SIGKILL))
"""


def test_a_commit_killed_part_way_writes_nothing(store, li, tmp_path):
    url = store.engine.url.render_as_string(hide_password=False)
    figures = tmp_path / "figures.csv"
    figures.write_text(HEADER + "\n" + GOOD, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", KILLED, url, str(figures)], cwd=ROOT,
                            env=dict(os.environ), capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL
    assert entries.list_entries(store, user=li) == []
    assert not [r for r in history(store) if r.action == "entry.import"]
    # The database is not left locked: the same import now goes through.
    rows = bulk.read_rows(figures.read_bytes(), "figures.csv")
    assert len(bulk.commit(store, li, rows, load_lexicon().indicators, TODAY)) == 3
    assert len(entries.list_entries(store, user=li)) == 3
