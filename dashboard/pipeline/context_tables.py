"""Tables the app needs besides the facts, computed in the build so that data/ alone describes
what the app shows: the report text by passage (for the reader), target groups (repeated
statements of one target merged), and the indicator and sector metadata of the lexicon.

Pure Python and pandas; no Dash.
"""

from __future__ import annotations

import re

import pandas as pd

from .lexicon import Lexicon
from .nouns import is_open_id
from .structure import Layout
from .units import unit_info

_SENTENCE_END = "。!?！？;；\n"
_AFTER_UNIT = re.compile(r"(?:余|多)?(?:以上|以下|左右|以内)?")
_OBJECT = re.compile(r"[^,，。;；、:：!?！？\n]{0,4}")


def _dimension(unit: str) -> str:
    """Canonical unit -> dimension (亿元 -> money, % -> percent)."""
    if unit in ("%", "个百分点"):
        return "percent"
    info = unit_info(unit)
    return info.dimension if info is not None else ("count" if unit else "none")


def passages(text: str, layout: Layout, report_id: str) -> list[dict[str, object]]:
    """One row per non-empty line of the report body, with its section, outlook and period.

    ``text[start:end]`` is the passage, so the reader can put the text back together with
    every fact's offsets intact.
    """
    rows: list[dict[str, object]] = []
    for section in layout.sections:
        start = max(section.start, layout.body_start)
        end = min(section.end, layout.body_end, len(text))
        while end > start and text[end - 1] in "\n\r":
            end -= 1
        line = text[start:end]
        if not line.strip():
            continue
        role = ("title" if line.strip() == layout.title and not rows else
                "heading" if line.strip() == section.name else "text")
        rows.append({"report_id": report_id, "seq": len(rows), "start": start, "end": end,
                     "role": role, "section": section.name, "outlook": section.outlook,
                     "period": section.period, "text": line})
    return rows


def _sentence_and_object(text: str, fact: pd.Series) -> tuple[int, str]:
    start, end = int(fact.start), int(fact.end)
    sentence = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    unit = str(fact.unit)
    pos = end + len(unit) if unit and text.startswith(unit, end) else end
    pos = _AFTER_UNIT.match(text, pos).end()  # type: ignore[union-attr]
    return sentence, _OBJECT.match(text, pos).group(0)  # type: ignore[union-attr]


def target_groups(facts: pd.DataFrame, texts: dict[str, str]) -> list[dict[str, object]]:
    """Targets and plans, with the statements of one target merged into one group.

    A plan a report states more than once (the livelihood list repeats 新建3万亩高标准农田) is
    one target: same report, indicator, period, kind of value, value and unit, stated in
    different sentences, about the same object (the words after the unit, when both have
    some). Two figures of one sentence are never merged (9所中小学…、9所乡镇学校…).
    The group's id is its first statement's fact id.
    """
    goals = facts[facts.kind.isin(["target", "plan"])
                  & (facts.indicator_id != "unclassified")]
    clusters: list[tuple[tuple, list[pd.Series], set, str]] = []
    for _, fact in goals.sort_values(["report_id", "start"], kind="stable").iterrows():
        key = (fact.report_id, fact.indicator_id, int(fact.period), fact.value_kind,
               round(float(fact.value_std), 9), fact.unit_std)
        sentence, obj = _sentence_and_object(texts[str(fact.report_id)], fact)
        for ckey, members, sentences, cobj in clusters:
            if ckey == key and sentence not in sentences and (not obj or not cobj or obj == cobj):
                members.append(fact)
                sentences.add(sentence)
                break
        else:
            clusters.append((key, [fact], {sentence}, obj))
    rows = []
    for _, members, _, _ in clusters:
        target_id = str(members[0].fact_id)
        rows += [{"report_id": m.report_id, "target_id": target_id, "fact_id": m.fact_id,
                  "position": i} for i, m in enumerate(members)]
    return rows


def indicator_meta(lexicon: Lexicon, facts: pd.DataFrame | None = None
                   ) -> list[dict[str, object]]:
    """What the app needs to know of each lexicon indicator (names, sector, direction…), then
    of each indicator named from the text (nouns.py): its name as first written, the sector
    of its first figure, and the dimensions its figures have."""
    rows = [{"indicator_id": ind.id, "zh": ind.zh, "en": ind.en, "sector": ind.sector,
             "type": ind.type, "direction": ind.direction, "measure": ind.measure,
             "dims": ";".join(ind.dims), "topic": ind.topic, "per_capita": int(ind.per_capita)}
            for ind in lexicon.indicators.values()]
    if facts is None or facts.empty:
        return rows
    named = facts[facts.indicator_id.map(is_open_id)].sort_values(
        ["report_id", "start"], kind="stable")
    for ind_id, group in named.groupby("indicator_id", sort=False):
        first = group.iloc[0]
        dims = sorted({_dimension(str(u)) for u in group.unit_std.fillna("")})
        rows.append({"indicator_id": ind_id, "zh": first.indicator_zh,
                     "en": first.indicator_en, "sector": first.sector,
                     "type": "outcome" if (group.kind == "target").any() else "output",
                     "direction": "up", "measure": "flow", "dims": ";".join(dims),
                     "topic": first.sector, "per_capita": 0})
    return rows


def sector_table(lexicon: Lexicon) -> list[dict[str, object]]:
    """Sectors in the lexicon's order (the order pages list them in)."""
    return [{"sector": s, "position": i} for i, s in enumerate(lexicon.sectors)]
