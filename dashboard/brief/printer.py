"""Printing briefs off the request path: one Chromium per host, a bounded queue.

A print is a *job* run in a thread of its own, never in the request's thread: the request
waits for its job at most ``wait_s`` and then answers 503 (``slow``: try again, or print
from the browser) while the job goes on and keeps what it printed in the cache, so the
retry is served at once. Chromium takes a core and ~200 MB for 1–2.5 s, so per host (every
worker process on it, through lock files in the spool folder, ``instance/print/`` unless
``DASHBOARD_PRINT_DIR`` names another):

* ``slot-<n>.lock`` (``SLOTS`` of them): a job holds one from submission to its end. When
  all are held the request is refused at once (``busy``, 503 with Retry-After): at most
  SLOTS jobs wait or print on a host, whatever the number of workers and requests;
* ``print.lock``: held while Chromium runs, so one Chromium per host at any time.

``flock`` locks go away with the process holding them: a killed worker never wedges the
queue. In one process, requests for the same brief share one job; and a job looks in the
cache again once it holds ``print.lock``, since another worker (or host, through the
database) may have printed the same brief while it waited.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dashboard.brief import pdf
from dashboard.brief.cache import Cache
from dashboard.settings import INSTANCE_DIR

SPOOL_ENV = "DASHBOARD_PRINT_DIR"
SLOTS = 4
# A request holds one of the few sync workers while it waits: a little over one print
# (1–3.5 s cold), so a client asking for brief after brief cannot keep every worker busy.
WAIT_S = 4.0
# A job gives up on print.lock after this long: the jobs ahead of it each end within
# Chromium's timeout, so waiting longer means something is wrong with the host.
LOCK_WAIT_S = SLOTS * (pdf.TIMEOUT_S + 10)
_POLL_S = 0.05
log = logging.getLogger("dashboard.brief")


def default_spool() -> Path:
    return Path(os.environ.get(SPOOL_ENV) or INSTANCE_DIR / "print")


class Job:
    """One print: ``done`` is set once ``body`` or ``error`` is."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.body: bytes | None = None
        self.error: pdf.PdfUnavailable | None = None


class Printer:
    """The print queue of one worker process, sharing the host's lock files.

    ``render`` turns a document into PDF bytes (default ``pdf.render_pdf``; tests pass a
    counting fake).
    """

    def __init__(self, spool: Path | None = None,
                 render: Callable[[str], bytes] | None = None,
                 slots: int = SLOTS, wait_s: float = WAIT_S,
                 lock_wait_s: float = LOCK_WAIT_S) -> None:
        self.spool = spool or default_spool()
        self.slots = slots
        self.wait_s = wait_s
        self.lock_wait_s = lock_wait_s
        self._render = render
        self._jobs: dict[tuple[object, str], Job] = {}
        self._lock = threading.Lock()
        self.pid = os.getpid()

    def print(self, cache: Cache, key: str, document: Callable[[], str]) -> bytes:
        """The PDF kept under ``key``, printed if needed from ``document()``; raises
        pdf.PdfUnavailable (``busy``, ``slow``, ``missing``, ``failed``)."""
        job = self.submit(cache, key, document)
        if not job.done.wait(self.wait_s):
            raise pdf.PdfUnavailable("slow", f"not printed within {self.wait_s:g} s")
        if job.error is not None or job.body is None:
            raise job.error or pdf.PdfUnavailable("failed", "the print gave nothing")
        return job.body

    def submit(self, cache: Cache, key: str, document: Callable[[], str]) -> Job:
        """The job printing ``key``: the one in flight in this process, or a new one
        holding a slot of the host's queue (PdfUnavailable ``busy`` if none is free)."""
        with self._lock:
            job = self._jobs.get((cache.scope, key))
            if job is not None:
                return job
            slot = self._take_slot()
            if slot is None:
                raise pdf.PdfUnavailable("busy", f"{self.slots} prints queued on this host")
            job = self._jobs[(cache.scope, key)] = Job()
        try:
            html = document()
            threading.Thread(target=self._run, args=(job, cache, key, html, slot),
                             name="brief-print", daemon=True).start()
        except Exception as error:  # the slot must be given back, and joiners told
            log.exception("a brief could not be sent to the printer")
            job.error = pdf.PdfUnavailable("failed", type(error).__name__)
            self._end(job, cache, key, slot)
            raise job.error from error
        return job

    def wait_idle(self, timeout: float) -> bool:
        """Wait until this process has no print in flight (shutdown, tests); True if so."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                jobs = list(self._jobs.values())
            if not jobs:
                return True
            for job in jobs:
                if not job.done.wait(max(0.0, deadline - time.monotonic())):
                    return False

    def _run(self, job: Job, cache: Cache, key: str, html: str, slot: int) -> None:
        try:
            with self._host_lock():
                job.body = cache.get(key)
                if job.body is None:
                    job.body = (self._render or pdf.render_pdf)(html)
                    cache.put(key, job.body)
        except pdf.PdfUnavailable as error:
            job.error = error
        except Exception as error:  # a thread has no caller: log it, and answer "failed"
            log.exception("printing a brief failed")
            job.error = pdf.PdfUnavailable("failed", type(error).__name__)
        finally:
            self._end(job, cache, key, slot)

    def _end(self, job: Job, cache: Cache, key: str, slot: int) -> None:
        with self._lock:
            self._jobs.pop((cache.scope, key), None)
        with contextlib.suppress(OSError):
            os.close(slot)  # closing the file releases its flock
        job.done.set()

    def _open(self, name: str) -> int:
        self.spool.mkdir(parents=True, exist_ok=True)
        return os.open(self.spool / name, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)

    def _take_slot(self) -> int | None:
        """A descriptor holding one of the host's slot files, or None when all are held."""
        for n in range(self.slots):
            try:
                fd = self._open(f"slot-{n}.lock")
            except OSError as error:
                raise pdf.PdfUnavailable("failed", f"print queue: {error}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return fd
        return None

    @contextlib.contextmanager
    def _host_lock(self) -> Iterator[None]:
        """Hold print.lock: polled, so a job never waits past ``lock_wait_s``."""
        fd = self._open("print.lock")
        try:
            deadline = time.monotonic() + self.lock_wait_s
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise pdf.PdfUnavailable("failed", "the host's printer is stuck") \
                            from None
                    time.sleep(_POLL_S)
            yield
        finally:
            os.close(fd)
