"""Reading many reports: each report's part (``parts.py``) from the cache when its text,
sources entry and reading code are unchanged, the others read in parallel.

A cache is anything with ``get_many(keys) -> {key: bytes}`` and ``put_many({key: bytes})``:
the database's (``dashboard/store/part_cache.py``, shared by every instance) for versions
composed from the database, ``MemoryCache`` in a test. Without one every report is read.

Reports are read in a pool of processes (one per core, ``DASHBOARD_BUILD_WORKERS`` to
change it) when there are enough of them to pay for starting it: at start-up, on the command
line, after a change of reading code. A web worker publishing an upload reads one report.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Protocol

from .decisions import Reviews
from .lexicon import Lexicon
from .parts import Job, ReportPart, dump_part, load_part, part_key, read_part, still_valid

WORKERS_ENV = "DASHBOARD_BUILD_WORKERS"
# Fewer reports to read than this are read in this process (a pool is not worth starting).
POOL_FROM = 16


class PartCache(Protocol):
    def get_many(self, keys: Sequence[str]) -> Mapping[str, bytes]: ...

    def put_many(self, items: Mapping[str, bytes]) -> None: ...


class MemoryCache:
    """Parts kept in a dict (tests; one process)."""

    def __init__(self) -> None:
        self.items: dict[str, bytes] = {}

    def get_many(self, keys: Sequence[str]) -> Mapping[str, bytes]:
        return {k: self.items[k] for k in keys if k in self.items}

    def put_many(self, items: Mapping[str, bytes]) -> None:
        self.items.update(items)


def pool_size() -> int:
    value = os.environ.get(WORKERS_ENV, "")
    return max(1, int(value)) if value.isdigit() else (os.cpu_count() or 1)


def read_parts(jobs: Sequence[Job], reviews: Reviews | None, lexicon: Lexicon, code: str,
               cache: PartCache | None = None, workers: int | None = None
               ) -> list[ReportPart]:
    """Every job's part, in the order of ``jobs``; ReportError from the first unreadable
    report (in that order, whichever process read it)."""
    keys = [part_key(job, code) for job in jobs]
    stored = cache.get_many(keys) if cache is not None else {}
    parts: list[ReportPart | None] = []
    for key in keys:
        part = load_part(stored[key]) if key in stored else None
        parts.append(part if part is not None and still_valid(part, reviews, lexicon)
                     else None)
    missing = [i for i, part in enumerate(parts) if part is None]
    for i, part in zip(missing, _read([jobs[i] for i in missing], reviews, lexicon, workers),
                       strict=True):
        parts[i] = part
    if cache is not None and missing:
        fresh = {keys[i]: dump_part(parts[i]) for i in missing}  # type: ignore[arg-type]
        cache.put_many({k: v for k, v in fresh.items() if v is not None})
    return parts  # type: ignore[return-value]


def _read(jobs: list[Job], reviews: Reviews | None, lexicon: Lexicon,
          workers: int | None) -> list[ReportPart]:
    size = min(workers or pool_size(), len(jobs))
    # Forked only while this process runs no other thread (a lock another thread holds would
    # stay held in the child); spawning would import the launcher (app.py) in every child.
    if size < 2 or len(jobs) < POOL_FROM or threading.active_count() > 1:
        return [read_part(job, reviews, lexicon) for job in jobs]
    with ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("fork")) as pool:
        # Chunks of a few reports: fewer round trips, and the processes still finish together
        # (reports differ fourfold in length). The lexicon (24 kB pickled) goes with each.
        return list(pool.map(partial(read_part, reviews=reviews, lexicon=lexicon), jobs,
                             chunksize=4))
