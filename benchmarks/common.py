"""Shared by the benchmark modules: paths, targets, the server under test, plain HTTP."""

from __future__ import annotations

import http.client
import os
import platform
import signal
import socket
import subprocess
import sys
import time
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
    "concurrent_p95_ms": 300.0,
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

