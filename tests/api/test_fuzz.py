"""The API under 2,000+ generated requests: random methods, paths, query strings, bodies and
headers, sent with the token of each role, a revoked token, a disabled user's, a made-up
one and none, from this site, from another or from no page at all.

After every request the new audit rows are checked: nobody without a live token of an
active user, and no request from another site, wrote anything; whoever wrote did only what
their role allows (an editor creates and submits in their sectors, a reviewer approves, never
a figure they changed). No request gets a 500."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dashboard.store.tables import audit_log, entries
from dashboard.users import accounts, tokens
from tests.api.conftest import GDP, PASSWORD, SITE
from tests.test_fuzz_callbacks import HOSTILE_TEXT, _values

MIN_REQUESTS = 2000
TOURISM = {**GDP, "indicator_id": "tourist_arrivals", "measure": "level", "value": "120万人次",
           "price_basis": "", "source": "县文旅局"}
METHODS = ["GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE"]
ROLE_ACTIONS = {"editor": {"entry.create", "entry.submit"}, "reviewer": {"entry.approve"},
                "admin": {"entry.create", "entry.submit", "entry.approve"}}
SECTORS = {"li": {"economy"}, "ma": {"tourism"}}
ORIGINS = [None, None, SITE, "http://evil.example", "null", "https://localhost.evil.example"]


def _ids() -> st.SearchStrategy[str]:
    return st.one_of(st.integers(0, 8).map(str), st.integers(-5, 2**64).map(str),
                     st.text(max_size=8).map(lambda t: quote(t, safe="")))


def _paths() -> st.SearchStrategy[str]:
    return st.one_of(
        st.just("/api/v1/entries"),
        st.builds("/api/v1/entries/{}/{}".format, _ids(),
                  st.sampled_from(["submit", "approve", "return", "unlock", ""])),
        st.sampled_from(["/api/v1/reports", "/api/v1/facts", "/api/v1/targets",
                         "/api/v1/openapi.json", "/api/v1/", "/api/v1/entries/"]),
        st.text(max_size=20).map(lambda t: "/api/v1/" + quote(t, safe="/")))


def _query() -> st.SearchStrategy[str]:
    value = st.one_of(st.sampled_from(["luming-2024", "luming-2025", "qingshi-2025", "2024",
                                       "2025", "csv", "json", ""]),
                      st.text(max_size=10), st.sampled_from(HOSTILE_TEXT[:11]))
    params = st.dictionaries(st.sampled_from(["report", "year", "format", "token", "x"]),
                             value, max_size=3)
    return params.map(lambda p: "?" + urlencode(p, errors="surrogatepass") if p else "")


def _figure() -> st.SearchStrategy[dict[str, Any]]:
    base = st.sampled_from([GDP, TOURISM, {**GDP, "comment": "核实无误", "value": "250%"}])
    changes = st.dictionaries(st.sampled_from(list(GDP) + ["version", "state", "sector"]),
                              st.one_of(_values(), st.sampled_from(HOSTILE_TEXT[:11])),
                              max_size=2)
    return st.builds(lambda b, c: {**b, **c}, base, changes)


def _body() -> st.SearchStrategy[Any]:
    return st.one_of(_figure(), _figure(),
                     st.fixed_dictionaries({"version": st.integers(0, 6)}),
                     st.fixed_dictionaries({}, optional={"version": _values()}), _values(),
                     st.none())


def _plausible() -> st.SearchStrategy[tuple[str, str, Any]]:
    """(method, path, body) of a write that could succeed, so the checks meet real writes."""
    step = st.builds(lambda i, a, v: ("POST", f"/api/v1/entries/{i}/{a}", {"version": v}),
                     st.integers(1, 6), st.sampled_from(["submit", "approve"]),
                     st.integers(1, 3))
    create = st.builds(lambda b: ("POST", "/api/v1/entries", b), _figure())
    return st.one_of(step, create)


def _anything() -> st.SearchStrategy[tuple[str, str, Any]]:
    return st.tuples(st.sampled_from(METHODS), st.builds(str.__add__, _paths(), _query()),
                     _body())


def _encoded(body: Any) -> bytes:
    try:
        return json.dumps(body, allow_nan=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return b"{"


def _new_rows(store, after: int) -> list[Any]:
    with store.engine.connect() as conn:
        return conn.execute(select(audit_log).where(audit_log.c.id > after)
                            .order_by(audit_log.c.id)).all()


def _sector(store, subject: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(select(entries.c.sector).where(
            entries.c.id == int(subject.split(":")[1]))).scalar_one()


def _changed_value(store, name: str, subject: str) -> bool:
    with store.engine.connect() as conn:
        return bool(conn.execute(select(func.count()).where(
            (audit_log.c.subject == subject) & (audit_log.c.actor == name)
            & audit_log.c.action.in_(["entry.create", "entry.edit"]))).scalar_one())


def test_no_anonymous_cross_site_or_cross_role_write(site):
    store, client = site.store, site.client
    roles = {name: role for name, role, _ in (("li", "editor", 0), ("ma", "editor", 0),
                                               ("wang", "reviewer", 0), ("zhao", "admin", 0))}
    senders = dict(site.tokens)
    senders["revoked"] = tokens.create_token(store, "li", "old laptop")[1]
    tokens.revoke_token(store, "li", tokens.list_tokens(store, "li")[-1].id)
    accounts.add_user(store, "gone", PASSWORD, "admin", [])
    senders["gone"] = tokens.create_token(store, "gone")[1]
    accounts.disable_user(store, "gone")
    senders["made-up"] = tokens.PREFIX + "A" * 43
    senders["none"] = ""
    last = [_new_rows(store, 0)[-1].id]
    sent: Counter[str] = Counter()
    writes: Counter[str] = Counter()

    @settings(max_examples=MIN_REQUESTS, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(who=st.sampled_from(sorted(senders)), request=st.one_of(_plausible(), _anything()),
           origin=st.sampled_from(ORIGINS),
           referer=st.sampled_from([None, None, "http://evil.example/x", SITE + "/entry"]),
           content_type=st.sampled_from(["application/json"] * 4 + ["text/plain", None]),
           scheme=st.sampled_from(["Bearer"] * 6 + ["bearer", "Basic", "Token"]))
    def run(who, request, origin, referer, content_type, scheme) -> None:
        method, path, body = request
        headers = {}
        if senders[who]:
            headers["Authorization"] = f"{scheme} {senders[who]}"
        if origin:
            headers["Origin"] = origin
        if referer:
            headers["Referer"] = referer
        response = client.open(path, method=method, headers=headers,
                               data=_encoded(body) if body is not None else None,
                               content_type=content_type)
        sent[who] += 1
        assert response.status_code < 500, (method, path, response.status_code)
        if response.status_code != 403 or response.mimetype != "text/plain":
            assert response.mimetype in ("application/json", "text/csv"), response.mimetype
        rows = _new_rows(store, last[0])
        if not rows:
            return
        last[0] = rows[-1].id
        entry_rows = [r for r in rows if r.action.startswith("entry.")]
        # Publishing after an approval may add its own rows; nothing else writes.
        assert entry_rows, [r.action for r in rows]
        from_elsewhere = (origin and origin != SITE) or (
            not origin and referer and not referer.startswith(SITE))
        assert who in roles and scheme.lower() == "bearer" and not from_elsewhere, (
            who, [r.action for r in rows])
        for row in entry_rows:
            assert row.actor == who and row.action in ROLE_ACTIONS[roles[who]], row
            if who in SECTORS:
                assert _sector(store, row.subject) in SECTORS[who]
            if row.action == "entry.approve":
                assert not _changed_value(store, who, row.subject)  # four eyes
            writes[row.action] += 1
        if not any(r.action == "entry.approve" for r in entry_rows):
            assert len(rows) == len(entry_rows)

    run()
    assert sum(sent.values()) >= MIN_REQUESTS, sent
    assert all(sent[name] >= MIN_REQUESTS / len(senders) / 2 for name in senders), sent
    # The checks above were met by real writes, not by nothing getting through at all.
    assert writes["entry.create"] > 0, writes
    print("requests by sender", dict(sent), "writes", dict(writes))
