"""The upload workflow as plain functions the page and the routes call (no Dash).

receive → (review: details, decisions, new indicators) → publish → (rollback). Every write is
one audited transaction; publishing goes through ``store.versions.publish`` (validated
first, one transaction: a failure or a killed process leaves the published version serving).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.data import DataError, Dataset
from dashboard.pipeline.extract import FACT_COLUMNS, extract
from dashboard.pipeline.text import ReportError
from dashboard.store.engine import Store
from dashboard.store.versions import Published, current_state, publish, rollback

from . import metadata, queue, staging
from . import store as uploads
from .documents import UploadError, read_document
from .store import Upload


@dataclass(frozen=True)
class ReviewState:
    upload: Upload
    staged: staging.Staged
    items: tuple[queue.Item, ...]
    summary: queue.Summary
    problems: tuple[str, ...]  # details fields still to correct

    @property
    def open_items(self) -> int:
        return sum(1 for item in self.items if item.decision is None)


def taken_ids(store: Store, published: Dataset) -> set[str]:
    """Report ids an upload may not use: every published report's, except those uploads
    published (a corrected upload of a report replaces the earlier upload)."""
    uploaded = {u.report_id for u in uploads.list_uploads(store, ("published", "withdrawn"))}
    return {str(r) for r in published.reports.report_id} - uploaded


def receive(store: Store, name: object, content: bytes, actor: str, published: Dataset
            ) -> int:
    """Read, extract and stage an uploaded file; UploadError (nothing kept) if unusable."""
    document = read_document(name, content)
    try:
        meta = metadata.prefill(document.text, published.reports, document.name, actor,
                                date.today().isoformat())
        if not meta["id"]:
            meta["id"] = f"report-{hashlib.sha256(document.text.encode()).hexdigest()[:8]}"
        # A text that names no year is staged all the same: the details form asks the admin
        # for it (metadata.check), and nothing is built until it is given.
        year = None if meta["report_year"] else date.today().year
        facts = extract(document.text, str(meta["id"]), year=year).facts
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise UploadError("unreadable", exc.__class__.__name__) from None
    if not facts:
        raise UploadError("no_figures")
    return uploads.stage(store, document, hashlib.sha256(content).hexdigest(), meta, actor)


def raw_facts(upload: Upload) -> pd.DataFrame:
    year = str(upload.meta.get("report_year") or "")
    return pd.DataFrame(extract(upload.text, upload.report_id,
                                year=int(year) if year.isdigit() else None).facts,
                        columns=FACT_COLUMNS)


def review_state(store: Store, upload: Upload, seeds_dir: Path, published: Dataset
                 ) -> ReviewState:
    """The staged version of ``upload``, its queue and its summary (ReportError, DataError
    if the staged tables cannot be built)."""
    staged = staging.build_staged(store, upload, seeds_dir)
    decisions = dict(staged.reviews.decisions)
    items = queue.review_items(staged.dataset, raw_facts(upload), upload.report_id,
                               upload.text, decisions)
    problems = metadata.check(upload.meta, taken_ids(store, published))
    return ReviewState(upload, staged, tuple(items), queue.summary(published, staged.dataset),
                       tuple(problems))


def publish_upload(store: Store, upload_id: int, seeds_dir: Path, published: Dataset,
                   actor: str) -> Published:
    """Publish a fully reviewed upload as the new current version."""
    upload = uploads.get(store, upload_id)
    if upload is None or upload.state not in ("staged", "withdrawn"):
        raise UploadError("not_staged")
    state = safe_review_state(store, upload, seeds_dir, published)
    if isinstance(state, str):
        raise UploadError("unreadable", state)
    if state.problems:
        raise UploadError("details", ", ".join(state.problems))
    if state.open_items:
        raise UploadError("open_items", str(state.open_items))
    result = publish(store, state.staged.files, staging.describe(upload), actor,
                     note=f"{upload.report_id} ({upload.file_name})")
    uploads.set_state(store, upload.id, "published", actor, result.version_id)
    return result


def roll_back(store: Store, actor: str) -> Published:
    """The previous version is current again; an upload that made the withdrawn one is
    marked withdrawn (it can be published again from its staged copy)."""
    before, _ = current_state(store)
    result = rollback(store, actor, note="rolled back in the app")
    if before is not None:
        uploads.withdraw_version(store, before, actor)
    return result


def safe_review_state(store: Store, upload: Upload, seeds_dir: Path, published: Dataset
                      ) -> ReviewState | str:
    """``review_state`` or the one-line reason it cannot be built."""
    try:
        return review_state(store, upload, seeds_dir, published)
    except ReportError as exc:
        return exc.reason
    except DataError as exc:
        return " ".join(str(exc).split())[:300]
    except (KeyError, ValueError, IndexError) as exc:  # details that name no usable report
        return f"{exc.__class__.__name__}: {str(exc)[:200]}"
