"""The data version an upload would make: the one composer's version with this upload as if
published (``dashboard/store/compose.py``), never stored until it is published.

An export of the upload into ``seeds/`` rebuilds the same tables byte for byte with
``python -m dashboard.pipeline build``: the composer reads with the same ``build_tables``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from dashboard.data import Dataset
from dashboard.pipeline.decisions import Reviews
from dashboard.store.compose import UPLOAD_SOURCE_FIELDS, compose
from dashboard.store.engine import Store

from .store import Upload

SOURCE_FIELDS = UPLOAD_SOURCE_FIELDS


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


def build_staged(store: Store, upload: Upload) -> Staged:
    """The files and snapshot publishing ``upload`` would make (ReportError, DataError)."""
    composition = compose(store, upload.id)
    return Staged(composition.files, composition.dataset, composition.reviews)


def describe(upload: Upload) -> str:
    """The publish log's origin of an upload's version."""
    return json.dumps({"upload": upload.id, "file": upload.file_name,
                       "sha256": upload.file_sha256}, ensure_ascii=False)[:500]
