"""The one way a data version is made: composed from the sources of truth in the database.

Load (one read of the database): the seed texts, reviewers' files and hand-kept actuals
imported from ``seeds/`` (``sources.py``), the published uploads (and the one under review,
if any), every review decision and reviewer's indicator, every approved in-year figure.
Process: the tables by the same ``build_tables`` as ``python -m dashboard.pipeline build``,
and ``actuals.csv`` from the hand-kept rows and the approved figures. The manifest names
every input by id and hash, so a version can be explained and composed again.

When the inputs of the tables (texts, decisions, indicators, reading code) are those of the
current version, its tables are reused and only ``actuals.csv`` is made: an approval costs
one small file, never a new reading of every report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Connection, select

from dashboard.data import Dataset
from dashboard.data_files import ACTUALS_FILE, check_consistency, dataset_from_files
from dashboard.entries.publishing import actuals_text
from dashboard.entries.store import entry_from_row
from dashboard.pipeline.build import StagedText, build_tables, code_fingerprint, table_files
from dashboard.pipeline.decisions import (
    Decision,
    Reviews,
    decision_from_spec,
    indicator_from_spec,
    names_from_specs,
)
from dashboard.pipeline.lexicon import Indicator
from dashboard.pipeline.text import ReportError
from dashboard.store.engine import Store, guard
from dashboard.store.part_cache import StoreCache
from dashboard.store.sources import SourceText, active_sources
from dashboard.store.tables import (
    entries,
    review_decisions,
    review_indicators,
    review_names,
    uploads,
)

# What an approved figure is remembered by: enough to put it back on a rollback.
ENTRY_FIELDS = ("indicator_id", "sector", "year", "period_kind", "through_month", "measure",
                "value", "unit", "price_basis", "status", "source", "comment", "flagged",
                "created_by", "updated_by", "value_editors")
UPLOAD_SOURCE_FIELDS = ("id", "file", "genre", "title", "title_en", "issuing_body", "place",
                        "place_en", "report_year", "delivered", "published", "sha256",
                        "origin", "licence")


@dataclass(frozen=True)
class Current:
    """The current version as a composition may reuse it: what it was composed from, its
    counts, and its files (read only when they are reused)."""
    manifest: dict[str, Any] | None
    reports: int
    facts: int
    files: Callable[[], dict[str, bytes]]


@dataclass(frozen=True)
class Composition:
    files: dict[str, bytes]
    manifest: dict[str, Any]
    reviews: Reviews
    label: str
    reports: int
    facts: int

    @cached_property
    def dataset(self) -> Dataset:
        """The snapshot of ``files``, read when asked for: staging shows it to the reviewer;
        a publish needs the counts only (a province's 114 MB of CSV typed again cost a
        second of every publish)."""
        # The tables passed the schema in build_tables, or are those of a version that did
        # under the same reading code (tables_key): typed only, as a worker loads them.
        return dataset_from_files(self.files, self.label, validated=True)


def _hash(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def upload_source(row: Any) -> dict[str, object]:
    """An upload's ``sources.yml`` entry (empty fields left out)."""
    meta = json.loads(row.meta)
    entry = {**meta, "file": f"{row.report_id}.txt", "sha256": row.text_sha256}
    return {k: entry[k] for k in UPLOAD_SOURCE_FIELDS if entry.get(k) not in (None, "")}


def _texts(conn: Connection, seeds: list[SourceText], staged_id: int | None
           ) -> tuple[list[StagedText], list[dict[str, Any]]]:
    """Every report text to read, and its manifest line: the published uploads (a later one
    of a report replaces an earlier) and the staged one over the seeds of the same report."""
    rows = conn.execute(select(uploads).where(
        (uploads.c.state == "published") | (uploads.c.id == (staged_id or -1)))
        .order_by(uploads.c.id)).all()
    latest: dict[str, Any] = {}
    for row in rows:
        if row.id != staged_id and row.report_id in latest \
                and latest[row.report_id].id == staged_id:
            continue  # the upload under review replaces the published one of its report
        latest[row.report_id] = row
    replaced = set(latest) | {f"{r}.txt" for r in latest}
    texts, lines = [], []
    for seed in seeds:
        if seed.kind != "report":
            continue
        report_id = str(seed.source.get("id") or Path(seed.name).stem)
        if seed.name in replaced or report_id in replaced:
            continue
        texts.append(StagedText(seed.name, seed.content, seed.source, seed.sha256))
        lines.append({"seed": seed.id, "name": seed.name, "sha256": seed.sha256})
    for row in latest.values():
        texts.append(StagedText(f"{row.report_id}.txt", row.text, upload_source(row)))
        # The details a person confirmed feed the tables too (title, year, place, genre).
        lines.append({"upload": int(row.id), "report_id": row.report_id,
                      "sha256": row.text_sha256, "source_sha256": _hash(upload_source(row))})
    return texts, lines


