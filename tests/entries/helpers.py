"""People and a figure shared by the entry service tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from dashboard.entries import store as entries
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.store.tables import audit_log
from dashboard.users import accounts

TODAY = date(2026, 7, 20)
GDP = {"indicator_id": "gdp", "year": "2026", "period_kind": "half_year",
       "through_month": "6", "measure": "growth_pct", "value": "6.0%", "unit": "",
       "price_basis": "comparable", "status": "preliminary", "source": "州统计局快报",
       "comment": ""}
# li enters economy figures, ma tourism ones; wang reviews; zhao is an admin.
PEOPLE = (("li", "editor", ["economy"]), ("ma", "editor", ["tourism"]),
          ("wang", "reviewer", []), ("zhao", "admin", []))


def add_people(store, people=PEOPLE) -> dict:
    """Users as the sign-in gives them to the services. The services never read the users
    table, so they are made here without hashing a password (scrypt: slow) for each test."""
    return {name: accounts.User(n, name, role, tuple(sectors))
            for n, (name, role, sectors) in enumerate(people, start=1)}


def save(store, user, fields=GDP, **kw) -> entries.Entry:
    return entries.save(store, user, fields, load_lexicon().indicators, TODAY, **kw)


def audit_rows(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
