"""Every target of a year, with its baseline, latest actual, status, quotes and warnings.

Targets are the facts of indicators.csv with kind target or plan and period = the year
(classified ones: an unclassified figure has no indicator to track, and is counted instead),
plus the comparison targets of relative_targets.csv. Headline targets are the growth targets
(the 主要预期目标 of a work report) and the comparison targets; the others are task targets.

A plan a report states more than once (the livelihood list repeats 新建3万亩高标准农田) is one
target with every quote: same indicator, period, kind of value, value and unit, stated in
different sentences, about the same object (the words after the unit, when both have some).
Two figures of one sentence are never merged (9所中小学…、9所乡镇学校…).

Rows depend only on the data, so they are computed once per dataset and year (`target_table`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.text import ReportError, normalise
from dashboard.progress.marks import Key, Mark, actual_marks, baseline, latest_actual
from dashboard.progress.status import Assessment, assess

if TYPE_CHECKING:
    from dashboard.data import Dataset

_SENTENCE_END = "。!?！？;；\n"
_AFTER_UNIT = re.compile(r"(?:余|多)?(?:以上|以下|左右|以内)?")
_OBJECT = re.compile(r"[^,，。;；、:：!?！？\n]{0,4}")


@dataclass(frozen=True)
class TargetRow:
    target_id: str
    indicator_id: str
    name_zh: str
    name_en: str
    sector: str
    period: int
    kind: str  # target, plan or relative
    headline: bool
    value_kind: str
    comparator: str
    value: float | None  # the target in canonical units (None for a comparison target)
    unit: str  # canonical unit
    facts: tuple[dict[str, object], ...]  # the statements of the target, first stated first
    baseline: Mark | None
    actual: Mark | None
    conflicts: tuple[Mark, ...]  # other figures of the actual's date that disagree with it
    assessment: Assessment
    warnings: tuple[dict[str, object], ...]  # quality.csv findings about the target
    direction: str = "up"
    measure: str = "flow"
    relative: dict[str, object] | None = None  # the relative_targets.csv row
    reference: Mark | None = None  # comparison target: the reference indicator's actual
    reference_zh: str = ""
    reference_en: str = ""

    @property
    def status(self) -> str:
        return self.assessment.status.value


@dataclass(frozen=True)
class TargetTable:
    year: int
    rows: tuple[TargetRow, ...]
    unclassified: int  # targets and plans of the year with no indicator (not shown)


def target_years(indicators: pd.DataFrame, relative: pd.DataFrame) -> list[int]:
    """Years with at least one classified target or plan, or a comparison target."""
    goals = indicators[indicators.kind.isin(["target", "plan"])
                       & (indicators.indicator_id != "unclassified")]
    return sorted({int(p) for p in goals.period} | {int(p) for p in relative.period})


def _sentence_and_object(texts: dict[str, str | None], fact: pd.Series) -> tuple[object, str]:
    text = texts.get(str(fact.report_id))
    if text is None:
        return (fact.report_id, fact.quote), ""
    start, end = int(fact.start), int(fact.end)
    sentence = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    pos = end + len(str(fact.unit)) if text.startswith(str(fact.unit), end) else end
    pos = _AFTER_UNIT.match(text, pos).end()  # type: ignore[union-attr]
    return (fact.report_id, sentence), _OBJECT.match(text, pos).group(0)  # type: ignore[union-attr]


def merge_repeats(goals: pd.DataFrame, texts: dict[str, str | None]) -> list[list[pd.Series]]:
    """Groups of statements of the same target (see the module docstring), in report order."""
    clusters: list[tuple[tuple, list[pd.Series], set, str]] = []
    for _, fact in goals.sort_values(["report_id", "start"], kind="stable").iterrows():
        key = (fact.indicator_id, int(fact.period), fact.value_kind,
               round(float(fact.value_std), 9), fact.unit_std)
        sentence, obj = _sentence_and_object(texts, fact)
        for ckey, members, sentences, cobj in clusters:
            if ckey == key and sentence not in sentences and (not obj or not cobj or obj == cobj):
                members.append(fact)
                sentences.add(sentence)
                break
        else:
            clusters.append((key, [fact], {sentence}, obj))
    return [members for _, members, _, _ in clusters]


def _report_texts(dataset: Dataset) -> dict[str, str | None]:
    texts: dict[str, str | None] = {}
    for report_id in dataset.reports.report_id:
        try:
            texts[report_id] = normalise(dataset.report_text(report_id))
        except (ReportError, KeyError, OSError):  # only costs the repeat detection
            texts[report_id] = None
    return texts


def _warnings(quality: pd.DataFrame, fact_ids: set[str], year: int) -> tuple[dict, ...]:
    found = []
    for row in quality[quality.period.astype(int) == year].itertuples(index=False):
        if fact_ids & set(str(row.fact_ids).split(";")):
            found.append(row._asdict())
    return tuple(found)


def build_table(dataset: Dataset, year: int) -> TargetTable:
    """Every target of `year` in `dataset` (data.Dataset), assessed (uncached)."""
    facts = dataset.indicators.set_index("fact_id", drop=False)
    marks = actual_marks(dataset.indicators, dataset.reports, dataset.actuals)
    lexicon = dataset.lexicon
    work = dataset.reports[dataset.reports.genre == "work_report"].report_id
    goals = dataset.indicators[dataset.indicators.kind.isin(["target", "plan"])
                               & (dataset.indicators.period.astype(int) == year)
                               & dataset.indicators.report_id.isin(work)]
    unclassified = int((goals.indicator_id == "unclassified").sum())
    goals = goals[goals.indicator_id != "unclassified"]
    rows: list[TargetRow] = []
    for members in merge_repeats(goals, _report_texts(dataset)):
        first = members[0]
        indicator = lexicon.get(str(first.indicator_id))
        key = Key(str(first.indicator_id), year, str(first.value_kind), str(first.unit_std),
                  str(first.sector) if indicator and indicator.sector == "context" else None)
        actual, conflicts = latest_actual(marks, facts, dataset.actuals, key)
        base = baseline(marks, facts, dataset.actuals, key)
        direction = indicator.direction if indicator else "up"
        measure = indicator.measure if indicator else "flow"
        assessment = assess(
            comparator=str(first.comparator), target=float(first.value_std),
            actual=actual.value if actual else None, elapsed=actual.elapsed if actual else 1.0,
            baseline=base.value if base else None, value_kind=str(first.value_kind),
            direction=direction, measure=measure)
        rows.append(TargetRow(
            str(first.fact_id), str(first.indicator_id), str(first.indicator_zh),
            str(first.indicator_en), str(first.sector), year,
            "target" if any(m.kind == "target" for m in members) else "plan",
            first.kind == "target" and first.value_kind == "growth_pct",
            str(first.value_kind), str(first.comparator), float(first.value_std),
            str(first.unit_std), tuple(m.to_dict() for m in members), base, actual, conflicts,
            assessment, _warnings(dataset.quality, {str(m.fact_id) for m in members}, year),
            direction, measure))
    rows += _relative_rows(dataset, year, marks, facts)
    sectors = {s: i for i, s in enumerate(load_lexicon().sectors)}
    rows.sort(key=lambda r: (not r.headline, 0 if r.headline else sectors.get(r.sector, 99),
                             _first_start(r)))
    return TargetTable(year, tuple(rows), unclassified)


def _first_start(row: TargetRow) -> int:
    if row.relative is not None:
        return int(row.relative["start"])  # type: ignore[arg-type]
    return int(row.facts[0]["start"])  # type: ignore[arg-type]


def _relative_rows(dataset: Dataset, year: int, marks: pd.DataFrame,
                   facts: pd.DataFrame) -> list[TargetRow]:
    rows = []
    lexicon = dataset.lexicon
    for rel in dataset.relative_targets[dataset.relative_targets.period.astype(int) == year
                                        ].to_dict("records"):
        ind, ref = lexicon.get(rel["indicator_id"]), lexicon.get(rel["reference_indicator_id"])
        if ind is None or ref is None:
            continue
        kind = str(rel["value_kind"])
        actual, conflicts = latest_actual(marks, facts, dataset.actuals,
                                          Key(ind.id, year, kind, "%"))
        reference, _ = latest_actual(marks, facts, dataset.actuals, Key(ref.id, year, kind, "%"))
        base = baseline(marks, facts, dataset.actuals, Key(ind.id, year, kind, "%"))
        elapsed = min(m.elapsed for m in (actual, reference) if m) if actual or reference else 1
        assessment = assess(
            comparator=str(rel["comparator"]), target=None,
            actual=actual.value if actual else None, elapsed=elapsed,
            reference=reference.value if reference else None, relative=True)
        rows.append(TargetRow(
            str(rel["target_id"]), ind.id, ind.zh, ind.en, ind.sector, year, "relative", True,
            kind, str(rel["comparator"]), None, "%", (), base, actual, conflicts, assessment,
            (), ind.direction, ind.measure, rel, reference, ref.zh, ref.en))
    return rows


_cache: dict[tuple[int, int], tuple[object, TargetTable]] = {}


def target_table(dataset: Dataset, year: int) -> TargetTable:
    """`build_table`, computed once per dataset and year (the dataset never changes)."""
    key = (id(dataset), year)
    hit = _cache.get(key)
    if hit is not None and hit[0] is dataset:
        return hit[1]
    if len(_cache) > 8:
        _cache.clear()
    table = build_table(dataset, year)
    _cache[key] = (dataset, table)
    return table
