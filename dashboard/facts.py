"""Queries over the facts table shared by pages, cards and figures (pure pandas)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from dashboard.i18n import normalize_lang, t
from dashboard.names.display import display_name


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


_MAIN_TARGETS = re.compile(r"(?:主要预期目标|主要目标|预期目标|奋斗目标)[^。；;]{0,12}?[:：是为]")


def main_target_facts(facts: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """The targets of the report's main-target sentence (主要预期目标是：…), as stated.

    Found in the plan passages: from the words 主要预期目标 (or 主要目标, 预期目标, 奋斗目标)
    followed by 是/为/colon, to the end of that sentence. A report without such a sentence
    gives its growth targets instead.
    """
    targets = facts[(facts.kind == "target") & (facts.indicator_id != "unclassified")]
    if targets.empty:
        return targets
    spans = []
    plans = passages[(passages.outlook == "plan")
                     & passages.report_id.isin(set(targets.report_id))]
    for row in plans.itertuples(index=False):
        match = _MAIN_TARGETS.search(str(row.text))
        if match:
            stop = str(row.text).find("。", match.end())
            end = int(row.start) + (stop if stop >= 0 else len(str(row.text)))
            spans.append((row.report_id, int(row.start) + match.start(), end))
    if spans:
        mask = pd.Series(False, index=targets.index)
        for report_id, lo, hi in spans:
            mask |= ((targets.report_id == report_id) & (targets.start >= lo)
                     & (targets.start < hi))
        if mask.any():
            return targets[mask].sort_values("start", kind="stable")
    return targets[targets.value_kind == "growth_pct"].sort_values("start", kind="stable")


def headline_indicators(facts: pd.DataFrame, passages: pd.DataFrame,
                        relative: pd.DataFrame | None = None) -> list[str]:
    """The report's headline indicators: its main-target list, in the order stated (with the
    indicator of a comparison target such as 收入增速高于GDP增速 in its place)."""
    rows = main_target_facts(facts, passages)
    found = list(zip(rows.start.astype(int), rows.indicator_id, strict=True))
    if relative is not None and not relative.empty:
        found += list(zip(relative.start.astype(int), relative.indicator_id, strict=True))
    return list(dict.fromkeys(ind for _, ind in sorted(found)))


def indicator_name(fact: pd.Series | dict, lang: str) -> str:
    """The fact's indicator name in ``lang``; in English marked where it is a machine
    suggestion or still Chinese (``dashboard/names/display.py``)."""
    return display_name(fact["indicator_zh"], fact["indicator_en"], lang)


def report_title(reports: pd.DataFrame, report_id: str, lang: str) -> str:
    """<place>2024年政府工作报告: the printed title, prefixed by the place if it lacks it."""
    row = reports.set_index("report_id").loc[report_id]
    if normalize_lang(lang) == "en" and isinstance(row.get("title_en"), str) and row["title_en"]:
        return str(row["title_en"])
    place = row.get("place")
    title = str(row["title"])
    return title if not isinstance(place, str) or place in title else f"{place}{title}"


def same_place(reports: pd.DataFrame, report_id: str) -> set[str]:
    """Ids of the reports about the same place as ``report_id`` (itself included); a report
    naming no place stands alone."""
    place = reports.set_index("report_id").loc[report_id].get("place")
    if not isinstance(place, str) or not place:
        return {report_id}
    return set(reports.loc[reports.place == place, "report_id"])


def place_name(reports: pd.DataFrame, report_id: str, lang: str) -> str:
    """The place a report is about (``place`` / ``place_en`` of reports.csv), or ""."""
    row = reports.set_index("report_id").loc[report_id]
    value = row.get("place_en" if normalize_lang(lang) == "en" else "place")
    if normalize_lang(lang) == "en" and not isinstance(value, str):
        value = row.get("place")
    return value if isinstance(value, str) else ""


def source_text(reports: pd.DataFrame, facts: pd.DataFrame, lang: str) -> str:
    """One citation line for a set of facts: report title(s) and the sections quoted."""
    lang = normalize_lang(lang)
    if facts.empty:
        return ""
    titles = "; ".join(report_title(reports, r, lang) for r in facts.report_id.unique())
    sections = "; ".join(dict.fromkeys(s.split(" › ")[0] for s in facts.section))
    return f"{t('source.prefix', lang)}{titles} · {sections}"
