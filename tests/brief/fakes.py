"""A printer for the brief's tests that counts its prints instead of running Chromium."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

from dashboard.brief import routes
from dashboard.brief.printer import Printer


class FakeRender:
    """``render`` for a Printer: records each document and the thread printing it, and
    answers distinct bytes per print. With ``hold``, a print waits for ``release``."""

    def __init__(self, hold: bool = False) -> None:
        self.documents: list[str] = []
        self.threads: list[int] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()
        self.spool: Path | None = None
        self.print_lock_held: list[bool] = []

    def __call__(self, html: str) -> bytes:
        self.documents.append(html)
        self.threads.append(threading.get_ident())
        if self.spool is not None:
            self.print_lock_held.append(held(self.spool / "print.lock"))
        self.started.set()
        assert self.release.wait(30), "the test never released the print"
        return b"%PDF-1.4 fake print " + str(len(self.documents)).encode()


def held(path: Path) -> bool:
    """Whether another descriptor (another worker, as far as flock can tell) holds ``path``."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def install(app, spool: Path, render: FakeRender, **options: float) -> Printer:
    """Give ``app`` a printer on ``spool`` printing with ``render``; the printer."""
    render.spool = spool
    printer = app.server.extensions[routes.PRINTER] = Printer(spool, render, **options)
    return printer
