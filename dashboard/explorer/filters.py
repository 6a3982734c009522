"""Filtering and searching the facts table, and the /data page's URL state.

Pure pandas: no Dash. A `Filters` value is what the explorer's controls hold; `apply` gives the
matching facts; `decode_query` reads a page URL's query (invalid values dropped and named);
`state` is what the page writes back to the URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard import url_state
from dashboard.explorer.labels import comparator_label
from dashboard.facts import indicator_name
from dashboard.labels import kind_label, sector_label
from dashboard.names.units import unit_en
from dashboard.pipeline.schema import KINDS

SEARCH_COLUMNS = ("indicator_zh", "indicator_en", "quote")
MAX_QUERY = 100


@dataclass(frozen=True)
class Filters:
    sectors: tuple[str, ...] = ()
    periods: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    q: str = ""


@dataclass(frozen=True)
class Choices:
    """The values each control offers, in display order."""

    sectors: tuple[str, ...]
    periods: tuple[int, ...]
    kinds: tuple[str, ...]
    indicators: tuple[str, ...]
    fact_ids: frozenset[str]


def choices(facts: pd.DataFrame, sector_order: Iterable[str] = ()) -> Choices:
    """Sectors in lexicon order (unknown ones last), periods ascending, kinds in schema order,
    indicators in the order the report first states them."""
    present = set(facts["sector"])
    order = [s for s in sector_order if s in present]
    order += sorted(present - set(order))
    kinds = [k for k in KINDS if k in set(facts["kind"])]
    indicators = list(dict.fromkeys(facts.sort_values(["report_id", "start"])["indicator_id"]))
    return Choices(tuple(order), tuple(sorted(int(p) for p in set(facts["period"]))),
                   tuple(kinds), tuple(indicators), frozenset(facts["fact_id"]))


def search_terms(q: str) -> list[str]:
    """Whitespace-separated terms; every term must match (case-insensitive)."""
    return [term.casefold() for term in (q or "").split()][:10]


def search_mask(facts: pd.DataFrame, q: str) -> pd.Series:
    """Facts whose indicator name (either language) or quote contains every term of `q`."""
    mask = pd.Series(True, index=facts.index)
    terms = search_terms(q)
    if not terms:
        return mask
    haystack = facts[list(SEARCH_COLUMNS)].astype(str).agg(" ".join, axis=1).str.casefold()
    for term in terms:
        mask &= haystack.str.contains(re.escape(term), regex=True)
    return mask


def apply(facts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The facts matching every non-empty filter (an empty filter does not restrict)."""
    mask = pd.Series(True, index=facts.index)
    for column, wanted in (("sector", filters.sectors), ("kind", filters.kinds),
                           ("indicator_id", filters.indicators)):
        if wanted:
            mask &= facts[column].isin(list(wanted))
    if filters.periods:
        mask &= facts["period"].astype(int).isin([int(p) for p in filters.periods])
    return facts[mask & search_mask(facts, filters.q)]


def by_ids(facts: pd.DataFrame, ids: Iterable[str]) -> pd.DataFrame:
    """Facts with these ids, in the order given (unknown ids skipped)."""
    wanted = [i for i in dict.fromkeys(ids) if isinstance(i, str)]
    indexed = facts.set_index("fact_id", drop=False)
    return indexed.loc[[i for i in wanted if i in indexed.index]].reset_index(drop=True)


def decode_query(query: Mapping[str, object], options: Choices
                 ) -> tuple[Filters, str | None, list[str]]:
    """(filters, selected fact id, names of parameters whose values were ignored)."""
    invalid: list[str] = []

    def check(name: str, ok: bool) -> None:
        if not ok:
            invalid.append(name)

    sectors, ok = url_state.many(query.get("sectors"), options.sectors)
    check("sectors", ok)
    periods, ok = url_state.many(query.get("periods"), [str(p) for p in options.periods])
    check("periods", ok)
    kinds, ok = url_state.many(query.get("kinds"), options.kinds)
    check("kinds", ok)
    indicators, ok = url_state.many(query.get("indicators"), options.indicators)
    check("indicators", ok)
    q, ok = url_state.free_text(query.get("q"), MAX_QUERY)
    check("q", ok)
    fact, ok = url_state.choice(query.get("fact"), options.fact_ids)
    check("fact", ok)
    filters = Filters(tuple(sectors), tuple(int(p) for p in periods), tuple(kinds),
                      tuple(indicators), q)
    return filters, fact, invalid


def state(filters: Filters, fact: str | None = None) -> dict[str, object]:
    """The /data URL state (what url_state.encode and the URL sync write)."""
    return {"sectors": list(filters.sectors), "periods": [str(p) for p in filters.periods],
            "kinds": list(filters.kinds), "indicators": list(filters.indicators),
            "q": filters.q, "fact": fact or ""}


def _unit(unit: object, lang: str) -> str:
    """A unit column: as written, or in English (亿元 → 100 million yuan)."""
    text = unit if isinstance(unit, str) else ""
    return unit_en(text) if lang == "en" and text else text


def grid_rows(facts: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """One grid row per fact: labels in `lang`, numbers as numbers, ids for selection."""
    rows = []
    for fact in facts.to_dict("records"):
        rows.append({
            "fact_id": fact["fact_id"],
            "indicator_id": fact["indicator_id"],
            "indicator": indicator_name(fact, lang),
            "sector": sector_label(fact["sector"], lang),
            "period": int(fact["period"]),
            "kind": kind_label(fact["kind"], lang),
            "value": float(fact["value"]),
            "unit": _unit(fact["unit"], lang),
            "value_std": float(fact["value_std"]),
            "unit_std": _unit(fact["unit_std"], lang),
            "comparator": comparator_label(fact["comparator"], lang),
            "quote": fact["quote"],
        })
    return rows


def selected_fact(selected: object) -> str | None:
    """The fact id in a grid's selectedRows: a list of rows, or {"ids": [...]}."""
    if isinstance(selected, dict):
        ids = selected.get("ids")
        first = ids[0] if isinstance(ids, list) and ids else None
    elif isinstance(selected, list) and selected and isinstance(selected[0], dict):
        first = selected[0].get("fact_id")
    else:
        first = None
    return first if isinstance(first, str) and len(first) < 200 else None


def row_ids(rows: object) -> list[str] | None:
    """Fact ids of grid rows (virtualRowData), or None when the grid has not reported any."""
    if not isinstance(rows, list):
        return None
    return [r["fact_id"] for r in rows if isinstance(r, dict) and isinstance(r.get("fact_id"), str)]
