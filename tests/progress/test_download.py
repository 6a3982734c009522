"""/targets.csv: the target table as a file, and the page's link to it."""

from __future__ import annotations

import csv
import io

from dashboard.progress.download import file_name, target_file
from dashboard.progress.table_csv import COLUMNS, target_rows
from dashboard.progress.targets import target_table


def _rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese names
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_file_holds_the_rows_of_the_command(counties):
    name, body = target_file(counties, "luming-2024", "2024")
    assert name == file_name("luming-2024", 2024) == "luming-2024-targets-2024.csv"
    rows = _rows(body)
    expected = target_rows(target_table(counties.scoped("luming-2024"), 2024))
    assert [r["target_id"] for r in rows] == [str(r["target_id"]) for r in expected]
    assert list(rows[0]) == list(COLUMNS)
    gdp = next(r for r in rows if r["indicator_id"] == "gdp")
    assert (gdp["target_value"], gdp["target_unit"], gdp["status"]) == ("7.0", "%", "behind")
    assert gdp["actual_fact_id"].startswith("luming-2025-")  # the next report's review
    assert all(r["target_fact_ids"] for r in rows if r["kind"] != "relative")


def test_hostile_values_give_the_default_table(counties):
    default_name, default_body = target_file(counties, None, None)
    for report, year in (("../../etc/passwd", "2024"), ("luming-2024", "20x4"),
                         ("<script>", "-1"), (["x"], {"y": 1})):
        name, body = target_file(counties, report, year)
        assert "/" not in name and "<" not in name
        assert _rows(body)  # a table, never an error
    assert default_name == "luming-2025-targets-2025.csv"
    assert _rows(default_body)[0]["target_id"].startswith("luming-2025-")


def test_route_and_page_link(app_with, counties):
    app = app_with(counties)
    client = app.server.test_client()
    response = client.get("/targets.csv?report=luming-2024&year=2024")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "luming-2024-targets-2024.csv" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert _rows(response.data) == _rows(target_file(counties, "luming-2024", "2024")[1])
    assert client.get("/targets.csv?report=%00&year=%ff").status_code == 200
    page = client.get("/targets?report=luming-2024&year=2024")
    assert page.status_code == 200
