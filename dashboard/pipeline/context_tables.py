"""Tables the app needs besides the facts, computed in the build so that data/ alone describes
what the app shows: the report text by passage (for the reader), target groups (repeated
statements of one target merged), and the indicator and sector metadata of the lexicon.

Pure Python and pandas; no Dash.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .decisions import Sentences
from .lexicon import Lexicon
from .nouns import is_open_id
from .structure import Layout
from .units import unit_info

_AFTER_UNIT = re.compile(r"(?:余|多)?(?:以上|以下|左右|以内)?")
_OBJECT = re.compile(r"[^,，。;；、:：!?！？\n]{0,4}")
# Between the two numbers of a range: the sign alone (the low bound's unit is cut off first).
_RANGE_JOIN = re.compile(r"\s*[—–\-~～至到]{1,2}\s*")


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


def _sentence_and_object(text: str, fact: pd.Series, sentences: Sentences
                         ) -> tuple[int, str]:
    """Where the figure's sentence starts, and the few words after its unit."""
    start, end = int(fact.start), int(fact.end)
    sentence, _ = sentences.span(start, end)  # after the last end mark before the figure
    unit = str(fact.unit)
    pos = end + len(unit) if unit and text.startswith(unit, end) else end
    pos = _AFTER_UNIT.match(text, pos).end()  # type: ignore[union-attr]
    return sentence, _OBJECT.match(text, pos).group(0)  # type: ignore[union-attr]


def range_high(text: str, low: pd.Series, high: pd.Series) -> bool:
    """Whether ``high`` is the high bound of a range whose low bound is ``low`` (6%—7%,
    6—7%, 12至13万吨): the reader gives the two numbers ``>=`` and ``<=`` (classify.is_range_pair);
    here they must also measure the same thing and be joined by a range sign alone, with at
    most the first number's unit before it."""
    if (low.comparator, high.comparator) != (">=", "<=") or any(
            getattr(low, c) != getattr(high, c)
            for c in ("report_id", "indicator_id", "period", "value_kind", "unit_std")):
        return False
    between = text[int(low.end):int(high.start)]
    unit = str(low.unit) if isinstance(low.unit, str) else ""
    if unit and between.startswith(unit):
        between = between[len(unit):]
    return _RANGE_JOIN.fullmatch(between) is not None


def _statements(goals: pd.DataFrame, texts: dict[str, str]) -> list[tuple[pd.Series, ...]]:
    """The goals in report order, a range's two bounds as one statement (low, high)."""
    # Rows as named tuples (a Series per row cost more than reading the report).
    rows = list(goals.sort_values(["report_id", "start"], kind="stable").itertuples(index=False))
    out: list[tuple[pd.Series, ...]] = []
    i = 0
    while i < len(rows):
        if i + 1 < len(rows) and range_high(texts[str(rows[i].report_id)], rows[i], rows[i + 1]):
            out.append((rows[i], rows[i + 1]))
            i += 2
        else:
            out.append((rows[i],))
            i += 1
    return out


