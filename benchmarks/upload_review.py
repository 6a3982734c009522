"""How long the steps of an upload take (#15): reading the file (.docx, .pdf), staging it,
building its review (the staged tables, the queue, the summary: done again after every
decision), and publishing it.

    .venv/bin/python benchmarks/upload_review.py [--runs 5]

Uses the seed (seeds/, data/) in a throwaway SQLite database and the next-year report written
for the tests (tests/fixtures/eval/shawan-2025.txt), made into a .docx and a .pdf (Chromium).
Prints the median and worst of each step in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.pipeline.build import DATA_DIR, SEEDS_DIR  # noqa: E402
from dashboard.pipeline.decisions import Decision  # noqa: E402
from dashboard.store import open_store  # noqa: E402
from dashboard.store.versions import (  # noqa: E402
    current_state,
    ensure_published,
    load_version,
    rollback,
)
from dashboard.upload import service  # noqa: E402
from dashboard.upload import store as uploads  # noqa: E402
from dashboard.upload.documents import read_document  # noqa: E402
from tests.upload.makers import make_docx, make_pdf  # noqa: E402

TEXT = (ROOT / "tests" / "fixtures" / "eval" / "shawan-2025.txt").read_text(encoding="utf-8")


def _timed(fn):  # noqa: ANN001, ANN202 - a tiny local helper
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    files = {"docx": make_docx(TEXT), "pdf": make_pdf(TEXT, folder)}
    store = open_store(f"sqlite:///{folder / 'bench.sqlite3'}")
    ensure_published(store, DATA_DIR)
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for kind, content in files.items():
            elapsed, _ = _timed(lambda c=content, k=kind: read_document(f"r.{k}", c))
            times.setdefault(f"read .{kind}", []).append(elapsed)
        published = load_version(store, current_state(store)[0])
        elapsed, upload_id = _timed(lambda p=published: service.receive(
            store, "r.docx", files["docx"], "bench", p))
        times.setdefault("receive .docx (read, extract, stage)", []).append(elapsed)
        upload = uploads.get(store, upload_id)
        elapsed, state = _timed(lambda u=upload, p=published: service.review_state(
            store, u, SEEDS_DIR, p))
        times.setdefault("review state (staged tables, queue, summary)", []).append(elapsed)
        for item in state.items:
            uploads.decide(store, upload_id, Decision(item.key, "accept"), item.sentence, "",
                           "bench")
        elapsed, _ = _timed(lambda p=published, u=upload_id: service.publish_upload(
            store, u, SEEDS_DIR, p, "bench"))
        times.setdefault("publish (rebuild, validate, store)", []).append(elapsed)
        rollback(store, "bench")
    print(f"{'step':48} median   worst  (s, {runs} runs)")
    for step, values in times.items():
        print(f"{step:48} {statistics.median(values):6.2f} {max(values):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
