"""Folders for the database tests and benchmarks: built tables with some reports left out,
and the seeds with next year's report of the seed city (written for the tests) added."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NEXT_YEAR = ROOT / "tests" / "fixtures" / "next-year"
NEXT_YEAR_ID = "shawan-2025-test"


def copy_reports(data_dir: Path, target: Path, drop: str | None = None,
                 only: str | None = None) -> Path:
    """Copy ``data_dir`` to ``target`` without the rows of report ``drop`` (or with the rows
    of report ``only`` alone): a different, valid version of the same tables."""
    folder = Path(shutil.copytree(data_dir, target))
    for path in folder.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not lines or not lines[0].startswith("report_id,"):
            continue
        rows = [row for row in lines[1:] if (drop is None or not row.startswith(drop + ","))
                and (only is None or row.startswith(only + ","))]
        path.write_text("".join([lines[0], *rows]), encoding="utf-8")
    return folder


def seeds_with_next_year(target: Path) -> Path:
    """A copy of ``seeds/`` with the next-year test report and its ``sources.yml`` entry."""
    seeds = Path(shutil.copytree(ROOT / "seeds", target))
    shutil.copy(NEXT_YEAR / f"{NEXT_YEAR_ID}.txt", seeds)
    sources = yaml.safe_load((seeds / "sources.yml").read_text(encoding="utf-8"))
    sources["reports"] += yaml.safe_load(
        (NEXT_YEAR / "sources.yml").read_text(encoding="utf-8"))["reports"]
    (seeds / "sources.yml").write_text(yaml.safe_dump(sources, allow_unicode=True),
                                       encoding="utf-8")
    return seeds
