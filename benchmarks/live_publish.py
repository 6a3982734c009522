"""Benchmark of live publishing (issue 12): how soon a published version is served by
another app instance, what following the database costs per request, and whether the
numbers of ``run.py`` hold when the app serves from SQLite and from PostgreSQL.

Usage::

    .venv/bin/python benchmarks/live_publish.py [--rounds 6] [--skip-run]

1. **Per-request cost**: ``SnapshotSource.current()`` with a ``VersionFollower`` (what every
   request runs before it is handled), timed over 200,000 calls in this process; and the
   cost of one poll of the database (``current_state``, run by each worker's background
   thread every 0.25 s, off the request path).
2. **Publish to visible**: two app instances (``python app.py``: gunicorn masters, two
   workers each) on one database; this process publishes alternately the seed tables and
   the seed plus a next-year report written for the tests, and polls instance two's
   ``/version.json`` every 10 ms. "first" = first response naming the new version;
   "every worker" = first of 12 consecutive responses that all do. Rounds are 8 s apart,
   so each worker has finished building the previous version's default pages
   (``dashboard/warm.py``), as it would between real publishes.
3. **run.py --quick** against a server that serves from each database (``--database``).

SQLite and a throwaway PostgreSQL cluster (``tests/store/cluster.py``). Writes
``benchmarks/LIVE.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import RAW_DIR, machine_info  # noqa: E402
from dashboard.store.live import POLL_SECONDS  # noqa: E402
from tests.store.cluster import throwaway_cluster  # noqa: E402
from tests.store.folders import seeds_with_next_year  # noqa: E402
from tests.store.instance import AppInstance  # noqa: E402

OUT = ROOT / "benchmarks" / "LIVE.md"
TARGET_VISIBLE_S = 2.0
TARGET_CHECK_MS = 1.0
CONSECUTIVE = 12
PAUSE_S = 8.0


def per_request_cost(url: str, data: Path) -> dict[str, float]:
    from dashboard.context import SnapshotSource
    from dashboard.data_files import load_dataset, read_data_files
    from dashboard.store import open_store
    from dashboard.store.live import VersionFollower
    from dashboard.store.versions import current_state, publish

    store = open_store(url)
    if current_state(store)[0] is None:  # the storage layer alone: what following costs
        publish(store, read_data_files(data), "benchmark")
    follower = VersionFollower(store, current_state(store))
    source = SnapshotSource(load_dataset(data), follower)
    source.current()
    calls = 200_000
    began = time.perf_counter()
    for _ in range(calls):
        source.current()
    per_call_us = (time.perf_counter() - began) / calls * 1e6
    polls = []
    for _ in range(200):
        began = time.perf_counter()
        current_state(store)
        polls.append((time.perf_counter() - began) * 1000)
    follower.stop()
    store.engine.dispose()
    return {"check_us": per_call_us, "poll_ms_p50": statistics.median(polls),
            "poll_ms_max": max(polls)}


def next_year_tables(work: Path) -> Path:
    from dashboard.pipeline.build import build

    build(seeds_with_next_year(work / "seeds"), work / "next")
    shutil.copy(ROOT / "data" / "actuals.csv", work / "next" / "actuals.csv")
    return work / "next"


def publish_to_visible(url: str, work: Path, rounds: int) -> list[dict[str, float]]:
    from dashboard.data_files import read_data_files
    from dashboard.store import open_store
    from dashboard.store.versions import publish

    data = ROOT / "data"
    versions = [read_data_files(next_year_tables(work)), read_data_files(data)]
    one = AppInstance(url, data, work / "one.log")
    two = AppInstance(url, data, work / "two.log")
    samples = []
    try:
        one.wait_ready()
        two.wait_ready()
        store = open_store(url)
        for i in range(rounds):
            # Publishes are rare: let the previous version's page warm-up finish first.
            time.sleep(PAUSE_S)
            done = publish(store, versions[i % 2], f"benchmark round {i + 1}")
            committed = time.perf_counter()
            wanted = f"{done.version_id}-"
            first = every = None
            streak = 0
            while time.perf_counter() - committed < 30:
                seen = two.version()["version"].startswith(wanted)
                now = time.perf_counter() - committed
                if seen:
                    first = first if first is not None else now
                    streak += 1
                    if streak == CONSECUTIVE:
                        every = now
                        break
                else:
                    streak = 0
                    every = None
                time.sleep(0.01)
            samples.append({"first_s": first or float("nan"), "every_s": every or float("nan")})
            print(f"  round {i + 1}: first {samples[-1]['first_s']:.2f} s, every worker "
                  f"{samples[-1]['every_s']:.2f} s")
        store.engine.dispose()
    finally:
        one.stop()
        two.stop()
    return samples


def run_py(url: str) -> dict[str, object]:
    began = time.monotonic()
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--no-write",
                             "--database", url], cwd=ROOT, capture_output=True, text=True,
                            timeout=1200)
    latest = json.loads((RAW_DIR / "latest.json").read_text(encoding="utf-8"))
    return {"checks": latest["checks"], "seconds": time.monotonic() - began,
            "exit": result.returncode}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--skip-run", action="store_true", help="leave out run.py --quick")
    args = parser.parse_args()
    began = time.monotonic()
    info = machine_info()
    results: dict[str, dict[str, object]] = {}
    with throwaway_cluster() as cluster:
        for backend in ("sqlite", "postgresql"):
            work = Path(tempfile.mkdtemp(prefix=f"bench-live-{backend}-"))
            try:
                def url(backend: str = backend, work: Path = work) -> str:
                    if backend == "sqlite":
                        return f"sqlite:///{work / f'db-{time.monotonic_ns()}.sqlite3'}"
                    return cluster.new_database()

                print(f"{backend}: per-request cost ...")
                cost = per_request_cost(url(), ROOT / "data")
                print(f"{backend}: publish to visible, {args.rounds} rounds ...")
                samples = publish_to_visible(url(), work, args.rounds)
                run = None
                if not args.skip_run:
                    print(f"{backend}: run.py --quick ...")
                    run = run_py(url())
                results[backend] = {"cost": cost, "samples": samples, "run": run}
            finally:
                shutil.rmtree(work, ignore_errors=True)
    text = report(info, results, time.monotonic() - began, args.rounds)
    print(text)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    ok = all(max(s["every_s"] for s in r["samples"]) <= TARGET_VISIBLE_S  # type: ignore[index]
             and r["cost"]["check_us"] / 1000 < TARGET_CHECK_MS  # type: ignore[index]
             for r in results.values())
    return 0 if ok else 1


def report(info: dict[str, str], results: dict[str, dict], seconds: float,
           rounds: int) -> str:
    lines = [
        "# Live publishing benchmark",
        "",
        f"Written by `benchmarks/live_publish.py` on "
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} ({seconds:.0f} s run). "
        "Re-run with `.venv/bin/python benchmarks/live_publish.py`.",
        "",
        "| | |", "| --- | --- |", *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "## Targets",
        "",
        "| target | database | result | value |",
        "| --- | --- | --- | --- |",
    ]
    for backend, r in results.items():
        worst = max(s["every_s"] for s in r["samples"])
        first = statistics.median(s["first_s"] for s in r["samples"])
        lines.append(f"| published version served by every worker of the other instance "
                     f"within {TARGET_VISIBLE_S:.0f} s | {backend} | "
                     f"{'PASS' if worst <= TARGET_VISIBLE_S else 'FAIL'} | worst {worst:.2f} s "
                     f"over {rounds} publishes (first response: median {first:.2f} s) |")
        cost = r["cost"]
        lines.append(f"| version check under {TARGET_CHECK_MS:.0f} ms per request | {backend} | "
                     f"{'PASS' if cost['check_us'] / 1000 < TARGET_CHECK_MS else 'FAIL'} | "
                     f"{cost['check_us']:.2f} µs per request; the background poll "
                     f"{cost['poll_ms_p50']:.2f} ms (max {cost['poll_ms_max']:.2f}) every "
                     f"{POLL_SECONDS} s per worker, off the request path |")
    if all(r["run"] for r in results.values()):
        lines += ["", "## run.py --quick, serving from each database", "",
                  "| check | " + " | ".join(results) + " |",
                  "| --- |" + " --- |" * len(results)]
        names = [c[0] for c in next(iter(results.values()))["run"]["checks"]]
        for i, name in enumerate(names):
            cells = []
            for r in results.values():
                _n, ok, value = r["run"]["checks"][i]
                cells.append(f"{'PASS' if ok else 'FAIL'}: {value}")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
