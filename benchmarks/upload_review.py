"""How long the steps of an upload take (#15): reading the file (.docx, .pdf), staging it,
building its review (the staged tables, the queue, the summary: done again after every
decision), and publishing it.

    .venv/bin/python benchmarks/upload_review.py [--runs 5]

Uses the seed (seeds/, data/) in a throwaway SQLite database and the next-year report written
for the tests (tests/fixtures/eval/shawan-2025.txt), made into a .docx and a .pdf (Chromium).
Prints the median and worst of each step in seconds.

Then long texts (#23: the review was quadratic in the text's length): the same report's body
repeated up to each of ``--sizes`` (MB of UTF-8), uploaded as .txt and reviewed once; the
receive, the whole review state and the queue alone are timed (``--sizes ''`` skips them).
A text over documents.MAX_CHARS (300,000 characters, about 0.85 MB of Chinese) is refused:
the time to refuse it is shown instead.
"""

from __future__ import annotations

import argparse
import contextlib
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
from dashboard.store.publishing import bring_up_to_date  # noqa: E402
from dashboard.store.versions import current_state, load_version  # noqa: E402
from dashboard.upload import queue, service  # noqa: E402
from dashboard.upload import store as uploads  # noqa: E402
from dashboard.upload.documents import UploadError, read_document  # noqa: E402
from dashboard.users.accounts import User  # noqa: E402
from tests.upload.makers import make_docx, make_pdf  # noqa: E402

TEXT = (ROOT / "tests" / "fixtures" / "eval" / "shawan-2025.txt").read_text(encoding="utf-8")
ADMIN = User(1, "bench", "admin", ())


def _timed(fn):  # noqa: ANN001, ANN202 - a tiny local helper
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def long_text(size: int) -> str:
    """The report's title lines, then its body again and again up to ``size`` bytes."""
    lines = TEXT.split("\n")
    head, body = "\n".join(lines[:5]), "\n".join(lines[5:])
    copies = max(1, (size - len(head.encode())) // len(body.encode()))
    return "\n".join([head] + [body] * copies)


def long_texts(store, sizes: list[float]) -> None:  # noqa: ANN001 - a Store
    print(f"\n{'long text':12} {'chars':>9} {'figures':>8} {'items':>6} {'receive':>8} "
          f"{'review':>8} {'queue':>8}  (s, one run each)")
    for size in sizes:
        text = long_text(int(size * 1024 * 1024))
        published = load_version(store, current_state(store)[0])
        try:
            received, upload_id = _timed(lambda t=text, p=published: service.receive(
                store, "long.txt", t.encode(), ADMIN, p))
        except UploadError as refusal:
            began = time.perf_counter()
            with contextlib.suppress(UploadError):
                read_document("long.txt", text.encode())
            print(f"{size:8.2f} MB {len(text):9d}  refused ({refusal.code}) in "
                  f"{time.perf_counter() - began:.2f} s", flush=True)
            continue
        upload = uploads.get(store, upload_id)
        reviewed, state = _timed(lambda u=upload, p=published: service.review_state(
            store, u, p))
        raw = service.raw_facts(upload)
        queued, _ = _timed(lambda u=upload, r=raw, s=state: queue.review_items(
            s.staged.dataset, r, u.report_id, u.text, {}))
        print(f"{size:8.2f} MB {len(text):9d} {len(raw):8d} {len(state.items):6d} "
              f"{received:8.2f} {reviewed:8.2f} {queued:8.2f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="0.25,0.5,0.8,10",
                        help="MB of text for the long-text reviews, comma-separated")
    options = parser.parse_args()
    runs = options.runs
    folder = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    files = {"docx": make_docx(TEXT), "pdf": make_pdf(TEXT, folder)}
    store = open_store(f"sqlite:///{folder / 'bench.sqlite3'}")
    bring_up_to_date(store, SEEDS_DIR, DATA_DIR / "actuals.csv")
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for kind, content in files.items():
            elapsed, _ = _timed(lambda c=content, k=kind: read_document(f"r.{k}", c))
            times.setdefault(f"read .{kind}", []).append(elapsed)
        published = load_version(store, current_state(store)[0])
        elapsed, upload_id = _timed(lambda p=published: service.receive(
            store, "r.docx", files["docx"], ADMIN, p))
        times.setdefault("receive .docx (read, extract, stage)", []).append(elapsed)
        upload = uploads.get(store, upload_id)
        elapsed, state = _timed(lambda u=upload, p=published: service.review_state(
            store, u, p))
        times.setdefault("review state (staged tables, queue, summary)", []).append(elapsed)
        for item in state.items:
            uploads.decide(store, upload_id, Decision(item.key, "accept"), item.sentence, "",
                           ADMIN)
        elapsed, _ = _timed(lambda p=published, u=upload_id: service.publish_upload(
            store, u, p, ADMIN))
        times.setdefault("publish (rebuild, validate, store)", []).append(elapsed)
        service.roll_back(store, ADMIN)
    print(f"{'step':48} median   worst  (s, {runs} runs)")
    for step, values in times.items():
        print(f"{step:48} {statistics.median(values):6.2f} {max(values):7.2f}")
    long_texts(store, [float(s) for s in options.sizes.split(",") if s.strip()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
