"""``/brief`` (the one-page brief as HTML) and ``/brief.pdf`` (the same page printed by
Chromium on the server), plain Flask routes like ``/targets.csv``.

Both read ``?report=&year=&sectors=&lang=`` through ``query.decode``: unknown or hostile
values give the default brief with a notice, never an error. ``/brief.pdf`` answers 503 with
a short bilingual message and a link to ``/brief`` (print from the browser) when Chromium is
missing, busy or fails (``pdf.PdfUnavailable``); it never waits more than ``pdf.TIMEOUT_S``.

A PDF is kept per snapshot and brief in a small memo of its own inside the snapshot's memo:
the snapshot is immutable, so a later data version starts empty, and a warm request for the
same brief is served at once. It is bounded (``PDF_ENTRIES``), since sector lists make many
possible briefs and a PDF weighs about 100 kB. The PDF's footer gives the time it was made.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask, Response, request

from dashboard.brief import document, pdf
from dashboard.brief.content import brief
from dashboard.brief.query import Choice, decode
from dashboard.brief.strings import both
from dashboard.context import current_dataset
from dashboard.data import Dataset, Memo
from dashboard.i18n import t

PATH = "/brief"
PDF_PATH = "/brief.pdf"
CSS_FILE = Path(__file__).resolve().parents[2] / "assets" / "brief.css"
PDF_ENTRIES = 32
RETRY_AFTER_S = 5
_NO_STORE = {"Cache-Control": "no-store"}


def href(report_id: str | None, year: int, lang: str, path: str = PATH) -> str:
    """A link to the brief of a report and year (the target panel's links)."""
    pairs = ([("report", report_id)] if report_id else []) + [("year", year), ("lang", lang)]
    return f"{path}?{urlencode(pairs)}"


def stylesheet() -> str:
    """assets/brief.css, inlined into the document Chromium prints."""
    return CSS_FILE.read_text(encoding="utf-8")


def generated_at(now: datetime | None = None) -> str:
    """2025-03-05 14:07 UTC+08:00: when the page was made, with the server's offset."""
    now = now or datetime.now().astimezone()
    offset = now.strftime("%z") or "+0000"
    return f"{now:%Y-%m-%d %H:%M} UTC{offset[:3]}:{offset[3:]}"


def links(choice: Choice) -> document.Links:
    other = "en" if choice.lang == "zh" else "zh"
    return document.Links(f"{PDF_PATH}?{choice.query()}", f"{PATH}?{choice.query(other)}",
                          href(choice.report_id, choice.year, choice.lang, "/targets"))


def brief_html(dataset: Dataset, args: Any) -> str:
    """The page of ``/brief`` for query values ``args``."""
    choice = decode(dataset, args)
    return document.render(brief(choice), generated_at(), links=links(choice))


def brief_pdf(dataset: Dataset, args: Any) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the brief for ``args``; raises pdf.PdfUnavailable."""
    choice = decode(dataset, args)
    content = brief(choice)
    store = dataset.everything.memo.get(("brief-pdfs",), lambda: Memo(PDF_ENTRIES))
    body = store.get(choice.key, lambda: pdf.render_pdf(
        document.render(content, generated_at(), css=stylesheet())))
    return f"{content.file_stem}.pdf", body


def unavailable(reason: str, back: str) -> Response:
    """503: why there is no PDF, in both languages, and a link to print from the browser."""
    key = reason if reason in ("missing", "busy") else "failed"
    zh, en = (t(f"brief.unavailable.{key}", lang) for lang in ("zh", "en"))
    link = both("brief.unavailable.back")
    body = ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<title>PDF</title></head><body>'
            f'<p>{escape(zh)}</p><p lang="en">{escape(en)}</p>'
            f'<p><a href="{escape(back)}">{escape(link)}</a></p>'
            "</body></html>\n")
    headers = dict(_NO_STORE)
    if key == "busy":
        headers["Retry-After"] = str(RETRY_AFTER_S)
    return Response(body, status=503, mimetype="text/html", headers=headers)


def register(server: Flask) -> None:
    @server.get(PATH)
    def _brief() -> Response:
        return Response(brief_html(current_dataset(), request.args), mimetype="text/html",
                        headers=_NO_STORE)

    @server.get(PDF_PATH)
    def _brief_pdf() -> Response:
        dataset = current_dataset()
        try:
            name, body = brief_pdf(dataset, request.args)
        except pdf.PdfUnavailable as error:
            server.logger.warning("no brief PDF: %s", error)
            return unavailable(error.reason, f"{PATH}?{decode(dataset, request.args).query()}")
        return Response(body, mimetype="application/pdf", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            **_NO_STORE})
