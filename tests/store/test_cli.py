"""`python -m dashboard.pipeline publish [--rollback]`, `versions`, `export`: one line per
result, one line on stderr and exit status 2 for a problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.pipeline.__main__ import main


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def seeds(counties_dir: Path) -> Path:
    """The seeds the two counties' tables were built from."""
    return counties_dir.parent / "seeds"


def _publish(seeds: Path, data_dir: Path, *more: str) -> int:
    return main(["publish", "--seeds", str(seeds), "--actuals", str(data_dir / "actuals.csv"),
                 *more])


def test_publish_rollback_versions_export(database, seeds, data_dir, tmp_path, capsys):
    assert _publish(seeds, data_dir, "--note", "first", "--by", "ops") == 0
    out = capsys.readouterr().out
    assert "seeds: 4 new, 0 retired, 0 kept" in out  # 3 texts and the hand-kept actuals
    assert "version 1 published and current (3 report(s)" in out
    assert _publish(seeds, data_dir) == 0
    assert "same as version 1, which is current; nothing to publish" in capsys.readouterr().out
    (data_dir / "actuals.csv").write_text(
        "indicator_id,period,as_of,value,unit,source\n"
        "gdp,2025,2025-06-30,5.1,%,县统计局《2025年1-6月主要经济指标》\n", encoding="utf-8")
    assert _publish(seeds, data_dir) == 0
    assert "version 2 published" in capsys.readouterr().out
    assert main(["versions", "--explain", "2"]) == 0
    explained = capsys.readouterr().out
    assert explained.count("  text    seed") == 3 and "hand-kept actuals seed" in explained
    assert main(["versions"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("1\t") and "ops" in listed[0] and listed[0].endswith("first")
    assert listed[1].startswith("2 (current)")
    assert main(["publish", "--rollback"]) == 0
    assert "version 2 withdrawn; version 1 is current" in capsys.readouterr().out
    assert main(["export", "2", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "actuals.csv").read_text(encoding="utf-8").count("\n") == 2


def test_problems_are_one_line_and_exit_2(database, seeds, data_dir, tmp_path, capsys):
    assert main(["publish", "--rollback"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nothing is published yet" in err
    assert err.count("\n") == 1
    changed = Path(shutil.copytree(seeds, tmp_path / "seeds"))
    (changed / "sources.yml").write_text("reports: [{file: }", encoding="utf-8")
    assert _publish(changed, data_dir) == 2
    err = capsys.readouterr().err
    assert "sources.yml: malformed sources file" in err
    assert err.count("\n") == 1
    assert main(["export", "7", "--out", str(data_dir / "x")]) == 2
    assert "no version 7" in capsys.readouterr().err


def test_an_unreachable_database(seeds, data_dir, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:pw@127.0.0.1:9/none")
    assert _publish(seeds, data_dir) == 2
    err = capsys.readouterr().err
    assert "cannot connect" in err and ":pw@" not in err and err.count("\n") == 1
