"""Apps for the API tests: the read endpoints on the test bundles without a database, and
the writes on a store (SQLite, and PostgreSQL under the ``postgres`` marker) with four
people holding a token each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard.app_factory import create_app
from dashboard.store.engine import Store
from dashboard.store.tables import audit_log, entries
from dashboard.users import accounts, tokens
from tests.app_settings import app_settings
from tests.store.conftest import pg_cluster, store, url  # noqa: F401 - fixtures

PASSWORD = "correct horse battery"
# li enters economy figures, ma tourism ones; wang reviews; zhao is an admin.
PEOPLE = (("li", "editor", ["economy"]), ("ma", "editor", ["tourism"]),
          ("wang", "reviewer", []), ("zhao", "admin", []))
GDP = {"indicator_id": "gdp", "year": 2025, "period_kind": "half_year", "through_month": 6,
       "measure": "growth_pct", "value": "5.6%", "unit": "", "price_basis": "comparable",
       "status": "preliminary", "source": "县统计局半年快报", "comment": ""}
SITE = "http://localhost"


@dataclass
class Site:
    client: FlaskClient
    store: Store
    tokens: dict[str, str]
    token_ids: dict[str, int]

    def post(self, path: str, body: Any = None, who: str | None = None,
             headers: dict[str, str] | None = None, token: str | None = None):
        sent = dict(headers or {})
        token = token or (self.tokens[who] if who else None)
        if token:
            sent["Authorization"] = f"Bearer {token}"
        return self.client.post(path, json=body, headers=sent)

    def counts(self) -> tuple[int, int]:
        """(entries, audit rows of entries)."""
        with self.store.engine.connect() as conn:
            return (conn.execute(select(func.count()).select_from(entries)).scalar_one(),
                    conn.execute(select(func.count()).where(
                        audit_log.c.action.like("entry.%"))).scalar_one())


@pytest.fixture
def reader(counties) -> FlaskClient:
    """The app without a database, serving the two counties."""
    return create_app(app_settings(), snapshot=counties).server.test_client()


def make_site(db: Store, dataset) -> Site:
    app = create_app(app_settings(), db, snapshot=dataset)
    made, ids = {}, {}
    for name, role, sectors in PEOPLE:
        accounts.add_user(db, name, PASSWORD, role, sectors)
        ids[name], made[name] = tokens.create_token(db, name, f"{name}'s script")
    return Site(app.server.test_client(), db, made, ids)


@pytest.fixture
def site(store, counties) -> Site:  # noqa: F811 - the fixture imported above
    return make_site(store, counties)


def seeds_folder(base: Path) -> tuple[Path, Path]:
    """鹿鸣县's seeds and an empty hand-kept actuals file."""
    from tests.conftest import merge_bundles

    seeds = merge_bundles(base / "seeds", "two-years")
    actuals = base / "actuals.csv"
    actuals.write_text("indicator_id,period,as_of,value,unit,source\n", encoding="utf-8")
    return seeds, actuals
