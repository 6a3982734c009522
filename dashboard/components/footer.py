"""Site footer: source of the data and its licence status, on every page.

``footer(lang, source_text)`` takes the source line as an argument: the shell builds
it from ``reports.csv`` for the report shown (:func:`report_source`; no citation is
typed into code), and the callback rebuilds it when the language or report changes.
"""

from __future__ import annotations

from dash import Dash, Input, Output, html

from dashboard.components.language import STORE_ID, URL_ID
from dashboard.components.report_select import report_in_address
from dashboard.context import current_dataset
from dashboard.data import Dataset, select_report
from dashboard.facts import report_title
from dashboard.i18n import normalize_lang, t

FOOTER_ID = "site-footer"


def footer_body(lang: str, source_text: str | None = None) -> list[html.P]:
    """Inner content of the footer (what the callback swaps on a language change)."""
    lang = normalize_lang(lang)
    source = source_text or ""
    return [
        html.P(
            [html.Span(t("footer.source_label", lang)), html.Span(source, className="source")],
            className="footer-source mb-1",
        ),
        html.P(t("footer.licence", lang), className="footer-licence mb-1"),
        html.P([t("footer.disclaimer", lang), " ",
                html.A(t("footer.staff", lang), href=f"/entry?lang={lang}",
                       className="footer-staff")], className="footer-disclaimer mb-0"),
    ]


def footer(lang: str, source_text: str | None = None) -> html.Footer:
    """The footer element in ``lang``."""
    return html.Footer(
        html.Div(footer_body(lang, source_text), id=f"{FOOTER_ID}-body", className="container-xl"),
        id=FOOTER_ID,
        className="app-footer",
    )


def report_source(dataset: Dataset, lang: str) -> str:
    """The citation of the report shown: title, delivery date and licence status."""
    if dataset.report_id is None:
        return ""
    row = dataset.report(dataset.report_id)
    day = row.get("delivered") or row.get("published") or ""
    title = report_title(dataset.reports, dataset.report_id, lang)
    if not day:
        return title
    return f"{title}（{day}）" if normalize_lang(lang) == "zh" else f"{title} ({day})"


def register_callbacks(app: Dash) -> None:
    """Re-render the footer when the language or the report in the URL changes."""

    # Rendered for the address being opened already (shell.py): runs on a change only.
    @app.callback(Output(f"{FOOTER_ID}-body", "children"), Input(STORE_ID, "data"),
                  Input(URL_ID, "search"), prevent_initial_call=True)
    def _localize(stored: object, search: object) -> list[html.P]:
        lang = normalize_lang(stored)
        dataset = current_dataset()
        scoped, _ = select_report(dataset, report_in_address(dataset, search))
        return footer_body(lang, report_source(scoped, lang))
