"""Every publisher goes through the one composer: combined in any order, every approved
figure stays public and every upload's state stays true, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.entries import store as entries
from dashboard.pipeline.__main__ import main as pipeline_main
from dashboard.pipeline.decisions import Decision
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.policy import Denied
from dashboard.store.audit import history
from dashboard.store.publishing import bring_up_to_date, explain, publish_approval
from dashboard.store.tables import blobs
from dashboard.store.tables import entries as entry_rows
from dashboard.store.tables import uploads as upload_rows
from dashboard.store.versions import current_state, load_version, manifest_of_version
from dashboard.upload import service
from dashboard.upload import store as uploads
from dashboard.users import accounts
from tests.store.conftest import pg_cluster, url  # noqa: F401 - fixtures
from tests.upload.conftest import ADMIN, NEXT_REPORT, make_site

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
FIGURE = {"indicator_id": "gdp", "year": "2025", "period_kind": "half_year",
          "through_month": "6", "measure": "growth_pct", "value": "5.2%", "unit": "",
          "price_basis": "comparable", "status": "preliminary", "source": "县统计局半年快报",
          "comment": ""}


@pytest.fixture
def site(tmp_path, url):  # noqa: F811 - a fixture
    made = make_site(tmp_path, url)
    yield made
    made.store.engine.dispose()


@pytest.fixture
def people(site):
    return (accounts.add_user(site.store, "li", PASSWORD, "editor", ["economy"]),
            accounts.add_user(site.store, "wang", PASSWORD, "reviewer", []))


def _approve(site, people, month: str, value: str) -> int:
    editor, reviewer = people
    fields = {**FIGURE, "through_month": month, "value": value,
              "period_kind": "half_year" if month == "6" else "quarter"}
    draft = entries.save(site.store, editor, fields, load_lexicon().indicators,
                         date(2025, int(month) + 1, 20))
    sent = entries.submit(site.store, editor, draft.id, draft.version)
    entries.approve(site.store, reviewer, draft.id, sent.version)
    publish_approval(site.store, reviewer, f"approve entry {draft.id}")
    return draft.id


def _cli_publish(site, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", str(site.store.engine.url.render_as_string(
        hide_password=False)))
    assert pipeline_main(["publish", "--seeds", str(site.seeds),
                          "--actuals", str(site.data / "actuals.csv")]) == 0


def _upload(site) -> int:
    upload_id = service.receive(site.store, "luming-2025.txt", NEXT_REPORT.encode(), ADMIN,
                                site.published())
    state = service.review_state(site.store, uploads.get(site.store, upload_id),
                                 site.published())
    for item in state.items:
        uploads.decide(site.store, upload_id, Decision(item.key, "accept"), item.sentence,
                       "", ADMIN)
    service.publish_upload(site.store, upload_id, site.published(), ADMIN)
    return upload_id


def _entry_state(site, entry_id: int) -> str:
    with site.store.engine.connect() as conn:
        return str(conn.execute(select(entry_rows.c.state)
                                .where(entry_rows.c.id == entry_id)).scalar_one())


def assert_consistent(site) -> None:
    """Every approved figure is public, nothing else of the app is; every upload's state
    says whether the current version holds its text."""
    version_id, _ = current_state(site.store)
    public = load_version(site.store, version_id).actuals
    with site.store.engine.connect() as conn:
        manifest = manifest_of_version(conn, version_id)
        approved = conn.execute(select(entry_rows).where(entry_rows.c.state == "approved")
                                ).all()
        states = dict(conn.execute(select(upload_rows.c.id, upload_rows.c.state)).all())
    in_app = public[public.status.fillna("") != ""]  # the app's figures carry a status
    assert sorted((r.indicator_id, r.year, r.value) for r in approved) == sorted(
        (r.indicator_id, int(r.period), float(r.value)) for r in in_app.itertuples())
    assert {e["id"] for e in manifest["entries"]} == {r.id for r in approved}
    held = {t["upload"] for t in manifest["texts"] if "upload" in t}
    for upload_id, state in states.items():
        assert (state == "published") == (upload_id in held), (upload_id, state)


def test_publishers_in_every_order_keep_figures_and_states_true(site, people, monkeypatch):
    assert_consistent(site)
    first = _approve(site, people, "6", "5.2%")
    assert_consistent(site)
    _cli_publish(site, monkeypatch)  # the finding: this took the approved figure away
    assert_consistent(site)
    upload_id = _upload(site)
    assert_consistent(site)
    second = _approve(site, people, "9", "5.4%")
    assert_consistent(site)
    service.roll_back(site.store, ADMIN)  # the approval's version goes
    assert_consistent(site)
    assert _entry_state(site, second) == "submitted"
    assert _entry_state(site, first) == "approved"
    _cli_publish(site, monkeypatch)
    assert_consistent(site)
    service.roll_back(site.store, ADMIN)  # the upload's version goes
    assert_consistent(site)
    assert uploads.get(site.store, upload_id).state == "withdrawn"
    actions = [r.action for r in history(site.store)]
    assert {"version.publish", "version.rollback", "entry.rollback",
            "upload.withdrawn"} <= set(actions)


def test_an_approved_figure_survives_a_cli_publish(site, people, monkeypatch):
    _approve(site, people, "6", "5.2%")
    _cli_publish(site, monkeypatch)
    version_id, _ = current_state(site.store)
    actuals = load_version(site.store, version_id).actuals
    assert 5.2 in set(actuals.value)


def test_an_approval_stores_only_the_table_it_changes(site, people):
    def stored() -> int:
        with site.store.engine.connect() as conn:
            return int(conn.execute(select(func.coalesce(func.sum(blobs.c.size), 0))).scalar())

    before = stored()
    _approve(site, people, "6", "5.2%")
    version_id, _ = current_state(site.store)
    from dashboard.store.versions import version_files_of

    actuals = len(version_files_of(site.store, version_id)["actuals.csv"])
    assert 0 < stored() - before <= 2 * actuals


def test_a_version_explains_what_it_was_composed_from(site, people):
    _approve(site, people, "6", "5.2%")
    lines = explain(site.store, current_state(site.store)[0])
    assert any("luming-2024.txt" in line for line in lines)
    assert any(line.strip().startswith("entry") and "gdp 2025/6" in line for line in lines)


def test_the_upload_service_asks_the_policy(site, people):
    editor, reviewer = people
    for who in (editor, reviewer, None):
        with pytest.raises(Denied):
            service.receive(site.store, "x.txt", NEXT_REPORT.encode(), who, site.published())
        with pytest.raises(Denied):
            service.roll_back(site.store, who)
    assert uploads.list_uploads(site.store) == []


def test_start_up_publishes_an_approval_whose_publish_was_killed(site, people):
    editor, reviewer = people
    draft = entries.save(site.store, editor, FIGURE, load_lexicon().indicators,
                         date(2025, 7, 20))
    sent = entries.submit(site.store, editor, draft.id, draft.version)
    entries.approve(site.store, reviewer, draft.id, sent.version)  # killed before publishing
    before, _ = current_state(site.store)
    assert bring_up_to_date(site.store, site.seeds, site.data / "actuals.csv") is not None
    assert current_state(site.store)[0] != before
    assert_consistent(site)
    assert bring_up_to_date(site.store, site.seeds, site.data / "actuals.csv") is None


KILLED_UPLOAD = """
import sys, time
from dashboard.store import open_store
from dashboard.store.publishing import publish_current

