"""Benchmark of the one-page brief's PDF (issue 16): how long ``/brief.pdf`` takes.

Usage::

    .venv/bin/python benchmarks/brief_pdf.py [--warm 5] [--no-write]

The app is built in this process on the seed's ``data/`` (``create_app``, the real pages)
and requested through Flask's test client, so the timings include the route, the security
headers and compression but no network. For ``zh`` and ``en``:

* **cold** — the first request: the target table, the brief and one Chromium print;
* **warm** — ``--warm`` more requests for the same brief: the PDF kept in the snapshot's memo;
* **print** — ``--warm`` Chromium prints of the same document without the memo (what a
  request for a brief not printed before costs: another report, year or sector list);
* ``/brief`` — the HTML page, warm.

Writes ``benchmarks/BRIEF.md`` (target: warm ≤ 3 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import machine_info  # noqa: E402

OUT = ROOT / "benchmarks" / "BRIEF.md"
TARGET_WARM_S = 3.0
LANGS = ("zh", "en")


def _timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def measure(warm: int) -> dict[str, dict[str, list[float]]]:
    from dashboard.app_factory import create_app
    from dashboard.brief import document, pdf, routes
    from dashboard.brief.content import brief
    from dashboard.brief.query import decode
    from dashboard.context import current_dataset
    from dashboard.settings import read_settings

    app = create_app(read_settings())
    client = app.server.test_client()
    found: dict[str, dict[str, list[float]]] = {}
    for lang in LANGS:
        url = f"/brief.pdf?lang={lang}"
        seconds, response = _timed(lambda url=url: client.get(url))
        assert response.status_code == 200, response.get_data(as_text=True)
        times = {"cold": [seconds], "warm": [], "print": [], "page": []}
        for _ in range(warm):
            seconds, response = _timed(lambda url=url: client.get(url))
            assert response.status_code == 200 and response.data.startswith(b"%PDF")
            times["warm"].append(seconds)
        with app.server.test_request_context("/"):
            app.server.preprocess_request()  # pins the request's snapshot, as a request does
            made = brief(decode(current_dataset(), {"lang": lang}))
        html = document.render(made, routes.generated_at(), css=routes.stylesheet())
        for _ in range(warm):
            seconds, _body = _timed(lambda html=html: pdf.render_pdf(html))
            times["print"].append(seconds)
        for _ in range(warm):
            seconds, response = _timed(lambda lang=lang: client.get(f"/brief?lang={lang}"))
            assert response.status_code == 200
            times["page"].append(seconds)
        found[lang] = times
    return found


def _row(label: str, values: list[float]) -> str:
    return (f"| {label} | {len(values)} | {statistics.median(values):.3f} | "
            f"{max(values):.3f} |")


def report(found: dict[str, dict[str, list[float]]], elapsed: float) -> str:
    worst_warm = max(max(t["warm"]) for t in found.values())
    worst_print = max(max(t["print"]) for t in found.values())
    median_print = statistics.median([v for t in found.values() for v in t["print"]])
    lines = [
        "# One-page brief: PDF time",
        "",
        f"Written by `benchmarks/brief_pdf.py` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC "
        f"({elapsed:.0f} s run). Re-run with `.venv/bin/python benchmarks/brief_pdf.py`.",
        "",
        "| | |", "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in machine_info().items()],
        "",
        "## Target",
        "",
        "| target | result | value |", "| --- | --- | --- |",
        f"| warm `/brief.pdf` ≤ {TARGET_WARM_S:g} s | "
        f"{'PASS' if worst_warm <= TARGET_WARM_S else 'FAIL'} | worst {worst_warm:.3f} s |",
        f"| (for the record) a brief not printed before, ≤ {TARGET_WARM_S:g} s | "
        f"{'PASS' if worst_print <= TARGET_WARM_S else 'FAIL'} | median {median_print:.2f} s, "
        f"worst {worst_print:.2f} s |",
        "",
        "## Seconds per request (the seed's brief)",
        "",
        "| request | n | median | max |", "| --- | --- | --- | --- |",
    ]
    for lang, times in found.items():
        lines += [_row(f"`/brief.pdf?lang={lang}` cold (brief built, Chromium prints)",
                       times["cold"]),
                  _row(f"`/brief.pdf?lang={lang}` warm (kept in the snapshot's memo)",
                       times["warm"]),
                  _row(f"Chromium print of the `{lang}` brief, no memo", times["print"]),
                  _row(f"`/brief?lang={lang}` (HTML)", times["page"])]
    lines += [
        "",
        "A PDF is kept per snapshot and brief (report, year, language, sectors), at most 32 "
        "per snapshot, so every request after the first for the same brief is a memo hit; a "
        "newly published data version starts with an empty memo. One Chromium runs at a "
        "time per worker: a second concurrent print gets a 503 \"busy\" at once.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    found = measure(args.warm)
    text = report(found, time.perf_counter() - started)
    for lang, times in found.items():
        for kind, values in times.items():
            print(f"{lang} {kind:5} n={len(values)} median {statistics.median(values):.3f} s "
                  f"max {max(values):.3f} s")
    if not args.no_write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
