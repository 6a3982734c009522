"""Dash components for the workbench: marked report text, fact context, kind legend.

Report text only ever becomes string children of html components (never HTML or Markdown), so
anything in a report, `<script>` included, is shown as text. Every figure is an `html.Mark`
carrying `data-fact-id`, a kind class and a title; it links to the fact in the data explorer.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html

from dashboard.components.indicator_name import fact_name
from dashboard.components.source_note import report_link
from dashboard.data import Dataset
from dashboard.explorer import marking
from dashboard.explorer.labels import mark_kind
from dashboard.facts import indicator_name, report_title
from dashboard.format import as_stated
from dashboard.i18n import normalize_lang, t
from dashboard.labels import MARK_KINDS, kind_label
from dashboard.pipeline.structure import Layout


def data_link(fact_id: str, lang: str) -> str:
    """The data explorer with one fact selected."""
    return "/data?" + urlencode({"fact": fact_id, "lang": normalize_lang(lang)})


def mark_title(fact: dict | pd.Series, lang: str) -> str:
    """地区生产总值：259.03亿元（2023 · 实绩）: indicator, value and unit, period and kind."""
    stated = as_stated(fact, lang)
    kind = kind_label(mark_kind(fact["indicator_id"], fact["kind"]), lang)
    if normalize_lang(lang) == "en":
        return f"{indicator_name(fact, lang)}: {stated} ({fact['period']} · {kind})"
    return f"{indicator_name(fact, lang)}：{stated}（{fact['period']} · {kind}）"


def _fact_mark(fact: dict, pieces: list[marking.Segment], lang: str) -> html.Mark:
    children = [html.Mark(p.text, className="search-hit") if p.hit else p.text for p in pieces]
    kind = mark_kind(fact["indicator_id"], fact["kind"])
    return html.Mark(
        dcc.Link(children, href=data_link(fact["fact_id"], lang), className="fact-link"),
        className=f"fact-mark kind-{kind}", title=mark_title(fact, lang),
        **{"data-fact-id": fact["fact_id"]},
    )


def anchor(report_id: str, start: int) -> str:
    """Element id of the paragraph starting at `start` (table-of-contents target)."""
    return f"{report_id}-p{start}"


def _paragraph(text: str, para: marking.Paragraph, spans: list[tuple[int, int, str]],
               hits: list[tuple[int, int]], facts: dict[str, dict], lang: str,
               report_id: str) -> html.Div:
    children: list[object] = []
    segs = marking.segments(text, para.start, para.end, spans, hits)
    for fact_id, pieces in marking.group_by_fact(segs):
        if fact_id is None:
            piece = pieces[0]
            children.append(html.Mark(piece.text, className="search-hit") if piece.hit
                            else piece.text)
        else:
            children.append(_fact_mark(facts[fact_id], pieces, lang))
    key = anchor(report_id, para.start)
    if para.role == "title":
        return html.H2(children, className="report-title", id=key)
    if para.role == "heading":
        return html.H3(children, className="report-heading", id=key)
    return html.P(children, className="report-para", id=key)


@dataclass(frozen=True)
class _Report:
    text: str
    layout: Layout
    paragraphs: list[marking.Paragraph]
    facts: dict[str, dict]
    spans: list[tuple[int, int, str]]


def _report(dataset: Dataset, report_id: str) -> _Report:
    """A report's text, layout, paragraphs and facts: put together once per snapshot."""
    def build() -> _Report:
        text = dataset.report_text(report_id)
        layout = dataset.layout(report_id)
        rows = dataset.all_facts[dataset.all_facts["report_id"] == report_id]
        facts = {r["fact_id"]: r for r in rows.to_dict("records")}
        spans = sorted((int(r["start"]), int(r["end"]), r["fact_id"]) for r in facts.values())
        return _Report(text, layout, marking.body_paragraphs(text, layout), facts, spans)

    return dataset.everything.cached(("reader", report_id), build)


def report_article(dataset: Dataset, report_id: str, lang: str, query: str = ""
                   ) -> tuple[html.Article, int]:
    """The body of one report with every fact marked and `query` highlighted; (article,
    number of matches)."""
    rep = _report(dataset, report_id)
    hits = marking.find_matches(rep.text, query, rep.layout.body_start, rep.layout.body_end)
    # Only matches inside shown paragraphs count.
    hits = [h for h in hits if any(p.start <= h[0] < p.end for p in rep.paragraphs)]
    body = [_paragraph(rep.text, p, rep.spans, hits, rep.facts, lang, report_id)
            for p in rep.paragraphs]
    article = html.Article(body, className="report-text", lang="zh-CN",
                           **{"data-report-id": report_id})
    return article, len(hits)


def report_toc(dataset: Dataset, report_id: str) -> list[html.Li]:
    """Links to the report's headings and subsections (plain #anchors, no page reload)."""
    return [html.Li(html.A(label, href=f"#{anchor(report_id, start)}"),
                    className=f"toc-level-{level}")
            for start, label, level in marking.outline(_report(dataset, report_id).paragraphs)]


def legend(lang: str) -> html.Div:
    lang = normalize_lang(lang)
    items = [html.Span(kind_label(kind, lang), className=f"fact-mark kind-{kind} legend-item")
             for kind in MARK_KINDS]
    colon = "：" if lang == "zh" else ":"
    return html.Div([html.Span(t("report.legend", lang) + colon, className="legend-label"),
                     *items], className="kind-legend", id="report-legend")


def citation(reports: pd.DataFrame, lang: str) -> str:
    """来源：<place>2024年政府工作报告（2024-01-26）: the chart source line."""
    lang = normalize_lang(lang)
    parts = []
    for row in reports.to_dict("records"):
        day = row.get("delivered") or row.get("published") or ""
        title = report_title(reports, row["report_id"], lang)
        parts.append(f"{title}（{day}）" if lang == "zh" else f"{title} ({day})")
    return t("source.prefix", lang) + ("；" if lang == "zh" else "; ").join(parts)


def context_panel(dataset: Dataset, fact: pd.Series | dict | None, lang: str) -> html.Div:
    """The selected fact's number highlighted in its paragraph, with a link to the reader."""
    lang = normalize_lang(lang)
    if fact is None:
        return html.Div(t("data.context_hint", lang), className="quote-panel text-muted small",
                        id="data-context-body")
    rep = _report(dataset, str(fact["report_id"]))
    ctx = marking.context(rep.text, rep.layout, int(fact["start"]), int(fact["end"]))
    kind = mark_kind(fact["indicator_id"], fact["kind"])
    stated = as_stated(fact, lang)
    paragraph = [
        "…" if ctx.cut_before else "", ctx.before,
        html.Mark(ctx.number, className=f"fact-mark kind-{kind}", title=mark_title(fact, lang),
                  **{"data-fact-id": str(fact["fact_id"])}),
        ctx.after, "…" if ctx.cut_after else "",
    ]
    return html.Div([
        html.Div([html.Strong(fact_name(fact, lang)),
                  html.Span(f" · {fact['period']} · {kind_label(kind, lang)} · "),
                  html.Span(stated)], className="quote-head"),
        html.P([p for p in paragraph if p != ""], className="context-text", lang="zh-CN"),
        html.Div(f"{report_title(dataset.reports, str(fact['report_id']), lang)} · "
                 f"{fact['section']}", className="small text-muted"),
        dcc.Link(t("source.read_in_report", lang), href=report_link(str(fact["fact_id"]), lang),
                 id="data-context-link", className="small"),
    ], className="quote-panel", id="data-context-body")
