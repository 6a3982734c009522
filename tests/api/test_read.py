"""Public reads on the two counties, without a database: JSON and CSV of the reports, a
report's facts and a target table, the same rows the pages and their downloads show, and
JSON errors naming the parameter."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from dashboard import downloads
from dashboard.progress.download import target_file
from dashboard.progress.table_csv import COLUMNS, target_rows
from dashboard.progress.targets import target_table


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the Chinese right
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_reports_as_json_and_csv(reader, counties):
    answer = reader.get("/api/v1/reports")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    body = answer.get_json()
    assert body["version"] == counties.version
    ids = [r["report_id"] for r in body["reports"]]
    assert ids == ["luming-2024", "luming-2025", "qingshi-2025"]
    first = body["reports"][0]
    assert (first["place"], first["report_year"], first["genre"]) == ("鹿鸣县", 2024,
                                                                      "work_report")
    assert first["facts"] == int((counties.indicators.report_id == "luming-2024").sum())
    rows = _csv(reader.get("/api/v1/reports?format=csv"))
    assert [r["report_id"] for r in rows] == ids
    assert rows[0]["title"] == first["title"]


def test_facts_of_one_report_as_json_and_csv(reader, counties):
    body = reader.get("/api/v1/facts?report=qingshi-2025").get_json()
    facts = counties.indicators[counties.indicators.report_id == "qingshi-2025"]
    assert body["report"] == "qingshi-2025"
    assert [f["fact_id"] for f in body["facts"]] == list(facts.fact_id)
    assert {f["report_title"] for f in body["facts"]} == {"2025年青石县政府工作报告"}
    one = body["facts"][0]
    expected = facts.iloc[0]
    assert (one["indicator_id"], one["value"], one["unit"], one["quote"]) == (
        expected.indicator_id, float(expected.value), expected.unit, expected.quote)
    assert all(v == v for f in body["facts"] for v in f.values() if isinstance(v, float))
    answer = reader.get("/api/v1/facts?report=qingshi-2025&format=csv")
    # The same file as the data explorer's download of these facts.
    assert answer.get_data() == downloads.to_csv(downloads.export_frame(facts,
                                                                        counties.reports))
    assert "qingshi-2025-facts.csv" in answer.headers["Content-Disposition"]


def test_targets_are_the_rows_of_the_target_table(reader, counties):
    body = reader.get("/api/v1/targets?report=luming-2025&year=2024").get_json()
    # 2024's targets are set by the 2024 report; their actuals come from the 2025 one.
    assert (body["report"], body["year"]) == ("luming-2024", 2024)
    table = target_table(counties.scoped("luming-2024"), 2024)
    expected = target_rows(table)
    assert [r["target_id"] for r in body["targets"]] == [r["target_id"] for r in expected]
    gdp = next(r for r in body["targets"] if r["indicator_id"] == "gdp")
    row = next(r for r in expected if r["indicator_id"] == "gdp")
    assert gdp["actual_value"] == row["actual_value"] == 6.4
    assert (gdp["status"], gdp["target_unit"], gdp["actual_fact_id"]) == (
        row["status"], row["target_unit"], row["actual_fact_id"])
    assert gdp["target_fact_ids"] == row["target_fact_ids"].split(";")
    assert gdp["sector"] == "economy" and gdp["indicator_en"] == "Gross regional product"
    assert {r["status"] for r in body["targets"]} >= {"met"} or any(
        r["actual_value"] is not None for r in body["targets"])
    without_actual = next(r for r in body["targets"] if r["actual_value"] is None)
    assert without_actual["actual_fact_id"] is None and without_actual["actual_unit"] is None


def test_targets_csv_is_the_targets_page_download(reader, counties):
    answer = reader.get("/api/v1/targets?report=luming-2025&year=2024&format=csv")
    name, body = target_file(counties, "luming-2025", "2024")
    assert answer.get_data() == body
    assert name in answer.headers["Content-Disposition"]
    rows = _csv(answer)
    assert list(rows[0]) == list(COLUMNS)
    # And the page's own /targets.csv for the same values.
    page = reader.get("/targets.csv?report=luming-2025&year=2024")
    assert page.get_data() == body


def test_without_a_year_the_reports_latest_targets(reader):
    body = reader.get("/api/v1/targets?report=luming-2025").get_json()
    assert (body["report"], body["year"]) == ("luming-2025", 2025)
    assert body["targets"] and all(r["period"] == 2025 for r in body["targets"])


@pytest.mark.parametrize(("query", "status", "field", "code"), [
    ("/api/v1/facts", 400, "report", "missing"),
    ("/api/v1/facts?report=nowhere-2025", 404, "report", "unknown_report"),
    ("/api/v1/targets?report=", 400, "report", "missing"),
    ("/api/v1/targets?report=luming-2025&year=20x5", 400, "year", "bad_year"),
    ("/api/v1/targets?report=luming-2025&year=２０２５", 400, "year", "bad_year"),
    ("/api/v1/targets?report=luming-2025&year=1999", 404, "year", "unknown_year"),
    ("/api/v1/reports?format=xlsx", 400, "format", "bad_format"),
    ("/api/v1/facts?report=luming-2025&format=", 400, "format", "bad_format"),
])
def test_a_parameter_it_cannot_use_is_named_not_replaced_by_the_default(reader, query,
                                                                        status, field, code):
    answer = reader.get(query)
    assert answer.status_code == status and answer.mimetype == "application/json"
    assert answer.get_json()["problems"] == [{"field": field, "code": code, "hard": True}]


def test_unknown_paths_and_methods_answer_json(reader):
    missing = reader.get("/api/v1/nothing/here")
    assert missing.status_code == 404 and missing.get_json()["error"] == "not_found"
    wrong = reader.delete("/api/v1/reports", headers={"Origin": "http://localhost"})
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "GET"
    assert reader.get("/api/v1/").get_json()["openapi"] == "/api/v1/openapi.json"


def test_an_app_without_a_database_has_no_write_endpoint(reader):
    answer = reader.post("/api/v1/entries", json={}, headers={
        "Authorization": "Bearer wrd_x", "Origin": "http://localhost"})
    assert answer.status_code == 404 and answer.get_json()["error"] == "not_found"


def test_csv_cells_that_look_like_formulas_are_neutralised(counties):
    from dashboard.api.respond import table_csv

    text = table_csv(pd.DataFrame({"quote": ["=HYPERLINK(1)", "ok"]})).decode("utf-8-sig")
    assert text.splitlines()[1] == "'=HYPERLINK(1)"
