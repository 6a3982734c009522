"""Sign-in throttling per (name, address) with exponential backoff; an admin clears it.

Time is passed in (``now=``), never waited for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dashboard.store.audit import history
from dashboard.store.tables import signin_attempts
from dashboard.users import accounts, throttle

PASSWORD = "correct horse battery"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _fail(store, times, name="wang", address="10.0.0.66", start=T0):
    for i in range(times):
        throttle.record(store, name, address, ok=False, now=start + timedelta(milliseconds=i))
    return start + timedelta(milliseconds=times - 1)


def test_failures_from_one_address_never_stop_the_name_from_another(store):
    accounts.add_user(store, "wang", PASSWORD, "admin")
    last = _fail(store, 200, address="203.0.113.9")  # an attacker, for a long time
    assert throttle.check(store, "wang", "203.0.113.9", now=last) > 0
    assert throttle.check(store, "wang", "10.1.2.3", now=last) == 0
    # ...and through the service: the right password from the office still signs in.
    assert accounts.authenticate(store, "wang", PASSWORD, "10.1.2.3") is not None


def test_the_wait_doubles_after_the_free_failures_up_to_the_cap(store):
    last = _fail(store, throttle.FREE_FAILURES - 1)
    assert throttle.check(store, "wang", "10.0.0.66", now=last) == 0
    waits = []
    for _ in range(15):
        last = _fail(store, 1, start=last + timedelta(hours=1))
        waits.append(throttle.check(store, "wang", "10.0.0.66", now=last))
    assert waits[:4] == [1.0, 2.0, 4.0, 8.0]
    assert waits[-1] == throttle.MAX_WAIT.total_seconds() == 900.0
    assert waits == sorted(waits)
    later = last + throttle.MAX_WAIT
    assert throttle.check(store, "wang", "10.0.0.66", now=later) == 0  # waited it out


def test_a_sign_in_resets_its_own_pair_only(store):
    _fail(store, 7, address="10.0.0.66")
    last = _fail(store, 7, address="10.0.0.77")
    throttle.record(store, "wang", "10.0.0.66", ok=True, now=last + timedelta(seconds=1))
    now = last + timedelta(seconds=1)
    assert throttle.check(store, "wang", "10.0.0.66", now=now) == 0
    assert throttle.check(store, "wang", "10.0.0.77", now=now) > 0


def test_one_address_spraying_many_names_is_slowed(store):
    names = [f"user{i}" for i in range(throttle.ADDRESS_FREE_FAILURES)]
    last = T0
    for i, name in enumerate(names):  # two tries each: under the per-pair limit
        last = _fail(store, 2, name=name, start=T0 + timedelta(seconds=i))
    assert throttle.check(store, "fresh-name", "10.0.0.66", now=last) > 0
    assert throttle.check(store, "fresh-name", "10.0.0.5", now=last) == 0
    # Counted over the last hour only: an office's typos never slow it for long.
    later = _fail(store, 1, name="fresh-name", start=last + throttle.ADDRESS_WINDOW)
    assert throttle.check(store, "fresh-name", "10.0.0.66", now=later) == 0
    assert throttle.check(store, "user0", "10.0.0.66", now=later) == 0  # 2 of 5 free


def test_clear_lock_lets_the_name_in_from_everywhere_and_is_audited(store):
    accounts.add_user(store, "wang", PASSWORD, "reviewer")
    _fail(store, 20, address="10.0.0.66")
    last = _fail(store, 20, address="10.0.0.77")
    assert throttle.check(store, "wang", "10.0.0.66", now=last) > 0
    throttle.clear_lock(store, "wang", "zhao", now=last + timedelta(seconds=1))
    now = last + timedelta(seconds=1)
    assert throttle.check(store, "wang", "10.0.0.66", now=now) == 0
    assert throttle.check(store, "wang", "10.0.0.77", now=now) == 0
    row = history(store, "user:wang")[-1]
    assert (row.action, row.actor, row.old) == ("user.unlock", "zhao", {"failures_last_day": 40})
    # Failures after the clearing count again from zero.
    _fail(store, throttle.FREE_FAILURES, address="10.0.0.66", start=now + timedelta(seconds=1))
    assert throttle.check(store, "wang", "10.0.0.66", now=now + timedelta(seconds=1)) > 0
    with pytest.raises(accounts.AccountError, match="^name: no user"):
        throttle.clear_lock(store, "nobody", "zhao")


def test_old_attempts_are_deleted(store):
    _fail(store, 10)
    throttle.record(store, "li", "10.0.0.1", ok=False, now=T0 + throttle.RETENTION * 2)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(signin_attempts)).scalar_one() == 1
