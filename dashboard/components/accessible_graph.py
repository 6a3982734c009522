"""A chart that screen readers can name and read: ``graph(figure, id, lang, summary)``.

A plotly chart is an SVG drawing with no accessible name, and its numbers are only in the
drawing. ``graph`` wraps ``dcc.Graph`` in ``<figure aria-label=... aria-describedby=...>``
with a visually hidden ``<figcaption>`` holding a text alternative, so assistive technology
announces "figure, <name>" and can read the numbers. What sighted readers see is unchanged.

* ``summary``: the text alternative, in ``lang`` — what the chart shows, with its numbers
  (e.g. "2023年增速：地区生产总值 4.6%，……"). ``data_summary(figure, lang)`` writes one from
  the figure's traces when a page has nothing better.
* ``label``: the accessible name; default: the figure's title, else the summary.

Usage::

    from dashboard.components.accessible_graph import graph, data_summary
    graph(fig, "gdp-graph", lang, summary=data_summary(fig, lang))

``id`` may be a string or a pattern-matching dict id; it goes to the ``dcc.Graph`` (so page
callbacks keep using it) and the caption gets a string id derived from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.i18n import normalize_lang
from dashboard.theme import graph_config

CAPTION_SUFFIX = "summary"
MAX_POINTS = 40
_TAGS = re.compile(r"<[^>]*>")


def _string_id(component_id: str | Mapping[str, Any]) -> str:
    if isinstance(component_id, Mapping):
        parts = [f"{k}-{component_id[k]}" for k in sorted(component_id)]
        component_id = "-".join(parts)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(component_id)).strip("-") or "graph"


def _plain(text: Any) -> str:
    """Plotly's pseudo-HTML (``<b>``, ``<br>``) as plain text."""
    return " ".join(_TAGS.sub(" ", str(text)).split())


def figure_title(figure: go.Figure | Mapping[str, Any] | None) -> str:
    """The figure's title text without markup ('' when it has none)."""
    if figure is None:
        return ""
    layout = figure.layout if isinstance(figure, go.Figure) else figure.get("layout", {})
    title = layout["title"] if isinstance(figure, go.Figure) else layout.get("title")
    if isinstance(title, str):
        return _plain(title)
    text = getattr(title, "text", None) if not isinstance(title, Mapping) else title.get("text")
    return _plain(text) if text else ""


def _values(trace: Any, key: str) -> list[Any]:
    value = trace.get(key) if isinstance(trace, Mapping) else getattr(trace, key, None)
    if value is None:
        return []
    if isinstance(value, (str, bytes)):
        return [value]
    try:
        return list(value)
    except TypeError:
        return [value]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return _plain(value)


def _trace_lines(traces: Iterable[Any], lang: str) -> list[str]:
    sep, colon = ("，", "：") if lang == "zh" else (", ", ": ")
    lines = []
    for trace in traces:
        get = trace.get if isinstance(trace, Mapping) else lambda k, t=trace: getattr(t, k, None)
        kind = get("type") or "scatter"
        meta = get("meta")
        if isinstance(meta, Mapping) and meta.get("missing"):
            # The "not stated" marker (figures/bars.py): its text says so, it is not data.
            texts = _values(trace, "text")
            ys = _values(trace, "y")
            lines += [f"{_fmt(y)}{colon}{_fmt(text)}" for y, text in zip(ys, texts, strict=False)]
            continue
        name = _plain(get("name") or "")
        if kind == "indicator":
            title = get("title")
            label = _plain(title.get("text") if isinstance(title, Mapping)
                           else getattr(title, "text", "") or "") or name
            lines.append(f"{label}{colon}{_fmt(get('value'))}".strip())
            continue
        xs, ys = _values(trace, "x"), _values(trace, "y")
        if get("orientation") == "h":
            xs, ys = ys, xs
        pairs = [f"{_fmt(x)} {_fmt(y)}" for x, y in zip(xs, ys, strict=False)][:MAX_POINTS]
        if not pairs and ys:
            pairs = [_fmt(y) for y in ys[:MAX_POINTS]]
        if pairs:
            lines.append((f"{name}{colon}" if name else "") + sep.join(pairs))
    return lines


def data_summary(figure: go.Figure | Mapping[str, Any] | None, lang: str) -> str:
    """A plain-text alternative listing each trace's values (first 40 points per trace)."""
    lang = normalize_lang(lang)
    if figure is None:
        return ""
    traces = figure.data if isinstance(figure, go.Figure) else figure.get("data", [])
    title = figure_title(figure)
    lines = _trace_lines(traces, lang)
    end = "。" if lang == "zh" else ". "
    return ((title + end) if title else "") + ("；" if lang == "zh" else "; ").join(lines)


def graph(
    figure: go.Figure | Mapping[str, Any],
    id: str | Mapping[str, Any],  # noqa: A002 - mirrors dcc.Graph's keyword
    lang: str,
    summary: str,
    *,
    label: str | None = None,
    config: Mapping[str, Any] | None = None,
    class_name: str = "",
    **graph_kwargs: Any,
) -> html.Figure:
    """``dcc.Graph`` with ``config=graph_config(lang)`` inside a named ``<figure>``.

    ``summary`` becomes the visually hidden figcaption (the text alternative); ``label`` the
    accessible name (default: the figure title, else ``summary``). ``config`` entries
    override ``graph_config(lang)``; other keyword arguments go to ``dcc.Graph``.
    """
    lang = normalize_lang(lang)
    caption_id = f"{_string_id(id)}-{CAPTION_SUFFIX}"
    text = " ".join(str(summary).split())
    name = label or figure_title(figure) or text
    return html.Figure(
        [
            dcc.Graph(id=id, figure=figure, config={**graph_config(lang), **dict(config or {})},
                      **graph_kwargs),
            html.Figcaption(text, id=caption_id, className="visually-hidden"),
        ],
        className=f"accessible-graph mb-0 {class_name}".strip(),
        **{"aria-label": name, "aria-describedby": caption_id},
    )
