"""A rollback stays rolled back; a figure in flight at the upgrade keeps all its editors."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
import yaml
from sqlalchemy import text

from dashboard.store import open_store
from dashboard.store.engine import StoreError, connect
from dashboard.store.migrate import upgrade
from dashboard.store.publishing import (
    bring_up_to_date,
    explain,
    publish_current,
    rollback_current,
)
from dashboard.store.sources import import_seeds
from dashboard.store.versions import current_state, load_version
from tests.store.conftest import pg_cluster, url  # noqa: F401 - fixtures
from tests.upload.conftest import BUNDLE, make_site


def _reports(site) -> set[str]:
    return set(load_version(site.store, current_state(site.store)[0]).reports.report_id)


def _add_next_year(site) -> None:
    shutil.copy(BUNDLE / "luming-2025.txt", site.seeds / "luming-2025.txt")
    entries = yaml.safe_load((BUNDLE / "sources.yml").read_text(encoding="utf-8"))["reports"]
    (site.seeds / "sources.yml").write_text(yaml.safe_dump({"reports": entries[:2]},
                                                           allow_unicode=True),
                                            encoding="utf-8")


def test_a_rolled_back_seed_text_stays_away_until_imported_again(tmp_path, url):  # noqa: F811
    site = make_site(tmp_path, url)
    _add_next_year(site)
    bring_up_to_date(site.store, site.seeds, site.data / "actuals.csv")
    assert _reports(site) == {"luming-2024", "luming-2025"}
    rollback_current(site.store, "ops")
    assert _reports(site) == {"luming-2024"}
    # The next start-up from the same checkout, and the next publish, keep the rollback.
    assert bring_up_to_date(site.store, site.seeds, site.data / "actuals.csv") is None
    publish_current(site.store, "ops", "an approval, say")
    assert _reports(site) == {"luming-2024"}
    # Importing the folder again on purpose brings it back.
    import_seeds(site.store, site.seeds, site.data / "actuals.csv", "ops", again=True)
    publish_current(site.store, "ops")
    assert _reports(site) == {"luming-2024", "luming-2025"}
    with pytest.raises(StoreError, match="no version 99"):
        explain(site.store, 99)
    site.store.engine.dispose()


def test_the_upgrade_keeps_every_editor_of_a_figure_in_flight(tmp_path):
    """An admin changed an editor's draft, the editor submitted (which overwrote "last
    changed by" before this revision): the admin stays a value editor after the upgrade."""
    database = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    store = connect(database)
    upgrade(store, "0004")
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO entries (id, indicator_id, sector, year, period_kind, through_month,"
            " measure, value, unit, price_basis, status, source, comment, state, flagged,"
            " version, created_by, updated_by, updated_at, note) VALUES (1, 'gdp',"
            " 'economy', 2025, 'half_year', 6, 'growth_pct', 9.9, '', 'comparable',"
            " 'preliminary', 's', '', 'submitted', 0, 3, 'li', 'li', :now, '')"),
            {"now": now})
        for actor, action in (("li", "entry.create"), ("boss", "entry.edit"),
                              ("li", "entry.submit")):
            conn.execute(text("INSERT INTO audit_log (at, actor, action, subject, reason)"
                              " VALUES (:now, :actor, :action, 'entry:1', '')"),
                         {"now": now, "actor": actor, "action": action})
    store.engine.dispose()
    upgraded = open_store(database)
    with upgraded.engine.connect() as conn:
        editors = conn.execute(text("SELECT value_editors FROM entries")).scalar_one()
    assert set(editors.split(",")) == {"li", "boss"}
    upgraded.engine.dispose()
