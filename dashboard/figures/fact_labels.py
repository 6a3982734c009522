"""What a bar is called: the category (y tick) of each fact and the legend name of each
kind and period, for :mod:`dashboard.figures.bars`; and indicator names for the pages' KPI
cards and controls, which must name an indicator even when the report lacks it.

Pure: pandas only, no Dash or plotly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.facts import indicator_name
from dashboard.i18n import normalize_lang, t
from dashboard.labels import sector_label
from dashboard.names.display import display_name


def kind_period_label(kind: str, period: int, lang: str, period_start: int | None = None
                      ) -> str:
    """2024年目标 / 2024 target: a kind with its year (the bare kind is labels.kind_label);
    2021–2025年实际 for a figure covering several years."""
    years = f"{period_start}–{period}" if period_start and period_start < period else period
    return t(f"figures.kind.{kind}", lang).format(period=years)


def indicator_names(facts: pd.DataFrame, lexicon: Mapping[str, Any], ids: Sequence[str],
                    lang: str) -> dict[str, str]:
    """Names of ``ids`` from the facts table, else from the lexicon, else the id itself."""
    lang = normalize_lang(lang)
    names: dict[str, str] = {}
    for ind in ids:
        rows = facts[facts.indicator_id == ind]
        if not rows.empty:
            names[ind] = indicator_name(rows.iloc[0], lang)
        elif ind in lexicon:
            names[ind] = display_name(lexicon[ind].zh, lexicon[ind].en, lang)
        else:
            names[ind] = ind
    return names


def _unique(labels: list[str], extra: list[str]) -> list[str]:
    """Make labels unique: append ``extra`` where it tells duplicates apart, then a number."""
    by_label: dict[str, set[str]] = {}
    for lab, ex in zip(labels, extra, strict=True):
        by_label.setdefault(lab, set()).add(ex)
    labels = [f"{lab} · {ex}" if len(by_label[lab]) > 1 else lab
              for lab, ex in zip(labels, extra, strict=True)]
    total = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for lab in labels:
        seen[lab] += 1
        out.append(f"{lab}\u00a0({seen[lab]})" if total[lab] > 1 else lab)
    return out


def categories(facts: pd.DataFrame, lang: str, grouped: bool = False,
               single: bool | None = None) -> list[str]:
    """Category (y tick) of each fact, unique where bars would otherwise overlap.

    Grouped: the indicator name (numbered if one indicator repeats within a kind and
    period). Otherwise: the name, then kind and period, then sector, then a number, each
    added only where the label is still ambiguous; a figure of a single indicator
    (``single``, default: ``facts`` has one indicator) is labelled by kind. A ``label``
    column, where set, replaces the automatic label.
    """
    lang = normalize_lang(lang)
    names = [indicator_name(row, lang) for _, row in facts.iterrows()]
    kinds = [kind_period_label(r.kind, r.period, lang, getattr(r, "period_start", None))
             for r in facts.itertuples()]
    if grouped:
        total = Counter(zip(names, kinds, strict=True))
        seen: Counter[tuple[str, str]] = Counter()
        out = []
        for key in zip(names, kinds, strict=True):
            seen[key] += 1
            out.append(f"{key[0]}\u00a0({seen[key]})" if total[key] > 1 else key[0])
        return out
    if single is None:
        single = facts.indicator_id.nunique() == 1
    labels = kinds if single else _unique(names, kinds)
    if "label" in facts:
        labels = [lab if isinstance(lab, str) and lab else auto
                  for lab, auto in zip(facts["label"], labels, strict=True)]
    sectors = [sector_label(s, lang) for s in facts.sector]
    return _unique(labels, sectors)
