"""What a brief holds: frozen values, every text already formatted for its language.

Built by ``content.py``; laid out by ``document.py`` and ``svg.py``, which only escape and
place them.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.brief.notes import Footnote


@dataclass(frozen=True)
class Figure:
    name: str
    period: str  # 2023年实际
    value: str  # 259.03亿元, as the report wrote it
    change_label: str  # 同比 / 比上年; "" when no change is known
    change: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class TargetLine:
    name: str
    target: str
    baseline: str
    actual: str
    status: str  # achieved, on_track, behind, no_actual
    icon: str
    word: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Bar:
    value: float | None  # None: the report states no such figure
    text: str
    upper: float | None = None  # a range target (6%—7%): its high bound; value is the low one


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    bars: tuple[Bar, ...]  # one per category


@dataclass(frozen=True)
class Chart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    notes: tuple[int, ...]
    missing: str  # what a missing bar says


@dataclass(frozen=True)
class Brief:
    lang: str
    html_lang: str
    title: str
    meta: tuple[str, ...]  # report and date, data as of, version, sectors
    notice: str  # "" unless query values were ignored
    figures: tuple[Figure, ...]
    targets_title: str
    targets: tuple[TargetLine, ...]
    more_targets: int
    chart: Chart | None
    footnotes: tuple[Footnote, ...]
    file_stem: str  # <report>-brief-<year>-<lang>
