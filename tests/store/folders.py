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


def publish_folder(store, data_dir: Path, actor: str | None = None, note: str = ""):
    """Store the tables of ``data_dir`` as they are (a test's way to set up a version; the
    app's publishers compose from the database: ``dashboard/store/publishing.py``)."""
    from dashboard.data_files import read_data_files
    from dashboard.store.versions import publish

    return publish(store, read_data_files(data_dir), str(data_dir.name), actor, note)


def ensure_published(store, data_dir: Path):
    from dashboard.store.versions import current_state

    if current_state(store)[0] is not None:
        return None
    return publish_folder(store, data_dir, note="first start")


def site_without(counties_dir: Path, target: Path, drop: str | tuple[str, ...]) -> Path:
    """``target/seeds`` (the counties' seeds without the reports ``drop``) and ``target/data``
    (the hand-kept actuals): a deployment whose start-up serves the other reports. Returns
    the data folder (the start-up reads the seeds beside it)."""
    dropped = (drop,) if isinstance(drop, str) else drop
    seeds = Path(shutil.copytree(counties_dir.parent / "seeds", target / "seeds"))
    for report_id in dropped:
        (seeds / f"{report_id}.txt").unlink()
    sources = yaml.safe_load((seeds / "sources.yml").read_text(encoding="utf-8"))
    sources["reports"] = [r for r in sources["reports"] if r["id"] not in dropped]
    (seeds / "sources.yml").write_text(yaml.safe_dump(sources, allow_unicode=True),
                                       encoding="utf-8")
    data = target / "data"
    data.mkdir(parents=True)
    shutil.copy(counties_dir / "actuals.csv", data / "actuals.csv")
    return data


BUNDLES = Path(__file__).resolve().parents[1] / "fixtures" / "bundles"


def merged_bundles(folder: Path, bundles: tuple[str, ...]) -> Path:
    """The report texts of ``bundles`` (tests/fixtures/bundles) in one seeds folder, with one
    sources.yml listing them all."""
    folder.mkdir(exist_ok=True)
    entries = []
    for bundle in bundles:
        for path in (BUNDLES / bundle).glob("*.txt"):
            shutil.copy(path, folder / path.name)
        entries += yaml.safe_load((BUNDLES / bundle / "sources.yml").read_text("utf-8"))[
            "reports"]
    (folder / "sources.yml").write_text(yaml.safe_dump({"reports": entries},
                                                       allow_unicode=True), "utf-8")
    return folder
