"""Build command: outputs, bad input, atomic writes, drift and schema checks.

Built from the report bundles written for the tests (tests/fixtures/bundles); the only use of
seeds/ and data/ here is the drift check, which asserts nothing about the seed's numbers.
"""

import ast
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard.data_files import load_dataset
from dashboard.pipeline.__main__ import main
from dashboard.pipeline.build import DATA_DIR, ROOT, UNKNOWN_GENRE, build
from dashboard.pipeline.schema import TABLES, column_names, datapackage
from tests.pipeline.helpers import BUNDLES

GENERATED = [*(TABLES[name][0] for name in TABLES), "datapackage.json"]
LUMING_2024 = BUNDLES / "two-years" / "luming-2024.txt"


def test_committed_data_matches_a_fresh_build(tmp_path):
    """Drift check: rebuilding from seeds/ reproduces every generated file of data/ byte
    for byte."""
    assert main(["build", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(GENERATED)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), (
            f"data/{name} is stale: run `python -m dashboard.pipeline build`")


def test_the_build_writes_every_table_and_the_package(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(BUNDLES / "two-years", seeds)
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(GENERATED)


def test_indicator_columns_are_exactly_the_contract():
    assert column_names("indicators") == [
        "report_id", "fact_id", "indicator_id", "indicator_zh", "indicator_en", "sector",
        "period", "period_start", "kind", "value", "unit", "value_kind", "comparator",
        "value_std", "unit_std", "quote", "start", "end", "section"]


def test_datapackage_describes_every_column_of_every_table(counties_dir):
    package = json.loads((counties_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package == datapackage()
    # Every table of schema.TABLES, in that order, at its file name.
    assert [(r["name"], r["path"]) for r in package["resources"]] == [
        (name, TABLES[name][0]) for name in TABLES]
    for resource in package["resources"]:
        frame = pd.read_csv(counties_dir / resource["path"], nrows=0)
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(frame.columns) == column_names(
            resource["name"])
        assert all(f["description"] and f["type"] for f in fields)
        assert resource["description"]


def test_built_tables_pass_validation(counties_dir):
    dataset = load_dataset(counties_dir)
    assert list(dataset.reports.report_id) == ["luming-2024", "luming-2025", "qingshi-2025"]
    assert len(dataset.indicators) == dataset.reports.facts.sum()
    for name in TABLES:
        assert len(getattr(dataset, name)) > 0 or name == "quality", name


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
def test_bad_reports_fail_with_one_line_and_leave_data_alone(tmp_path, capsys, counties_dir,
                                                           content, reason):
    seeds = _seeds_with(tmp_path, "bad.txt", content)
    out = tmp_path / "data"
    shutil.copytree(counties_dir, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "bad.txt" in err and reason in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_report_file(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    assert "nope.txt: no such file" in capsys.readouterr().err


def test_gb18030_report_is_read(tmp_path):
    text = LUMING_2024.read_text(encoding="utf-8")
    seeds = _seeds_with(tmp_path, "luming-2024.txt", text.encode("gb18030"))
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "gbk")]) == 0
    assert main(["extract", str(LUMING_2024), "--out", str(tmp_path / "utf8")]) == 0
    columns = ["fact_id", "indicator_id", "value", "unit", "quote", "start", "end"]
    built = pd.read_csv(tmp_path / "gbk" / "indicators.csv")[columns]
    utf8 = pd.read_csv(tmp_path / "utf8" / "indicators.csv")[columns]
    assert len(built) > 0
    pd.testing.assert_frame_equal(built, utf8)


def _frozen_seeds(tmp_path) -> Path:
    """A seeds folder whose sources.yml pins the report's sha256, like seeds/."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(LUMING_2024, seeds)
    entry = {"id": "luming-2024", "file": LUMING_2024.name, "report_year": 2024,
             "sha256": hashlib.sha256(LUMING_2024.read_bytes()).hexdigest()}
    (seeds / "sources.yml").write_text(yaml.safe_dump({"reports": [entry]}), encoding="utf-8")
    return seeds


def test_changed_seed_is_refused(tmp_path, capsys):
    seeds = _frozen_seeds(tmp_path)
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "first")]) == 0
    report = seeds / LUMING_2024.name
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "sha256" in err and LUMING_2024.name in err
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


UNTITLED = """某县2024年经济运行情况
一、2023年工作回顾
全县地区生产总值50.2亿元，同比增长6.1%。
二、2024年工作安排
地区生产总值增长6%左右。新建乡村道路12条。
"""


def test_a_report_of_unknown_genre_is_read_as_a_work_report_with_a_notice(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "mou-2024.txt").write_text(UNTITLED, encoding="utf-8")
    build(seeds, tmp_path / "data")
    reports = pd.read_csv(tmp_path / "data" / "reports.csv")
    assert reports.genre.tolist() == ["work_report"]
    assert reports.notice.tolist() == [UNKNOWN_GENRE]
    facts = pd.read_csv(tmp_path / "data" / "indicators.csv")
    assert sorted(zip(facts.value, facts.kind, strict=True)) == [
        (6.0, "target"), (6.1, "actual"), (12.0, "plan"), (50.2, "actual")]
    # Every number keeps its quote and offsets, classified or not.
    assert facts.quote.str.len().gt(0).all() and (facts.end > facts.start).all()
    # The page says how the report was read.
    from dashboard.components.page_kit import report_line
    dataset = load_dataset(tmp_path / "data")
    line = report_line(dataset.scoped("mou-2024"), "zh")
    assert line.children[1].children == "（未识别文件体裁，已按政府工作报告读取）"
    assert line.children[1].title == UNKNOWN_GENRE
    known = pd.read_csv(DATA_DIR / "reports.csv")
    assert known.notice.isna().all()  # the seed is a recognised work report
