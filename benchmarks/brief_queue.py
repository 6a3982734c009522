"""Benchmark of /brief.pdf's print queue and shared cache (issue 23) with real Chromium.

Usage::

    .venv/bin/python benchmarks/brief_queue.py [--junk 20] [--burst 8]

Two "workers" (two apps in this process, each with its own printer and database
connection, one SQLite database and one print folder in a temporary directory) serve the
seed's ``data/``. Printed is, for each step, how many requests, their statuses, the median
time and how many times Chromium ran:

* **cold** — the first request for the brief (one print);
* **junk** — ``--junk`` requests for the same brief with junk parameters and sector orders,
  half on each worker (no print: the normalised query hits the database's copy);
* **burst** — ``--burst`` different briefs asked at once on one worker: at most
  ``printer.SLOTS`` are queued, the rest answered 503 at once, and never more than one
  Chromium at a time (the maximum seen is printed).

Nothing is written; the numbers go to stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class Counting:
    """pdf.render_pdf, counting runs and the most run at once."""

    def __init__(self) -> None:
        from dashboard.brief import pdf

        self._render = pdf.render_pdf
        self.runs = 0
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def __call__(self, html: str) -> bytes:
        with self._lock:
            self.runs += 1
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            return self._render(html)
        finally:
            with self._lock:
                self.running -= 1


def workers(folder: Path, render: Counting, count: int = 2) -> list:
    from dashboard.app_factory import create_app
    from dashboard.brief import routes
    from dashboard.brief.printer import Printer
    from dashboard.data_files import load_dataset
    from dashboard.pipeline.build import DATA_DIR
    from dashboard.settings import read_settings
    from dashboard.store import open_store

    snapshot = load_dataset(DATA_DIR)
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    apps = []
    for _ in range(count):
        from dataclasses import replace

        from dashboard.data import Memo

        app = create_app(read_settings(), open_store(url),
                         snapshot=replace(snapshot, version="1-bench", memo=Memo()))
        app.server.extensions[routes.PRINTER] = Printer(folder / "print", render)
        apps.append(app)
    return apps


def timed(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    status = client.get(url).status_code
    return time.perf_counter() - started, status


def row(step: str, results: list[tuple[float, int]], runs: int) -> str:
    statuses = ", ".join(f"{n}×{s}" for s, n in sorted(Counter(s for _, s in results).items()))
    median = statistics.median(t for t, _ in results)
    return f"| {step} | {len(results)} | {statuses} | {median:.3f} | {runs} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--junk", type=int, default=20)
    parser.add_argument("--burst", type=int, default=8)
    options = parser.parse_args()
    render = Counting()
    with tempfile.TemporaryDirectory(prefix="brief-queue-") as tmp:
        apps = workers(Path(tmp), render)
        clients = [app.server.test_client() for app in apps]
        sectors = apps[0].server.extensions["dashboard.snapshot"].current().sector_order
        lines = ["| step | requests | statuses | median s | Chromium runs |",
                 "|---|---|---|---|---|"]
        cold = [timed(clients[0], "/brief.pdf?lang=zh")]
        lines.append(row("cold", cold, render.runs))
        before = render.runs
        junk = [timed(clients[n % 2], f"/brief.pdf?lang=zh&utm={n}&x=<{n}>")
                for n in range(options.junk)]
        lines.append(row("junk, two workers", junk, render.runs - before))
        before = render.runs
        briefs = [f"/brief.pdf?lang={lang}&sectors={a},{b}" for a, b in
                  combinations(sectors, 2) for lang in ("zh", "en")][:options.burst]
        burst: list[tuple[float, int]] = []
        threads = [threading.Thread(target=lambda u=url: burst.append(
            timed(apps[0].server.test_client(), u))) for url in briefs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        lines.append(row("burst of different briefs", burst, render.runs - before))
        for app in apps:
            app.server.extensions["dashboard.brief.printer"].wait_idle(300)
        print("\n".join(lines))
        print(f"\nMost Chromium processes printing at once: {render.most}")


if __name__ == "__main__":
    main()
