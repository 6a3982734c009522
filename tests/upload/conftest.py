"""A seeds folder with 鹿鸣县's 2024 report only, its data version in a fresh database, and
its 2025 report (written for the tests) to upload."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dashboard.data import Dataset
from dashboard.pipeline.build import build
from dashboard.store import open_store
from dashboard.store.engine import Store
from dashboard.store.publishing import bring_up_to_date
from dashboard.store.versions import current_state, load_version
from dashboard.users.accounts import User

# The acting admin of the service tests (the policy lets an admin upload).
ADMIN = User(1, "admin", "admin", ())

BUNDLE = Path(__file__).parents[1] / "fixtures" / "bundles" / "two-years"
NEXT_REPORT = (BUNDLE / "luming-2025.txt").read_text(encoding="utf-8")


@dataclass
class Site:
    store: Store
    seeds: Path
    data: Path

    def published(self) -> Dataset:
        version_id, _ = current_state(self.store)
        return load_version(self.store, version_id)


def make_site(base: Path, url: str | None = None) -> Site:
    seeds = base / "seeds"
    seeds.mkdir(parents=True)
    shutil.copy(BUNDLE / "luming-2024.txt", seeds / "luming-2024.txt")
    entries = yaml.safe_load((BUNDLE / "sources.yml").read_text(encoding="utf-8"))["reports"]
    (seeds / "sources.yml").write_text(
        "# Test seeds\n" + yaml.safe_dump({"reports": entries[:1]}, allow_unicode=True,
                                          sort_keys=False), encoding="utf-8")
    data = base / "data"
    build(seeds, data)
    (data / "actuals.csv").write_text("indicator_id,period,as_of,value,unit,source\n",
                                      encoding="utf-8")
    store = open_store(url or f"sqlite:///{base / 'upload.sqlite3'}")
    bring_up_to_date(store, seeds, data / "actuals.csv")
    return Site(store, seeds, data)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)
