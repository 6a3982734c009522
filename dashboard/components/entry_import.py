"""Bulk import on /entry: upload a CSV or XLSX, read the dry run (one result per row), then
import all rows at once or none (dashboard/entries/bulk.py)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from dash import Input, Output, State, callback, ctx, dcc, html
from flask import current_app

from dashboard.components.language import URL_ID, lang_from_search
from dashboard.context import current_dataset
from dashboard.entries import bulk
from dashboard.i18n import add_strings, t
from dashboard.startup import STORE_EXTENSION
from dashboard.store.engine import StoreError
from dashboard.users.web import current_user, same_origin

MAX_BYTES = 2_000_000
add_strings({
    "entry.import.title": {"zh": "批量导入（CSV 或 Excel）", "en": "Bulk import (CSV or Excel)"},
    "entry.import.drop": {"zh": "拖入或选择文件：表头为录入项名称（indicator_id, year, …）",
                          "en": "Drop or choose a file; its header names the fields "
                                "(indicator_id, year, …)"},
    "entry.import.commit": {"zh": "全部导入", "en": "Import all"},
    "entry.import.dry": {"zh": "试运行：{ok}行可导入，{bad}行有问题（有问题时不会导入任何一行）。",
                         "en": "Dry run: {ok} row(s) ready, {bad} with problems (nothing is "
                               "imported while any row has one)."},
    "entry.import.done": {"zh": "已导入{n}行（草稿）。", "en": "Imported {n} row(s) as drafts."},
    "entry.import.bad_file": {"zh": "无法读取文件：{reason}",
                              "en": "Cannot read the file: {reason}"},
    "entry.import.line": {"zh": "第{line}行：{outcome}", "en": "Line {line}: {outcome}"},
    **{f"entry.import.outcome.{code}": names for code, names in {
        "new": {"zh": "新增", "en": "new"}, "update": {"zh": "更新", "en": "update"},
        "unknown_indicator": {"zh": "未知指标", "en": "unknown indicator"},
        "locked": {"zh": "已锁定（已批准或待审核）", "en": "locked (approved or submitted)"},
        "duplicate": {"zh": "与前面一行重复", "en": "repeats an earlier row"},
        "bad_unit": {"zh": "单位不符", "en": "bad unit"},
        "invalid": {"zh": "无效", "en": "invalid"},
        "forbidden": {"zh": "不属于您的领域", "en": "not your sector"},
        "needs_comment": {"zh": "数值可疑，需填写说明", "en": "doubtful: add a comment"},
    }.items()},
})


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


def register() -> None:
    """Attach the callback to the app being built (called by the page module, which Dash
    runs once per app; this module is imported once per process)."""
    callback(Output("entry-import-result", "children"),
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
