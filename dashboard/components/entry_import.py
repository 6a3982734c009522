"""Bulk import on /entry: upload a CSV or XLSX, read the dry run (one result per row), then
import all rows at once or none (dashboard/entries/bulk.py)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html
from flask import current_app

from dashboard.components.language import URL_ID, lang_from_search
from dashboard.context import current_dataset
from dashboard.entries import bulk
from dashboard.i18n import t
from dashboard.store import STORE_EXTENSION
from dashboard.store.engine import StoreError
from dashboard.users.web import current_user, same_origin

MAX_BYTES = 2_000_000


def import_box(lang: str) -> html.Div:
    return html.Div([
        html.H2(t("entry.import.title", lang), className="h5 mt-4"),
        dcc.Upload(html.Div(t("entry.import.drop", lang)), id="entry-upload",
                   max_size=MAX_BYTES, multiple=False, className="entry-upload"),
        html.Div(id="entry-import-result", role="status"),
        html.Button(t("entry.import.commit", lang), id="entry-import-commit", n_clicks=0,
                    disabled=True, className="btn btn-outline-primary mt-2"),
    ], className="entry-import")


def _rows(contents: Any, filename: Any) -> list[dict[str, object]]:
    if not isinstance(contents, str) or not isinstance(filename, str) or "," not in contents:
        raise bulk.ImportError_("no file")
    try:
        data = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        raise bulk.ImportError_("not a file upload") from None
    if len(data) > MAX_BYTES:
        raise bulk.ImportError_("the file is larger than 2 MB")
    return bulk.read_rows(data, filename)


def register_callbacks(app: Dash) -> None:
    """Attach the callback to the app being built (from the /entry page's
    ``register_callbacks``)."""
    app.callback(Output("entry-import-result", "children"),
             Output("entry-import-commit", "disabled"),
             Input("entry-upload", "contents"), Input("entry-import-commit", "n_clicks"),
             State("entry-upload", "filename"), State(URL_ID, "search"),
             prevent_initial_call=True)(run_import)


def run_import(contents: Any, _commit: Any, filename: Any, search: Any) -> tuple[Any, Any]:
    committing = ctx.triggered_id == "entry-import-commit"
    return import_step(contents, filename, search, committing)


def import_step(contents: Any, filename: Any, search: Any, committing: bool) -> tuple[Any, Any]:
    """The dry run of an uploaded file, or its commit; (result view, commit disabled)."""
    lang = lang_from_search(search if isinstance(search, str) else "")
    store = current_app.extensions.get(STORE_EXTENSION)
    user = current_user(current_app, store) if store is not None else None
    if user is None or (committing and not same_origin()):
        return html.P(t("entry.signin", lang), className="alert alert-info"), True
    try:
        rows = _rows(contents, filename)
        lexicon = current_dataset().lexicon
        results = (bulk.commit if committing else bulk.dry_run)(store, user, rows, lexicon)
    except bulk.ImportError_ as error:
        return html.P(t("entry.import.bad_file", lang).format(reason=error),
                      className="alert alert-danger"), True
    except StoreError:
        return html.P(t("entry.error.store", lang), className="alert alert-danger"), True
    good = sum(r.outcome in bulk.OK for r in results)
    bad = len(results) - good
    if committing and not bad:
        return html.P(t("entry.import.done", lang).format(n=good),
                      className="alert alert-success"), True
    lines = [html.Li(t("entry.import.line", lang).format(
        line=r.line, outcome=t(f"entry.import.outcome.{r.outcome}", lang)),
        **{"data-outcome": r.outcome}) for r in results]
    return html.Div([html.P(t("entry.import.dry", lang).format(ok=good, bad=bad)),
                     html.Ul(lines, className="small")],
                    className="alert " + ("alert-warning" if bad else "alert-light")), \
        bool(bad) or not results
