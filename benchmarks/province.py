"""A province's reports on one machine: build, publish, reload, start-up and memory.

Usage::

    .venv/bin/python benchmarks/province.py [--reports 1000]

1. **Data**: ``--reports`` copies of the real corpus (``../shared/realreports``, read from
   there; ``common.real_seeds``), each about its own invented place, in a temporary folder.
2. **Build**: a fresh SQLite database, the seeds imported and the first version composed
   and published as start-up does (``bring_up_to_date``): the time of all tables (every
   report read, in a pool of processes), split into reading and putting the tables together
   (the cross-report steps), and the whole publish.
3. **One report added**: one more copy in the seeds folder, published again the same way
   (only the new report is read; the others' parts come from ``report_parts``).
4. **Reload**: a worker's loader (``TableReuse``) that holds the version before picks up
   the new one.
5. **Start-up and memory**: the production server (``python app.py``: gunicorn, 2 workers)
   on that database, from launch until ``/healthz`` answers; then every page of the default
   report in both languages and the report page of 10 other reports (their first view's
   time), and the resident memory (RSS) of each worker.

The load average is printed beside each number (other work on the machine inflates them).
Writes nothing to the repository. Targets (#24): build ≤ 60 s, publish ≤ 10 s, reload
≤ 2 s, start-up ≤ 5 s, RSS ≤ 400 MB per worker.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import children, get, real_seeds, rss_mb, start, stop  # noqa: E402

PAGES = ("/", "/economy", "/investment", "/agriculture", "/tourism", "/targets", "/data",
         "/report", "/present")
TARGETS = {"build": 60.0, "publish": 10.0, "reload": 2.0, "start-up": 5.0, "rss": 400.0}


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


class Timer:
    """Wraps ``module.name`` to add up the seconds its calls take (and their first argument's
    length, for the number of reports read)."""

    def __init__(self, module: Any, name: str) -> None:
        self.reset()
        real: Callable[..., Any] = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            began, cpu = time.perf_counter(), cpu_seconds()
            try:
                return real(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began
                now = cpu_seconds()
                self.cpu, self.pool = self.cpu + now[0] - cpu[0], self.pool + now[1] - cpu[1]
                self.items += len(args[0]) if args and hasattr(args[0], "__len__") else 0

        setattr(module, name, timed)

    def reset(self) -> None:
        self.seconds, self.cpu, self.pool, self.items = 0.0, 0.0, 0.0, 0

    def idle(self) -> str:
        """What the CPU time says the wall time would be on two idle cores (the pool's work
        shared by both; what the other engineers' processes take from us left out)."""
        return (f"CPU {self.cpu:.1f} s here + {self.pool:.1f} s in the pool: ≈ "
                f"{self.cpu + self.pool / 2:.1f} s on two idle cores")


def cpu_seconds() -> tuple[float, float]:
    """(CPU seconds of this process, of its finished children: the pool's processes)."""
    times = os.times()
    return time.process_time(), times.children_user + times.children_system


def process_cpu(pid: int) -> float:
    """CPU seconds a process has used (user + system, from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def line(name: str, seconds: float, target: str, extra: str = "") -> str:
    mark = "ok" if seconds <= TARGETS[target] else "OVER"
    return (f"{name:<44} {seconds:8.2f} s  (target ≤ {TARGETS[target]:g} s: {mark}; "
            f"{load()}){extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()

    from dashboard.pipeline import reading
    from dashboard.store import compose, open_store
    from dashboard.store.publishing import bring_up_to_date
    from dashboard.store.versions import TableReuse, current_state, version_files_of

    print(f"{args.reports} reports; {os.cpu_count()} cores; at start {load()}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-province-"))
    try:
        seeds, data = work / "seeds", work / "data"
        data.mkdir()
        real_seeds(seeds, args.reports)
        url = f"sqlite:///{work / 'province.sqlite3'}"
        store = open_store(url)
        tables = Timer(compose, "build_tables")
        read = Timer(reading, "_read")

        began = time.perf_counter()
        first = bring_up_to_date(store, seeds, data / "actuals.csv")
        whole = time.perf_counter() - began
        assert first is not None and first.reports == args.reports, first
        size = sum(len(v) for v in version_files_of(store, first.version_id).values())
        print(line("build of all tables (cold: every report read)", tables.seconds, "build",
                   f"\n    reading {read.items} reports {read.seconds:.2f} s, putting the "
                   f"tables together {tables.seconds - read.seconds:.2f} s; import, compose "
                   f"and publish {whole:.2f} s; {first.facts:,} facts, {size / 1e6:.0f} MB "
                   f"of tables\n    {tables.idle()}"), flush=True)

        loader = TableReuse()
        loader(store, first.version_id)
        tables.reset()
        read.reset()
        real_seeds(seeds, 1, start=args.reports)
        began, cpu = time.perf_counter(), time.process_time()
        added = bring_up_to_date(store, seeds, data / "actuals.csv")
        publish = time.perf_counter() - began
        assert added is not None and added.reports == args.reports + 1, added
        print(line("publish after one report is added", publish, "publish",
                   f"\n    reports read {read.items}; tables {tables.seconds:.2f} s; CPU "
                   f"{time.process_time() - cpu:.1f} s (one process: ≈ the time on an idle "
                   "machine)"), flush=True)

        began, cpu = time.perf_counter(), time.process_time()
        loader(store, added.version_id)
        reload = time.perf_counter() - began
        print(line("a worker's reload of the new version", reload, "reload",
                   f"; CPU {time.process_time() - cpu:.2f} s"), flush=True)
        assert current_state(store)[0] == added.version_id
        store.engine.dispose()

        proc, base, startup = start(data, work / "server.log", url)
        try:
            print(line("start-up of python app.py until /healthz", startup, "start-up",
                       f"; CPU of the master until then {process_cpu(proc.pid):.1f} s"),
                  flush=True)
            for path in PAGES:
                for lang in ("zh", "en"):
                    get(base, "/_dash-layout", {"Referer": f"{base}{path}?lang={lang}"})
            views = []
            for n in range(1, args.reports, max(1, args.reports // 10))[:10]:
                report = sorted(seeds.glob(f"p{n:04d}-*.txt"))[0].stem
                views.append(get(base, "/_dash-layout",
                                 {"Referer": f"{base}/report?report={report}"})[1])
            workers = [rss_mb(p) for p in children(proc.pid)]
            master = rss_mb(proc.pid)
        finally:
            stop(proc)
        mark = "ok" if max(workers) <= TARGETS["rss"] else "OVER"
        print(f"{'RSS per worker after those views':<44} "
              + ", ".join(f"{w:.0f} MB" for w in workers)
              + f"  (target ≤ {TARGETS['rss']:g} MB: {mark}); master {master:.0f} MB")
        print(f"{'first view of 10 other reports (/report)':<44} p50 "
              f"{statistics.median(views):.0f} ms, max {max(views):.0f} ms ({load()})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
