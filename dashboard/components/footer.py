"""Site footer: source of the data and its licence status, on every page.

``footer(lang, source_text)`` takes the source line as an argument: create_app
builds it per language from ``data/reports.csv`` (no citation is typed into
code) and forwards it to the footer callback.
"""

from __future__ import annotations

from collections.abc import Mapping

from dash import Dash, Input, Output, html

from dashboard.components.language import STORE_ID
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
        html.P(t("footer.disclaimer", lang), className="footer-disclaimer mb-0"),
    ]


def footer(lang: str, source_text: str | None = None) -> html.Footer:
    """The footer element in ``lang``."""
    return html.Footer(
        html.Div(footer_body(lang, source_text), id=f"{FOOTER_ID}-body", className="container-xl"),
        id=FOOTER_ID,
        className="app-footer",
    )


def register_callbacks(app: Dash, source_texts: Mapping[str, str] | None = None) -> None:
    """Re-render the footer text when the language in the URL changes."""
    texts = dict(source_texts or {})

    # Rendered in the URL's language already (shell.py): runs when the language changes.
    @app.callback(Output(f"{FOOTER_ID}-body", "children"), Input(STORE_ID, "data"),
                  prevent_initial_call=True)
    def _localize(stored: object) -> list[html.P]:
        lang = normalize_lang(stored)
        return footer_body(lang, texts.get(lang))
