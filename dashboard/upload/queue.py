"""What a reviewer must look at before an upload is published, and what it would change.

Pure functions of the staged snapshot, the published one and the decisions so far:

* ``unclassified``: figures with no indicator;
* ``named``: figures named from the text, not the lexicon (low confidence: a standard
  indicator under another wording, or a new one worth adding);
* ``target``: the report's new targets and plans;
* ``no_actual``: last year's targets that this report gives no actual for;
* ``conflict``: a figure the report states differently from another source (a bulletin, an
  earlier report) for the same indicator, period and measure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.data import Dataset
from dashboard.pipeline.decisions import Decision, Sentences, fact_keys
from dashboard.pipeline.lexicon import UNCLASSIFIED
from dashboard.pipeline.nouns import is_open_id
from dashboard.progress.targets import target_table

CATEGORIES = ("unclassified", "named", "target", "no_actual", "conflict")
_TOLERANCE = 0.005  # relative difference below which two statements of a figure agree
_SHOWN = 1000  # characters of a sentence shown on either side of its number (real: < 500)


@dataclass(frozen=True)
class Item:
    key: str
    category: str
    indicator_id: str
    indicator: str  # its name (zh)
    value: float | None
    unit: str
    period: int
    sentence: str
    mark: tuple[int, int]  # the number, as offsets in ``sentence``
    detail: str = ""  # what the other source says, or which target
    decision: Decision | None = None


@dataclass(frozen=True)
class Summary:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    dropped: tuple[str, ...]
    facts_before: int
    facts_after: int


def _items(found: list[tuple[Any, str, str]], text: str, decisions: dict[str, Decision]
           ) -> list[Item]:
    """Queue items of (figure, category, detail): every key in one pass over the text and
    every sentence by bisection (``Sentences``), so the queue is linear in the text."""
    keys = fact_keys(text, [(int(fact.start), int(fact.end)) for fact, _, _ in found])
    sentences = Sentences(text)
    items = []
    for (fact, category, detail), key in zip(found, keys, strict=True):
        start, end = int(fact.start), int(fact.end)
        begin, stop = sentences.span(start, end)
        # A sentence is shown around its number, at most _SHOWN characters either side: a
        # text without end marks would otherwise copy itself into every item.
        begin, stop = max(begin, start - _SHOWN), min(stop, end + _SHOWN)
        items.append(Item(key, category, str(fact.indicator_id), str(fact.indicator_zh),
                          float(fact.value), str(fact.unit), int(fact.period),
                          text[begin:stop], (start - begin, end - begin), detail,
                          decisions.get(key)))
    return items


def _conflicts(facts: pd.DataFrame, everything: pd.DataFrame, reports: pd.DataFrame,
               report_id: str) -> dict[str, str]:
    place = reports.set_index("report_id").place
    mine = facts[(facts.kind == "actual") & (facts.indicator_id != UNCLASSIFIED)]
    others = everything[(everything.report_id != report_id) & (everything.kind == "actual")]
    others = others[others.report_id.map(place) == place.get(report_id)]
    found: dict[str, str] = {}
    columns = ["indicator_id", "period", "period_start", "value_kind", "unit_std"]
    joined = mine.reset_index().merge(others, on=columns, suffixes=("", "_other"))
    for _, row in joined.iterrows():
        a, b = float(row.value_std), float(row.value_std_other)
        if abs(a - b) > _TOLERANCE * max(abs(a), abs(b), 1e-9):
            found.setdefault(str(row.fact_id),
                             f"{row.report_id_other}: {row.value_other:g}{row.unit_other}")
    return found


def _no_actual(staged: Dataset, report_id: str, decisions: dict[str, Decision]) -> list[Item]:
    """Targets for the year this report reviews, in the place's earlier reports, with no
    actual once this report is in."""
    reports = staged.reports.set_index("report_id")
    me = reports.loc[report_id]
    year = int(me.review_period)
    earlier = reports[(reports.place == me.place) & (reports.index != report_id)
                      & (reports.report_year == year)]
    items = []
    for other in earlier.index:
        for row in target_table(staged.scoped(str(other)), year).rows:
            if row.actual is not None or row.kind == "relative" or not row.facts:
                continue
            fact = row.facts[0]
            digest = hashlib.sha256(f"{report_id}\x1f{fact['fact_id']}".encode()).hexdigest()
            key = f"no-actual:{digest[:20]}"
            quote = str(fact.get("quote", ""))
            items.append(Item(key, "no_actual", row.indicator_id, row.name_zh, row.value,
                              row.unit, row.period, quote, (0, 0), str(other),
                              decisions.get(key)))
    return items


def review_items(staged: Dataset, raw: pd.DataFrame, report_id: str, text: str,
                 decisions: dict[str, Decision]) -> list[Item]:
    """Everything to look at for the upload's report, in the order of ``CATEGORIES``.

    ``raw``: the report's figures as extracted, before any decision (a rejected or
    reassigned figure stays in the queue, with its decision)."""
    facts = raw.sort_values("start")
    conflicts = _conflicts(facts, staged.indicators, staged.reports, report_id)
    found: list[tuple[Any, str, str]] = []
    for fact in facts.itertuples(index=False):
        if fact.indicator_id == UNCLASSIFIED:
            category = "unclassified"
        elif is_open_id(str(fact.indicator_id)):
            category = "named"
        elif fact.fact_id in conflicts:
            category = "conflict"
        elif fact.kind in ("target", "plan"):
            category = "target"
        else:
            continue
        found.append((fact, category, conflicts.get(fact.fact_id, "")))
    items = _items(found, text, decisions)
    items += _no_actual(staged, report_id, decisions)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(items, key=lambda i: order[i.category])


def _targets(facts: pd.DataFrame) -> pd.Series:
    goals = facts[facts.kind.isin(["target", "plan"])
                  & (facts.indicator_id != UNCLASSIFIED)]
    keyed = goals.assign(label=goals.report_id + " · " + goals.indicator_zh + " "
                         + goals.period.astype(str) + " " + goals.value_kind)
    return keyed.drop_duplicates("label").set_index("label").value_std


def summary(published: Dataset, staged: Dataset) -> Summary:
    """Targets added, changed or dropped against the published version."""
    before, after = _targets(published.indicators), _targets(staged.indicators)
    common = before.index.intersection(after.index)
    changed = [k for k in common if abs(float(before[k]) - float(after[k])) > 1e-9]
    return Summary(tuple(sorted(set(after.index) - set(before.index))), tuple(sorted(changed)),
                   tuple(sorted(set(before.index) - set(after.index))),
                   len(published.indicators), len(staged.indicators))
