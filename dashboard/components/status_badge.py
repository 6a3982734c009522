"""Status of a target shown by colour, icon and text together (never colour alone).

Colours come from the Okabe–Ito palette (theme.OKABE_ITO), readable with every common form of
colour blindness; the icon and the word carry the same meaning for anyone who cannot tell the
colours apart, in print and for screen readers.
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import normalize_lang, t
from dashboard.progress.status import STATUSES
from dashboard.theme import MUTED_COLOR, OKABE_ITO

STATUS_COLORS: dict[str, str] = {
    "achieved": OKABE_ITO["bluish_green"],
    "on_track": OKABE_ITO["blue"],
    "behind": OKABE_ITO["vermillion"],
    "no_actual": MUTED_COLOR,
}
# Simple shapes present in the CJK and Latin fonts alike (no emoji presentation).
STATUS_ICONS: dict[str, str] = {
    "achieved": "✓",
    "on_track": "→",
    "behind": "!",
    "no_actual": "…",
}


def status_label(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


def status_badge(status: str, lang: str, *, id: str | dict | None = None) -> html.Span:
    """A pill with the status icon and word; its title explains the status."""
    lang = normalize_lang(lang)
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    extra = {"id": id} if id is not None else {}
    return html.Span(
        [html.Span(STATUS_ICONS[status], className="status-icon", **{"aria-hidden": "true"}),
         html.Span(status_label(status, lang), className="status-text")],
        className=f"status-badge status-{status}",
        title=t(f"status.{status}.help", lang),
        **extra,
    )


def status_option(status: str, lang: str) -> html.Span:
    """The label of a status filter option: the same icon, colour and word as the badge."""
    return html.Span([
        html.Span(STATUS_ICONS[status], className=f"status-icon status-fg-{status}",
                  **{"aria-hidden": "true"}),
        html.Span(status_label(status, lang)),
    ], className="status-option")
