"""Storing data versions: validate, store, make current; withdraw; read back.

The storage layer under the one composer (``dashboard/store/publishing.py``, which every
publisher calls): ``publish`` validates the files with the app's own loader
(``dashboard.data_files``) before writing anything, then in one transaction stores the
version (each file's content once, by hash, in ``blobs``) with its manifest, makes it
current, runs the caller's state changes (``in_transaction``) and writes the publish log and
the audit row. A publish that fails or is killed part-way leaves the previous version
current (the transaction never commits). ``rollback`` withdraws the current version and
makes the one before it current again, in the same way.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from dashboard.data import Dataset
from dashboard.data_files import dataset_from_files, version_of
from dashboard.pipeline.schema import TABLES, fingerprint
from dashboard.store import audit
from dashboard.store.engine import WRITE, Store, StoreError, guard
from dashboard.store.tables import (
    STATE_ROW,
    blobs,
    data_versions,
    publish_log,
    publish_state,
    version_files,
)


@dataclass(frozen=True)
class Published:
    version_id: int
    previous_id: int | None
    created: bool  # False: the files were the current version already
    reports: int
    facts: int


@dataclass(frozen=True)
class VersionRow:
    id: int
    content_hash: str
    created_at: datetime
    created_by: str
    origin: str
    note: str
    reports: int
    facts: int
    withdrawn: bool
    current: bool


def default_actor() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


InTransaction = Callable[[Connection, int], None]


def publish(store: Store, files: Mapping[str, bytes], origin: str, actor: str | None = None,
            note: str = "", before_commit: Callable[[], None] | None = None,
            manifest: Mapping[str, Any] | None = None,
            in_transaction: InTransaction | None = None,
            counts: tuple[int, int] | None = None) -> Published:
    """Store ``files`` as a new current version; DataError (nothing written) if invalid.

    ``in_transaction(conn, version_id)`` runs inside the transaction once the version is
    current (the composer sets upload states there, and checks its inputs did not change);
    ``before_commit`` just before it commits (tests use it to kill the process at the worst
    moment). ``counts``: (reports, facts) of ``files`` from a caller that has validated them
    (the composer, whose tables passed the schema as they were built), so they are not read
    again; without them the files are read and validated here.
    """
    if counts is None:
        dataset = dataset_from_files(files, origin)
        counts = (len(dataset.reports), len(dataset.indicators))
    content_hash = version_of(files)
    now = datetime.now(UTC)
    counted = {"reports": counts[0], "facts": counts[1]}
    with guard(store, "cannot publish"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        previous = _lock_state(conn)
        if previous is not None and _hash_of(conn, previous) == content_hash:
            if manifest is not None:  # the same files from other inputs: say which now
                conn.execute(update(data_versions).where(data_versions.c.id == previous)
                             .values(manifest=json.dumps(manifest, ensure_ascii=False,
                                                         default=str)))
            if in_transaction is not None:
                in_transaction(conn, previous)
            return Published(previous, previous, False, **counted)
        version_id = int(conn.execute(insert(data_versions).values(
            content_hash=content_hash, schema=fingerprint(), created_at=now,
            created_by=actor or default_actor(), origin=origin[:500], note=note,
            manifest=None if manifest is None else json.dumps(manifest, ensure_ascii=False,
                                                              default=str),
            **counted)).inserted_primary_key[0])
        conn.execute(insert(version_files), [
            {"version_id": version_id, "name": name, "sha256": store_blob(conn, content)}
            for name, content in sorted(files.items())])
        _make_current(conn, version_id, previous, "publish", actor, note, now)
        if in_transaction is not None:
            in_transaction(conn, version_id)
        if before_commit is not None:
            before_commit()
    return Published(version_id, previous, True, **counted)


def rollback(store: Store, actor: str | None = None, note: str = "",
             in_transaction: InTransaction | None = None) -> Published:
    """Withdraw the current version; the latest earlier one not withdrawn becomes current
    (``in_transaction(conn, its id)`` then runs in the same transaction)."""
    now = datetime.now(UTC)
    with guard(store, "cannot roll back"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        current = _lock_state(conn)
        if current is None:
            raise StoreError(f"{store.label}: nothing is published yet")
        earlier = conn.execute(
            select(data_versions.c.id, data_versions.c.reports, data_versions.c.facts)
            .where(data_versions.c.id < current, data_versions.c.withdrawn_at.is_(None))
            .order_by(data_versions.c.id.desc()).limit(1)).first()
        if earlier is None:
            raise StoreError(f"{store.label}: version {current} is the first one; "
                             "there is no earlier version to go back to")
        conn.execute(update(data_versions).where(data_versions.c.id == current)
                     .values(withdrawn_at=now))
        _make_current(conn, int(earlier.id), current, "rollback", actor, note, now)
        if in_transaction is not None:
            in_transaction(conn, int(earlier.id))
    return Published(int(earlier.id), current, True, int(earlier.reports), int(earlier.facts))


def current_state(store: Store) -> tuple[int | None, int]:
    """(current version id, serial): the one query a running app repeats to follow along."""
    with guard(store, "cannot read the current version"), store.engine.connect() as conn:
        row = conn.execute(select(publish_state.c.current_version_id, publish_state.c.serial)
                           .where(publish_state.c.id == STATE_ROW)).one()
    return (None if row[0] is None else int(row[0])), int(row[1])


def version_files_of(store: Store, version_id: int) -> dict[str, bytes]:
    return _version_content(store, version_id)[0]


def _version_content(store: Store, version_id: int) -> tuple[dict[str, bytes], str | None]:
    """A version's files and the schema fingerprint they were validated with."""
    with guard(store, f"cannot read version {version_id}"), store.engine.connect() as conn:
        rows = conn.execute(select(version_files.c.name, blobs.c.content)
                            .join(blobs, blobs.c.sha256 == version_files.c.sha256)
                            .where(version_files.c.version_id == version_id)).all()
        schema = conn.execute(select(data_versions.c.schema)
                              .where(data_versions.c.id == version_id)).scalar()
    return {str(name): bytes(content) for name, content in rows}, schema