def wait():
    print("inside", flush=True)
    time.sleep(60)

publish_current(open_store(sys.argv[1]), "killed", staged_id=int(sys.argv[2]),
                before_commit=wait)
"""


def test_a_publish_killed_part_way_changes_no_state(site):
    upload_id = service.receive(site.store, "luming-2025.txt", NEXT_REPORT.encode(), ADMIN,
                                site.published())
    before = current_state(site.store)
    database = site.store.engine.url.render_as_string(hide_password=False)
    child = subprocess.Popen([sys.executable, "-c", KILLED_UPLOAD, database, str(upload_id)],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert current_state(site.store) == before
    assert uploads.get(site.store, upload_id).state == "staged"
    assert_consistent(site)


def test_a_worker_reads_again_only_the_tables_that_changed(site, people):
    from dashboard.store.versions import TableReuse

    loader = TableReuse()
    before = loader(site.store, current_state(site.store)[0])
    _approve(site, people, "6", "5.2%")
    after = loader(site.store, current_state(site.store)[0])
    assert after.indicators is before.indicators and after.passages is before.passages
    assert after.actuals is not before.actuals and 5.2 in set(after.actuals.value)
    fresh = load_version(site.store, current_state(site.store)[0])
    assert after.version == fresh.version
    assert after.actuals.equals(fresh.actuals) and after.indicators.equals(fresh.indicators)


def test_an_upload_is_composed_from_the_database_whatever_this_hosts_checkout_holds(site):
    """The finding: an upload's version depended on the seeds/ of the host that served the
    click. Now the seeds live in the database: a host without them publishes the same."""
    site.seeds.rename(site.seeds.with_name("elsewhere"))
    upload_id = _upload(site)
    published = load_version(site.store, current_state(site.store)[0])
    assert {"luming-2024", "luming-2025"} <= set(published.reports.report_id)
    assert uploads.get(site.store, upload_id).state == "published"
