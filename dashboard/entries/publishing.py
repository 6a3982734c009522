"""Approved in-year figures reach every worker as a new data version.

The current version's files are published again with ``actuals.csv`` holding the rows kept
by hand in ``data/actuals.csv`` (no ``measure``) and, after them, every approved figure (the
latest approved of each indicator, year, month and measure: a revision replaces the
preliminary figure). The live follower of each worker loads it within about a second; a
figure unlocked or replaced leaves the public pages the same way.
"""

from __future__ import annotations

import csv
import io

from dashboard.entries.store import Entry, list_entries
from dashboard.progress.actuals import COLUMNS, FILE_NAME, OPTIONAL
from dashboard.store.engine import Store, StoreError
from dashboard.store.versions import Published, current_state, publish, version_files_of

HEADER = (*COLUMNS, *OPTIONAL)


def _hand_rows(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [r for r in rows if not (r.get("measure") or "").strip()]


def actuals_text(previous: str, approved: list[Entry]) -> str:
    latest: dict[tuple, Entry] = {}
    for entry in sorted(approved, key=lambda e: e.id):
        f = entry.figure
        latest[(f.indicator_id, f.year, f.through_month, f.measure)] = entry
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in _hand_rows(previous):
        writer.writerow({name: row.get(name, "") for name in HEADER})
    for entry in sorted(latest.values(), key=lambda e: e.id):
        f = entry.figure
        writer.writerow({"indicator_id": f.indicator_id, "period": f.year,
                         "as_of": f.as_of.isoformat(), "value": repr(f.value), "unit": f.unit,
                         "source": f.source, "measure": f.measure, "status": f.status})
    return out.getvalue()


def publish_approved(store: Store, actor: str, note: str = "") -> Published:
    """Publish the current version again with the approved figures as its actuals."""
    version_id, _ = current_state(store)
    if version_id is None:
        raise StoreError(f"{store.label}: no data version is current")
    files = dict(version_files_of(store, version_id))
    previous = files.get(FILE_NAME, b"").decode("utf-8-sig")
    files[FILE_NAME] = actuals_text(previous, list_entries(store, ("approved",))).encode()
    return publish(store, files, origin="in-year figures approved in the app", actor=actor,
                   note=note)
