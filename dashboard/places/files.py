"""The CSV downloads of /compare and /record: ``/compare.csv?year=…&region=…&ind=…`` and
``/record.csv?place=…&scope=…``.

Written like the other downloads (``dashboard/downloads.py``: UTF-8 with a BOM, formula-like
text neutralised); every row carries the fact ids and sentences its numbers come from. The
query is decoded by the pages' own rules (``decode_compare``, ``decode_record``), so a file
always holds what the page shows for the same address; unknown values give the defaults.
The rows are pure functions of the tables; ``register`` adds the two routes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
from flask import Flask, Response, request

from dashboard import downloads, url_state
from dashboard.context import current_dataset
from dashboard.data import Dataset, select_report
from dashboard.figures.gauges import target_text
from dashboard.places.bars import cell_text
from dashboard.places.compare import (
    ALL,
    INDICATORS,
    REGIONS,
    CompareTable,
    compare_table,
    compare_years,
    default_region,
    default_year,
    home_place,
)
from dashboard.places.record import SCOPES, Record, place_record, record_places

COMPARE_PATH = "/compare.csv"
RECORD_PATH = "/record.csv"
COMPARE_COLUMNS = ("year", "place", "level", "indicator_id", "indicator_zh", "measure", "value",
                   "unit", "stated", "rank", "ranked_places", "report_id", "fact_id", "quote",
                   "population_fact_id", "population_quote", "other_values")
RECORD_COLUMNS = ("place", "year", "report_id", "five_year", "headline", "indicator_id",
                  "indicator_zh", "kind", "comparator", "target_value", "target_upper", "unit",
                  "target_stated", "target_fact_id", "target_quote", "baseline_value",
                  "baseline_year", "baseline_fact_id", "ambition", "actual_value",
                  "actual_as_of", "actual_fact_id", "actual_source", "actual_quote", "status",
                  "outcome")


def decode_compare(dataset: Dataset, query: dict[str, Any]
                   ) -> tuple[int | None, str, list[str], list[str]]:
    """(year, region, indicators, names of ignored values) of a /compare query."""
    known = compare_years(dataset)
    invalid = []
    year, ok = url_state.integer(query.get("year"), 1900, 2200)
    if not ok or (year is not None and year not in known):
        invalid.append("year")
        year = None
    year = year if year is not None else default_year(dataset, known)
    region, ok = url_state.choice(query.get("region"), REGIONS)
    invalid += [] if ok else ["region"]
    if region is None:
        region = default_region(dataset, year) if year is not None else ALL
    ind, ok = url_state.many(query.get("ind"), INDICATORS)
    invalid += [] if ok else ["ind"]
    return year, region, ind or list(INDICATORS), invalid


def decode_record(dataset: Dataset, query: dict[str, Any]) -> tuple[str | None, str, list[str]]:
    """(place, scope, names of ignored values) of a /record query; the default place is the
    selected report's."""
    places = record_places(dataset)
    place, ok = url_state.choice(query.get("place"), places)
    invalid = [] if ok else ["place"]
    if place is None:
        home = home_place(dataset)
        place = home if home in places else (places[0] if places else None)
    scope, ok = url_state.choice(query.get("scope"), SCOPES, "main")
    invalid += [] if ok else ["scope"]
    return place, scope or "main", invalid


def compare_rows(table: CompareTable, ind: Sequence[str]) -> list[dict[str, object]]:
    """One row per place and figure of the chosen indicators; a figure not stated is a row
    with an empty value (never a zero)."""
    levels = {p.name: p.level for p in table.places}
    out = []
    for row in table.rows:
        if row.indicator_id not in ind:
            continue
        for cell in row.cells:
            fact, people = cell.fact or {}, cell.population or {}
            stated = cell_text(cell, "zh") if cell.value is not None and fact else ""
            out.append({
                "year": table.year, "place": cell.place, "level": levels.get(cell.place, ""),
                "indicator_id": row.indicator_id, "indicator_zh": row.name_zh,
                "measure": row.measure, "value": cell.value, "unit": row.unit if fact else "",
                "stated": stated, "rank": cell.rank, "ranked_places": row.ranked,
                "report_id": fact.get("report_id", ""), "fact_id": fact.get("fact_id", ""),
                "quote": fact.get("quote", ""), "population_fact_id": people.get("fact_id", ""),
                "population_quote": people.get("quote", ""),
                "other_values": "; ".join(f"{o['value']}{o['unit']} ({o['fact_id']})"
                                          for o in cell.others)})
    return out


