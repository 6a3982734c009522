"""Answers kept in the database: shared by every worker and host, one prerender per version,
older versions' answers deleted, a failing database a miss."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine

from dashboard.answers import kept, prerender
from dashboard.store import Store


def test_an_answer_kept_by_one_worker_is_found_by_another(store: Store):
    one = kept.StoreKept(store, "3-abc", kept.Recent())
    other = kept.StoreKept(store, "3-abc", kept.Recent())
    assert other.get("k") is None
    one.put("k", b"gz")
    assert other.get("k") == b"gz"
    one.put("k", b"gz")  # kept twice (two workers at once): no error, the same bytes
    assert kept.count(store, "3-abc") == 1


def test_one_prerender_per_version_and_older_answers_deleted(store: Store):
    assert kept.claim(store, "claim-3", "3-abc")
    assert not kept.claim(store, "claim-3", "3-abc")  # another worker or host
    kept.StoreKept(store, "2-old", kept.Recent()).put("old", b"x")
    kept.StoreKept(store, "3-abc", kept.Recent()).put("new", b"y")
    assert kept.forget_other_versions(store, "3-abc") == 1
    assert kept.exists(store, "new") and not kept.exists(store, "old")
    assert kept.exists(store, "claim-3")


def test_a_database_that_fails_is_a_miss_not_an_error(store: Store, caplog):
    broken = Store(engine=create_engine("sqlite:////nonexistent/dir/x.sqlite3"),
                   label="broken")
    answers = kept.StoreKept(broken, "3-abc", kept.Recent())
    assert answers.get("k") is None
    answers.put("k", b"gz")  # kept in this process's memory all the same
    assert answers.get("k") == b"gz"
    assert "cannot" in caplog.text


def test_recent_answers_are_bounded_in_bytes():
    recent = kept.Recent(limit=10)
    recent.put("a", b"12345")
    recent.put("b", b"12345")
    assert recent.get("a") == b"12345"  # now the most recently used
    recent.put("c", b"123")
    assert recent.get("b") is None and recent.get("a") and recent.get("c")
    recent.put("big", b"x" * 11)
    assert recent.get("big") is None


def test_version_ids():
    assert kept.version_id("12-3fa2") == 12
    assert kept.version_id("7a4abfecfb6d") == 0


def test_workers_share_a_versions_prerender_report_by_report(store: Store, counties):
    """Each report is claimed by one worker; the version is ready once all are done."""
    version = "5-" + counties.version
    dataset = replace(counties, version=version)
    reports = prerender.reports_in_order(dataset)
    claims = [prerender._marker("claim", version, r) for r in reports]
    assert len(set(claims)) == len(reports) and all(len(c) <= 64 for c in claims)
    first = [kept.claim(store, c, version) for c in claims[:2]]
    second = [kept.claim(store, c, version) for c in claims[:3]]
    assert first == [True, True] and second == [False, False, True]
    assert not prerender.ready(store, dataset)
    for report in reports:
        kept.claim(store, prerender._marker("done", version, report), version)
    assert prerender.ready(store, dataset)


def test_a_claim_left_by_a_stopped_worker_is_taken_over_after_its_lease(store: Store):
    from sqlalchemy import update

    from dashboard.store.tables import answers

    assert kept.claim(store, "claim:3:r", "3-abc", lease_s=300)
    assert not kept.claim(store, "claim:3:r", "3-abc", lease_s=300)  # still being rendered
    with store.engine.begin() as conn:  # its worker was stopped ten minutes ago
        conn.execute(update(answers).where(answers.c.key == "claim:3:r").values(
            created_at=datetime.now(UTC) - timedelta(minutes=10)))
    assert kept.claim(store, "claim:3:r", "3-abc", lease_s=300)
    assert not kept.claim(store, "claim:3:r", "3-abc", lease_s=300)  # taken once
    assert not kept.claim(store, "claim:3:r", "3-abc")  # no lease: never taken over
