"""/brief.pdf printed off the request path (printer.py) and kept per normalised query
(cache.py), with a fake printer that counts its prints: junk in the URL never prints
again, a full queue answers 503 at once, a slow print answers 503 and is served on the
retry, and Chromium runs in a job's thread under the host's print lock."""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import ExitStack
from dataclasses import replace

import pytest

from dashboard.brief import pdf
from dashboard.brief.cache import MemoCache, key_of, normalised, query_of
from dashboard.brief.printer import SLOTS, Printer
from dashboard.brief.query import decode
from dashboard.data import Memo
from tests.brief.fakes import FakeRender, held, install

BRIEF = "/brief.pdf?report=luming-2025&year=2025&lang=en"
BACK = 'href="/brief?report=luming-2025&amp;year=2025&amp;lang=en"'


@pytest.fixture
def app(app_with, counties):
    """The app on a snapshot of its own (nothing printed before this test)."""
    return app_with(replace(counties, memo=Memo()))


def hold_all_slots(stack: ExitStack, spool) -> None:
    """Take every slot of the host's queue, as prints in other workers would."""
    spool.mkdir(parents=True, exist_ok=True)
    for n in range(SLOTS):
        fd = os.open(spool / f"slot-{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        stack.callback(os.close, fd)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_junk_in_the_query_prints_each_brief_once(app, counties, print_spool):
    render = FakeRender()
    install(app, print_spool, render)
    client = app.server.test_client()
    a, b = counties.scoped("luming-2025").sector_order[:2]
    same = [BRIEF, BRIEF + "&utm_source=x", BRIEF + "&x=1&y=2", BRIEF + "&lang=zh",
            "/brief.pdf?lang=EN&year=2025&report=luming-2025&page=3",
            "/brief.pdf?report=luming-2025&lang=en-US"]
    same += [f"{BRIEF}&junk={n}" for n in range(40)]
    sectors = [f"{BRIEF}&sectors={a},{b}", f"{BRIEF}&sectors={b},{a}",
               f"{BRIEF}&z=9&sectors={b},{a}"]
    invalid = [f"{BRIEF}&sectors=nonsense", f"{BRIEF}&sectors=%3Cimg%3E"]
    bodies = {url: client.get(url) for url in same + sectors + invalid}
    assert all(r.status_code == 200 for r in bodies.values())
    # Three briefs were asked for: the plain one, two sectors, and one with a notice.
    assert len(render.documents) == 3
    assert len({bodies[url].data for url in same}) == 1
    assert len({bodies[url].data for url in sectors}) == 1
    assert len({bodies[url].data for url in invalid}) == 1
    assert "网址中的参数无法识别" not in render.documents[0]


def test_the_normalised_query_names_only_what_was_understood(counties):
    a, b = counties.scoped("luming-2025").sector_order[:2]
    noisy = normalised(decode(counties, {"report": "luming-2025", "sectors": f"{b},{a},x",
                                         "lang": "EN", "utm": "1"}))
    assert query_of(noisy) == (f"report=luming-2025&year=2025&sectors={a}%2C{b}&lang=en"
                               "&ignored=sectors")
    plain = normalised(decode(counties, {"report": "luming-2025", "sectors": f"{a},{b}"}))
    assert key_of("7-abc", plain) != key_of("8-abc", plain)  # per data version


def test_a_full_queue_answers_503_with_the_printable_page(app, print_spool):
    render = FakeRender()
    install(app, print_spool, render)
    with ExitStack() as stack:
        hold_all_slots(stack, print_spool)
        response = app.server.test_client().get(BRIEF + "&junk=<script>")
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert response.headers["Retry-After"] == "5"
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "正在生成另一份 PDF" in page and BACK in page and "<script>" not in page
    assert render.documents == []  # refused at once: nothing printed, nothing waiting
    # A slot freed: the same request prints.
    assert app.server.test_client().get(BRIEF).status_code == 200


def test_a_slow_print_answers_503_and_the_retry_gets_it(app, print_spool):
    render = FakeRender(hold=True)
    printer = install(app, print_spool, render, wait_s=0.05)
    client = app.server.test_client()
    response = client.get(BRIEF)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    page = response.get_data(as_text=True)
    assert "PDF 正在生成" in page and "The PDF is being made" in page and BACK in page
    # The request thread never ran the print: the job's own thread did, and goes on.
    assert render.started.wait(5) and render.threads[0] != threading.get_ident()
    assert client.get(BRIEF + "&again=1").status_code == 503  # joins the same job
    render.release.set()
    assert printer.wait_idle(30)
    retry = client.get(BRIEF)
    assert retry.status_code == 200 and retry.data == b"%PDF-1.4 fake print 1"
    assert len(render.documents) == 1


def test_one_chromium_per_host(app, print_spool):
    """Chromium runs under print.lock; while another worker holds it nothing prints."""
    render = FakeRender()
    printer = install(app, print_spool, render, wait_s=0.05)
    client = app.server.test_client()
    print_spool.mkdir(parents=True, exist_ok=True)
    fd = os.open(print_spool / "print.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another worker is printing
        assert client.get(BRIEF).status_code == 503
        assert render.documents == []
    finally:
        os.close(fd)
    assert printer.wait_idle(30)
    assert render.print_lock_held == [True]  # printed once the lock was free, holding it
    assert not held(print_spool / "print.lock")  # and let go of it after
    assert client.get(BRIEF).status_code == 200 and len(render.documents) == 1


def test_requests_for_one_brief_share_one_job(counties, print_spool):
    render = FakeRender(hold=True)
    printer = Printer(print_spool, render)
    cache = MemoCache(replace(counties, memo=Memo()))
    first = printer.submit(cache, "k", lambda: "<p>1</p>")
    assert printer.submit(cache, "k", lambda: "<p>2</p>") is first
    other = printer.submit(cache, "other", lambda: "<p>3</p>")
    assert other is not first
    render.release.set()
    assert printer.wait_idle(30)
    assert sorted(render.documents) == ["<p>1</p>", "<p>3</p>"]
    assert cache.get("k") == first.body and first.body.startswith(b"%PDF")
    assert not any(held(print_spool / f"slot-{n}.lock") for n in range(SLOTS))


def test_a_failing_print_is_not_kept(counties, print_spool):
    calls: list[str] = []

    def fail(html: str) -> bytes:
        calls.append(html)
        raise pdf.PdfUnavailable("failed", "Chromium exited with 3")

    printer = Printer(print_spool, fail)
    cache = MemoCache(replace(counties, memo=Memo()))
    for _ in range(2):
        with pytest.raises(pdf.PdfUnavailable) as error:
            printer.print(cache, "k", lambda: "<p>x</p>")
        assert error.value.reason == "failed"
    assert len(calls) == 2 and cache.get("k") is None


def test_an_unusable_print_folder_answers_503_not_a_traceback(app, tmp_path):
    render = FakeRender()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    install(app, blocked, render)
    response = app.server.test_client().get(BRIEF)
    assert response.status_code == 503 and "PDF 生成失败" in response.get_data(as_text=True)
    assert BACK in response.get_data(as_text=True) and render.documents == []


def test_the_memo_cache_is_bounded(counties):
    cache = MemoCache(replace(counties, memo=Memo()), entries=2)
    for key in "abc":
        cache.put(key, key.encode())
    assert cache.get("a") is None and cache.get("c") == b"c"


def test_a_document_that_cannot_be_made_frees_its_slot(counties, print_spool):
    render = FakeRender()
    printer = Printer(print_spool, render)
    cache = MemoCache(replace(counties, memo=Memo()))

    def broken() -> str:
        raise ValueError("no document")

    with pytest.raises(pdf.PdfUnavailable) as error:
        printer.print(cache, "k", broken)
    assert error.value.reason == "failed" and render.documents == []
    assert not any(held(print_spool / f"slot-{n}.lock") for n in range(SLOTS))
    assert printer.print(cache, "k", lambda: "<p>x</p>").startswith(b"%PDF")
