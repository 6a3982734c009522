"""Shared by the benchmark modules: paths, targets, the server under test, plain HTTP."""

from __future__ import annotations

import http.client
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "benchmarks"
RESULTS_MD = BENCH_DIR / "RESULTS.md"
RAW_DIR = BENCH_DIR / "results"
FIXTURE_PAGES = ROOT / "tests" / "fixtures" / "pages"
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
CHROME = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# What Chrome sends; the replayed requests say the same so compression matches.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
CALLBACK_PATH = "/_dash-update-component"

# RESULTS.md: everything from this line on is notes kept across runs (before/after, ...).
KEEP_MARKER = "<!-- run.py keeps everything below this line -->"

TARGETS = {
    "cold_bytes": 2_000_000,
    "callback_p95_ms": 20.0,
    "concurrent_p95_ms": 60.0,
    "concurrent_rps": 600.0,
}

# Injected before any page script: records when every graph is drawn, and (capture

# --------------------------------------------------------------------------- machine


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        chrome = subprocess.run([CHROME, "--version"], capture_output=True, text=True,
                                timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chrome = "?"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "chromium": chrome,
        "loadavg at start": " ".join(f"{x:.2f}" for x in load),
    }


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """bench_server.py under gunicorn (2 workers) on loopback; stopped by its own pid."""

    def __init__(self, pages_folder: Path | None, static_dir: Path, log_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        env = dict(os.environ, HOST=HOST, PORT=str(self.port), WEB_WORKERS="2",
                   BENCH_STATIC_DIR=str(static_dir))
        for key in [k for k in env if k.startswith("DASH_") or k == "FLASK_DEBUG"]:
            env.pop(key)
        if pages_folder is not None:
            env["BENCH_PAGES_FOLDER"] = str(pages_folder)
        self._log = open(log_path, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / "bench_server.py")],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); see {log_path}")
            try:
                status, _, _ = http_request(self.base, "GET", "/healthz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("server did not start within 90 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # gunicorn's arbiter stops its workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()


def http_request(base: str, method: str, path: str, body: bytes | None = None,
                 timeout: float = 30, referrer: str | None = None) -> tuple[int, int, float]:
    """One request on a new connection; returns (status, body bytes, seconds).

    ``referrer``: the page a browser would name (the layout request depends on it)."""
    parts = urlsplit(base)
    headers = {"Accept-Encoding": ACCEPT_ENCODING, "Accept": "*/*"}
    if referrer:
        headers["Referer"] = referrer
    if body is not None:
        headers["Content-Type"] = "application/json"
        # A page of the site sends it: the app refuses writes from anywhere else.
        headers["Origin"] = f"{parts.scheme}://{parts.netloc}"
    start = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, len(data), time.perf_counter() - start
    finally:
        conn.close()



def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]



def fmt(value: Any, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)



def urllib_get(url: str) -> str:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", parts.path or "/")
        return conn.getresponse().read().decode("utf-8", "replace")
    finally:
        conn.close()



# --------------------------------------------------------------------------- the app


def get(base: str, path: str, headers: dict[str, str] | None = None,
        data: bytes | None = None) -> tuple[int, float]:
    request = urllib.request.Request(base + path, data=data, headers=headers or {})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.status, (time.perf_counter() - began) * 1000


def start(data: Path, log: Path, database_url: str | None = None
          ) -> tuple[subprocess.Popen, str, float]:
    """The production server (``python app.py``: gunicorn, 2 workers) on ``data`` (its
    ``actuals.csv``; the seeds beside it) and ``database_url`` (default: a fresh SQLite
    database beside ``data``); (process, base URL, seconds until /healthz answered)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASH_", "FLASK_"))}
    env.update(HOST="127.0.0.1", PORT=str(port), WEB_WORKERS="2",
               DASHBOARD_DATA_DIR=str(data),
               DATABASE_URL=database_url or f"sqlite:///{data.parent / 'bench.sqlite3'}")
    began = time.perf_counter()
    with open(log, "w") as out:  # noqa: SIM115 - the child keeps its own copy
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if get(base, "/healthz")[0] == 200:
                return proc, base, time.perf_counter() - began
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not start")


def wait_warm(log: Path, workers: int = 2, limit: float = 120) -> list[float]:
    """Seconds each worker took to warm, read from the server log (waits up to ``limit``)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = re.findall(r"warmed \d+ page views .* in ([\d.]+) s", log.read_text())
        if len(found) >= workers:
            return [float(x) for x in found]
        time.sleep(0.2)
    raise RuntimeError("the workers did not finish warming")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True, check=False).stdout
    return [int(p) for p in out.split()]


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


