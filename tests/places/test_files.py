"""/compare.csv and /record.csv: the tables as files (UTF-8 with a BOM, formula-like text
neutralised, a figure not stated left empty), decoded from the query like the pages."""

from __future__ import annotations

import csv
import dataclasses
import io

from dashboard.data import Dataset, Memo
from dashboard.places.files import (
    COMPARE_COLUMNS,
    RECORD_COLUMNS,
    compare_file,
    decode_compare,
    decode_record,
    record_file,
)


def _rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese names
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_compare_file(counties: Dataset) -> None:
    name, body = compare_file(counties, {"year": "2024", "ind": "gdp,grain_output"})
    # Both counties: ranked among counties by default (the selected report's level).
    assert name == "compare-2024-county.csv"
    rows = _rows(body)
    assert list(rows[0]) == list(COMPARE_COLUMNS)
    assert {r["indicator_id"] for r in rows} == {"gdp", "grain_output"}
    growth = {r["place"]: r for r in rows if (r["indicator_id"], r["measure"])
              == ("gdp", "growth_pct")}
    # "+7.2%" starts like a formula: written as text ('+7.2%), as every download does.
    assert (growth["青石县"]["value"], growth["青石县"]["rank"], growth["青石县"]["stated"]) == (
        "7.2", "1", "'+7.2%")
    assert "增长7.2%" in growth["青石县"]["quote"] and growth["青石县"]["fact_id"]
    grain = {r["place"]: r for r in rows if r["indicator_id"] == "grain_output"
             and r["measure"] == "level"}
    assert grain["青石县"]["value"] == "" and grain["青石县"]["fact_id"] == ""  # never 0
    assert grain["鹿鸣县"]["value"] == "16.5"


def test_compare_file_neutralises_formula_like_text(counties: Dataset) -> None:
    base = counties.everything
    facts = base.indicators.copy()
    facts.loc[facts.report_id == "qingshi-2025", "quote"] = "=HYPERLINK(\"x\")"
    data = dataclasses.replace(base, indicators=facts, memo=Memo())
    rows = _rows(compare_file(data, {"year": "2024"})[1])
    assert {r["quote"] for r in rows if r["place"] == "青石县" and r["fact_id"]} == {
        "'=HYPERLINK(\"x\")"}


def test_queries_are_decoded_like_the_pages(counties: Dataset) -> None:
    scoped = counties.scoped("luming-2024")
    # 2023: 鹿鸣县 alone, so every level; 2024: two counties, so counties.
    assert decode_compare(scoped, {})[:2] == (2023, "all")
    assert decode_compare(scoped, {"year": "2024"})[:2] == (2024, "county")
    assert decode_compare(scoped, {"year": "2024", "region": "all"})[:2] == (2024, "all")
    year, region, ind, invalid = decode_compare(scoped, {"year": "1999", "region": "<b>",
                                                         "ind": "gdp,nope"})
    assert (year, region, ind, invalid) == (2023, "all", ["gdp"], ["year", "region", "ind"])
    assert decode_record(scoped, {}) == ("鹿鸣县", "main", [])
    assert decode_record(scoped, {"place": "../x", "scope": "x"}) == (
        "鹿鸣县", "main", ["place", "scope"])
    for query in ({"year": ["2024", "2023"]}, {"ind": {"a": 1}}, {"place": "\x00" * 500}):
        assert _rows(compare_file(counties, query)[1]) is not None
        assert _rows(record_file(counties, query)[1]) is not None


def test_record_file(counties: Dataset) -> None:
    name, body = record_file(counties, {"place": "鹿鸣县"})
    assert name == "record-luming-2025-main.csv"
    rows = _rows(body)
    assert list(rows[0]) == list(RECORD_COLUMNS)
    gdp = next(r for r in rows if r["indicator_id"] == "gdp" and r["year"] == "2024")
    assert (gdp["target_value"], gdp["actual_value"], gdp["outcome"], gdp["status"]) == (
        "7.0", "6.4", "missed", "behind")
    assert gdp["actual_fact_id"].startswith("luming-2025-") and "6.4%" in gdp["actual_quote"]
    assert gdp["baseline_year"] == "2023" and float(gdp["ambition"]) == 1.2
    every = _rows(record_file(counties, {"place": "鹿鸣县", "scope": "all"})[1])
    assert len(every) > len(rows)


def test_routes(app_with, counties: Dataset) -> None:
    client = app_with(counties).server.test_client()
    for path in ("/compare.csv?year=2024&region=county",
                 "/record.csv?place=%E9%B9%BF%E9%B8%A3%E5%8E%BF", "/compare.csv?year=%00",
                 "/record.csv?place=%ff&scope=<x>"):
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "text/csv", path
        assert response.headers["Cache-Control"] == "no-store"
        assert "attachment" in response.headers["Content-Disposition"]
        assert _rows(response.data)
