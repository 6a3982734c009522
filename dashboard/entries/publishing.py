"""A data version's ``actuals.csv``: the rows kept by hand in ``data/actuals.csv`` (no
``measure``) and, after them, every approved figure (the latest approved of each indicator,
year, month and measure: a revision replaces the preliminary figure). The composer
(``dashboard/store/compose.py``) writes it into every version it makes.
"""

from __future__ import annotations

import csv
import io

from dashboard.entries.store import Entry
from dashboard.progress.actuals import COLUMNS, OPTIONAL

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