# --------------------------------------------------------------------------- real corpus

REALREPORTS = ROOT.parent / "shared" / "realreports"
# Place-name suffixes, longest first: an invented place keeps its original's (县 stays 县).
_SUFFIXES = ("苗族侗族自治州", "回族自治区", "自治区", "自治州", "新区", "省", "市", "州", "县",
             "区")
# Characters of invented place names (rare in the corpus, so a rename never hits a word).
_FIRST = "岚澜沐漪翎栖曦璟珂琰瑜琳玥珏瑾璇琪琦瑶琼璐璋珩玳瑄琮琨瑛琬璞瑗珺"
_SECOND = "枫桦榆楠柘椿桐樟梓槐杉柏檀棠榕楸栎桂柳桉橡桑杞榛楝樱枳杏梧柚楂"


def _local_place(place: str, level: str, provinces: set[str]) -> str:
    """The report's own place (徐水县) in the full name sources.csv gives (河北省保定市徐水县)."""
    for province in provinces:
        if place.startswith(province) and place != province:
            place = place[len(province):]
            break
    if level == "county":
        cuts = [i + len(mark) for mark in ("市", "新区") if (i := place.find(mark)) != -1
                and i + len(mark) < len(place)]
        if cuts:
            place = place[min(cuts):]
    return place


def _stem(local: str) -> tuple[str, str]:
    for suffix in _SUFFIXES:
        if local.endswith(suffix) and len(local) > len(suffix):
            return local[: -len(suffix)], suffix
    return local, ""


def invented_place(n: int) -> str:
    """The n-th invented two-character place stem (1,225 distinct)."""
    return _FIRST[n // len(_SECOND) % len(_FIRST)] + _SECOND[n % len(_SECOND)]


def real_seeds(target: Path, count: int, start: int = 0) -> list[dict[str, object]]:
    """``count`` copies of the real corpus (``../shared/realreports``, read there, never
    copied into the repository) written to ``target`` with their ``sources.yml``: copy n is
    corpus document n % 41 with its place renamed in the text and the title (徐水县 → 岚枫县,
    徐水 → 岚枫), so every copy is a report of its own invented place. ``start``: the number
    of the first copy (to add reports to a folder made before). Returns the entries."""
    import csv

    import yaml

    rows = list(csv.DictReader((REALREPORTS / "sources.csv").open(encoding="utf-8")))
    provinces = {r["place"] for r in rows if r["level"] == "province"}
    target.mkdir(parents=True, exist_ok=True)
    listing = target / "sources.yml"
    entries = (yaml.safe_load(listing.read_text("utf-8")) or {}).get("reports", []) \
        if listing.is_file() else []
    for n in range(start, start + count):
        row = rows[n % len(rows)]
        local = _local_place(row["place"], row["level"], provinces)
        stem, suffix = _stem(local)
        new_stem = invented_place(n)
        new_local = new_stem + suffix
        text = (REALREPORTS / f"{row['slug']}.txt").read_text("utf-8")
        text = text.replace(row["place"], row["place"][: -len(local)] + new_local)
        text = text.replace(local, new_local)
        if len(stem) >= 2:
            text = text.replace(stem, new_stem)
        name = f"p{n:04d}-{row['slug']}.txt"
        (target / name).write_text(text, "utf-8")
        genre = "国民经济和社会发展统计公报" if row["genre"] == "bulletin" else "政府工作报告"
        entries.append({"id": f"p{n:04d}-{row['slug']}", "file": name,
                        "title": f"{row['year']}年{new_local}{genre}", "place": new_local,
                        "place_en": f"Place {n:04d}", "report_year": int(row["year"])})
    listing.write_text(yaml.safe_dump({"reports": entries}, allow_unicode=True), "utf-8")
    return entries
