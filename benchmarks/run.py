"""Benchmark the production server: cold load in Chromium, bytes, callbacks, concurrency.

Usage::

    .venv/bin/python benchmarks/run.py [--runs 5] [--pages-folder DIR] [--quick]

What it does, in one run, against ``benchmarks/bench_server.py`` (``dashboard.server.serve``:
gunicorn, 2 workers) on a free loopback port:

1. **Capture** (warm browser, not timed): opens every page of ``dash.page_registry``,
   records each ``/_dash-update-component`` body the browser sends, and takes the
   overview's figures (``el.data`` / ``el.layout`` of every ``.js-plotly-plot``).
2. **Static baselines** (``static_pages.py``): two plain HTML pages that draw those
   figures with ``Plotly.newPlot``, served by the same server: one with plotly.js as
   plotly.py ships it (the target's reference), one with the dashboard's own partial
   bundle (what remains is Dash and React).
3. **Cold loads**: for each sample a fresh headless Chromium (empty profile, so an empty
   cache) loads the overview, then each static page (alternating). Time = the first
   animation frame at which every graph container (``.dash-graph`` / ``.bench-graph``)
   holds a drawn ``.js-plotly-plot .main-svg``, in ms since navigation start. Bytes =
   the sum of CDP ``Network.loadingFinished.encodedDataLength`` (what went over the wire,
   headers included).
4. **Callbacks**: every server callback in ``app.callback_map`` is replayed against
   ``/_dash-update-component``: captured browser payloads first; callbacks the browser
   did not fire (clicks, ...) get a payload built from the callback's inputs and the
   values in the page layout. p50/p95 over repeated sequential requests.
5. **Concurrency**: 20 client threads for 10 s, each repeating the request sequence of a
   browser opening the overview, with the page's address as ``Referer``. "returning
   viewer" = the HTML, ``_dash-layout``, ``_dash-dependencies`` and the callbacks the
   browser sent on load — or, when it sent none (the overview sends none since the page
   arrives inside the layout), one request for each of the page's callbacks, as if the
   viewer used every control once (scripts/CSS come from the browser cache: they are
   fingerprinted and served with a one-year lifetime); "first visit" additionally fetches
   every script and stylesheet.

Prints a table and writes ``benchmarks/RESULTS.md`` (committed) with the date and the
machine. Raw samples go to ``benchmarks/results/`` (git-ignored). Loopback only; every
loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from browser import capture, cold_load
from callbacks import callback_payloads, time_callbacks
from common import (
    CALLBACK_PATH,
    FIXTURE_PAGES,
    KEEP_MARKER,
    RAW_DIR,
    RESULTS_MD,
    ROOT,
    TARGETS,
    Server,
    fmt,
    machine_info,
    urllib_get,
)
from interactions import first_interactions, summary, wait_for_answers
from load import concurrency
from report import report, summarize
from static_pages import PAGES as STATIC_PAGES
from static_pages import write_static_pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold-load samples per page")
    parser.add_argument("--repeats", type=int, default=60, help="requests per callback")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pages-folder", type=Path, default=None,
                        help="pages folder (default: dashboard/pages; the test fixture pages "
                             "when it has none)")
    parser.add_argument("--quick", action="store_true", help="2 samples, 20 repeats, 5 s")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--database", default=None,
                        help="serve from this database URL as production does (default: "
                             "the tables of data/ without a database)")
    args = parser.parse_args()
    if args.database:
        if args.pages_folder is not None:
            parser.error("--database serves the real pages; drop --pages-folder")
        os.environ["BENCH_DATABASE_URL"] = args.database
    if args.quick:
        args.runs, args.repeats, args.seconds = 2, 20, 5.0

    began = time.monotonic()
    os.environ.pop("DASH_DEBUG", None)
    from dashboard.answers.prerender import reports_in_order
    from dashboard.app_factory import DEFAULT_PAGES_DIR, create_app
    from dashboard.context import current_dataset
    from dashboard.settings import read_settings

    pages = args.pages_folder
    if pages is None and not any(p.suffix == ".py" and p.name != "__init__.py"
                                 for p in DEFAULT_PAGES_DIR.iterdir()):
        print("dashboard/pages has no page yet: using tests/fixtures/pages", file=sys.stderr)
        pages = FIXTURE_PAGES
    settings = read_settings()
    app = create_app(replace(settings, pages_dir=pages) if pages else settings)
    app.server.test_client().get("/")  # first request: Dash registers the pages router
    import dash

    paths = sorted({p["path"] for p in dash.page_registry.values() if "<" not in p["path"]},
                   key=lambda p: (p != "/", p))
    if not paths:
        print("no pages registered", file=sys.stderr)
        return 1
    info = machine_info()
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    static_dir = Path(tempfile.mkdtemp(prefix="bench-static-"))
    server = Server(pages, static_dir, RAW_DIR / "server.log")
    try:
        base = server.base
        print(f"server {base} (pages: {pages or DEFAULT_PAGES_DIR}); pages {paths}")
        prerender_s = wait_for_answers(base)
        print(f"answers of the data version prerendered in {prerender_s:.1f} s")

        print("capture (warm browser) ...")
        cap = capture(base, paths)
        index_html = urllib_get(base + "/")
        scripts = [m for m in re.findall(r'<script src="([^"]+)"', index_html)
                   if "plotly" in m.rsplit("/", 1)[-1]]
        static_urls = write_static_pages(static_dir, cap["figures"], scripts)
        plotly_file = ROOT / "assets" / "vendor" / "a-plotly.min.js"
        plotly_head = plotly_file.read_text(encoding="utf-8")[:120].splitlines()
        plotly_name = next((ln.strip("/* ") for ln in plotly_head if "plotly.js" in ln), "?")
        plotly_desc = f"{plotly_name}, {plotly_file.stat().st_size / 1024:.0f} KiB raw"

        home = "/" if "/" in paths else paths[0]
        print(f"cold loads: {args.runs} x (overview, static pages with "
              f"{len(cap['figures'])} figures) ...")
        overview_samples: list[dict] = []
        static_samples: dict[str, list[dict]] = {name: [] for name in static_urls}
        for i in range(args.runs):
            overview_samples.append(cold_load(base + home))
            line = (f"  run {i + 1}: overview {fmt(overview_samples[-1]['drawn_ms'])} ms "
                    f"{overview_samples[-1]['bytes'] / 1024:.0f} KiB")
            for name, url in static_urls.items():
                static_samples[name].append(cold_load(base + url))
                line += (f" | {name} {fmt(static_samples[name][-1]['drawn_ms'])} ms "
                         f"{static_samples[name][-1]['bytes'] / 1024:.0f} KiB")
            print(line)
        other_samples = {}
        for path in [p for p in paths if p != home]:
            other_samples[path] = [cold_load(base + path) for _ in range(max(1, args.runs // 2))]
        cold = {f"overview `{home}`": summarize(overview_samples)}
        for name, samples in static_samples.items():
            cold[f"{STATIC_PAGES[name]} ({len(cap['figures'])} figures)"] = summarize(samples)
        for path, samples in other_samples.items():
            cold[f"`{path}`"] = summarize(samples)
        errors = {e for s in overview_samples + sum(static_samples.values(), [])
                  for e in s["console_errors"]}
        median_sample = sorted(overview_samples, key=lambda s: s["drawn_ms"] or 1e9)[
            len(overview_samples) // 2]

        print("callbacks ...")
        payloads = callback_payloads(app, cap["posts"])
        callbacks = time_callbacks(base, payloads, args.repeats)

        print("first interactions (default report, another report) ...")
        with app.server.test_request_context("/"):
            others = reports_in_order(current_dataset())[1:2]
        firsts = {}
        for report_id in [None, *others]:
            rows = first_interactions(app, base, report_id)
            firsts[report_id or "default"] = summary(rows)
            got = firsts[report_id or "default"]
            print(f"  {report_id or 'default report'}: {got['requests']} requests, p95 "
                  f"{fmt(got['p95'], 1)} ms, max {fmt(got['max'], 1)} ms, "
                  f"{got['kept']} kept, {got['errors']} errors")

        print(f"{args.clients} concurrent clients x {args.seconds:.0f} s ...")
        home_requests = cap["requests"].get(home, [])
        bodies = [p["body"] for p in payloads if p["page"] == home and p["body"]]
        captured_home = [json.loads(b) for b in cap["posts"].get(home, [])]
        post_bodies = captured_home or bodies
        dynamic = [("GET", home, None), ("GET", "/_dash-layout", None),
                   ("GET", "/_dash-dependencies", None)]
        dynamic += [("POST", CALLBACK_PATH, json.dumps(b).encode()) for b in post_bodies]
        static_assets = [("GET", path, None) for method, path in home_requests
                         if method == "GET" and (path.startswith("/assets/")
                                                 or path.startswith("/_dash-component-suites/")
                                                 or path.startswith("/_favicon"))]
        load_rows = []
        for name, seq in (("returning viewer", dynamic),
                          ("first visit", dynamic + static_assets)):
            row = concurrency(base, seq, args.clients, args.seconds, referrer=base + home)
            row.update(name=name, sequence_len=len(seq))
            load_rows.append(row)
            print(f"  {name}: {row['throughput']:.0f} req/s p95 {fmt(row['p95'], 1)} ms "
                  f"errors {row['errors']}")
    finally:
        server.stop()

    ov = cold[next(k for k in cold if k.startswith("overview"))]
    st = cold[next(k for k in cold if k.startswith(STATIC_PAGES["standard"]))]
    same = cold[next(k for k in cold if k.startswith(STATIC_PAGES["same-bundle"]))]
    # The first calls count too, not only the memoised repeats.
    worst_cb = max((max(c["p95"], c.get("first") or 0) for c in callbacks
                    if c["p95"] is not None), default=None)
    returning = load_rows[0]
    unbuilt = [c["output"] for c in callbacks if not c["body"]]
    checks = [
        ("overview cold load no slower than the static plotly.js page (standard bundle)",
         ov["median"] is not None and st["median"] is not None and ov["median"] <= st["median"],
         f"{fmt(ov['median'])} ms vs {fmt(st['median'])} ms"),
        ("(for the record) overview vs a static page with the dashboard's partial bundle",
         ov["median"] is not None and same["median"] is not None
         and ov["median"] <= same["median"],
         f"{fmt(ov['median'])} ms vs {fmt(same['median'])} ms"
         + (f" ({ov['median'] / same['median']:.2f}×)" if ov["median"] and same["median"]
            else "")),
        ("cold load under 2 MB transferred", ov["bytes"] < TARGETS["cold_bytes"],
         f"{ov['bytes'] / 1e6:.2f} MB ({ov['bytes'] / 1024:.0f} KiB)"),
        ("every callback p95 and first call under 20 ms (and answered 200/204)",
         worst_cb is not None and worst_cb < TARGETS["callback_p95_ms"]
         and all(set(c["statuses"]) <= {200, 204} for c in callbacks if c["body"]),
         f"worst {fmt(worst_cb, 1)} ms over {sum(1 for c in callbacks if c['body'])} "
         "callbacks" + (f"; {len(unbuilt)} not sent: no page of this data holds their inputs "
                        "(signed-in pages; charts that one place does not draw)"
                        if unbuilt else "")),
        *[(f"a visitor's first requests of the {name} report (every public page, its "
           "load callbacks, each control's first values): p95 ≤ 20 ms, no error",
           got["p95"] is not None and got["p95"] <= TARGETS["callback_p95_ms"]
           and got["errors"] == 0,
           f"p95 {fmt(got['p95'], 1)} ms, max {fmt(got['max'], 1)} ms over "
           f"{got['requests']} requests ({got['kept']} prerendered); slowest: "
           + "; ".join(f"{r['what']} {r['ms']:.0f} ms" for r in got["slowest"][:3]))
          for name, got in firsts.items()],
        ("20 concurrent clients: 0 errors, ≥ 600 req/s, p95 ≤ 60 ms",
         returning["errors"] == 0 and returning["p95"] <= TARGETS["concurrent_p95_ms"]
         and returning["throughput"] >= TARGETS["concurrent_rps"],
         f"{returning['errors']} errors, p95 {fmt(returning['p95'], 1)} ms, "
         f"{returning['throughput']:.0f} req/s"),
        ("no console error during cold loads", not errors,
         "; ".join(sorted(errors))[:300] or "none"),
    ]
    meta = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "duration": time.monotonic() - began, "runs": args.runs, "repeats": args.repeats,
        "workers": 2, "pages": str(Path(pages).relative_to(ROOT) if pages else "dashboard/pages"),
        "plotly": plotly_desc,
        "store": _store_label(args.database),
        "prerender_s": prerender_s,
    }
    text = report(info, meta, cold, median_sample["rows"], callbacks, load_rows, checks)
    print()
    print(text)
    (RAW_DIR / "latest.json").write_text(json.dumps({
        "meta": meta, "machine": info, "cold": cold, "checks": checks,
        "overview_samples": [{k: v for k, v in s.items() if k != "rows"}
                             for s in overview_samples],
        "static_samples": {name: [{k: v for k, v in s.items() if k != "rows"} for s in samples]
                           for name, samples in static_samples.items()},
        "callbacks": [{k: v for k, v in c.items() if k != "body"} for c in callbacks],
        "load": load_rows,
    }, indent=1, default=str), encoding="utf-8")
    if not args.no_write:
        kept = ""
        if RESULTS_MD.exists():
            old = RESULTS_MD.read_text(encoding="utf-8")
            if KEEP_MARKER in old:
                kept = old[old.index(KEEP_MARKER):]
        RESULTS_MD.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
        print(f"wrote {RESULTS_MD.relative_to(ROOT)}")
    return 0 if all(ok for name, ok, _ in checks if not name.startswith("(")) else 1




def _store_label(url: str | None) -> str:
    if not url:
        return "none (data/ read at start-up)"
    from dashboard.store.engine import connect

    return connect(url).engine.dialect.name


if __name__ == "__main__":
    sys.exit(main())

