"""Hostile files cost the web worker nothing but the wait (#23): .pdf, .docx and .html are
read in a child process under a budget of time, memory and output; past it the upload is
refused (``too_costly``, ``too_long``), the child is gone and the worker has not grown."""

from __future__ import annotations

import os
import resource
import subprocess

import pytest

from dashboard.upload import sandbox
from dashboard.upload.documents import MAX_BYTES, MAX_CHARS, UploadError, read_document
from tests.upload import makers
from tests.upload.conftest import NEXT_REPORT

# Small enough that a test waits seconds, large enough for Python, pypdf and a real file.
SMALL = sandbox.Budget(seconds=8, memory=320 * 1024 * 1024, cpu=8)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture
def children(monkeypatch):
    """The pids of the readers started, with the small budget in force."""
    started: list[int] = []
    real = subprocess.Popen

    def popen(*args, **kwargs):
        child = real(*args, **kwargs)
        started.append(child.pid)
        return child

    monkeypatch.setattr(sandbox, "BUDGET", SMALL)
    monkeypatch.setattr(sandbox.subprocess, "Popen", popen)
    return started


def _refused_in_child(name: str, content: bytes, children: list[int]) -> str:
    before = _peak_mb()
    with pytest.raises(UploadError) as caught:
        read_document(name, content)
    assert len(children) == 1  # read in a child, not in the worker
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # and the child is gone (killed and reaped)
    assert _peak_mb() < before + 150  # the worker itself never held the unpacked file
    return caught.value.code


def test_a_pdf_whose_shared_stream_inflates_to_70_mb_is_refused(children):
    bomb = makers.pdf_bomb(megabytes=70, pages=10)
    assert len(bomb) < 512 * 1024  # a small file…
    assert _refused_in_child("bomb.pdf", bomb, children) == "too_costly"  # …refused in time


def test_a_docx_of_millions_of_empty_paragraphs_is_refused(children):
    bomb = makers.docx_element_bomb(megabytes=40)
    assert len(bomb) < 512 * 1024  # within every limit the archive check has
    assert _refused_in_child("bomb.docx", bomb, children) == "too_costly"


def test_a_page_with_more_text_than_a_report_is_refused(children):
    page = makers.make_html("二" * (2 * MAX_CHARS + 1000))
    assert len(page) < MAX_BYTES
    assert _refused_in_child("page.html", page, children) == "too_long"


def test_a_text_file_longer_than_any_report_is_refused():
    text = ("全县实现地区生产总值73.15亿元，增长6.4%。\n" * 90_000)[:MAX_CHARS + 1]
    assert len(text.encode()) < MAX_BYTES
    with pytest.raises(UploadError) as caught:
        read_document("long.txt", text.encode())
    assert caught.value.code == "too_long"


def test_ordinary_files_read_in_the_child(children, tmp_path):
    lines = [line.strip() for line in NEXT_REPORT.splitlines() if line.strip()]
    files = (("r.docx", makers.make_docx(NEXT_REPORT)), ("r.html", makers.make_html(NEXT_REPORT)),
             ("r.pdf", makers.make_pdf(NEXT_REPORT, tmp_path)))
    children.clear()  # Chromium printed the PDF
    for name, content in files:
        text = read_document(name, content).text
        assert lines[0] in text and "73.15" in text, name
    assert len(children) == 3


@pytest.mark.parametrize(("status", "err", "code"), [
    (-24, b"", "too_costly"),  # SIGXCPU: past the CPU seconds
    (-9, b"", "too_costly"),  # SIGKILL: past the hard limit
    (1, b"Traceback...\nMemoryError\n", "too_costly"),  # out of memory before answering
    (1, b"Traceback...\nKeyError: 'x'\n", "bad_pdf"),  # a reader bug: refused all the same
])
def test_a_child_that_gives_no_answer_is_a_refusal(status, err, code):
    with pytest.raises(UploadError) as caught:
        sandbox._answer("pdf", status, b"", err, SMALL)
    assert caught.value.code == code
