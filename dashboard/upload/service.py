"""The upload workflow as plain functions the page and the routes call (no Dash).

receive → (review: details, decisions, new indicators) → publish → (rollback). Every
function asks the policy first (``dashboard.policy``: only an admin uploads); every write is
one audited transaction; publishing and rolling back go through the one composer
(``dashboard/store/publishing.py``): the upload's state changes in the same transaction as
the version, and a failure or a killed process leaves the published version serving.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data import DataError, Dataset
from dashboard.pipeline.extract import FACT_COLUMNS, extract
from dashboard.pipeline.text import ReportError
from dashboard.policy import Action, Actor, require
from dashboard.store.engine import Store
from dashboard.store.publishing import publish_current, rollback_current
from dashboard.store.versions import Published

from . import metadata, queue, staging
from . import store as uploads
from .documents import UploadError, read_document
from .names import NameItem, confirmed_names, names_to_review
from .store import Upload


@dataclass(frozen=True)
class ReviewState:
    upload: Upload
    staged: staging.Staged
    items: tuple[queue.Item, ...]
    summary: queue.Summary
    problems: tuple[str, ...]  # details fields still to correct
    # Names read from the text with no English yet, or with a reviewer's (names.py).
    names: tuple[NameItem, ...] = ()

    @property
    def open_items(self) -> int:
        return sum(1 for item in self.items if item.decision is None)


def taken_ids(store: Store, published: Dataset) -> set[str]:
    """Report ids an upload may not use: every published report's, except those uploads
    published (a corrected upload of a report replaces the earlier upload)."""
    uploaded = {u.report_id for u in uploads.list_uploads(store, ("published", "withdrawn"))}
    return {str(r) for r in published.reports.report_id} - uploaded


def receive(store: Store, name: object, content: bytes, user: Actor, published: Dataset
            ) -> int:
    """Read, extract and stage an uploaded file; UploadError (nothing kept) if unusable."""
    require(user, Action.UPLOAD)
    actor = user.name
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
    return uploads.stage(store, document, hashlib.sha256(content).hexdigest(), meta, user)


def raw_facts(upload: Upload) -> pd.DataFrame:
    year = str(upload.meta.get("report_year") or "")
    return pd.DataFrame(extract(upload.text, upload.report_id,
                                year=int(year) if year.isdigit() else None).facts,
                        columns=FACT_COLUMNS)


def review_state(store: Store, upload: Upload, published: Dataset) -> ReviewState:
    """The staged version of ``upload``, its queue and its summary (ReportError, DataError
    if the staged tables cannot be built)."""
    staged = staging.build_staged(store, upload)
    decisions = dict(staged.reviews.decisions)
    raw = raw_facts(upload)
    items = queue.review_items(staged.dataset, raw, upload.report_id, upload.text, decisions)
    problems = metadata.check(upload.meta, taken_ids(store, published))
    return ReviewState(upload, staged, tuple(items), queue.summary(published, staged.dataset),
                       tuple(problems), tuple(names_to_review(raw, confirmed_names(store))))


def publish_upload(store: Store, upload_id: int, published: Dataset, user: Actor
                   ) -> Published:
    """Publish a fully reviewed upload as the new current version."""
    require(user, Action.UPLOAD)
    upload = uploads.get(store, upload_id)
    if upload is None or upload.state not in ("staged", "withdrawn"):
        raise UploadError("not_staged")
    state = safe_review_state(store, upload, published)
    if isinstance(state, str):
        raise UploadError("unreadable", state)
    if state.problems:
        raise UploadError("details", ", ".join(state.problems))
    if state.open_items:
        raise UploadError("open_items", str(state.open_items))
    return publish_current(store, user, note=f"{upload.report_id} ({upload.file_name})",
                           origin=staging.describe(upload), staged_id=upload.id)


def roll_back(store: Store, user: Actor) -> Published:
    """The previous version is current again; the uploads and in-year figures are set to
    what it holds (an upload not in it is withdrawn and can be published again)."""
    return rollback_current(store, user, note="rolled back in the app")


def safe_review_state(store: Store, upload: Upload, published: Dataset) -> ReviewState | str:
    """``review_state`` or the one-line reason it cannot be built."""
    try:
        return review_state(store, upload, published)
    except ReportError as exc:
        return exc.reason
    except DataError as exc:
        return " ".join(str(exc).split())[:300]
    except (KeyError, ValueError, IndexError) as exc:  # details that name no usable report
        return f"{exc.__class__.__name__}: {str(exc)[:200]}"
