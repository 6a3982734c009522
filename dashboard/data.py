"""The app's data: one immutable snapshot of one data version's tables.

Everything the app shows comes from a :class:`Dataset`: the facts and reports, target groups,
the report text by passage, indicator metadata (names, direction, measure, topic) and sector
order, and the in-year figures of ``actuals.csv``. The public pages read nothing from
``seeds/`` or the lexicon while serving (staff screens do: the sector list of /admin/users,
the glossary's suggestions on /upload). The files are read and validated by
``dashboard/data_files.py`` (from a folder such as ``data/``, or from a version stored in
the database); a missing or malformed table raises :class:`DataError` naming the file, the
line and the column.

A dataset is never changed. ``scoped(report_id)`` gives the same snapshot seen from one
report (its facts and targets; every report's actuals stay visible for progress and trends).
Values derived from a snapshot are kept in its one :class:`Memo`, so a later data version
comes with a fresh cache and nothing computed from an older one is ever served with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeVar

import pandas as pd

from dashboard.facts import headline_indicators
from dashboard.pipeline.lexicon import Indicator
from dashboard.pipeline.structure import Layout, Section
from dashboard.progress.actuals import Rejection, empty_actuals

T = TypeVar("T")
MEMO_ENTRIES = 2048


class DataError(Exception):
    """A data file the app cannot use; the message names the file and the problem."""


class Memo:
    """Values derived from one snapshot, by key; bounded, least recently used dropped first.

    Two requests for the same new key may both build it; that is harmless.
    """

    def __init__(self, entries: int = MEMO_ENTRIES) -> None:
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._entries = entries
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._entries:
                self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)


@dataclass(frozen=True, eq=False)
class Dataset:
    indicators: pd.DataFrame
    reports: pd.DataFrame
    quality: pd.DataFrame
    relative_targets: pd.DataFrame
    passages: pd.DataFrame
    target_groups: pd.DataFrame
    indicator_meta: pd.DataFrame
    sectors: pd.DataFrame
    # actuals.csv: figures entered by hand; bad rows are left out and listed instead.
    actuals: pd.DataFrame = field(default_factory=empty_actuals)
    actual_rejections: tuple[Rejection, ...] = ()
    version: str = "files"
    # The report this view is scoped to (None: every report), and the unscoped snapshot.
    report_id: str | None = None
    whole: Dataset | None = None
    memo: Memo = field(default_factory=Memo, repr=False)

    # -- the snapshot as a whole ------------------------------------------------------------
    @property
    def everything(self) -> Dataset:
        return self.whole or self

    @property
    def all_facts(self) -> pd.DataFrame:
        """Facts of every report (actuals for progress and trends)."""
        return self.everything.indicators

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()`` once per snapshot and key (the key is scoped to the selected report)."""
        return self.memo.get((self.report_id, key), build)

    @cached_property
    def lexicon(self) -> dict[str, Indicator]:
        return {r["indicator_id"]: Indicator(
            r["indicator_id"], r["zh"], r["en"], r["sector"], r["type"], r["direction"],
            tuple(str(r["dims"]).split(";")), r["measure"], r["topic"], bool(r["per_capita"]))
            for r in self.indicator_meta.to_dict("records")}

    @cached_property
    def sector_order(self) -> tuple[str, ...]:
        return tuple(self.sectors.sort_values("position").sector)

    # -- reports ----------------------------------------------------------------------------
    def report(self, report_id: str) -> pd.Series:
        return self.reports.set_index("report_id").loc[report_id]

    def report_text(self, report_id: str) -> str:
        """The report's body text, in which every fact's start/end offsets point.

        Put together from passages.csv; anything between passages (page furniture, blank
        lines) is a line break, so offsets and the reader's search stay right.
        """
        return self.memo.get(("text", report_id), lambda: _text_from_passages(
            self.everything.passages, report_id, int(self.report(report_id)["chars"])))

    def layout(self, report_id: str) -> Layout:
        """The report's title, body and sections, as the build read them."""
        return self.memo.get(("layout", report_id), lambda: _layout(self, report_id))

    def headline(self) -> list[str]:
        """The selected report's main-target indicators (``facts.headline_indicators``)."""
        return self.cached(("headline",), lambda: headline_indicators(
            self.indicators, self.passages, self.relative_targets))

    @cached_property
    def ranges(self) -> dict[str, str]:
        """Low-bound fact id -> high-bound fact id of every range target (``range_pairs``)."""
        return range_pairs(self.indicators, self.target_groups)

    @cached_property
    def ranged_facts(self) -> pd.DataFrame:
        """The facts as charts, cards, slides and the brief show them: a range target
        (6%—7%) is one row, its low bound's, carrying the high bound (``with_ranges``).
        The data explorer and the report reader list every fact as read."""
        return with_ranges(self.indicators, self.ranges)

    def facts_in_quality_findings(self) -> set[str]:
        ids: set[str] = set()
        for fact_ids in self.quality["fact_ids"]:
            ids.update(str(fact_ids).split(";"))
        return ids

    # -- one report -------------------------------------------------------------------------
    def scoped(self, report_id: str) -> Dataset:
        """This snapshot as seen from one report: its facts, targets and findings."""
        base = self.everything
        return base.memo.get(("scoped", report_id), lambda: replace(
            base, report_id=report_id, whole=base,
            indicators=_rows(base.indicators, report_id),
            quality=_rows(base.quality, report_id),
            relative_targets=_rows(base.relative_targets, report_id),
            target_groups=_rows(base.target_groups, report_id)))


