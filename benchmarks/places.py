"""/compare and /record with many places: first and repeated callback calls.

Usage::

    .venv/bin/python benchmarks/places.py [--reports 60]

Builds ``--reports`` work reports with the real pipeline from the test bundles, each about
its own invented county (``many_reports.make_seeds``: 县00, 县01…), so a year is stated by
dozens of places. In one process (no server: the callbacks' own cost), it times

* the /compare page for the default report, then its callback for every year and level
  (first calls: each builds its comparison table and ranking charts), then the same again;
* the /record callback for every place (first calls: each builds the target tables of the
  place's reports), then the same again; and the warm-up of the default report's states
  (``warm_states``), which a worker does in the background (``dashboard/warm.py``).

Prints p50/p95/max in milliseconds; writes nothing to the repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _ms(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _line(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return (f"{name:<34} n={len(values):<4} p50 {statistics.median(values):7.1f}  "
            f"p95 {p95:7.1f}  max {values[-1]:7.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=60)
    args = parser.parse_args()

    import dash
    from many_reports import make_seeds

    from dashboard.app_factory import create_app
    from dashboard.components import page_kit as kit
    from dashboard.pipeline.build import build
    from dashboard.settings import read_settings

    with tempfile.TemporaryDirectory() as tmp:
        seeds = make_seeds(Path(tmp) / "seeds", args.reports)
        data = Path(tmp) / "data"
        build(seeds, data)
        (data / "actuals.csv").write_text("indicator_id,period,as_of,value,unit,source\n",
                                          encoding="utf-8")
        app = create_app(replace(read_settings(), data_dir=data))
        with app.server.test_request_context("/"):
            pages = {p["name"]: sys.modules[p["module"]] for p in dash.page_registry.values()}
            compare, record = pages["compare"], pages["record"]
            from dashboard.context import current_dataset
            from dashboard.places.compare import REGIONS, compare_years
            from dashboard.places.record import record_places

            dataset = current_dataset()
            scoped, _ = kit.open_report(dataset, None)
            warm = _ms(lambda: [kit.page_content(m.content, scoped, s, lang)
                                for m in (compare, record) for s in m.warm_states(scoped)
                                for lang in ("zh", "en")])
            years = sorted(compare_years(dataset))
            places = record_places(dataset)
            print(f"{args.reports} reports, {len(places)} places, years {years}")
            print(f"{'warm-up of the default states':<34} {warm:7.1f} ms (background)")
            layout = [_ms(lambda: compare.layout()), _ms(lambda: record.layout())]
            print(_line("layouts after warm-up", layout))
            for label in ("compare first calls", "compare repeats"):
                print(_line(label, [_ms(lambda y=y, r=r: compare.update(y, r, None, "?lang=zh"))
                                    for y in years for r in REGIONS]))
            for label in ("record first calls", "record repeats"):
                print(_line(label, [_ms(lambda p=p: record.update(p, "main", "?lang=zh"))
                                    for p in places]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
