"""The seed's brief printed by Chromium, as officials get it: in both languages exactly one
A4 page holding the title, every headline value and each target's status word, every font
embedded (no box for a Chinese character); page 1 saved as a PNG to look at
(``tests/browser/screenshots/brief-zh.png``, ``brief-en.png``). The browser's own Print of
/brief (served by the app, stylesheet linked) gives the same single page.

Marked ``browser`` (``make test`` runs them; ``make test-fast`` does not). They fail, not
skip, without Chromium or poppler-utils: ``make test`` installs both (SYSTEM_PACKAGES).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.brief import pdf, routes
from dashboard.brief.content import brief
from dashboard.brief.printer import Printer
from dashboard.brief.query import decode
from dashboard.data import Dataset, Memo

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "browser" / "screenshots"
POPPLER = ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm")


@pytest.fixture(scope="module")
def tools() -> None:
    missing = [p for p in POPPLER if shutil.which(p) is None]
    assert not missing, f"install poppler-utils (missing {missing}); make test does"
    assert pdf.find_chromium(), "install Debian's chromium; make test does"


@pytest.fixture
def printer(print_spool: Path) -> Printer:
    """The app's printer (Chromium in a job's thread, the host's lock held), with time to
    spare on a loaded test machine."""
    return Printer(print_spool, wait_s=120)


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def pages(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", path), re.M).group(1))


def flat(text: str) -> str:
    """Text without any whitespace: a line wrapped in the PDF still matches."""
    return re.sub(r"\s+", "", text)


def fonts(path: Path) -> list[list[str]]:
    rows = _run("pdffonts", path).splitlines()[2:]  # after the header and the rule
    return [row.split() for row in rows if row.strip()]


def check(body: bytes, made, path: Path) -> str:
    """The checks every printed brief passes; its text."""
    assert body.startswith(b"%PDF")
    path.write_bytes(body)
    assert pages(path) == 1
    assert "A4" in _run("pdfinfo", path)
    text = flat(_run("pdftotext", "-raw", path, "-"))  # drawing order: cells stay whole
    assert flat(made.title) in text
    for figure in made.figures:
        assert flat(figure.value) in text, figure
    for line in made.targets:
        assert flat(line.word) in text, line
        assert flat(line.target) in text, line
    assert flat(made.footnotes[-1].text)[:20] in text  # the last footnote is on the page
    found = fonts(path)
    assert found, "no font in the PDF"
    # name type encoding emb sub uni object ID: "emb" is the fourth column from the end.
    assert all(row[-5] == "yes" for row in found), found
    return text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_seeds_brief_prints_on_one_page(tools, printer, seed: Dataset, tmp_path, lang):
    made = brief(decode(seed, {"lang": lang}))
    name, body = routes.brief_pdf(seed, {"lang": lang}, printer)
    assert name == f"{made.file_stem}.pdf"
    text = check(body, made, tmp_path / name)
    assert flat({"zh": "第1页/共1页", "en": "Page 1 of 1"}[lang]) in text
    assert flat(made.meta[0]) in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _run("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
         tmp_path / name, SCREENSHOTS / f"brief-{lang}")
    assert (SCREENSHOTS / f"brief-{lang}.png").stat().st_size > 10_000


@pytest.mark.parametrize("report, lang", [("luming-2024", "zh"), ("luming-2024", "en"),
                                          ("luming-2025", "en"), ("qingshi-2025", "zh")])
def test_other_reports_print_on_one_page(tools, printer, counties, tmp_path, report, lang):
    made = brief(decode(counties, {"report": report, "lang": lang}))
    _, body = routes.brief_pdf(counties, {"report": report, "lang": lang}, printer)
    check(body, made, tmp_path / "brief.pdf")


def test_a_preliminary_figure_prints_with_its_note(tools, printer, with_entries, tmp_path):
    made = brief(decode(with_entries, {"report": "luming-2025"}))
    _, body = routes.brief_pdf(with_entries, {"report": "luming-2025"}, printer)
    text = check(body, made, tmp_path / "brief.pdf")
    assert flat("县统计局半年快报（截至2025-06-30，初步数）") in text
    assert flat("<b>县商务局</b>") in text  # the hand-entered source, as text


@pytest.fixture
def live(app_with, seed) -> Iterator[str]:
    """The app serving the seed on a free local port; its address."""
    app = app_with(seed, Path(__file__).resolve().parents[1] / "fixtures" / "pages")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_browsers_own_print_gives_the_same_page(tools, live, seed, tmp_path, lang):
    """Print of /brief as served (brief.css linked, toolbar hidden by @media print)."""
    out = tmp_path / "printed.pdf"
    args = pdf.command(str(pdf.find_chromium()), f"{live}/brief?lang={lang}", out,
                       tmp_path / "profile")
    args = [a for a in args if not a.startswith("--host-resolver-rules")]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
    made = brief(decode(seed, {"lang": lang}))
    text = check(out.read_bytes(), made, out)
    assert flat(routes.t("brief.pdf", lang)) not in text  # the toolbar is not printed


def test_the_app_prints_once_off_the_request_thread(tools, app_with, seed, print_spool,
                                                    tmp_path):
    """/brief.pdf through the app: Chromium in the printer's job, the PDF kept for the
    snapshot, so the same brief asked with junk in the query is the same bytes."""
    seed = replace(seed, memo=Memo())  # nothing printed yet for this snapshot
    app = app_with(seed, Path(__file__).resolve().parents[1] / "fixtures" / "pages")
    app.server.extensions[routes.PRINTER] = Printer(print_spool, wait_s=120)
    client = app.server.test_client()
    first = client.get("/brief.pdf?lang=en")
    assert first.status_code == 200, first.get_data(as_text=True)
    check(first.data, brief(decode(seed, {"lang": "en"})), tmp_path / "brief.pdf")
    again = client.get("/brief.pdf?lang=en&utm_source=mail&x=1")
    assert again.status_code == 200 and again.data == first.data
