"""The repository's ``seeds/`` as sources of truth in the database.

Load: every report text in ``seeds/`` with its ``sources.yml`` entry (checked against its
sha256), every reviewers' file ``seeds/review/*.yml``, and the figures kept by hand in
``data/actuals.csv``. Save: one transaction that keeps an unchanged file's row, adds a row
for a new or changed file and retires the row of a file no longer there (never deletes it:
an earlier version's manifest names it). Start-up and ``python -m dashboard.pipeline
publish`` call :func:`import_seeds`; composing a version reads only these rows.

A folder is imported only when it differs from the folder imported last (an ``import``
row keeps its fingerprint): a rollback that took a seed text away (``publishing.py``
retires its row) is not undone by the next start-up from the same checkout.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, insert, select, update

from dashboard.pipeline.build import load_sources, report_files
from dashboard.pipeline.decisions import REVIEW_DIR
from dashboard.pipeline.text import ReportError, decode_report
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import source_texts

KINDS = ("report", "review", "actuals")
IMPORT = "import"  # the fingerprint of the folder imported last
# Any fixed number: the advisory lock that makes two instances starting together import
# the seeds one after the other (else both would add the same rows).
IMPORT_LOCK = 7_482_013


@dataclass(frozen=True)
class SourceText:
    id: int
    kind: str
    name: str
    content: str
    sha256: str
    source: dict[str, object]


@dataclass(frozen=True)
class Imported:
    added: int
    retired: int
    kept: int


def seed_files(seeds_dir: Path, actuals: Path | None) -> list[tuple[str, str, str, str, dict]]:
    """(kind, name, content, sha256, sources entry) of every source file; ReportError if a
    report differs from the sha256 its sources.yml entry freezes."""
    sources = load_sources(seeds_dir)
    found: list[tuple[str, str, str, str, dict]] = []
    for path in report_files(seeds_dir):
        raw = path.read_bytes()  # once: hashed, then decoded
        raw_hash = hashlib.sha256(raw).hexdigest()
        source = dict(sources.get(path.name) or {})
        if source.get("sha256") and source["sha256"] != raw_hash:
            raise ReportError(path, "sha256 differs from seeds/sources.yml (the frozen source "
                                    "changed; update sources.yml if the change is intended)")
        found.append(("report", path.name, decode_report(raw, path), raw_hash, _plain(source)))
    for path in sorted((seeds_dir / REVIEW_DIR).glob("*.yml")):
        content = path.read_text(encoding="utf-8")
        found.append(("review", f"{REVIEW_DIR}/{path.name}", content, _sha(content), {}))
    if actuals is not None and actuals.is_file():
        content = actuals.read_text(encoding="utf-8-sig")
        found.append(("actuals", actuals.name, content, _sha(content), {}))
    return found


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(source: Mapping[str, object]) -> dict[str, object]:
    # YAML dates become strings, so the entry reads back from JSON exactly as stored.
    return json.loads(json.dumps(dict(source), ensure_ascii=False, default=str))


def import_seeds(store: Store, seeds_dir: Path, actuals: Path | None, actor: str,
                 again: bool = False) -> Imported:
    """Bring ``source_texts`` in line with ``seeds_dir`` (see the module docstring);
    ``again``: even if the folder is the one imported last."""
    files = seed_files(seeds_dir, actuals)
    if not any(kind == "report" for kind, *_ in files):
        raise ReportError(seeds_dir, "no report files (*.txt) found")
    folder = _sha(json.dumps([[k, n, h, src] for k, n, _c, h, src in files],
                             ensure_ascii=False, sort_keys=True, default=str))
    now = datetime.now(UTC)
    added = retired = kept = 0
    with guard(store, "cannot import seeds"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if not store.is_sqlite:  # SQLite's write lock is taken by WRITE already
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})")
        rows = _active_rows(conn)
        last = next((r for r in rows if r.kind == IMPORT), None)
        if last is not None and last.sha256 == folder and not again:
            return Imported(0, 0, len(files))
        active = {(r.kind, r.name): r for r in rows if r.kind != IMPORT}
        seen: set[tuple[str, str]] = set()
        for kind, name, content, digest, source in files:
            seen.add((kind, name))
            row = active.get((kind, name))
            source_json = json.dumps(source, ensure_ascii=False, sort_keys=True)
            if row is not None and row.sha256 == digest and row.source == source_json:
                kept += 1
                continue
            if row is not None:
                _retire(conn, row.id, now)
                retired += 1
            new_id = conn.execute(insert(source_texts).values(
                kind=kind, name=name, content=content, sha256=digest, source=source_json,
                imported_at=now, imported_by=actor, retired_at=None)).inserted_primary_key[0]
            audit.record(conn, actor, "source.import", f"source:{new_id}", None,
                         {"kind": kind, "name": name, "sha256": digest})
            added += 1
        for key, row in active.items():
            if key not in seen:
                _retire(conn, row.id, now)
                audit.record(conn, actor, "source.retire", f"source:{row.id}",
                             {"kind": row.kind, "name": row.name}, None)
                retired += 1
        if last is not None:
            _retire(conn, last.id, now)
        conn.execute(insert(source_texts).values(
            kind=IMPORT, name=str(seeds_dir.name), content="", sha256=folder, source="{}",
            imported_at=now, imported_by=actor, retired_at=None))
    return Imported(added, retired, kept)


def _active_rows(conn: Connection) -> list:
    # Without the texts: they are compared by hash, and a province's 40 MB of them read
    # back and decoded cost half a second of every start-up.
    return list(conn.execute(
        select(source_texts.c.id, source_texts.c.kind, source_texts.c.name,
               source_texts.c.sha256, source_texts.c.source)
        .where(source_texts.c.retired_at.is_(None)).order_by(source_texts.c.id)))


def _retire(conn: Connection, row_id: int, now: datetime) -> None:
    conn.execute(update(source_texts).where(source_texts.c.id == row_id)
                 .values(retired_at=now))


def active_sources(conn: Connection, with_content: bool = True) -> list[SourceText]:
    """The current seed rows, oldest first (``content`` empty when not asked for)."""
    columns = [source_texts.c.id, source_texts.c.kind, source_texts.c.name,
               source_texts.c.sha256, source_texts.c.source]
    if with_content:
        columns.append(source_texts.c.content)
    rows = conn.execute(select(*columns).where(source_texts.c.retired_at.is_(None))
                        .order_by(source_texts.c.id)).all()
    return [SourceText(int(r.id), str(r.kind), str(r.name),
                       str(r.content) if with_content else "", str(r.sha256),
                       json.loads(r.source)) for r in rows]
