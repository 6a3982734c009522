"""Data for the tests: small report bundles written for them, built with the real pipeline.

``tests/fixtures/bundles/<name>/`` holds report texts and a ``sources.yml`` like ``seeds/``:

* ``two-years``: 鹿鸣县, the 2024 report (reviewing 2023) and the 2025 report (reviewing
  2024, so most 2024 targets get their actual);
* ``other-county``: 青石县, one 2025 report (industry and energy, no tourism).

``counties`` is both bundles in one snapshot: three reports, two places. Tests of figures,
pages and callbacks use these; the seed report's own numbers are asserted in
``tests/test_seed_acceptance.py`` only.

Every test under ``tests/browser/`` is marked ``browser``: ``make test-fast`` runs the rest.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from dashboard import i18n, theme
from dashboard.data import Dataset
from dashboard.data_files import load_dataset
from dashboard.pipeline.build import build
from tests import lanes

ROOT = Path(__file__).resolve().parents[1]
BUNDLES = ROOT / "tests" / "fixtures" / "bundles"
FIXTURE_PAGES = ROOT / "tests" / "fixtures" / "pages"
# The real corpus, beside the repository (read at test time, never copied into it).
REALREPORTS = ROOT.parent / "shared" / "realreports"
# 保定市's 2021 and 2022 reports as an admin would load them (titles given), and a province
# whose 2026 target is a range (地区生产总值增长4.5%—5%).
REAL_SOURCES = [
    {"id": "baoding-2021", "file": "baoding_2021.txt", "title": "2021年保定市政府工作报告",
     "place": "保定市", "place_en": "Baoding City", "report_year": 2021},
    {"id": "baoding-2022", "file": "baoding_2022.txt", "title": "2022年保定市政府工作报告",
     "place": "保定市", "place_en": "Baoding City", "report_year": 2022},
    {"id": "guangdong-2026", "file": "prov_guangdong_2026.txt",
     "title": "2026年广东省政府工作报告", "place": "广东省", "place_en": "Guangdong Province",
     "report_year": 2026},
]
BROWSER_DIR = ROOT / "tests" / "browser"


def pytest_configure(config: pytest.Config) -> None:
    # The app's default database is instance/dashboard.sqlite3 of the checkout: tests (and
    # the processes they start) use one of their own, never that one.
    folder = tempfile.mkdtemp(prefix="dashboard-tests-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/default.sqlite3"
    # Nor its generated secret key (instance/secret_key).
    os.environ["DASHBOARD_SECRET_KEY"] = "tests-only-secret-key-0123456789abcdef"
    _add_fixture_page_strings()


def _add_fixture_page_strings() -> None:
    """The test pages of tests/fixtures/pages label themselves with strings of their own
    (tests/fixtures/pages/strings.json): the app's catalogues carry no test-only key, so the
    tests' view of the catalogues is the app's plus these."""
    extra = json.loads((FIXTURE_PAGES / "strings.json").read_text(encoding="utf-8"))
    app_catalogue = i18n.catalogue

    @functools.cache
    def catalogue(lang: str) -> Mapping[str, str]:
        return MappingProxyType({**app_catalogue(lang), **extra[lang]})

    i18n.catalogue = catalogue


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadgroup`` (``make test``): the browser tests on one worker (tests/lanes.py)."""
    if config.getvalue("dist") == "loadgroup":
        return lanes.BrowserGroupScheduling(config, log)
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
    lanes.mark(items)


def merge_bundles(target: Path, *names: str) -> Path:
    """One seeds-like folder holding the reports of the named bundles."""
    target.mkdir(parents=True, exist_ok=True)
    entries = []
    for name in names:
        folder = BUNDLES / name
        for text in sorted(folder.glob("*.txt")):
            shutil.copy(text, target / text.name)
        entries += yaml.safe_load((folder / "sources.yml").read_text(encoding="utf-8"))["reports"]
    (target / "sources.yml").write_text(
        yaml.safe_dump({"reports": entries}, allow_unicode=True), encoding="utf-8")
    return target


def build_seeds(seeds: Path, out: Path) -> Path:
    """Build a seeds-like folder into ``out`` (with an empty actuals.csv); ``out``."""
    build(seeds, out)
    (out / "actuals.csv").write_text("indicator_id,period,as_of,value,unit,source\n",
                                     encoding="utf-8")
    return out


def build_bundles(base: Path, *names: str) -> Path:
    """Build the named bundles into ``base/data``; the folder."""
    return build_seeds(merge_bundles(base / "seeds", *names), base / "data")


# Tests whose subject is the hashing itself keep werkzeug's salt per call.
OWN_SALT = ("tests/users/test_accounts.py",)