def _reviews(conn: Connection, seeds: list[SourceText]) -> tuple[Reviews, dict[str, Any]]:
    decisions: dict[str, Decision] = {}
    indicators: list[Indicator] = []
    names: dict[str, str] = {}
    for seed in seeds:
        if seed.kind != "review":
            continue
        try:
            data = yaml.safe_load(seed.content) or {}
            indicators += [indicator_from_spec(s) for s in data.get("indicators") or []]
            for spec in data.get("decisions") or []:
                decision = decision_from_spec(spec)
                decisions[decision.key] = decision
            names.update(names_from_specs(data.get("names")))
        except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ReportError(seed.name, f"malformed review file ({exc})") from None
    rows = conn.execute(select(review_decisions).order_by(review_decisions.c.key)).all()
    for r in rows:
        decisions[r.key] = Decision(r.key, r.action, r.indicator_id, r.value)
    added = [indicator_from_spec({"id": r.id, "zh": r.zh, "en": r.en, "sector": r.sector,
                                  "dims": [d for d in r.dims.split(",") if d]})
             for r in conn.execute(select(review_indicators)
                                   .order_by(review_indicators.c.id)).all()]
    known = {i.id for i in added}
    # Names confirmed in the app win over a review file's (as decisions do).
    confirmed = conn.execute(select(review_names).order_by(review_names.c.zh)).all()
    names.update({r.zh: r.en for r in confirmed})
    reviews = Reviews(decisions, tuple(i for i in indicators if i.id not in known)
                      + tuple(added), names)
    line = {"files": [{"seed": s.id, "name": s.name, "sha256": s.sha256}
                      for s in seeds if s.kind == "review"],
            "decisions": len(rows),
            "decisions_sha256": _hash([[r.key, r.action, r.indicator_id, r.value]
                                       for r in rows]),
            "indicators": sorted(known),
            # Who confirmed which English, and when: the version's provenance of its names.
            "names": len(confirmed),
            "names_sha256": _hash([[r.zh, r.en, r.confirmed_by, r.confirmed_at]
                                   for r in confirmed])}
    return reviews, line


def _approved(conn: Connection) -> list[Any]:
    return list(conn.execute(select(entries).where(entries.c.state == "approved")
                             .order_by(entries.c.id)))


def manifest_of(conn: Connection, staged_id: int | None = None) -> dict[str, Any]:
    """The inputs a version composed now would have, by id and hash (no reading)."""
    # Without the seed texts: the manifest names them by hash, and a province's texts are
    # tens of megabytes that start-up and every publish would read for nothing.
    return _gather(conn, staged_id, with_content=False)[0]


def _gather(conn: Connection, staged_id: int | None, with_content: bool = True
            ) -> tuple[dict[str, Any], list[StagedText], Reviews, str, list[Any]]:
    seeds = active_sources(conn, with_content)
    texts, text_lines = _texts(conn, seeds, staged_id)
    reviews, review_line = _reviews(conn, seeds)
    hand = next((s for s in seeds if s.kind == "actuals"), None)
    approved = _approved(conn)
    tables_key = _hash([code_fingerprint(), text_lines, review_line])
    manifest = {
        "code": code_fingerprint(),
        "texts": text_lines,
        "reviews": review_line,
        "tables_key": tables_key,
        "hand_actuals": None if hand is None else {"seed": hand.id, "sha256": hand.sha256},
        "entries": [{"id": int(r.id), "version": int(r.version),
                     **{f: getattr(r, f) for f in ENTRY_FIELDS}} for r in approved],
    }
    return manifest, texts, reviews, "" if hand is None else hand.content, approved


def compose(store: Store, staged_id: int | None = None, current: Current | None = None
            ) -> Composition:
    """The files of a version made from the database now (with upload ``staged_id`` as if
    published). ``current``: the current version, whose tables are reused when their inputs
    are the same. ReportError, DataError."""
    with guard(store, "cannot read the sources"), store.engine.connect() as conn:
        manifest, texts, reviews, hand, approved = _gather(conn, staged_id)
    if not texts:
        raise ReportError("database", "no report texts: import seeds/ or upload a report")
    label = f"upload {staged_id}" if staged_id is not None else "composed version"
    if current is not None and current.manifest is not None \
            and current.manifest.get("tables_key") == manifest["tables_key"]:
        files = {k: v for k, v in current.files().items() if k != ACTUALS_FILE}
        reports, facts = current.reports, current.facts
    else:
        # Each report is read again only if its text, entry or the reading code changed.
        cache = StoreCache(store, manifest["code"])
        tables = build_tables([], {}, reviews, tuple(texts), cache=cache)
        # Every row names a report that is there (as a worker checks when it loads them).
        check_consistency(Dataset(**tables.frames()), label)
        files = table_files(tables)
        reports, facts = len(tables.reports), len(tables.indicators)
    files[ACTUALS_FILE] = actuals_text(hand, [entry_from_row(r) for r in approved]).encode()
    return Composition(files, manifest, reviews, label, reports, facts)
