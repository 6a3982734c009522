"""`python -m dashboard.progress --year YEAR`: the target table as CSV, one row per target,
so the target–actual joins can be checked without a browser."""

from __future__ import annotations

import csv
import io

from dashboard.progress.__main__ import main
from dashboard.progress.table_csv import COLUMNS


def _rows(capsys) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_a_reviewed_year_lists_each_target_with_its_actual(luming_dir, luming, capsys):
    assert main(["--year", "2024", "--data", str(luming_dir)]) == 0
    rows = _rows(capsys)
    assert rows and list(rows[0]) == list(COLUMNS)
    assert {r["target_id"].rsplit("-", 1)[0] for r in rows} == {"luming-2024"}
    gdp = next(r for r in rows if r["indicator_id"] == "gdp" and r["kind"] == "target")
    actual = luming.all_facts.set_index("fact_id").loc[gdp["actual_fact_id"]]
    assert (actual.report_id, actual.indicator_id, actual.period) == ("luming-2025", "gdp", 2024)
    assert float(gdp["actual_value"]) == actual.value_std
    assert gdp["actual_source"] == "luming-2025" and gdp["status"] == "behind"
    assert gdp["target_fact_ids"].split(";")[0] == gdp["target_id"]
    # The 2025 report states urban and rural income only: no actual, not the urban figure.
    income = [r for r in rows if r["indicator_id"] == "disposable_income"]
    assert income and all(r["actual_fact_id"] == "" and r["status"] == "no_actual"
                          for r in income)


def test_the_latest_report_by_default_and_bad_requests(luming_dir, capsys):
    assert main(["--year", "2025", "--data", str(luming_dir)]) == 0
    rows = _rows(capsys)
    assert rows and all(r["status"] == "no_actual" for r in rows)  # nothing reviews 2025 yet
    assert main(["--year", "2031", "--data", str(luming_dir)]) == 2
    assert "sets targets for 2031" in capsys.readouterr().err
    assert main(["--year", "2024", "--report", "nowhere", "--data", str(luming_dir)]) == 2
    assert "no report 'nowhere'" in capsys.readouterr().err
    assert main(["--year", "2024", "--data", str(luming_dir / "missing")]) == 2
    assert "indicators.csv: missing" in capsys.readouterr().err