def load_version(store: Store, version_id: int) -> Dataset:
    """The snapshot of one stored version: validated again if this code's schema differs
    from the one it was published with, else only typed (the files never change)."""
    files, schema = _version_content(store, version_id)
    if not files:
        raise StoreError(f"{store.label}: version {version_id} has no files")
    return dataset_from_files(files, f"version {version_id}",
                              version=f"{version_id}-{version_of(files)}",
                              validated=schema == fingerprint())


class TableReuse:
    """A worker's loader of versions: a table whose file is the same (by hash) as in the
    version loaded last is taken from it instead of read again, so after an approval (one
    changed ``actuals.csv``) a worker reads one small file, not every report's tables."""

    def __init__(self) -> None:
        self._hashes: dict[str, str] = {}
        self._last: Dataset | None = None

    def __call__(self, store: Store, version_id: int) -> Dataset:
        with guard(store, f"cannot read version {version_id}"), store.engine.connect() as conn:
            hashes = {str(n): str(h) for n, h in conn.execute(
                select(version_files.c.name, version_files.c.sha256)
                .where(version_files.c.version_id == version_id)).all()}
            row = conn.execute(select(data_versions.c.schema, data_versions.c.content_hash)
                               .where(data_versions.c.id == version_id)).one()
            same_schema = row.schema == fingerprint()
            reuse = {table: getattr(self._last, table) for table, spec in TABLES.items()
                     if self._last is not None and same_schema
                     and hashes.get(spec[0]) == self._hashes.get(spec[0]) is not None}
            wanted = [n for n in hashes if n not in {TABLES[t][0] for t in reuse}]
            files = {str(n): bytes(c) for n, c in conn.execute(
                select(version_files.c.name, blobs.c.content)
                .join(blobs, blobs.c.sha256 == version_files.c.sha256)
                .where(version_files.c.version_id == version_id,
                       version_files.c.name.in_(wanted))).all()}
        if not hashes:
            raise StoreError(f"{store.label}: version {version_id} has no files")
        dataset = dataset_from_files(files, f"version {version_id}",
                                     version=f"{version_id}-{row.content_hash}",
                                     validated=same_schema, frames=reuse)
        self._hashes, self._last = hashes, dataset
        return dataset


def list_versions(store: Store) -> list[VersionRow]:
    current, _serial = current_state(store)
    with guard(store, "cannot list versions"), store.engine.connect() as conn:
        rows = conn.execute(select(data_versions).order_by(data_versions.c.id)).all()
    return [VersionRow(int(r.id), r.content_hash, r.created_at, r.created_by, r.origin,
                       r.note, int(r.reports), int(r.facts), r.withdrawn_at is not None,
                       int(r.id) == current) for r in rows]


def export_version(store: Store, version_id: int, out_dir: Path) -> list[Path]:
    """Write a version's files to ``out_dir`` (the import/export format: data/ as built)."""
    files = version_files_of(store, version_id)
    if not files:
        raise StoreError(f"{store.label}: no version {version_id}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in sorted(files.items()):
        path = out_dir / Path(name).name
        path.write_bytes(content)
        written.append(path)
    return written


def store_blob(conn: Connection, content: bytes) -> str:
    """Keep ``content`` once, by its SHA-256 (which is returned)."""
    digest = hashlib.sha256(content).hexdigest()
    known = conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == digest)).first()
    if known is None:
        conn.execute(insert(blobs).values(sha256=digest, size=len(content), content=content))
    return digest


def _lock_state(conn: Connection) -> int | None:
    # FOR UPDATE on PostgreSQL; SQLite already holds its write lock (BEGIN IMMEDIATE).
    row = conn.execute(select(publish_state.c.current_version_id)
                       .where(publish_state.c.id == STATE_ROW).with_for_update()).one()
    return None if row[0] is None else int(row[0])


def _hash_of(conn: Connection, version_id: int) -> str:
    return str(conn.execute(select(data_versions.c.content_hash)
                            .where(data_versions.c.id == version_id)).scalar_one())


def _make_current(conn: Connection, version_id: int, previous: int | None, action: str,
                  actor: str | None, note: str, now: datetime) -> None:
    conn.execute(update(publish_state).where(publish_state.c.id == STATE_ROW).values(
        current_version_id=version_id, serial=publish_state.c.serial + 1, changed_at=now))
    conn.execute(insert(publish_log).values(
        at=now, action=action, version_id=version_id, previous_version_id=previous,
        actor=actor or default_actor(), note=note))
    audit.record(conn, (actor or default_actor())[:64], f"version.{action}",
                 f"version:{version_id}", None if previous is None else {"version": previous},
                 {"version": version_id}, note)


def manifest_of_version(conn: Connection, version_id: int) -> dict[str, Any] | None:
    """What a version was composed from (None for a version stored before manifests)."""
    text = conn.execute(select(data_versions.c.manifest)
                        .where(data_versions.c.id == version_id)).scalar()
    return None if text is None else json.loads(text)

