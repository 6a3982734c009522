"""The data version an upload would make, built from the same texts the repository holds.

Inputs: the reports in ``seeds/`` (the repository's), the uploads already published, the
upload under review, every reviewer decision (``seeds/review/`` and the database); the
in-year figures (``actuals.csv``) come from the current version unchanged. The tables are
built by the same ``build_tables`` as ``python -m dashboard.pipeline build``, so an export of
these files into ``seeds/`` rebuilds the same tables byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.data import Dataset
from dashboard.data_files import ACTUALS_FILE, dataset_from_files
from dashboard.pipeline.build import (
    StagedText,
    build_tables,
    load_sources,
    report_files,
    table_files,
)
from dashboard.pipeline.decisions import Reviews, load_reviews
from dashboard.store.engine import Store
from dashboard.store.versions import current_state, version_files_of

from . import store as uploads
from .store import Upload

SOURCE_FIELDS = ("id", "file", "genre", "title", "title_en", "issuing_body", "place",
                 "place_en", "report_year", "delivered", "published", "sha256", "origin",
                 "licence")


@dataclass(frozen=True)
class Staged:
    files: dict[str, bytes]
    dataset: Dataset
    reviews: Reviews


def file_name(upload: Upload) -> str:
    return f"{upload.report_id}.txt"


def source_entry(upload: Upload) -> dict[str, Any]:
    """The upload's ``seeds/sources.yml`` entry (empty fields left out)."""
    entry = {**upload.meta, "file": file_name(upload),
             "sha256": hashlib.sha256(upload.text.encode()).hexdigest()}
    return {k: entry[k] for k in SOURCE_FIELDS if entry.get(k) not in (None, "")}


def staged_texts(store: Store, upload: Upload) -> tuple[StagedText, ...]:
    """The published uploads (another of the same report id is replaced) and this one."""
    latest: dict[str, Upload] = {}
    for published in uploads.list_uploads(store, ("published",)):  # oldest first
        latest[published.report_id] = published  # a corrected upload replaces the earlier
    kept = [u for u in latest.values() if u.report_id != upload.report_id and u.id != upload.id]
    return tuple(StagedText(file_name(u), u.text, source_entry(u)) for u in [*kept, upload])


def build_staged(store: Store, upload: Upload, seeds_dir: Path) -> Staged:
    """The files and snapshot publishing ``upload`` would make (ReportError, DataError)."""
    texts = staged_texts(store, upload)
    replaced = {t.file for t in texts} | {str(t.source.get("id")) for t in texts}
    sources = load_sources(seeds_dir)
    paths = [p for p in report_files(seeds_dir) if p.name not in replaced
             and str(sources.get(p.name, {}).get("id") or p.stem) not in replaced]
    reviews = uploads.reviews(store, load_reviews(seeds_dir))
    files = table_files(build_tables(paths, sources, reviews, texts))
    version_id, _ = current_state(store)
    if version_id is not None:
        current = version_files_of(store, version_id)
        if ACTUALS_FILE in current:
            files[ACTUALS_FILE] = current[ACTUALS_FILE]
    label = f"upload {upload.id}"
    return Staged(files, dataset_from_files(files, label), reviews)


def describe(upload: Upload) -> str:
    """The publish log's origin of an upload's version."""
    return json.dumps({"upload": upload.id, "file": upload.file_name,
                       "sha256": upload.file_sha256}, ensure_ascii=False)[:500]
