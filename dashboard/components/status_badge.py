"""Status of a target shown by colour, icon and text together (never colour alone).

Colours come from the Okabe–Ito palette (theme.OKABE_ITO), readable with every common form of
colour blindness; the icon and the word carry the same meaning for anyone who cannot tell the
colours apart, in print and for screen readers.
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import add_strings, normalize_lang, t
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

add_strings({
    "status.achieved": {"zh": "已实现", "en": "Achieved"},
    "status.on_track": {"zh": "进度正常", "en": "On track"},
    "status.behind": {"zh": "进度滞后", "en": "Behind"},
    "status.no_actual": {"zh": "暂无实际值", "en": "No actual yet"},
    "status.achieved.help": {"zh": "全年实际值达到目标",
                             "en": "The full-year actual meets the target"},
    "status.on_track.help": {"zh": "年内实际值不低于按时间进度应达到的水平",
                             "en": "The year-to-date actual is where the target needs it"},
    "status.behind.help": {"zh": "实际值低于目标或时间进度",
                           "en": "The actual falls short of the target or of the pace needed"},
    "status.no_actual.help": {"zh": "尚无该年度的实际数据",
                              "en": "No actual figure for the year yet"},
})


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
