"""The target table as plain rows: one per target, with the facts it joins (the target's
statements and the actual's), so the joins can be checked without a browser. A range target
(增长6%—7%) is one row: its low bound in ``target_value``, its high bound in
``target_upper`` (empty for any other target), both bounds' fact ids in ``target_fact_ids``.

Used by ``python -m dashboard.progress --year YEAR`` (``__main__.py``).
"""

from __future__ import annotations

import csv
import io

from dashboard.progress.marks import Mark
from dashboard.progress.targets import TargetTable

COLUMNS = ("target_id", "indicator_id", "indicator_zh", "kind", "comparator", "target_value",
           "target_upper", "target_unit", "target_fact_ids", "actual_value", "actual_unit",
           "actual_as_of", "actual_fact_id", "actual_source", "status")


def _source(mark: Mark | None) -> tuple[str, str]:
    if mark is None:
        return "", ""
    if mark.fact is not None:
        return str(mark.fact["fact_id"]), str(mark.fact["report_id"])
    entry = mark.entry or {}
    return "", str(entry.get("source", mark.origin))


def target_rows(table: TargetTable) -> list[dict[str, object]]:
    rows = []
    for row in table.rows:
        fact_id, source = _source(row.actual)
        rows.append({
            "target_id": row.target_id, "indicator_id": row.indicator_id,
            "indicator_zh": row.name_zh, "kind": row.kind, "comparator": row.comparator,
            "target_value": "" if row.value is None else row.value,
            "target_upper": "" if row.upper is None else row.upper, "target_unit": row.unit,
            "target_fact_ids": ";".join(str(f["fact_id"]) for f in row.facts),
            "actual_value": "" if row.actual is None else row.actual.value,
            "actual_unit": "" if row.actual is None else row.actual.unit,
            "actual_as_of": "" if row.actual is None else row.actual.as_of,
            "actual_fact_id": fact_id, "actual_source": source,
            "status": row.assessment.status.value,
        })
    return rows


def target_csv(table: TargetTable) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(target_rows(table))
    return out.getvalue()
