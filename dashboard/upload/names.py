"""English names of indicators read from a report's text, confirmed by a reviewer on /upload.

A name with no lexicon entry (石油产量, 实施重点项目) has only its Chinese. The review shows
each such name of the upload's report with the glossary's suggestion
(``dashboard/names/glossary.py``); a reviewer or admin confirms it or writes another. The
confirmation is stored by the Chinese name (``review_names``: who, when, what the glossary
had suggested), with its audit row in the same transaction, and every composed version
reads it (``store/compose.py``), so the English becomes part of the version with its
provenance and every figure of that name, in every report, is named by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import insert, select, update

from dashboard.names.display import has_english
from dashboard.names.glossary import suggest
from dashboard.policy import Action, Actor, require
from dashboard.store.audit import record
from dashboard.store.engine import WRITE, Store, guard
from dashboard.store.tables import review_names

MAX_EN = 200


class BadName(ValueError):
    """An English name that cannot be kept (empty, too long, or Chinese)."""


@dataclass(frozen=True)
class Confirmed:
    zh: str
    en: str
    suggested: str
    confirmed_by: str
    confirmed_at: datetime


@dataclass(frozen=True)
class NameItem:
    """One name of the report under review: the glossary's suggestion (complete or not)
    and the English confirmed so far, if any."""
    zh: str
    figures: int
    suggestion: str
    complete: bool
    confirmed: Confirmed | None


def clean_english(value: object) -> str:
    """The English as typed, spaces normalised; BadName if it is not English."""
    text = " ".join(str(value or "").split())
    if not text or len(text) > MAX_EN or not has_english(text):
        raise BadName(text[:40])
    return text


def confirm_name(store: Store, zh: str, en: object, user: Actor) -> Confirmed:
    """Keep ``en`` as the English of the name ``zh`` (replacing an earlier one), audited."""
    require(user, Action.NAME_CONFIRM)
    english = clean_english(en)
    name = " ".join(str(zh).split())[:100]
    if not name or has_english(name):
        raise BadName(name[:40])
    suggestion = suggest(name)
    offered = suggestion.en if suggestion.complete else ""
    row = {"en": english, "suggested": offered[:300], "confirmed_by": user.name,
           "confirmed_at": datetime.now(UTC)}
    with guard(store, "cannot keep the English name"), \
            store.engine.connect().execution_options(**WRITE) as conn, conn.begin():
        old = conn.execute(select(review_names).where(review_names.c.zh == name)).first()
        if old is None:
            conn.execute(insert(review_names).values(zh=name, **row))
        else:
            conn.execute(update(review_names).where(review_names.c.zh == name).values(**row))
        record(conn, user.name, "review.name", f"name:{name}",
               None if old is None else {"en": old.en, "by": old.confirmed_by},
               {"en": english, "suggested": offered})
    return Confirmed(name, english, offered, user.name, row["confirmed_at"])


def confirmed_names(store: Store) -> dict[str, Confirmed]:
    with guard(store, "cannot read the English names"), store.engine.connect() as conn:
        rows = conn.execute(select(review_names)).all()
    return {r.zh: Confirmed(r.zh, r.en, r.suggested, r.confirmed_by, r.confirmed_at)
            for r in rows}


def names_to_review(facts: pd.DataFrame, confirmed: dict[str, Confirmed]) -> list[NameItem]:
    """The names of ``facts`` (one report's, as extracted) with no English of their own, most
    figures first."""
    named = facts[~facts.indicator_en.map(has_english) & (facts.indicator_id != "unclassified")]
    counts = named.indicator_zh.astype(str).value_counts(sort=False)
    items = []
    for zh, figures in counts.items():
        suggestion = suggest(str(zh))
        items.append(NameItem(str(zh), int(figures), suggestion.en, suggestion.complete,
                              confirmed.get(str(zh))))
    return sorted(items, key=lambda i: (-i.figures, i.zh))
