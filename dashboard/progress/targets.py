"""Every target of a year, with its baseline, latest actual, status, quotes and warnings.

Targets are the target groups of the build (``target_groups.csv``: one group per target, the
repeated statements of one target merged, a range's two bounds one target with an ``upper``
bound) of the work reports in the snapshot given, for the year given, plus the comparison
targets of relative_targets.csv. An unclassified figure has no indicator to track, and is
counted instead. Headline targets are the growth targets (the 主要预期目标 of a work report)
and the comparison targets; the others are task targets.
Actuals and baselines come from the reports of the same place (another county's results
never assess a target) and from actuals.csv.

Rows depend only on the snapshot and the year: ``target_table`` keeps them in its memo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.facts import same_place
from dashboard.names.display import display_name
from dashboard.progress.marks import (
    Key,
    Mark,
    actual_marks,
    baseline,
    latest_actual,
    latest_rows,
)
from dashboard.progress.objects import assign, is_generic, name_words, object_words, same_measure
from dashboard.progress.status import Assessment, assess

if TYPE_CHECKING:
    from dashboard.data import Dataset

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
    # No actual because the report states this indicator for other objects only (objects.py).
    ambiguous: bool = False
    # A range (增长6%—7%): `value` is its low bound, `upper` its high bound (canonical units),
    # `upper_facts` the high bound's statements (also in `facts`, after their low bound).
    upper: float | None = None
    upper_facts: tuple[dict[str, object], ...] = ()

    @property
    def status(self) -> str:
        return self.assessment.status.value

    @property
    def statements(self) -> tuple[dict[str, object], ...]:
        """The target's statements, one per sentence: a range's low bounds (its high bound
        is in the same sentence)."""
        highs = {f["fact_id"] for f in self.upper_facts}
        return tuple(f for f in self.facts if f["fact_id"] not in highs)


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


def groups_of(goals: pd.DataFrame, target_groups: pd.DataFrame) -> list[list[pd.Series]]:
    """The statements of each target, grouped as the build grouped them, in report order."""
    by_fact = goals.set_index("fact_id", drop=False)
    members = target_groups[target_groups.fact_id.isin(by_fact.index)].sort_values(
        ["target_id", "position"])
    grouped: dict[str, list[pd.Series]] = {}
    for row in members.itertuples(index=False):
        grouped.setdefault(str(row.target_id), []).append(by_fact.loc[row.fact_id])
    return sorted(grouped.values(), key=lambda m: (str(m[0].report_id), int(m[0].start)))


def _warnings(quality: pd.DataFrame, fact_ids: set[str], year: int) -> tuple[dict, ...]:
    found = []
    for row in quality[quality.period.astype(int) == year].itertuples(index=False):
        if fact_ids & set(str(row.fact_ids).split(";")):
            found.append(row._asdict())
    return tuple(found)


def build_table(dataset: Dataset, year: int) -> TargetTable:
    """Every target of `year` in `dataset` (data.Dataset), assessed (uncached)."""
    place = same_place(dataset.reports, dataset.report_id) if dataset.report_id else set(
        dataset.reports.report_id)
    local = dataset.all_facts[dataset.all_facts.report_id.isin(place)]
    facts = local.set_index("fact_id", drop=False)
    marks = dataset.everything.cached(("actual-marks", frozenset(place)), lambda: actual_marks(
        local, dataset.reports[dataset.reports.report_id.isin(place)], dataset.actuals))
    lexicon = dataset.lexicon
    goals = goals_of(dataset, year)
    unclassified = int((goals.indicator_id == "unclassified").sum())
    goals = goals[goals.indicator_id != "unclassified"]
    chosen, shared = _by_object(dataset, goals, marks, facts)
    ranges = dataset.ranges
    rows: list[TargetRow] = []
    for members in groups_of(goals, dataset.target_groups):
        first = members[0]
        highs = {ranges[str(m.fact_id)] for m in members if str(m.fact_id) in ranges}
        upper_facts = tuple(m.to_dict() for m in members if str(m.fact_id) in highs)
        upper = float(str(upper_facts[0]["value_std"])) if upper_facts else None
        indicator = lexicon.get(str(first.indicator_id))
        key = _key(first, year, lexicon)
        pick = chosen.get(str(first.fact_id), 0)
        actual, conflicts = (None, ()) if pick is None else latest_actual(
            marks, facts, dataset.actuals, key, pick)
        if actual is not None and actual.fact is not None and not same_measure(
                dataset.report_text(str(first.report_id)), int(first.start),
                dataset.report_text(str(actual.fact["report_id"])), int(actual.fact["start"])):
            actual, conflicts, pick = None, (), None  # 新增100家 is not met by 达到1200家
        if str(first.fact_id) in shared:
            conflicts = ()  # several targets of the indicator: the others' figures are theirs
        base = baseline(marks, facts, dataset.actuals, key)
        direction = indicator.direction if indicator else "up"
        measure = indicator.measure if indicator else "flow"
        assessment = assess(
            comparator=str(first.comparator), target=float(first.value_std),
            actual=actual.value if actual else None, elapsed=actual.elapsed if actual else 1.0,
            baseline=base.value if base else None, value_kind=str(first.value_kind),
            direction=direction, measure=measure, upper=upper)
        rows.append(TargetRow(
            str(first.fact_id), str(first.indicator_id), str(first.indicator_zh),
            display_name(first.indicator_zh, first.indicator_en, "en"), str(first.sector), year,
            "target" if any(m.kind == "target" for m in members) else "plan",
            first.kind == "target" and first.value_kind == "growth_pct",
            str(first.value_kind), str(first.comparator), float(first.value_std),
            str(first.unit_std), tuple(m.to_dict() for m in members), base, actual, conflicts,
            assessment, _warnings(dataset.quality, {str(m.fact_id) for m in members}, year),
            direction, measure, ambiguous=pick is None, upper=upper, upper_facts=upper_facts))
    rows += _relative_rows(dataset, year, marks, facts)
    sectors = {s: i for i, s in enumerate(dataset.sector_order)}
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


def target_table(dataset: Dataset, year: int) -> TargetTable:
    """`build_table`, computed once per snapshot, report and year."""
    return dataset.cached(("targets", year), lambda: build_table(dataset, year))


def goals_of(dataset: Dataset, year: int) -> pd.DataFrame:
    """The targets and plans of `year` in the work reports of the snapshot."""
    work = dataset.reports[dataset.reports.genre == "work_report"].report_id
    return dataset.indicators[dataset.indicators.kind.isin(["target", "plan"])
                              & (dataset.indicators.period.astype(int) == year)
                              & dataset.indicators.report_id.isin(work)]


def _key(row: pd.Series, year: int, lexicon: dict) -> Key:
    """What the target is matched on; a target over several years (十四五 年均增长) takes a
    figure over the same years, a name read from the text matches in any word order."""
    indicator = lexicon.get(str(row.indicator_id))
    start = int(row.period_start) if "period_start" in row and pd.notna(row.period_start) \
        else year
    return Key(str(row.indicator_id), year, str(row.value_kind), str(row.unit_std),
               str(row.sector) if indicator and indicator.sector == "context" else None,
               start if start < year else None, str(row.indicator_zh))


def _by_object(dataset: Dataset, goals: pd.DataFrame, marks: pd.DataFrame,
               facts: pd.DataFrame) -> tuple[dict[str, int | None], set[str]]:
    """First fact id of a target -> which of its latest candidates is its actual, for the
    targets whose indicator has several targets or several candidates (objects.py); and the
    targets that share their indicator with another target."""
    groups = groups_of(goals, dataset.target_groups)
    by_key: dict[Key, list[pd.Series]] = {}
    for members in groups:
        year = int(members[0].period)
        by_key.setdefault(_key(members[0], year, dataset.lexicon), []).append(members[0])
    chosen: dict[str, int | None] = {}
    shared: set[str] = set()
    for key, firsts in by_key.items():
        # A catch-all name (投入资金: its sector comes from the sentence) says nothing of its
        # object, so even one target takes only a figure about the same object.
        catch_all = key.sector is not None or is_generic(str(firsts[0].indicator_zh))
        if len(firsts) < 2 and not catch_all:
            continue  # one target: the best figure (bulletin first), disagreements shown
        rows = latest_rows(marks, key)
        # The catch-all's own name (投入资金, 投资) is no word of an object.
        own = name_words(str(firsts[0].indicator_zh)) if catch_all else frozenset()
        targets = [_words(dataset, f, catch_all) - own for f in firsts]
        candidates = [_words(dataset, facts.loc[r.fact_id], catch_all) - own
                      if r.fact_id is not None else frozenset() for r in rows.itertuples()]
        for first, pick in zip(firsts, assign(targets, candidates, same_object=catch_all),
                               strict=True):
            chosen[str(first.fact_id)] = pick
            if len(firsts) > 1:
                shared.add(str(first.fact_id))
    return chosen, shared


def _words(dataset: Dataset, fact: pd.Series, wide: bool = False) -> frozenset[str]:
    text = dataset.report_text(str(fact.report_id))
    return object_words(text, int(fact.start), int(fact.end), wide)
