"""The brief printed to PDF by headless Chromium (Debian's ``chromium``), when installed.

``render_pdf(html)`` writes the document (its stylesheet inlined, nothing from any other
origin) to a temporary folder and runs ``chromium --headless --print-to-pdf`` on the file,
with its own profile in that folder, backgrounds printed and the page size from the CSS
(``@page``). It raises :class:`PdfUnavailable` instead of hanging:

* ``missing`` — no Chromium: ``DASHBOARD_CHROMIUM`` names a program that does not exist,
  or none of ``chromium``, ``chromium-browser``, ``google-chrome`` is on the PATH;
* ``failed`` — Chromium ran past ``TIMEOUT_S`` (its whole process group is killed) or wrote
  no PDF.

This module only runs Chromium. Who may run it and when (one Chromium per host, a bounded
queue, never in a request's thread) is ``printer.py``; what was printed is kept by
``cache.py``. The printer adds the reasons ``busy`` (the queue is full) and ``slow`` (the
request stopped waiting; the print goes on and is kept for the retry).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

ENV_VAR = "DASHBOARD_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 20.0
# Time Chromium lets the page "run" before printing: there is no script, only fonts to load.
VIRTUAL_TIME_MS = 1500


class PdfUnavailable(Exception):
    """No PDF now; ``reason`` is ``missing``, ``busy``, ``slow`` or ``failed``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def find_chromium() -> str | None:
    """The Chromium to run: ``$DASHBOARD_CHROMIUM`` if set (even when it does not exist,
    so a deployment can switch PDFs off), else the first of CANDIDATES on the PATH."""
    named = os.environ.get(ENV_VAR)
    if named is not None:
        found = shutil.which(named)
        return found if found and os.access(found, os.X_OK) else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def command(chromium: str, url: str, out: Path, profile: Path) -> list[str]:
    """Chromium printing ``url`` to ``out``: backgrounds, the CSS page size, no header."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-sync", "--mute-audio",
        # The page names no other origin; refuse any lookup all the same.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}", "--no-pdf-header-footer",
        f"--virtual-time-budget={VIRTUAL_TIME_MS}", f"--print-to-pdf={out}", url,
    ]


def _run(args: list[str], timeout: float) -> None:
    # A session of its own, so a timeout kills Chromium's renderer and helpers too.
    with subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, start_new_session=True) as proc:
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):  # it may have just ended
                os.killpg(proc.pid, signal.SIGKILL)
            # A helper that left the group could keep stderr open: never wait long for it.
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.communicate(timeout=5)
            raise PdfUnavailable("failed", f"Chromium ran longer than {timeout:g} s") from None
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        raise PdfUnavailable("failed", f"Chromium exited with {proc.returncode} {tail}")


def render_pdf(html: str, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of the HTML document ``html`` (see the module docstring)."""
    chromium = find_chromium()
    if chromium is None:
        raise PdfUnavailable("missing")
    with tempfile.TemporaryDirectory(prefix="brief-pdf-",
                                     ignore_cleanup_errors=True) as folder:
        base = Path(folder)
        page, out = base / "brief.html", base / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        _run(command(chromium, page.as_uri(), out, base / "profile"), timeout)
        body = out.read_bytes() if out.exists() else b""
    if not body.startswith(b"%PDF"):
        raise PdfUnavailable("failed", "Chromium wrote no PDF")
    return body

