"""One production app instance (``python app.py``: a gunicorn master and its workers) on a
loopback port, for the tests that need real processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASH_", "FLASK_"))}
    env.update({"DATABASE_URL": database_url, "DASHBOARD_DATA_DIR": str(data_dir),
                "PYTHONWARNINGS": "ignore", **extra})
    return env


class AppInstance:
    def __init__(self, database_url: str, data_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "app.py"], cwd=ROOT, stdout=self._out, stderr=subprocess.STDOUT,
            env=app_env(database_url, data_dir, HOST="127.0.0.1", PORT=str(self.port)),
            start_new_session=True)

    def wait_ready(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"app exited: {self.log.read_text()[-2000:]}")
            try:
                self.version()
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise AssertionError(f"app not ready: {self.log.read_text()[-2000:]}")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def version(self) -> dict[str, Any]:
        status, body = self.get("/version.json")
        if status != 200:
            raise OSError(status)
        return json.loads(body)  # type: ignore[no-any-return]

    def page_layout(self, query: str) -> str:
        """What ``/_dash-layout`` holds for the page at ``/?<query>`` (the shell reads the
        page from the Referer, as a browser sends it)."""
        status, body = self.get("/_dash-layout", {"Referer": f"{self.base}/?{query}"})
        assert status == 200, (status, body[:300])
        return json.dumps(json.loads(body), ensure_ascii=False)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._out.close()


def pipeline(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dashboard.pipeline", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)


def until(condition: Any, seconds: float = 30.0) -> Any:
    """Poll ``condition`` until it returns something true (the value), else fail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")
