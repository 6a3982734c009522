"""A :class:`content.Brief` as a complete HTML document: one A4 sheet (``assets/brief.css``).

Pure: strings in, a string out. The markup is ``templates/brief/document.html`` (with the
chart's ``templates/brief/chart.svg``), which escapes every text from the data or the query
(autoescape, ``dashboard/templating.py``). No script at all, and nothing from another origin:
the page fits the app's Content-Security-Policy, and Chromium printing it (``pdf.py``) waits
for no network.

The stylesheet is linked (``/assets/brief.css``) for the browser, or inlined (``css=``) for
the PDF, so the browser's own Print and the server's PDF lay out the same page. The module
is not called ``html.py`` so that it cannot be mistaken for the standard library's module.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import templating
from dashboard.brief.model import Brief
from dashboard.brief.svg import drawing
from dashboard.components.status_badge import STATUS_ICONS, status_label
from dashboard.i18n import t
from dashboard.progress.status import STATUSES

CSS_HREF = "/assets/brief.css"
COLUMNS = ("target_name", "target", "baseline", "actual", "status", "notes")


@dataclass(frozen=True)
class Links:
    """The screen-only toolbar: PDF, the other language, back to the target panel."""

    pdf: str
    other_lang: str
    back: str


def chart_label(brief: Brief) -> str:
    """The chart's text alternative: its title, then every category's values in words."""
    chart = brief.chart
    if chart is None:
        return ""
    return f"{chart.title}: " + "; ".join(
        f"{name} " + ", ".join(f"{s.name} {s.bars[i].text}" for s in chart.series)
        for i, name in enumerate(chart.categories))


def note_rule(lang: str) -> str:
    """The line under the footnotes: what the status icons mean, and which figures are final."""
    legend = " · ".join(f"{STATUS_ICONS[s]} {status_label(s, lang)}" for s in STATUSES)
    end = "。" if lang == "zh" else ". "
    return f'{t("brief.note.status", lang)}{legend}{end}{t("brief.note.published", lang)}'


def render(brief: Brief, generated: str, *, css: str | None = None,
           links: Links | None = None) -> str:
    """The document; ``css`` inlines the stylesheet (PDF), ``links`` adds the toolbar."""
    return templating.render(
        "brief/document.html", brief=brief, lang=brief.lang, generated=generated, css=css,
        css_href=CSS_HREF, links=links, columns=COLUMNS, t=t, note_rule=note_rule(brief.lang),
        drawing=drawing(brief.chart, chart_label(brief)) if brief.chart else None)
