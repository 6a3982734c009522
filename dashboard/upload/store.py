"""Uploads, reviewers' decisions and added indicators in the database, every change audited.

Each function asks the policy first (only an admin uploads and reviews) and is one
transaction: the row and its audit row are written together or not at all. Decisions are
keyed by their sentence (``pipeline/decisions.fact_key``) and shared by every upload, so a
decision made once is reused when the same text is read again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from dashboard.pipeline.decisions import Decision, Reviews, indicator_from_spec
from dashboard.pipeline.lexicon import Indicator
from dashboard.policy import Action, Actor, require
from dashboard.store.audit import record
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import review_decisions, review_indicators, uploads

from .documents import Document

STATES = ("staged", "published", "withdrawn", "discarded")


@dataclass(frozen=True)
class Upload:
    id: int
    report_id: str
    file_name: str
    kind: str
    file_sha256: str
    text: str
    text_sha256: str
    meta: dict[str, Any]
    state: str
    version_id: int | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class DecisionRow:
    decision: Decision
    sentence: str
    number: str
    decided_by: str
    decided_at: datetime


def _upload(row: Any) -> Upload:
    return Upload(row.id, row.report_id, row.file_name, row.kind, row.file_sha256, row.text,
                  row.text_sha256, json.loads(row.meta), row.state, row.version_id,
                  row.created_by, row.created_at)


def stage(store: Store, document: Document, file_sha256: str, meta: Mapping[str, Any],
          user: Actor) -> int:
    """Keep an uploaded report's text for review; its earlier staged uploads are discarded."""
    require(user, Action.UPLOAD)
    actor = user.name
    now = datetime.now(UTC)
    text_sha = hashlib.sha256(document.text.encode()).hexdigest()
    with guard(store, "cannot keep the upload"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        conn.execute(update(uploads).where(uploads.c.report_id == str(meta["id"]),
                                           uploads.c.state == "staged")
                     .values(state="discarded", updated_at=now))
        upload_id = int(conn.execute(insert(uploads).values(
            report_id=str(meta["id"]), file_name=document.name, kind=document.kind,
            file_sha256=file_sha256, text=document.text, text_sha256=text_sha,
            meta=json.dumps(dict(meta), ensure_ascii=False), state="staged",
            version_id=None, created_by=actor, created_at=now, updated_at=now,
        )).inserted_primary_key[0])
        record(conn, actor, "upload.stage", f"upload:{upload_id}", None, {
            "file": document.name, "kind": document.kind, "file_sha256": file_sha256,
            "text_sha256": text_sha, "report_id": meta["id"]})
    return upload_id


def get(store: Store, upload_id: int) -> Upload | None:
    with guard(store, "cannot read the upload"), store.engine.connect() as conn:
        row = conn.execute(select(uploads).where(uploads.c.id == upload_id)).first()
    return None if row is None else _upload(row)


def list_uploads(store: Store, states: tuple[str, ...] = STATES) -> list[Upload]:
    with guard(store, "cannot read the uploads"), store.engine.connect() as conn:
        rows = conn.execute(select(uploads).where(uploads.c.state.in_(states))
                            .order_by(uploads.c.id)).all()
    return [_upload(r) for r in rows]


def save_meta(store: Store, upload_id: int, meta: Mapping[str, Any], user: Actor) -> None:
    """The sources entry a person confirmed (report id, title, place, dates, genre…)."""
    require(user, Action.UPLOAD)
    actor = user.name
    with guard(store, "cannot save the report's details"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        old = conn.execute(select(uploads.c.meta).where(uploads.c.id == upload_id)).scalar()
        conn.execute(update(uploads).where(uploads.c.id == upload_id).values(
            meta=json.dumps(dict(meta), ensure_ascii=False), report_id=str(meta["id"]),
            updated_at=datetime.now(UTC)))
        record(conn, actor, "upload.details", f"upload:{upload_id}",
               None if old is None else json.loads(old), dict(meta))


def decide(store: Store, upload_id: int, decision: Decision, sentence: str, number: str,
           user: Actor) -> None:
    """Record (or change) the decision on one figure, with its audit row."""
    require(user, Action.UPLOAD)
    actor = user.name
    now = datetime.now(UTC)
    new = {"action": decision.action, "indicator_id": decision.indicator_id,
           "value": decision.value, "sentence": sentence[:300], "number": number[:60],
           "upload_id": upload_id, "decided_by": actor, "decided_at": now}
    with guard(store, "cannot save the decision"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        old = conn.execute(select(review_decisions)
                           .where(review_decisions.c.key == decision.key)).first()
        if old is None:
            conn.execute(insert(review_decisions).values(key=decision.key, **new))
        else:
            conn.execute(update(review_decisions)
                         .where(review_decisions.c.key == decision.key).values(**new))
        record(conn, actor, "review.decide", f"figure:{decision.key}",
               None if old is None else {"action": old.action,
                                         "indicator_id": old.indicator_id,
                                         "value": old.value},
               {k: v for k, v in new.items() if k not in ("decided_by", "decided_at")})


def add_indicator(store: Store, indicator: Indicator, user: Actor) -> None:
    require(user, Action.UPLOAD)
    actor = user.name
    with guard(store, "cannot add the indicator"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        conn.execute(insert(review_indicators).values(
            id=indicator.id, zh=indicator.zh, en=indicator.en, sector=indicator.sector,
            dims=",".join(indicator.dims), created_by=actor, created_at=datetime.now(UTC)))
        record(conn, actor, "review.indicator", f"indicator:{indicator.id}", None, {
            "zh": indicator.zh, "en": indicator.en, "sector": indicator.sector,
            "dims": list(indicator.dims)})


def decision_rows(store: Store) -> dict[str, DecisionRow]:
    with guard(store, "cannot read the decisions"), store.engine.connect() as conn:
        rows = conn.execute(select(review_decisions)).all()
    return {r.key: DecisionRow(Decision(r.key, r.action, r.indicator_id, r.value),
                               r.sentence, r.number, r.decided_by, r.decided_at)
            for r in rows}


def added_indicators(store: Store) -> tuple[Indicator, ...]:
    with guard(store, "cannot read the added indicators"), store.engine.connect() as conn:
        rows = conn.execute(select(review_indicators).order_by(review_indicators.c.id)).all()
    return tuple(indicator_from_spec({"id": r.id, "zh": r.zh, "en": r.en, "sector": r.sector,
                                      "dims": [d for d in r.dims.split(",") if d]})
                 for r in rows)


def reviews(store: Store, base: Reviews | None = None) -> Reviews:
    """``base`` (seeds/review/) with the database's decisions and indicators over it."""
    base = base or Reviews()
    decisions = {**base.decisions,
                 **{k: row.decision for k, row in decision_rows(store).items()}}
    added = added_indicators(store)
    known = {ind.id for ind in added}
    return Reviews(decisions, tuple(i for i in base.indicators if i.id not in known) + added)