def record_rows(record: Record, scope: str) -> list[dict[str, object]]:
    """One row per target of the place (the yearly ones, then the five-year goals)."""
    out = []
    for rec in [*record.annual(scope), *record.five_year(scope)]:
        row = rec.target
        first = row.facts[0] if row.facts else (row.relative or {})
        actual, base = row.actual, row.baseline
        actual_fact = (actual.fact or {}) if actual else {}
        out.append({
            "place": record.place, "year": rec.year, "report_id": rec.report_id,
            "five_year": rec.five_year, "headline": row.headline,
            "indicator_id": row.indicator_id, "indicator_zh": row.name_zh, "kind": row.kind,
            "comparator": row.comparator, "target_value": row.value, "target_upper": row.upper,
            "unit": row.unit, "target_stated": target_text(row, "zh"),
            "target_fact_id": first.get("fact_id", first.get("target_id", "")),
            "target_quote": first.get("quote", ""),
            "baseline_value": base.value if base else None,
            "baseline_year": base.period if base else None,
            "baseline_fact_id": (base.fact or {}).get("fact_id", "") if base else "",
            "ambition": None if rec.ambition is None else round(rec.ambition, 4),
            "actual_value": actual.value if actual else None,
            "actual_as_of": actual.as_of if actual else "",
            "actual_fact_id": actual_fact.get("fact_id", ""),
            "actual_source": actual_fact.get("report_id", "") if actual_fact else (
                str((actual.entry or {}).get("source", "")) if actual else ""),
            "actual_quote": actual_fact.get("quote", ""), "status": row.status,
            "outcome": rec.outcome})
    return out


def compare_name(table: CompareTable) -> str:
    return f"compare-{table.year}-{table.region or ALL}.csv"


def compare_href(table: CompareTable, ind: Sequence[str]) -> str:
    pairs: list[tuple[str, object]] = [("year", table.year), ("region", table.region or ALL)]
    if list(ind) != list(INDICATORS):
        pairs.append(("ind", ",".join(ind)))
    return f"{COMPARE_PATH}?{urlencode(pairs, safe=',')}"


def record_name(record: Record, scope: str) -> str:
    return f"record-{'-'.join(record.report_ids[-1:]) or 'place'}-{scope}.csv"


def record_href(place: str, scope: str) -> str:
    return f"{RECORD_PATH}?{urlencode([('place', place), ('scope', scope)])}"


def compare_file(dataset: Dataset, query: dict[str, Any]) -> tuple[str, bytes]:
    scoped, _ = select_report(dataset, query.get("report"))
    year, region, ind, _ = decode_compare(scoped, query)
    if year is None:
        return "compare.csv", _csv([], COMPARE_COLUMNS, ())
    table = compare_table(scoped, year, region)
    body = dataset.everything.cached(("compare-csv", year, region, tuple(ind)), lambda: (
        _csv(compare_rows(table, ind), COMPARE_COLUMNS, ("year", "rank", "ranked_places"))))
    return compare_name(table), body


def record_file(dataset: Dataset, query: dict[str, Any]) -> tuple[str, bytes]:
    scoped, _ = select_report(dataset, query.get("report"))
    place, scope, _ = decode_record(scoped, query)
    if place is None:
        return "record.csv", _csv([], RECORD_COLUMNS, ())
    record = place_record(scoped, place)
    body = dataset.everything.cached(("record-csv", place, scope), lambda: _csv(
        record_rows(record, scope), RECORD_COLUMNS, ("year", "baseline_year")))
    return record_name(record, scope), body


def _csv(rows: list[dict[str, object]], columns: Sequence[str],
         whole: Sequence[str]) -> bytes:
    """``downloads.to_csv`` of the rows; ``whole`` columns are integers even with gaps."""
    frame = pd.DataFrame(rows, columns=list(columns))
    return downloads.to_csv(frame.astype({c: "Int64" for c in whole}))


def _send(name: str, body: bytes) -> Response:
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


def register(server: Flask) -> None:
    @server.get(COMPARE_PATH)
    def _compare_csv() -> Response:
        return _send(*compare_file(current_dataset(), request.args.to_dict()))

    @server.get(RECORD_PATH)
    def _record_csv() -> Response:
        return _send(*record_file(current_dataset(), request.args.to_dict()))
