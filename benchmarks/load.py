"""Concurrent clients replaying one visit's requests."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

from common import http_request, percentile

# --------------------------------------------------------------------------- concurrency


def concurrency(base: str, sequence: list[tuple[str, str, bytes | None]], clients: int,
                seconds: float, max_requests: int = 200_000,
                referrer: str | None = None) -> dict[str, Any]:
    """``clients`` threads repeat ``sequence`` for ``seconds``; bounded by time and count.
    Every request names ``referrer`` as a browser on that page would."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    count = [0]
    start_gate = threading.Event()
    deadline = [0.0]

    def client(offset: int) -> None:
        start_gate.wait()
        i = offset
        local: list[float] = []
        local_errors: Counter[str] = Counter()
        while time.monotonic() < deadline[0]:
            with lock:
                if count[0] >= max_requests:
                    break
                count[0] += 1
            method, path, body = sequence[i % len(sequence)]
            i += 1
            try:
                status, _, secs = http_request(base, method, path, body, timeout=30,
                                               referrer=referrer)
                local.append(secs * 1000)
                if status not in (200, 204, 304):
                    local_errors[f"HTTP {status}"] += 1
            except OSError as exc:
                local_errors[type(exc).__name__] += 1
        with lock:
            latencies.extend(local)
            errors.update(local_errors)

    threads = [threading.Thread(target=client, args=(n * 3,), daemon=True)
               for n in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + seconds
    start_gate.set()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - began
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
        "throughput": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
        "max": max(latencies) if latencies else float("nan"),
        "errors": sum(errors.values()), "error_kinds": dict(errors),
    }


