"""A :class:`content.Brief` as a complete HTML document: one A4 sheet (``assets/brief.css``).

Pure: strings in, a string out. Every text from the data or the query is escaped
(``html.escape``); the only markup not written here is the chart's SVG, whose texts
``svg.py`` escapes. No script at all, and nothing from another origin: the page fits the
app's Content-Security-Policy, and Chromium printing it (``pdf.py``) waits for no network.

The stylesheet is linked (``/assets/brief.css``) for the browser, or inlined (``css=``) for
the PDF, so the browser's own Print and the server's PDF lay out the same page. The module
is not called ``html.py`` so that it cannot be mistaken for the standard library's module.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from dashboard.brief.model import Brief, Figure, TargetLine
from dashboard.brief.svg import bar_chart
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


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _refs(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    return '<sup class="brief-ref">' + "".join(f"[{n}]" for n in numbers) + "</sup>"


def _figure(figure: Figure, lang: str) -> str:
    change = (f'<span class="brief-change-label">{_e(figure.change_label)}</span> '
              f'<span class="brief-change-value">{_e(figure.change)}</span>'
              if figure.change else f'<span class="brief-muted">'
                                    f'{_e(t("brief.change.none", lang))}</span>')
    return (f'<div class="brief-card"><div class="brief-card-name">{_e(figure.name)}</div>'
            f'<div class="brief-card-value">{_e(figure.value)}{_refs(figure.notes)}</div>'
            f'<div class="brief-card-period">{_e(figure.period)}</div>'
            f'<div class="brief-card-change">{change}</div></div>')


def _target_row(line: TargetLine) -> str:
    status = (f'<span class="brief-status brief-status-{_e(line.status)}">'
              f'<span class="brief-status-icon" aria-hidden="true">{_e(line.icon)}</span> '
              f'{_e(line.word)}</span>')
    cells = [_e(line.name), _e(line.target), _e(line.baseline), _e(line.actual), status,
             "".join(f"[{n}]" for n in line.notes)]
    return "<tr>" + "".join(f'<td class="brief-col-{c}">{v}</td>'
                            for c, v in zip(COLUMNS, cells, strict=True)) + "</tr>"


def _targets(brief: Brief) -> str:
    lang = brief.lang
    if not brief.targets:
        body = f'<p class="brief-muted">{_e(t("brief.targets_none", lang))}</p>'
    else:
        head = "".join(f'<th scope="col" class="brief-col-{c}">{_e(t(f"brief.col.{c}", lang))}'
                       "</th>" for c in COLUMNS)
        rows = "".join(_target_row(line) for line in brief.targets)
        body = (f'<table class="brief-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>")
    if brief.more_targets:
        body += (f'<p class="brief-more">'
                 f'{_e(t("brief.targets_more", lang, n=brief.more_targets))}</p>')
    return (f'<section class="brief-section brief-targets">'
            f'<h2>{_e(brief.targets_title)}</h2>{body}</section>')


def _chart(brief: Brief) -> str:
    chart = brief.chart
    if chart is None:
        return ""
    label = f"{chart.title}: " + "; ".join(
        f"{name} " + ", ".join(f"{s.name} {s.bars[i].text}" for s in chart.series)
        for i, name in enumerate(chart.categories))
    return (f'<section class="brief-section brief-chart"><h2>{_e(chart.title)}'
            f"{_refs(chart.notes)}</h2>{bar_chart(chart, label)}</section>")


def _notes(brief: Brief) -> str:
    lang = brief.lang
    items = "".join(f'<li><span class="brief-note-no">[{n.number}]</span> {_e(n.text)}</li>'
                    for n in brief.footnotes)
    return (f'<section class="brief-section brief-notes"><h2>{_e(t("brief.notes", lang))}</h2>'
            f'<ol class="brief-note-list">{items}</ol>'
            f'<p class="brief-note-rule">{_e(note_rule(lang))}</p></section>')


def note_rule(lang: str) -> str:
    """The line under the footnotes: what the status icons mean, and which figures are final."""
    legend = " · ".join(f"{STATUS_ICONS[s]} {status_label(s, lang)}" for s in STATUSES)
    end = "。" if lang == "zh" else ". "
    return f'{t("brief.note.status", lang)}{legend}{end}{t("brief.note.published", lang)}'


def _toolbar(brief: Brief, links: Links) -> str:
    lang = brief.lang
    return (f'<nav class="brief-toolbar" aria-label="{_e(t("brief.toolbar", lang))}">'
            f'<a class="brief-button" id="brief-pdf" href="{_e(links.pdf)}">'
            f'{_e(t("brief.pdf", lang))}</a>'
            f'<span class="brief-hint">{_e(t("brief.print_hint", lang))}</span>'
            f'<a id="brief-lang" href="{_e(links.other_lang)}">'
            f'{_e(t("brief.other_lang", lang))}</a>'
            f'<a id="brief-back" href="{_e(links.back)}">{_e(t("brief.back", lang))}</a></nav>')


def render(brief: Brief, generated: str, *, css: str | None = None,
           links: Links | None = None) -> str:
    """The document; ``css`` inlines the stylesheet (PDF), ``links`` adds the toolbar."""
    lang = brief.lang
    style = (f"<style>{css}</style>" if css is not None
             else f'<link rel="stylesheet" href="{CSS_HREF}">')
    notice = (f'<p class="brief-notice" role="status">{_e(brief.notice)}</p>'
              if brief.notice else "")
    figures = ("".join(_figure(f, lang) for f in brief.figures) if brief.figures else
               f'<p class="brief-muted">{_e(t("brief.figures_none", lang))}</p>')
    meta = " · ".join(f"<span>{_e(m)}</span>" for m in brief.meta)
    footer = (f'<footer class="brief-footer"><span>{_e(t("brief.page", lang))}</span>'
              f'<span>{_e(t("brief.generated", lang, time=generated))}</span>'
              f'<span>{_e(t("footer.disclaimer", lang))}</span></footer>')
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(brief.html_lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(brief.title)}</title>{style}</head>"
        f'<body class="brief-body">{_toolbar(brief, links) if links else ""}'
        f'<main class="brief-sheet"><header class="brief-header"><h1>{_e(brief.title)}</h1>'
        f'<p class="brief-meta">{meta}</p></header>{notice}'
        f'<section class="brief-section brief-figures"><h2>{_e(t("brief.figures", lang))}</h2>'
        f'<div class="brief-grid">{figures}</div></section>'
        f"{_targets(brief)}{_chart(brief)}{_notes(brief)}{footer}</main></body></html>\n")