@pytest.fixture(autouse=True)
def one_hash_per_password(request: pytest.FixtureRequest,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A test site's people are hashed once per test process and password, not once each:
    scrypt costs 0.13 s by design, and a few hundred fixture users added that to every
    site a test builds (about a minute of ``make test``). The hash is still werkzeug's
    scrypt of that password, checked by the same sign-in."""
    if request.node.nodeid.startswith(OWN_SALT):
        return
    from dashboard.users import accounts

    monkeypatch.setattr(accounts, "generate_password_hash", _hash_once)


@functools.cache
def _hash_once(password: str) -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(password)


@pytest.fixture(scope="session")
def counties_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ built from both bundles (three reports, two places)."""
    return build_bundles(tmp_path_factory.mktemp("counties"), "two-years", "other-county")


@pytest.fixture(scope="session")
def counties(counties_dir: Path) -> Dataset:
    theme.register_template()
    return load_dataset(counties_dir)


@pytest.fixture(scope="session")
def luming_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundles(tmp_path_factory.mktemp("luming"), "two-years")


@pytest.fixture(scope="session")
def luming(luming_dir: Path) -> Dataset:
    """鹿鸣县 alone: its 2024 and 2025 reports."""
    theme.register_template()
    return load_dataset(luming_dir)


@pytest.fixture(scope="session")
def qingshi(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """青石县 alone: one 2025 report."""
    theme.register_template()
    return load_dataset(build_bundles(tmp_path_factory.mktemp("qingshi"), "other-county"))


@pytest.fixture(scope="session")
def luming_2024(counties: Dataset) -> Dataset:
    """The 2024 report of 鹿鸣县: reviews 2023, sets the 2024 targets."""
    return counties.scoped("luming-2024")


@pytest.fixture(scope="session")
def luming_2025(counties: Dataset) -> Dataset:
    """The 2025 report of 鹿鸣县: reviews 2024, sets the 2025 targets."""
    return counties.scoped("luming-2025")


@pytest.fixture(scope="session")
def qingshi_2025(counties: Dataset) -> Dataset:
    """青石县's 2025 report: industry and energy, no tourism."""
    return counties.scoped("qingshi-2025")


@pytest.fixture
def app_with(request: pytest.FixtureRequest) -> Iterator:
    """``app_with(dataset, store=None)``: the real app serving ``dataset`` (on ``store``, a
    database, when given), inside a request context so page functions and callbacks called
    directly see that snapshot."""
    from dashboard.app_factory import create_app
    from tests.app_settings import app_settings

    contexts = []

    def make(dataset: Dataset, pages_folder: Path | None = None, store=None):
        app = create_app(app_settings(pages_dir=pages_folder), store, snapshot=dataset)
        ctx = app.server.test_request_context("/")
        ctx.push()
        contexts.append(ctx)
        return app

    yield make
    for ctx in reversed(contexts):
        ctx.pop()


@pytest.fixture(scope="session")
def real_pair_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ built from real reports of ../shared/realreports (REAL_SOURCES)."""
    return build_real(tmp_path_factory.mktemp("real"), REAL_SOURCES)


@pytest.fixture(scope="session")
def real_pair(real_pair_dir: Path) -> Dataset:
    return load_dataset(real_pair_dir)


# Places of one prefecture for one year: 保定市 and five of its counties and districts, all in
# their 2022 reports (reviewing 2021); 顺平县 over three years (2021, 2022, 2023: one place's
# record) and 满城区's 2023 report too (so that 2022 has two places). Titles and places as an
# admin would give them (../shared/realreports/sources.csv: the place is the last component).
REAL_PLACES = [
    {"id": f"{slug}-{year}", "file": f"{slug}_{year}.txt", "title": f"{year}年{place}政府工作报告",
     "place": place, "place_en": english, "report_year": year}
    for slug, place, english, years in (
        ("baoding", "保定市", "Baoding City", (2022,)),
        ("lixian", "蠡县", "Li County", (2022,)),
        ("quyang", "曲阳县", "Quyang County", (2022,)),
        ("laiyuan", "涞源县", "Laiyuan County", (2022,)),
        ("mancheng", "满城区", "Mancheng District", (2022, 2023)),
        ("shunping", "顺平县", "Shunping County", (2021, 2022, 2023)))
    for year in years]


def build_real(base: Path, sources: list[dict]) -> Path:
    """data/ under ``base`` built from the real reports ``sources`` names (copied from
    ../shared/realreports into a temporary folder, never into the repository)."""
    assert REALREPORTS.is_dir(), f"the real corpus is missing: {REALREPORTS}"
    seeds = base / "seeds"
    seeds.mkdir(parents=True)
    for entry in sources:
        shutil.copy(REALREPORTS / str(entry["file"]), seeds / str(entry["file"]))
    (seeds / "sources.yml").write_text(yaml.safe_dump({"reports": sources},
                                                      allow_unicode=True), encoding="utf-8")
    return build_seeds(seeds, base / "data")


@pytest.fixture(scope="session")
def real_places_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ of REAL_PLACES: six places of 保定 stating 2021 figures, 顺平县 2021–2023."""
    return build_real(tmp_path_factory.mktemp("real-places"), REAL_PLACES)


@pytest.fixture(scope="session")
def real_places(real_places_dir: Path) -> Dataset:
    theme.register_template()
    return load_dataset(real_places_dir)


@pytest.fixture(scope="session")
def real_five_year(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """保定市's 2021 report (its 十四五 goals) and its 2026 report (the 十四五 review)."""
    sources = [{"id": f"baoding-{y}", "file": f"baoding_{y}.txt",
                "title": f"{y}年保定市政府工作报告", "place": "保定市",
                "place_en": "Baoding City", "report_year": y} for y in (2021, 2026)]
    theme.register_template()
    return load_dataset(build_real(tmp_path_factory.mktemp("real-five-year"), sources))
