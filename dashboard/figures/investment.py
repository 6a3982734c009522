"""Investment figures: fixed-asset investment against its two 2024 targets, energy and
industrial capacity, and the other investment facts (aid, funds committed).

The report sets two 2024 targets for fixed-asset investment: growth of about 213% and a level
of at least 100亿元. ``fai_rows`` converts each into the other's terms from the 2023 base
stated in the data (growth → implied level, level → implied growth) so both can be read on
one axis; the data-quality finding about them (data/quality.csv) is written on the chart and
the conflicting bars carry a warning mark. Pure: DataFrame in, go.Figure out; no Dash.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.facts import first, select
from dashboard.figures.bars import fact_bars
from dashboard.i18n import normalize_lang, t

FAI = "fixed_asset_investment"
VIEWS: tuple[str, ...] = ("levels", "growth")
ENERGY_SECTORS = ("energy",)
OTHER_SECTORS = ("investment",)
OTHER_INDICATORS = ("funds_committed", "rural_funds")


def findings_for(quality: pd.DataFrame, indicator: str = FAI) -> pd.DataFrame:
    return quality[quality.indicator_id == indicator]


def _labelled(row: pd.Series, key: str, lang: str) -> pd.Series:
    row = row.copy()
    row["label"] = t(f"figures.investment.{key}", lang).format(period=int(row["period"]))
    return row


def _derived(source: pd.Series, base: pd.Series, convert: Callable[[float], float],
             value_kind: str, unit: str, unit_std: str, key: str, lang: str) -> pd.Series:
    """A value computed from a stated target by ``convert`` (canonical units): keeps the
    target's fact id, quote and comparator (so a click opens the sentence it comes from),
    hatched on the chart; a range target's high bound is converted with it."""
    row = _labelled(source, key, lang)
    row["value"] = row["value_std"] = convert(float(source["value_std"]))
    upper = source.get("upper_std")
    if upper is not None and pd.notna(upper):
        row["upper"] = row["upper_std"] = convert(float(upper))
    row["value_kind"], row["unit"], row["unit_std"] = value_kind, unit, unit_std
    row["derived"] = True
    row["series"] = t("figures.investment.implied", lang)
    return row


def fai_rows(facts: pd.DataFrame, lang: str, view: str = "levels") -> pd.DataFrame:
    """Fixed-asset investment rows for ``view``: the latest actual, the later targets in that
    view's terms, and the targets stated in the other terms converted from the actual base."""
    lang = normalize_lang(lang)
    fai = select(facts, indicators=[FAI])
    if fai.empty:
        return fai
    base = first(fai, FAI, "actual", "level")
    period = int(base["period"]) if base is not None else int(fai.period.min()) - 1
    later = fai[(fai.kind.isin(["target", "plan"])) & (fai.period > period)]
    rows: list[pd.Series] = []
    if view == "growth":
        actual = first(fai, FAI, "actual", "growth_pct", period) if base is not None else None
        if actual is not None:
            rows.append(_labelled(actual, "actual_growth", lang))
        rows += [_labelled(r, "growth_target", lang)
                 for _, r in later[later.value_kind == "growth_pct"].iterrows()]
        if base is not None:
            rows += [_derived(r, base, lambda v: (v / base["value_std"] - 1) * 100,
                              "growth_pct", "%", "%", "level_as_growth", lang)
                     for _, r in later[later.value_kind == "level"].iterrows()]
    else:
        if base is not None:
            rows.append(_labelled(base, "actual_level", lang))
            rows += [_derived(r, base, lambda v: base["value_std"] * (1 + v / 100),
                              "level", str(base["unit_std"]), str(base["unit_std"]),
                              "growth_as_level", lang)
                     for _, r in later[later.value_kind == "growth_pct"].iterrows()]
        rows += [_labelled(r, "level_target", lang)
                 for _, r in later[later.value_kind == "level"].iterrows()]
    if not rows:
        return fai.iloc[0:0]
    frame = pd.DataFrame(rows).reset_index(drop=True)
    frame["derived"] = frame.get("derived", pd.Series(False, index=frame.index)).fillna(False)
    frame["derived"] = frame["derived"].astype(bool)
    return frame.sort_values("start", kind="stable")


def fai_figure(facts: pd.DataFrame, quality: pd.DataFrame, reports: pd.DataFrame, lang: str,
               view: str = "levels") -> go.Figure:
    """The 2023 actual and both 2024 targets on one axis, with the contradiction written on
    the chart (message_zh / message_en of each quality finding) and the conflicting bars
    marked ⚠."""
    lang = normalize_lang(lang)
    rows = fai_rows(facts, lang, view)
    found = findings_for(quality)
    flagged = {fid for ids in found.fact_ids for fid in str(ids).split(";")}
    warn = {fid for fid in rows.fact_id
            if fid in flagged and rows[rows.fact_id == fid].kind.iloc[0] != "actual"}
    column = "message_en" if lang == "en" else "message_zh"
    notes = [f"⚠ {message}" for message in found[column]]
    return fact_bars(rows, reports, lang, t("figures.investment.fai_title", lang),
                     warn_ids=warn, notes=notes)


def energy_facts(facts: pd.DataFrame) -> pd.DataFrame:
    return select(facts, sectors=ENERGY_SECTORS)


def energy_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str) -> go.Figure:
    """Photovoltaic (万千瓦) and coal (万吨) capacity, one category per indicator."""
    return fact_bars(energy_facts(facts), reports, lang,
                     t("figures.investment.energy_title", lang), grouped=True)


def other_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Investment-sector facts other than fixed-asset investment, and funds committed."""
    rows = pd.concat([select(facts, sectors=OTHER_SECTORS),
                      select(facts, indicators=OTHER_INDICATORS)])
    rows = rows[rows.indicator_id != FAI]
    return rows[~rows.index.duplicated()].sort_values("start", kind="stable")


def other_figure(facts: pd.DataFrame, reports: pd.DataFrame, lang: str) -> go.Figure:
    return fact_bars(other_facts(facts), reports, lang, t("figures.investment.other_title", lang))