def range_pairs(facts: pd.DataFrame, target_groups: pd.DataFrame) -> dict[str, str]:
    """Low-bound fact id -> high-bound fact id of each statement of a range target.

    The build (``pipeline.context_tables.target_groups``) puts a range's bounds in one group
    as pairs, low then high (positions 0 and 1, then 2 and 3 for a restatement); a group of
    repeated statements holds one value only. So a group is a range when its second member's
    value differs from its first's and the pair reads ``>=`` then ``<=``.
    """
    if target_groups.empty or facts.empty:
        return {}
    known = facts.set_index("fact_id")[["comparator", "value_std"]]
    members = target_groups[target_groups.fact_id.isin(known.index)].sort_values(
        ["target_id", "position"])
    pairs: dict[str, str] = {}
    for _, group in members.groupby("target_id", sort=False):
        ids = [str(f) for f in group.fact_id]
        if len(ids) < 2 or known.loc[ids[0], "value_std"] == known.loc[ids[1], "value_std"]:
            continue
        for low, high in zip(ids[0::2], ids[1::2], strict=False):
            if (known.loc[low, "comparator"], known.loc[high, "comparator"]) == (">=", "<="):
                pairs[low] = high
    return pairs


def with_ranges(facts: pd.DataFrame, pairs: dict[str, str]) -> pd.DataFrame:
    """``facts`` with each range as one row: the low bound's row gains ``upper`` (the high
    bound as written), ``upper_std`` (in the canonical unit) and ``upper_fact_id``, and the
    high bound's row is left out. Other rows get empty values in those columns."""
    by_id = facts.set_index("fact_id")
    highs = [h for h in pairs.values() if h in by_id.index]
    low_of = {h: low for low, h in pairs.items()}
    shown = facts[~facts.fact_id.isin(highs)]
    upper = by_id.loc[highs].assign(fact_id=[low_of[h] for h in highs], upper_fact_id=highs)
    upper = upper.set_index("fact_id")
    return shown.assign(
        upper=shown.fact_id.map(upper["value"]).astype(float),
        upper_std=shown.fact_id.map(upper["value_std"]).astype(float),
        upper_fact_id=shown.fact_id.map(upper["upper_fact_id"]))


def _rows(frame: pd.DataFrame, report_id: str) -> pd.DataFrame:
    return frame[frame.report_id == report_id]


def _text_from_passages(passages: pd.DataFrame, report_id: str, length: int) -> str:
    chars = ["\n"] * length
    for row in passages[passages.report_id == report_id].itertuples(index=False):
        chars[int(row.start):int(row.end)] = list(str(row.text))
    return "".join(chars)


def _layout(dataset: Dataset, report_id: str) -> Layout:
    report = dataset.report(report_id)
    rows = dataset.everything.passages
    rows = rows[rows.report_id == report_id].sort_values("seq")
    layout = Layout(str(report["title"]), str(report["genre"]), int(report["report_year"]),
                    report.get("published"), report.get("delivered"),
                    int(report["body_start"]), int(report["body_end"]))
    # A passage keeps its trailing line break inside its section, as the build saw it.
    layout.sections = [Section(int(r.start), int(r.end) + 1, str(r.section), str(r.outlook),
                               int(r.period)) for r in rows.itertuples(index=False)]
    return layout


def latest_work_report(dataset: Dataset) -> str | None:
    """The default report: the latest work report (latest delivered among one year's)."""
    def find() -> str | None:
        reports = dataset.everything.reports
        if reports.empty:
            return None
        work = reports[reports.genre == "work_report"]
        pool = work if not work.empty else reports
        order = pool.assign(_day=pool.delivered.fillna(pool.published).fillna(""))
        return str(order.sort_values(["report_year", "_day"]).iloc[-1].report_id)

    return dataset.everything.memo.get(("latest-work-report",), find)


def report_ids(dataset: Dataset) -> frozenset[str]:
    return dataset.everything.memo.get(("report-ids",), lambda: frozenset(
        dataset.everything.reports.report_id))


def report_for(dataset: Dataset, report: Any, fact: Any) -> Any:
    """``?report=`` if given, else the report stating ``?fact=`` (a link to a fact need not
    name its report), else None (the default report)."""
    if report not in (None, "") or not isinstance(fact, str) or len(fact) > 200:
        return report
    facts = dataset.all_facts
    owner = facts.loc[facts.fact_id == fact, "report_id"]
    return str(owner.iloc[0]) if not owner.empty else None


def select_report(dataset: Dataset, wanted: Any) -> tuple[Dataset, bool]:
    """The snapshot scoped to the report ``wanted`` names (``?report=``), and whether that
    value was usable; anything else gives the latest work report."""
    known = report_ids(dataset)
    if isinstance(wanted, list):
        wanted = wanted[0] if len(wanted) == 1 else None
    ok = wanted is None or wanted == "" or (isinstance(wanted, str) and wanted in known)
    chosen = wanted if isinstance(wanted, str) and wanted in known else latest_work_report(dataset)
    if chosen is None:
        return dataset, ok
    return dataset.everything.scoped(chosen), ok
