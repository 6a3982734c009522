"""What one approval costs with many reports loaded: publishing, database growth, and a
worker's reload of the new version.

Usage::

    .venv/bin/python benchmarks/approval_reload.py [--reports 200]

1. **Data**: ``--reports`` work reports made from the test bundles, each about its own
   invented county (``many_reports.make_seeds``), imported into a fresh SQLite database and
   composed once (the start-up's first version).
2. **Approval**: an editor enters a figure, a reviewer approves it, and the approval is
   published through the one composer (``publish_approval``); its time, and how many bytes
   the database's stored contents grew against the size of the one table that changed.
3. **Reload**: a worker's loader (``TableReuse``) picks the new version up, against loading
   it whole (``load_version``).

Writes nothing to the repository. Targets (#23): growth ≤ 2× the changed table; reload
≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

FIGURE = {"indicator_id": "gdp", "year": "2025", "period_kind": "quarter",
          "through_month": "3", "measure": "growth_pct", "value": "5.2%", "unit": "",
          "price_basis": "comparable", "status": "preliminary", "source": "统计局季报",
          "comment": ""}


def main() -> int:
    from many_reports import make_seeds
    from sqlalchemy import func, select

    from dashboard.entries import store as entries
    from dashboard.pipeline.lexicon import load_lexicon
    from dashboard.store import open_store
    from dashboard.store.publishing import bring_up_to_date, publish_approval
    from dashboard.store.tables import blobs
    from dashboard.store.versions import (
        TableReuse,
        current_state,
        load_version,
        version_files_of,
    )
    from dashboard.users import accounts

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--approvals", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-approval-"))
    try:
        seeds = make_seeds(work / "seeds", args.reports)
        store = open_store(f"sqlite:///{work / 'db.sqlite3'}")
        began = time.perf_counter()
        bring_up_to_date(store, seeds, None)
        composed = time.perf_counter() - began
        editor = accounts.add_user(store, "li", "correct horse battery", "editor", ["economy"])
        reviewer = accounts.add_user(store, "wang", "correct horse battery", "reviewer", [])
        loader = TableReuse()
        loader(store, current_state(store)[0])

        def stored() -> int:
            with store.engine.connect() as conn:
                return int(conn.execute(select(func.sum(blobs.c.size))).scalar() or 0)

        publish_s, reload_s, whole_s, growth = [], [], [], []
        for n in range(args.approvals):
            fields = {**FIGURE, "value": f"{5.0 + n / 10:.1f}%"}
            draft = entries.save(store, editor, fields, load_lexicon().indicators,
                                 date(2025, 4, 20))
            sent = entries.submit(store, editor, draft.id, draft.version)
            entries.approve(store, reviewer, draft.id, sent.version)
            size = stored()
            began = time.perf_counter()
            done = publish_approval(store, reviewer, f"approve {draft.id}")
            publish_s.append(time.perf_counter() - began)
            changed = len(version_files_of(store, done.version_id)["actuals.csv"])
            growth.append((stored() - size) / changed)
            began = time.perf_counter()
            loader(store, done.version_id)
            reload_s.append(time.perf_counter() - began)
            began = time.perf_counter()
            load_version(store, done.version_id)
            whole_s.append(time.perf_counter() - began)
        store.engine.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"reports: {args.reports}; first version composed in {composed:.1f} s")
    print(f"approval published (median of {args.approvals}): "
          f"{statistics.median(publish_s):.2f} s")
    print(f"database growth per approval: max {max(growth):.2f}× the changed table "
          "(target ≤ 2×)")
    print(f"worker reload of the new version: median {statistics.median(reload_s):.3f} s, "
          f"max {max(reload_s):.3f} s (target ≤ 0.5 s); loading it whole: "
          f"{statistics.median(whole_s):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
