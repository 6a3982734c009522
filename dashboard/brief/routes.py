"""``/brief`` (the one-page brief as HTML) and ``/brief.pdf`` (the same page printed by
Chromium on the server), plain Flask routes like ``/targets.csv``.

Both read ``?report=&year=&sectors=&lang=`` through ``query.decode``: unknown or hostile
values give the default brief with a notice, never an error.

``/brief.pdf`` is printed at most once per data version and normalised query
(``cache.py``: in the database's ``rendered_briefs`` when the app has one, so every worker
and host serves the same bytes; else in the snapshot's memo), and never in the request's
thread (``printer.py``: one Chromium per host, a bounded queue, the request waiting at most
``printer.WAIT_S``). When there is no PDF to give (Chromium missing or failing, the queue
full, the print not done in time) it answers 503 with a short bilingual message, a link to
``/brief`` (print from the browser) and, when trying again will help, Retry-After. The PDF's
footer gives the time it was printed.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask, Response, request

from dashboard import templating
from dashboard.brief import document, pdf
from dashboard.brief.cache import cache_for, key_of, normalised
from dashboard.brief.content import brief
from dashboard.brief.printer import Printer
from dashboard.brief.query import Choice, decode
from dashboard.brief.strings import both
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.i18n import t
from dashboard.store import STORE_EXTENSION, Store

PATH = "/brief"
PDF_PATH = "/brief.pdf"
CSS_FILE = Path(__file__).resolve().parents[2] / "assets" / "brief.css"
PRINTER = "dashboard.brief.printer"
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


def brief_pdf(dataset: Dataset, args: Any, printer: Printer,
              store: Store | None = None) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the brief for ``args``: kept, or printed by ``printer``;
    raises pdf.PdfUnavailable."""
    choice = normalised(decode(dataset, args))
    content = brief(choice)
    cache = cache_for(store, dataset)
    key = key_of(dataset.version, choice)
    body = cache.get(key) or printer.print(cache, key, lambda: document.render(
        content, generated_at(), css=stylesheet()))
    return f"{content.file_stem}.pdf", body


def printer_of(server: Flask) -> Printer:
    """This worker's printer (a new one after a fork: threads and locks stay behind)."""
    printer = server.extensions.get(PRINTER)
    if not isinstance(printer, Printer) or printer.pid != os.getpid():
        printer = server.extensions[PRINTER] = Printer()
    return printer


def unavailable(reason: str, back: str) -> Response:
    """503: why there is no PDF, in both languages, and a link to print from the browser."""
    key = reason if reason in ("missing", "busy", "slow") else "failed"
    zh, en = (t(f"brief.unavailable.{key}", lang) for lang in ("zh", "en"))
    link = both("brief.unavailable.back")
    body = templating.render("brief/unavailable.html", zh=zh, en=en, back=back, link=link)
    headers = dict(_NO_STORE)
    if key in ("busy", "slow"):  # trying again will help
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
            name, body = brief_pdf(dataset, request.args, printer_of(server),
                                   server.extensions.get(STORE_EXTENSION))
        except pdf.PdfUnavailable as error:
            server.logger.warning("no brief PDF: %s", error)
            return unavailable(error.reason, f"{PATH}?{decode(dataset, request.args).query()}")
        return Response(body, mimetype="application/pdf", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            **_NO_STORE})
