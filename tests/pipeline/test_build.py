"""Build command: outputs, bad input, atomic writes, drift and schema checks."""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import load_dataset
from dashboard.pipeline.__main__ import main
from dashboard.pipeline.build import DATA_DIR, ROOT, SEEDS_DIR
from dashboard.pipeline.schema import TABLES, column_names, datapackage

GENERATED = ["indicators.csv", "reports.csv", "quality.csv", "relative_targets.csv",
             "datapackage.json"]


def test_committed_data_matches_a_fresh_build(tmp_path):
    """Drift check: rebuilding from seeds/ reproduces data/ byte for byte."""
    assert main(["build", "--out", str(tmp_path)]) == 0
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), (
            f"data/{name} is stale: run `python -m dashboard.pipeline build`")


def test_indicator_columns_are_exactly_the_contract():
    assert column_names("indicators") == [
        "report_id", "fact_id", "indicator_id", "indicator_zh", "indicator_en", "sector",
        "period", "kind", "value", "unit", "value_kind", "comparator", "value_std", "unit_std",
        "quote", "start", "end", "section"]


def test_datapackage_describes_every_column_of_every_table():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package == datapackage()
    for resource in package["resources"]:
        frame = pd.read_csv(DATA_DIR / resource["path"], nrows=0)
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(frame.columns)
        assert all(f["description"] and f["type"] for f in fields)
    assert {r["name"] for r in package["resources"]} == set(TABLES)


def test_committed_tables_pass_validation():
    dataset = load_dataset()
    assert len(dataset.indicators) > 0 and len(dataset.reports) == 1


def _seeds_with(tmp_path, name, content: bytes) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_bytes(content)
    return seeds


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("各位代表:今年我们团结奋斗,取得新进展。".encode(), "no figures"),
    (b"\xff\xfe\xfa" * 50, "neither UTF-8 nor GB18030"),
])
def test_bad_reports_fail_with_one_line_and_leave_data_alone(tmp_path, capsys, content, reason):
    seeds = _seeds_with(tmp_path, "bad.txt", content)
    out = tmp_path / "data"
    shutil.copytree(DATA_DIR, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "bad.txt" in err and reason in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_report_file(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    assert "nope.txt: no such file" in capsys.readouterr().err


def test_gb18030_report_is_read(tmp_path):
    text = (SEEDS_DIR / "shawan-2024-government-work-report.txt").read_text(encoding="utf-8")
    seeds = _seeds_with(tmp_path, "gbk.txt", text.encode("gb18030"))
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    built = pd.read_csv(tmp_path / "out" / "indicators.csv")
    committed = pd.read_csv(DATA_DIR / "indicators.csv")
    assert built.value.tolist() == committed.value.tolist()


def test_changed_seed_is_refused(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    report = seeds / "shawan-2024-government-work-report.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 2
    assert "sha256" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_exit_status_as_a_process(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dashboard.pipeline", "extract",
                             str(tmp_path / "missing.txt"), "--out", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_pipeline_never_imports_dash():
    pipeline = ROOT / "dashboard" / "pipeline"
    for path in pipeline.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "dash" or n.startswith(("dash.", "dash_")) for n in names), path
    code = ("import sys, dashboard.pipeline.build, dashboard.pipeline.__main__; "
            "print(any(m == 'dash' or m.startswith(('dash.', 'dash_')) for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"
