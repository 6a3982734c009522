"""Queries over the facts table shared by pages, cards and figures (pure pandas)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.i18n import normalize_lang


def select(facts: pd.DataFrame, *, indicators: Iterable[str] | None = None,
           kinds: Iterable[str] | None = None, periods: Iterable[int] | None = None,
           value_kinds: Iterable[str] | None = None,
           sectors: Iterable[str] | None = None) -> pd.DataFrame:
    """Facts matching every filter given; a filter left as None does not restrict."""
    mask = pd.Series(True, index=facts.index)
    for column, wanted in (("indicator_id", indicators), ("kind", kinds), ("period", periods),
                           ("value_kind", value_kinds), ("sector", sectors)):
        if wanted is not None:
            mask &= facts[column].isin(list(wanted))
    return facts[mask]


def first(facts: pd.DataFrame, indicator: str, kind: str, value_kind: str,
          period: int | None = None) -> pd.Series | None:
    """The first-stated fact of one indicator, kind and value kind (latest period if None)."""
    rows = select(facts, indicators=[indicator], kinds=[kind], value_kinds=[value_kind])
    if period is not None:
        rows = rows[rows.period == period]
    elif not rows.empty:
        rows = rows[rows.period == rows.period.max()]
    return None if rows.empty else rows.sort_values("start").iloc[0]


def indicator_name(fact: pd.Series | dict, lang: str) -> str:
    return str(fact["indicator_en"] if normalize_lang(lang) == "en" else fact["indicator_zh"])


def report_title(reports: pd.DataFrame, report_id: str, lang: str) -> str:
    """沙湾市2024年政府工作报告: the printed title, prefixed by the place if it lacks it."""
    row = reports.set_index("report_id").loc[report_id]
    if normalize_lang(lang) == "en" and isinstance(row.get("title_en"), str) and row["title_en"]:
        return str(row["title_en"])
    place = row.get("place")
    title = str(row["title"])
    return title if not isinstance(place, str) or place in title else f"{place}{title}"


def source_text(reports: pd.DataFrame, facts: pd.DataFrame, lang: str) -> str:
    """One citation line for a set of facts: report title(s) and the sections quoted."""
    lang = normalize_lang(lang)
    if facts.empty:
        return ""
    titles = "; ".join(report_title(reports, r, lang) for r in facts.report_id.unique())
    sections = "; ".join(dict.fromkeys(s.split(" › ")[0] for s in facts.section))
    label = "Source: " if lang == "en" else "来源："
    return f"{label}{titles} · {sections}"
