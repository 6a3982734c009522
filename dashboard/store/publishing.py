"""Every publisher's one way to change what is public: compose, store, set states — or roll
back — each in one transaction.

``publish_current`` is called by ``python -m dashboard.pipeline publish``, an approval or
an unlock of an in-year figure, the publishing of an upload, and start-up. It composes the
version from the database (``compose.py``), then in one transaction checks that no input
changed meanwhile (else composes again), stores the version with its manifest and marks the
uploads it contains published. ``rollback_current`` makes the previous version current and,
in the same transaction, sets every upload and in-year figure to what that version holds:
an upload not in it is withdrawn, one in it is published; an approved figure not in it goes
back to "submitted" (to be approved again), a figure in it is approved again as it was.
Each of these is an audit row, as are the publish and the rollback themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update

from dashboard.policy import Action, require
from dashboard.store import audit
from dashboard.store.compose import ENTRY_FIELDS, Current, compose, manifest_of
from dashboard.store.engine import Store, StoreError, guard
from dashboard.store.sources import KINDS, import_seeds
from dashboard.store.tables import data_versions, entries, source_texts, uploads
from dashboard.store.versions import (
    Published,
    current_state,
    default_actor,
    manifest_of_version,
    publish,
    rollback,
    version_files_of,
)

ATTEMPTS = 3


class InputsChanged(Exception):
    """Another write changed the inputs while this version was being composed."""


def _current(store: Store) -> Current | None:
    version_id, _ = current_state(store)
    if version_id is None:
        return None
    with guard(store, "cannot read the current version"), store.engine.connect() as conn:
        manifest = manifest_of_version(conn, version_id)
        counts = conn.execute(select(data_versions.c.reports, data_versions.c.facts)
                              .where(data_versions.c.id == version_id)).one()
    return Current(manifest, int(counts.reports), int(counts.facts),
                   lambda: version_files_of(store, version_id))


def publish_current(store: Store, actor: Any, note: str = "", origin: str = "composed",
                    staged_id: int | None = None,
                    before_commit: Callable[[], None] | None = None) -> Published:
    """Compose from the database and make it current (with upload ``staged_id`` published).

    ``actor``: a signed-in user (the policy is asked) or, for the command line and
    start-up, a plain string naming who runs it.
    """
    if not isinstance(actor, str):
        require(actor, Action.UPLOAD if staged_id is not None else Action.VERSION_PUBLISH)
    name = actor if isinstance(actor, str) else actor.name
    for _attempt in range(ATTEMPTS):
        composition = compose(store, staged_id, _current(store))
        manifest = composition.manifest

        def settle(conn: Connection, version_id: int, manifest: dict = manifest) -> None:
            if manifest_of(conn, staged_id) != manifest:
                raise InputsChanged
            _set_uploads(conn, version_id, manifest, name)

        try:
            return publish(store, composition.files, origin, name, note, before_commit,
                           manifest, settle,
                           counts=(composition.reports, composition.facts))
        except InputsChanged:
            continue
    raise StoreError(f"{store.label}: the data kept changing while publishing; try again")


def publish_approval(store: Store, user: Any, note: str) -> Published:
    """After an approval or an unlock of an in-year figure: the figures public now.

    The figure's own service already asked the policy for the approval; publishing what
    it changed follows from it, so any signed-in reviewer may trigger it."""
    return publish_current(store, user.name, note, origin="in-year figures approved in the app")


def rollback_current(store: Store, actor: Any, note: str = "") -> Published:
    """The previous version is current again, with upload and figure states to match."""
    if not isinstance(actor, str):
        require(actor, Action.VERSION_ROLLBACK)
    name = actor if isinstance(actor, str) else actor.name

    def settle(conn: Connection, version_id: int) -> None:
        manifest = manifest_of_version(conn, version_id)
        if manifest is None:  # stored before manifests: withdraw the later uploads only
            conn.execute(update(uploads).where(uploads.c.state == "published",
                                               uploads.c.version_id > version_id)
                         .values(state="withdrawn", updated_at=datetime.now(UTC)))
            return
        _set_uploads(conn, version_id, manifest, name)
        _set_entries(conn, manifest, name)
        _set_sources(conn, manifest, name)

    return rollback(store, name, note, settle)


def _set_sources(conn: Connection, manifest: dict[str, Any], actor: str) -> None:
    """The seed rows the manifest holds are the active ones again (so the next composition
    starts from the version made current, not from what was rolled back)."""
    held = {int(t["seed"]) for t in manifest.get("texts", []) if "seed" in t}
    held |= {int(f["seed"]) for f in manifest.get("reviews", {}).get("files", [])}
    if manifest.get("hand_actuals"):
        held.add(int(manifest["hand_actuals"]["seed"]))
    now = datetime.now(UTC)
    rows = conn.execute(select(source_texts.c.id, source_texts.c.kind, source_texts.c.name,
                               source_texts.c.retired_at)
                        .where(source_texts.c.kind.in_(KINDS))).all()
    for row in rows:
        active = row.retired_at is None
        if active == (row.id in held):
            continue
        conn.execute(update(source_texts).where(source_texts.c.id == row.id)
                     .values(retired_at=None if row.id in held else now))
        audit.record(conn, actor, "source.restore" if row.id in held else "source.retire",
                     f"source:{row.id}", {"kind": row.kind, "name": row.name},
                     None, "data version rolled back")


def _set_uploads(conn: Connection, version_id: int, manifest: dict[str, Any],
                 actor: str) -> None:
    held = {int(t["upload"]) for t in manifest.get("texts", []) if "upload" in t}
    now = datetime.now(UTC)
    for row in conn.execute(select(uploads.c.id, uploads.c.state, uploads.c.version_id)):
        if row.id in held and (row.state != "published" or row.version_id is None):
            state, values = "published", {"version_id": row.version_id or version_id}
        elif row.id not in held and row.state == "published":
            state, values = "withdrawn", {}
        else:
            continue
        conn.execute(update(uploads).where(uploads.c.id == row.id)
                     .values(state=state, updated_at=now, **values))
        audit.record(conn, actor, f"upload.{state}", f"upload:{row.id}", {"state": row.state},
                     {"state": state, "version_id": version_id}, "data version changed")


def _set_entries(conn: Connection, manifest: dict[str, Any], actor: str) -> None:
    held = {int(e["id"]): e for e in manifest.get("entries", [])}
    now = datetime.now(UTC)
    for row in conn.execute(select(entries)).all():
        kept = held.get(int(row.id))
        if kept is None and row.state == "approved":
            values = {"state": "submitted", "note": "version rolled back"}
        elif kept is not None and (row.state != "approved" or _differs(row, kept)):
            values = {"state": "approved", **{f: kept[f] for f in ENTRY_FIELDS}}
        else:
            continue
        conn.execute(update(entries).where(entries.c.id == row.id).values(
            **values, version=row.version + 1, updated_at=now))
        audit.record(conn, actor, "entry.rollback", f"entry:{row.id}",
                     {"state": row.state, "value": row.value},
                     {"state": values["state"], "value": values.get("value", row.value)},
                     "data version rolled back")


def _differs(row: Any, kept: dict[str, Any]) -> bool:
    return any(getattr(row, f) != kept[f] for f in ENTRY_FIELDS)


def bring_up_to_date(store: Store, seeds_dir: Path, actuals: Path | None) -> Published | None:
    """Start-up: import ``seeds_dir`` (if there) and publish when the current version was
    composed from other inputs than the database holds now (None: it is up to date)."""
    actor = f"start-up@{default_actor().split('@')[-1]}"
    if seeds_dir.is_dir():
        import_seeds(store, seeds_dir, actuals, actor)
    version_id, _ = current_state(store)
    if version_id is not None:
        with guard(store, "cannot read the current version"), store.engine.connect() as conn:
            if manifest_of_version(conn, version_id) == manifest_of(conn):
                return None
    return publish_current(store, actor, "start-up", origin="start-up")


def explain(store: Store, version_id: int) -> list[str]:
    """What version ``version_id`` was composed from, as lines for a person."""
    with guard(store, f"cannot read version {version_id}"), store.engine.connect() as conn:
        known = conn.execute(select(data_versions.c.id)
                             .where(data_versions.c.id == version_id)).first() is not None
        manifest = manifest_of_version(conn, version_id)
    if not known:
        raise StoreError(f"{store.label}: no version {version_id}")
    if manifest is None:
        return [f"version {version_id}: stored before manifests were kept (files only)"]
    lines = [f"version {version_id}: reading code {manifest['code']}, "
             f"tables inputs {manifest['tables_key'][:12]}"]
    for text in manifest["texts"]:
        origin = f"seed {text['seed']} {text['name']}" if "seed" in text \
            else f"upload {text['upload']} ({text['report_id']})"
        lines.append(f"  text    {origin}  sha256 {text['sha256'][:12]}")
    reviews = manifest["reviews"]
    for item in reviews["files"]:
        lines.append(f"  review  seed {item['seed']} {item['name']}  sha256 "
                     f"{item['sha256'][:12]}")
    lines.append(f"  decisions {reviews['decisions']} (sha256 "
                 f"{reviews['decisions_sha256'][:12]}), reviewers' indicators "
                 f"{', '.join(reviews['indicators']) or 'none'}")
    hand = manifest.get("hand_actuals")
    lines.append("  hand-kept actuals " + (f"seed {hand['seed']} sha256 {hand['sha256'][:12]}"
                                           if hand else "none"))
    for entry in manifest["entries"]:
        lines.append(f"  entry   {entry['id']} v{entry['version']} {entry['indicator_id']} "
                     f"{entry['year']}/{entry['through_month']} {entry['measure']} "
                     f"= {entry['value']} {entry['unit']} (approved; by "
                     f"{entry['value_editors'] or entry['updated_by']})")
    return lines
