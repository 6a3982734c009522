"""Start-up time and memory with many reports loaded, and first-call callback latency.

Usage::

    .venv/bin/python benchmarks/many_reports.py [--reports 20]

1. **Data**: builds ``--reports`` work reports with the real pipeline from the test bundles
   (``tests/fixtures/bundles``), each copy renamed to its own invented county (县01, 县02…),
   so the app holds that many reports of that many places.
2. **Start-up**: runs the production server (``python app.py``: gunicorn, 2 workers) on that
   data; time from launch until ``/healthz`` answers, then the resident memory (RSS, from
   /proc) of the master and of each worker, after every page has been opened once in both
   languages for the default report.
3. **First calls**: against a fresh server, once both workers have built the default report's
   pages in the background (``dashboard/warm.py``; its time is printed), every page's control
   is sent each of its values once (the first call of each input value), then the same again
   (repeats); p50/p95/max of both. The same first calls on another report, which is not
   warmed, show what a first call costs without it.

Loopback only; bounded in time. Prints a table; writes nothing to the repository.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import children, get, rss_mb, start, stop  # noqa: E402
from interactions import first_interactions, summary, wait_for_answers  # noqa: E402

BUNDLES = ROOT / "tests" / "fixtures" / "bundles"
PLACES = ("鹿鸣县", "青石县")
PAGES = ("/", "/economy", "/investment", "/agriculture", "/tourism", "/targets", "/data",
         "/report", "/present")
# (output, input id, values): each officials' page control and the values it offers.
CONTROLS = (
    ("overview", "overview-group", ["all", "economy", "investment", "agriculture", "tourism"]),
    ("investment", "investment-view", ["levels", "growth"]),
    ("agriculture", "agriculture-view", ["crops", "land", "livestock"]),
    ("tourism", "tourism-measure", ["growth", "events", "plans"]),
)


def make_seeds(target: Path, count: int) -> Path:
    """``count`` reports: the bundles' texts, each copy about its own invented county."""
    import yaml

    texts = []
    for folder in ("two-years", "other-county"):
        sources = yaml.safe_load((BUNDLES / folder / "sources.yml").read_text("utf-8"))
        texts += [(BUNDLES / folder / e["file"], e) for e in sources["reports"]]
    entries = []
    target.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        path, entry = texts[n % len(texts)]
        county = f"县{n:02d}"
        text = path.read_text("utf-8")
        for place in PLACES:
            text = text.replace(place, county)
        name = f"r{n:02d}-{path.name}"
        (target / name).write_text(text, "utf-8")
        entries.append({**entry, "id": f"r{n:02d}-{entry['id']}", "file": name,
                        "place": county, "place_en": f"County {n:02d}",
                        "title": str(entry["title"]).replace(str(entry["place"]), county)})
    (target / "sources.yml").write_text(yaml.safe_dump({"reports": entries},
                                                       allow_unicode=True), "utf-8")
    return target


def callback_body(page: str, control: str, value: str, lang: str, report: str = "") -> bytes:
    return json.dumps({
        "output": f"..{page}-content.children...{{\"page\":\"{page}\",\"type\":\"url-state\"}}"
                  ".data..",
        "outputs": [{"id": f"{page}-content", "property": "children"},
                    {"id": {"page": page, "type": "url-state"}, "property": "data"}],
        "inputs": [{"id": control, "property": "value", "value": value}],
        "changedPropIds": [f"{control}.value"],
        "state": [{"id": "url", "property": "search",
                   "value": f"?lang={lang}" + (f"&report={report}" if report else "")}],
    }).encode()


def first_calls(base: str, report: str = "") -> tuple[list[float], list[float]]:
    first, repeat = [], []
    # Origin: as a page of the site sends it (the app refuses writes from anywhere else).
    headers = {"Content-Type": "application/json", "Origin": base.rstrip("/")}
    for rounds, out in ((1, first), (3, repeat)):
        for _ in range(rounds):
            for lang in ("zh", "en"):
                for page, control, values in CONTROLS:
                    for value in values:
                        status, ms = get(base, "/_dash-update-component", headers,
                                         callback_body(page, control, value, lang, report))
                        assert status in (200, 204), (page, value, status)
                        out.append(ms)
    return first, repeat


def app_for(data: Path):
    """The app on ``data``, in this process (for its callback list and page modules)."""
    from dataclasses import replace

    from dashboard.app_factory import create_app
    from dashboard.settings import read_settings

    return create_app(replace(read_settings(), data_dir=data))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-many-"))
    try:
        from dashboard.pipeline.build import build

        seeds = make_seeds(work / "seeds", args.reports)
        began = time.perf_counter()
        build(seeds, work / "data")
        built = time.perf_counter() - began
        (work / "data" / "actuals.csv").write_text(
            "indicator_id,period,as_of,value,unit,source\n", "utf-8")
        proc, base, startup = start(work / "data", work / "server1.log")
        try:
            for path in PAGES:
                for lang in ("zh", "en"):
                    get(base, "/_dash-layout", {"Referer": f"{base}{path}?lang={lang}"})
            master = rss_mb(proc.pid)
            workers = [rss_mb(p) for p in children(proc.pid)]
        finally:
            stop(proc)
        # A fresh database: the first server was stopped part way through its prerender.
        proc, base, _ = start(work / "data", work / "server2.log",
                              f"sqlite:///{work / 'second.sqlite3'}")
        try:
            warmed = [wait_for_answers(base)]
            first, repeat = first_calls(base)
            other, other_repeat = first_calls(base, "r00-luming-2024")
            interactions = {name: summary(first_interactions(app_for(work / "data"), base,
                                                             report))
                            for name, report in (("default", None),
                                                 ("another", "r00-luming-2024"))}
        finally:
            stop(proc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"reports: {args.reports} (build {built:.1f} s)")
    print(f"start-up until /healthz answers: {startup:.2f} s (target ≤ 5 s)")
    print(f"RSS after every page in both languages: master {master:.0f} MB, workers "
          + ", ".join(f"{w:.0f} MB" for w in workers) + " (target ≤ 300 MB per worker)")
    print("every report's answers prerendered in the background in "
          + ", ".join(f"{w:.1f} s" for w in warmed))
    for name, got in interactions.items():
        print(f"a visitor's first requests, {name} report: n={got['requests']} p50 "
              f"{got['p50']:.1f} ms p95 {got['p95']:.1f} ms max {got['max']:.1f} ms, "
              f"{got['kept']} prerendered, {got['errors']} errors")
    for name, values in (("first call of each value, default report", first),
                         ("repeats, default report", repeat),
                         ("first call of each value, another report", other),
                         ("repeats, another report", other_repeat)):
        print(f"callbacks, {name}: n={len(values)} p50 {statistics.median(values):.1f} ms "
              f"p95 {pct(values, 0.95):.1f} ms max {max(values):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