def target_groups(facts: pd.DataFrame, texts: dict[str, str]) -> list[dict[str, object]]:
    """Targets and plans, with the statements of one target merged into one group.

    A plan a report states more than once (the livelihood list repeats 新建3万亩高标准农田) is
    one target: same report, indicator, period, kind of value, value and unit, stated in
    different sentences, about the same object (the words after the unit, when both have
    some). Two figures of one sentence are never merged (9所中小学…、9所乡镇学校…).
    A range (地区生产总值增长6%—7%, two facts so that each number keeps its offsets) is one
    target with two bounds: its low bound at position 0, its high bound at position 1; a
    restatement of the same range adds its own pair (positions 2 and 3). Nothing else puts
    two values in one group, which is how the app tells a range (``dashboard.data``).
    The group's id is its first statement's fact id (a range's low bound).
    """
    goals = facts[facts.kind.isin(["target", "plan"])
                  & (facts.indicator_id != "unclassified")]
    clusters: list[tuple[tuple, list[pd.Series], set, str]] = []
    # The clusters of each key, in the order made, and each text's sentence ends found once:
    # a long text's many targets cost no square (#23).
    by_key: dict[tuple, list[tuple[tuple, list[pd.Series], set, str]]] = {}
    ends: dict[str, Sentences] = {}
    for statement in _statements(goals, texts):
        fact, last = statement[0], statement[-1]
        key = (fact.report_id, fact.indicator_id, int(fact.period), fact.value_kind,
               round(float(fact.value_std), 9), fact.unit_std,
               round(float(last.value_std), 9) if len(statement) > 1 else None)
        text = texts[str(fact.report_id)]
        if str(fact.report_id) not in ends:
            ends[str(fact.report_id)] = Sentences(text)
        sentence, _ = _sentence_and_object(text, fact, ends[str(fact.report_id)])
        _, obj = _sentence_and_object(text, last, ends[str(fact.report_id)])
        for _, members, sentences, cobj in by_key.get(key, ()):
            if sentence not in sentences and (not obj or not cobj or obj == cobj):
                members.extend(statement)
                sentences.add(sentence)
                break
        else:
            cluster = (key, list(statement), {sentence}, obj)
            clusters.append(cluster)
            by_key.setdefault(key, []).append(cluster)
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
    return rows + merge_open_indicators(
        [open_indicators(group) for _, group in facts.groupby("report_id", sort=True)])


def open_indicators(facts: pd.DataFrame) -> list[dict[str, object]]:
    """The indicators one report names from its text (nouns.py), in order of first figure:
    the name and sector of that figure, whether any figure is a target, and the dimensions
    of its figures. ``merge_open_indicators`` joins those of every report."""
    named = facts[facts.indicator_id.map(is_open_id)].sort_values("start", kind="stable")
    # One pass over the columns: a report names a few hundred indicators, and a group per
    # indicator cost more than reading the report.
    rows: dict[str, dict[str, Any]] = {}
    for ind_id, zh, en, sector, kind, unit in zip(
            named.indicator_id, named.indicator_zh, named.indicator_en, named.sector,
            named.kind, named.unit_std.fillna(""), strict=True):
        one = rows.get(ind_id)
        if one is None:
            one = rows[ind_id] = {"indicator_id": ind_id, "zh": zh, "en": en,
                                  "sector": sector, "target": False, "dims": set()}
        one["target"] = one["target"] or kind == "target"
        one["dims"].add(_dimension(str(unit)))
    return [{**one, "dims": sorted(one["dims"])} for one in rows.values()]


def merge_open_indicators(reports: list[list[dict[str, object]]]) -> list[dict[str, object]]:
    """indicator_meta rows of the indicators named from the text, from each report's
    ``open_indicators`` in order of report id: an indicator is described by the first
    report naming it, is a target's if any report sets one, and has every report's
    dimensions. Linear in the number of reports."""
    merged: dict[object, dict[str, object]] = {}
    for rows in reports:
        for one in rows:
            known = merged.get(one["indicator_id"])
            if known is None:
                merged[one["indicator_id"]] = {**one, "dims": set(one["dims"])}  # type: ignore[call-overload]
            else:
                known["target"] = bool(known["target"] or one["target"])
                known["dims"].update(one["dims"])  # type: ignore[attr-defined]
    return [{"indicator_id": ind_id, "zh": m["zh"], "en": m["en"], "sector": m["sector"],
             "type": "outcome" if m["target"] else "output", "direction": "up",
             "measure": "flow", "dims": ";".join(sorted(m["dims"])),  # type: ignore[call-overload]
             "topic": m["sector"], "per_capita": 0} for ind_id, m in merged.items()]


def sector_table(lexicon: Lexicon) -> list[dict[str, object]]:
    """Sectors in the lexicon's order (the order pages list them in)."""
    return [{"sector": s, "position": i} for i, s in enumerate(lexicon.sectors)]
