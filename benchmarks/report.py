"""The Markdown report (RESULTS.md)."""

from __future__ import annotations

import statistics
from typing import Any
from urllib.parse import urlsplit

from common import fmt

# --------------------------------------------------------------------------- report


def summarize(samples: list[dict[str, Any]]) -> dict[str, Any]:
    drawn = [s["drawn_ms"] for s in samples if s["drawn_ms"] is not None]
    return {
        "median": statistics.median(drawn) if drawn else None,
        "min": min(drawn) if drawn else None,
        "max": max(drawn) if drawn else None,
        "bytes": statistics.median([s["bytes"] for s in samples]),
        "requests": statistics.median([s["requests"] for s in samples]),
        "graphs": samples[0]["graphs"] if samples else 0,
        "fcp": statistics.median([s["fcp_ms"] or 0 for s in samples]) if samples else None,
        "script": statistics.median([s.get("script_ms", 0) for s in samples]) if samples else None,
        "task": statistics.median([s.get("task_ms", 0) for s in samples]) if samples else None,
        "n": len(drawn),
    }


def _verdict(name: str, ok: bool) -> str:
    if name.startswith("("):  # a row for the record, not a target
        return "info"
    return "PASS" if ok else "FAIL"


def report(info: dict[str, str], meta: dict[str, Any], cold: dict[str, dict[str, Any]],
           waterfall: list[dict[str, Any]], callbacks: list[dict], load: list[dict],
           checks: list[tuple[str, bool, str]]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/run.py` on {meta['date']} ({meta['duration']:.0f} s run). "
        "Re-run with `.venv/bin/python benchmarks/run.py`.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in info.items()],
        f"| server | gunicorn, {meta['workers']} workers, loopback; "
        f"pages: `{meta['pages']}` |",
        f"| plotly.js | `{meta['plotly']}` |",
        f"| database | {meta.get('store', 'none')} |",
        f"| answers prerendered after start-up in | {meta.get('prerender_s', 0):.0f} s |",
        "",
        "## Targets",
        "",
        "| target | result | value |",
        "| --- | --- | --- |",
        *[f"| {name} | {_verdict(name, ok)} | {value} |" for name, ok, value in checks],
        "",
        f"## Cold load ({meta['runs']} samples each, alternating, fresh browser profile)",
        "",
        "Time until every graph is drawn, ms since navigation start (median, min–max); "
        "bytes = CDP `encodedDataLength`, headers included.",
        "",
        "*JS* / *main thread*: CPU time the page's main thread spent running script / on all "
        "tasks (CDP `Performance.getMetrics`, median).",
        "",
        "| page | graphs | drawn median | min–max | first paint | JS | main thread | requests "
        "| bytes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in cold.items():
        lines.append(f"| {name} | {s['graphs']} | {fmt(s['median'])} ms | "
                     f"{fmt(s['min'])}–{fmt(s['max'])} | {fmt(s['fcp'])} ms | "
                     f"{fmt(s.get('script'))} ms | {fmt(s.get('task'))} ms | "
                     f"{fmt(s['requests'])} | {s['bytes'] / 1024:.0f} KiB |")
    lines += [
        "",
        "### Overview cold load: requests (one sample)",
        "",
        "| start ms | end ms | bytes | encoding | cache | request |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    t0 = waterfall[0]["start"] if waterfall else 0
    for r in waterfall:
        path = urlsplit(r["url"]).path
        path = path if len(path) <= 70 else "…" + path[-69:]
        cache = "1 year" if "max-age=31536000" in r.get("cache_control", "") else (
            r.get("cache_control") or "-")
        start, end = (r["start"] - t0) * 1000, (r.get("end", r["start"]) - t0) * 1000
        lines.append(f"| {start:.0f} | {end:.0f}"
                     f" | {r.get('bytes', 0)} | {r.get('encoding', '-')} | {cache} | "
                     f"{r['method']} `{path}` |")
    lines += [
        "",
        f"## Callbacks ({meta['repeats']} sequential requests each after 3 warm-ups)",
        "",
        "Source: `browser` = body captured from Chromium; `built` = from `app.callback_map` "
        "and the page layout. *first* = the slower of the first two requests (one per "
        "worker, before the worker has memoised that answer): the cost of computing it.",
        "",
        "| callback output | page | source | first ms | p50 ms | p95 ms | max ms | statuses "
        "| bytes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in callbacks:
        out = c["output"] if len(c["output"]) <= 60 else c["output"][:57] + "…"
        lines.append(f"| `{out}` | {c['page']} | {c['source']} | {fmt(c.get('first'), 1)} | "
                     f"{fmt(c['p50'], 1)} | "
                     f"{fmt(c['p95'], 1)} | {fmt(c.get('max'), 1)} | {c['statuses']} | "
                     f"{c['bytes']} |")
    lines += [
        "",
        "## Concurrent clients",
        "",
        "Each client repeats the requests of one browser opening the overview, in order.",
        "",
        "| scenario | clients | s | requests | req/s | p50 ms | p95 ms | max ms | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in load:
        lines.append(f"| {row['name']} ({row['sequence_len']} requests) | {row['clients']} | "
                     f"{row['seconds']} | {row['requests']} | {row['throughput']:.0f} | "
                     f"{fmt(row['p50'], 1)} | {fmt(row['p95'], 1)} | {fmt(row['max'], 1)} | "
                     f"{row['errors']} {row['error_kinds'] or ''} |")
    lines.append("")
    return "\n".join(lines)


