"""/brief and /brief.pdf through the Flask test client (no browser): the page, hostile query
values, the PDF answer when Chromium is missing or failing, the PDF kept per snapshot, and
the target panel's links. The print queue and the kept PDFs are tested in test_printer.py,
Chromium's own output in test_pdf.py."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dash
import pytest

from dashboard.brief import pdf, routes
from dashboard.brief.content import brief
from dashboard.brief.printer import Printer
from dashboard.brief.query import decode
from dashboard.data import Memo
from dashboard.security import BASE_DIRECTIVES
from tests.brief.fakes import FakeRender, install

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pages_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("brief_pages")
    (folder / "targets.py").symlink_to(ROOT / "dashboard" / "pages" / "targets.py")
    return folder


@pytest.fixture
def client(app_with, counties, pages_folder):
    return app_with(counties, pages_folder).server.test_client()


@pytest.fixture
def fake_chromium(tmp_path, monkeypatch):
    """``fake_chromium(script)``: DASHBOARD_CHROMIUM names a shell script."""

    def make(body: str) -> Path:
        program = tmp_path / "chromium"
        program.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
        program.chmod(0o755)
        monkeypatch.setenv(pdf.ENV_VAR, str(program))
        return program

    return make


def test_the_page_fits_the_security_policy(client, counties):
    response = client.get("/brief?report=luming-2024&year=2024&lang=en")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and BASE_DIRECTIVES["style-src"] in policy
    page = response.get_data(as_text=True)
    assert "<script" not in page and '<html lang="en">' in page
    made = brief(decode(counties, {"report": "luming-2024", "lang": "en"}))
    assert made.title in page
    assert client.get("/assets/brief.css").status_code == 200


def test_the_toolbar_links_keep_the_brief(client):
    page = client.get("/brief?report=luming-2024&year=2024&sectors=economy").get_data(
        as_text=True)
    pdf_link = page.split('id="brief-pdf" href="')[1].split('"')[0].replace("&amp;", "&")
    url = urlsplit(pdf_link)
    assert url.path == "/brief.pdf"
    assert parse_qs(url.query) == {"report": ["luming-2024"], "year": ["2024"],
                                   "sectors": ["economy"], "lang": ["zh"]}
    other = page.split('id="brief-lang" href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(other).query)["lang"] == ["en"]
    back = page.split('id="brief-back" href="')[1].split('"')[0].replace("&amp;", "&")
    assert back == "/targets?report=luming-2024&year=2024&lang=zh"


@pytest.mark.parametrize("query", [
    "report=%3Cscript%3Ealert(1)%3C/script%3E", "year=-1&report=../../etc/passwd",
    "lang=%00%ff&sectors=%3Cimg%20src%3Dx%3E", "report=" + "x" * 5000,
    "year=99999999999999999999", "sectors=,,economy,nonsense&report=&year=",
])
def test_hostile_values_give_the_default_brief_with_a_notice(client, query):
    response = client.get(f"/brief?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "网址中的参数无法识别" in page and 'class="brief-notice"' in page
    assert "<script" not in page and "<img" not in page and "passwd" not in page
    assert "鹿鸣县2025年主要指标与目标进展简报" in page


def test_no_chromium_answers_503_with_a_way_to_print(client, monkeypatch):
    monkeypatch.setenv(pdf.ENV_VAR, "/nonexistent/chromium")
    started = time.monotonic()
    response = client.get("/brief.pdf?report=luming-2024&lang=en&year=%3Cx%3E")
    assert time.monotonic() - started < 5
    assert response.status_code == 503 and response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert "服务器未安装 Chromium" in body and "Chromium is not installed" in body
    assert "Ctrl+P" in body and "<x>" not in body
    assert 'href="/brief?report=luming-2024&amp;year=2024&amp;lang=en"' in body
    assert response.headers["Cache-Control"] == "no-store"


def test_a_chromium_that_fails_or_hangs_answers_503_in_time(client, fake_chromium):
    fake_chromium("exit 3")
    response = client.get("/brief.pdf")
    assert response.status_code == 503 and "PDF 生成失败" in response.get_data(as_text=True)
    assert "Retry-After" not in response.headers  # trying again would not help
    fake_chromium("sleep 30 & sleep 30")  # a child of its own, like Chromium's helpers
    started = time.monotonic()
    with pytest.raises(pdf.PdfUnavailable) as error:
        pdf.render_pdf("<p>x</p>", timeout=0.5)
    assert error.value.reason == "failed" and time.monotonic() - started < 5


def test_find_chromium(monkeypatch, fake_chromium):
    monkeypatch.delenv(pdf.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert pdf.find_chromium() is None
    program = fake_chromium("exit 0")
    assert pdf.find_chromium() == str(program)
    monkeypatch.setenv(pdf.ENV_VAR, "")
    assert pdf.find_chromium() is None  # set and empty: PDFs switched off


def test_pdfs_are_kept_per_snapshot_and_brief(app_with, counties, pages_folder, print_spool):
    # A snapshot of its own: other tests print briefs of ``counties``.
    app = app_with(replace(counties, memo=Memo()), pages_folder)
    render = FakeRender()
    install(app, print_spool, render)
    client = app.server.test_client()
    first = client.get("/brief.pdf?report=luming-2024&lang=en")
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert first.data == b"%PDF-1.4 fake print 1"
    assert first.headers["Content-Disposition"] == (
        "attachment; filename*=UTF-8''luming-2024-brief-2024-en.pdf")
    assert client.get("/brief.pdf?report=luming-2024&lang=en&year=2024").data == first.data
    assert len(render.documents) == 1  # the same brief: printed once
    client.get("/brief.pdf?report=luming-2024&lang=zh")
    assert len(render.documents) == 2
    # What Chromium gets: the stylesheet inlined, no toolbar, no link to anything.
    made = render.documents[0]
    assert "<style>" in made and "@page" in made
    assert 'class="brief-toolbar"' not in made and "/assets/" not in made


def test_a_new_snapshot_prints_again(counties, print_spool):
    render = FakeRender()
    printer = Printer(print_spool, render)
    counties = replace(counties, memo=Memo())
    routes.brief_pdf(counties, {}, printer)
    routes.brief_pdf(counties, {}, printer)
    routes.brief_pdf(replace(counties, memo=Memo()), {}, printer)
    assert len(render.documents) == 2


def test_the_target_panel_links_to_the_brief_and_its_pdf(client):
    module = sys.modules[next(iter(dash.page_registry.values()))["module"]]
    from tests.components.helpers import walk

    tree = module.layout(lang="en", report="luming-2024", year="2024")
    links = {n.id: n for n in walk(tree) if getattr(n, "id", None) in (
        "targets-pdf", "targets-brief", "targets-download")}
    assert links["targets-pdf"].href == "/brief.pdf?report=luming-2024&year=2024&lang=en"
    assert links["targets-brief"].href == "/brief?report=luming-2024&year=2024&lang=en"
    assert links["targets-pdf"].children == "Brief PDF"
    assert links["targets-brief"].children == "One-page brief"
    assert client.get(links["targets-brief"].href).status_code == 200


def test_generated_at_names_the_offset():
    from datetime import datetime, timedelta, timezone

    moment = datetime(2025, 3, 5, 14, 7, tzinfo=timezone(timedelta(hours=8)))
    assert routes.generated_at(moment) == "2025-03-05 14:07 UTC+08:00"
