"""What the one-page brief says: pure, a :class:`query.Choice` in, a frozen :class:`Brief` out.

* **Headline figures** (6–8): the report's main-target indicators that it states a result for
  (``Dataset.headline``, as the overview's KPI cards), then its other outcome indicators
  (lexicon ``type: outcome``), a sector not yet shown first, in the order the report states
  them; outputs only if that leaves fewer than six. Each shows its latest actual as stated
  and its change: the growth the report states with it (``kpi_card.pick``), else the
  difference from the previous year's figure stated by a report of the same place.
* **Target table**: the year's targets (``progress.targets.target_table``, the rows of
  /targets), at most ``MAX_TARGET_ROWS`` so the page stays one sheet: the headline targets,
  then those with an actual, then the others, shown in the panel's order; the rest counted.
* **Chart**: past-year growth against this year's growth target for the headline indicators
  (``figures.economy.growth_facts``, the overview's chart; a range target is one bar).
* **Footnotes** (``notes.Notes``): the source of every number.

Everything is text already formatted for the language: ``document.py`` only escapes and lays
it out. The generation time is not part of it, so a Brief is kept in the snapshot's memo.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.brief import fit
from dashboard.brief.model import Bar, Brief, Chart, Figure, Series, TargetLine
from dashboard.brief.notes import Notes, report_date
from dashboard.brief.query import Choice
from dashboard.components.kpi_card import MAIN_VALUE_KINDS, pick
from dashboard.components.status_badge import STATUS_ICONS, status_label
from dashboard.facts import indicator_name, place_name, report_title, same_place, select
from dashboard.figures import economy
from dashboard.figures.fact_labels import indicator_names, kind_period_label
from dashboard.figures.gauges import mark_text, target_text, target_title
from dashboard.format import as_stated, fact_value, upper_of, with_unit
from dashboard.i18n import HTML_LANG, t
from dashboard.labels import KIND_COLORS, sector_label
from dashboard.progress.targets import TargetRow, target_table

MIN_FIGURES, MAX_FIGURES = 6, 8
MAX_TARGET_ROWS = 14
MAX_CHART_ROWS = 8


def brief(choice: Choice) -> Brief:
    """The brief of ``choice`` with as many target rows (up to MAX_TARGET_ROWS) as fit on
    the page (``fit.fits``), once per snapshot and choice."""
    def fitted() -> Brief:
        for rows in range(MAX_TARGET_ROWS, 0, -1):
            made = build(choice, rows)
            if fit.fits(made):
                return made
        return build(choice, 0)
    return choice.dataset.cached(("brief",) + choice.key, fitted)


def build(choice: Choice, rows: int = MAX_TARGET_ROWS) -> Brief:
    """The brief of ``choice`` showing at most ``rows`` targets."""
    dataset, lang, year = choice.dataset, choice.lang, choice.year
    # The figures come first and cite first: the same for every number of rows tried.
    figures, figure_dates, cited = dataset.cached(
        ("brief-figures", lang, choice.sectors), lambda: _figures(choice))
    notes = cited.copy()
    lines, more, actual_dates = _targets(choice, notes, rows)
    chart = _chart(choice, notes)
    report_id = dataset.report_id
    if report_id:
        place = place_name(dataset.reports, report_id, lang)
        title = (t("brief.title", lang, place=place, year=year) if place
                 else t("brief.title_generic", lang))
        meta = [t("brief.report", lang, title=report_title(dataset.reports, report_id, lang),
                  date=report_date(dataset, report_id) or "—")]
    else:
        title, meta = t("brief.title_generic", lang), []
    meta.append(t("brief.as_of", lang, date=max([*figure_dates, *actual_dates], default="—")))
    meta.append(t("brief.version", lang, version=dataset.version))
    if choice.sectors:
        names = ("、" if lang == "zh" else ", ").join(sector_label(s, lang)
                                                     for s in choice.sectors)
        meta.append(t("brief.sectors", lang, names=names))
    notice = t("brief.notice", lang, names=", ".join(choice.invalid)) if choice.invalid else ""
    stem = f"{report_id or 'brief'}-brief-{year}-{lang}"
    return Brief(lang, HTML_LANG[lang], title, tuple(meta), notice, tuple(figures),
                 t("brief.targets", lang, year=year), tuple(lines), more, chart, notes.all(),
                 stem)


# -- headline figures -------------------------------------------------------------------------
def _actuals(facts: pd.DataFrame) -> pd.DataFrame:
    """Classified one-year actual figures, in the order stated."""
    actual = facts[(facts.kind == "actual") & (facts.indicator_id != "unclassified")]
    if "period_start" in actual:  # a five-year total is no year's result
        actual = actual[actual.period_start == actual.period]
    return actual.sort_values(["report_id", "start"], kind="stable")


def figure_ids(choice: Choice) -> list[str]:
    """The indicators of the headline figures (see the module docstring)."""
    dataset = choice.dataset
    stated = _actuals(dataset.ranged_facts)
    sector_of: dict[str, str] = {}  # an indicator's sector where the report first states it
    for ind, sector in zip(stated.indicator_id, stated.sector, strict=True):
        sector_of.setdefault(str(ind), str(sector))
    allowed = [i for i in sector_of if not choice.sectors or sector_of[i] in choice.sectors]
    ids = [i for i in dataset.headline() if i in allowed]

    def kind(ind: str) -> str:
        return getattr(dataset.lexicon.get(ind), "type", "output")

    # 煤炭产能由210万吨提高至570万吨: two figures of one year, and no telling which is the
    # result; such an indicator is left to the report reader (headline ones are kept).
    latest = stated[stated.period == stated.groupby("indicator_id").period.transform("max")]
    distinct = latest.groupby(["indicator_id", "value_kind"]).value_std.nunique()

    def clear(ind: str) -> bool:
        counts = distinct.loc[ind]
        shown_kind = next((k for k in MAIN_VALUE_KINDS if k in counts.index), None)
        return shown_kind is None or int(counts[shown_kind]) == 1

    allowed = [i for i in allowed if i in ids or clear(i)]
    outcomes = [i for i in allowed if i not in ids and kind(i) == "outcome"]
    shown = {sector_of[i] for i in ids}
    new_sector = []
    for ind in outcomes:
        if sector_of[ind] not in shown:
            new_sector.append(ind)
            shown.add(sector_of[ind])
    order = new_sector + [i for i in outcomes if i not in new_sector]
    ids += order[:max(0, MAX_FIGURES - len(ids))]
    if len(ids) < MIN_FIGURES:
        ids += [i for i in allowed if i not in ids][:MIN_FIGURES - len(ids)]
    return ids[:MAX_FIGURES]


def _signed(value: float, unit: str) -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{with_unit(abs(value), unit)}"


def _previous(place_facts: pd.DataFrame, main: pd.Series) -> pd.Series | None:
    """The same indicator's figure for the year before, stated by a report of the place."""
    rows = place_facts[(place_facts.indicator_id == main["indicator_id"])
                       & (place_facts.value_kind == main["value_kind"])
                       & (place_facts.unit_std == main["unit_std"])
                       & (place_facts.period.astype(int) == int(main["period"]) - 1)]
    return None if rows.empty else rows.iloc[0]


def _change(main: pd.Series, growth: pd.Series | None, previous: pd.Series | None,
            lang: str) -> tuple[str, str]:
    if growth is not None:
        return t("brief.change.growth", lang), as_stated(growth, lang)
    if previous is None:
        return "", ""
    diff = float(main["value_std"]) - float(previous["value_std"])
    if str(main["unit"]) == "%":  # a change in a rate is in points
        text = fact_value(diff, "个百分点", "change_pp", "=", lang)
    else:  # in the unit the report wrote the figure in (亿元, not 元)
        std = float(main["value_std"])
        text = _signed(diff * (float(main["value"]) / std if std else 1.0), str(main["unit"]))
    return t("brief.change.previous", lang), text


def _figures(choice: Choice) -> tuple[list[Figure], list[str], Notes]:
    """The headline figures, the dates they run to, and the footnotes they cite."""
    dataset, lang = choice.dataset, choice.lang
    notes = Notes(dataset, lang)
    place = (same_place(dataset.reports, dataset.report_id) if dataset.report_id
             else set(dataset.reports.report_id))
    place_facts = _actuals(dataset.all_facts[dataset.all_facts.report_id.isin(place)])
    figures, dates = [], []
    for ind in figure_ids(choice):
        main, growth, _ = pick(select(dataset.ranged_facts, indicators=[ind]))
        if main is None:
            continue
        previous = None if growth is not None else _previous(place_facts, main)
        label, change = _change(main, growth, previous, lang)
        cited = [notes.quote(main, growth)]
        cited += [notes.quote(f, main) for f in (growth, previous) if f is not None]
        period = int(main["period"])
        figures.append(Figure(
            indicator_name(main, lang),
            t("kpi.growth_period", lang).format(period=period)
            if main["value_kind"] == "growth_pct" else kind_period_label("actual", period, lang),
            as_stated(main, lang), label, change, tuple(dict.fromkeys(cited))))
        dates.append(f"{period}-12-31")
    return figures, dates, notes


# -- target table -----------------------------------------------------------------------------
def chosen_rows(rows: list[TargetRow], limit: int = MAX_TARGET_ROWS) -> list[TargetRow]:
    """At most ``limit`` rows: headline targets, then those with an actual, then the rest;
    shown in the order given (the panel's)."""
    ranked = sorted(range(len(rows)), key=lambda i: (not rows[i].headline,
                                                      rows[i].actual is None, i))
    keep = set(ranked[:limit])
    return [r for i, r in enumerate(rows) if i in keep]


def _target_line(row: TargetRow, notes: Notes, lang: str) -> TargetLine:
    source: Any = row.relative if row.relative is not None else row.facts[0]
    cited = [notes.report(str(source["report_id"]))]
    cited += [notes.mark(m) for m in (row.baseline, row.actual) if m is not None]
    return TargetLine(
        target_title(row, lang), target_text(row, lang),
        mark_text(row.baseline, row, lang), mark_text(row.actual, row, lang),
        row.status, STATUS_ICONS[row.status], status_label(row.status, lang),
        tuple(sorted(set(cited))))


def _targets(choice: Choice, notes: Notes, limit: int) -> tuple[list[TargetLine], int, list[str]]:
    table = target_table(choice.dataset, choice.year)
    rows = [r for r in table.rows if not choice.sectors or r.sector in choice.sectors]
    shown = chosen_rows(rows, limit)
    lines = [_target_line(r, notes, choice.lang) for r in shown]
    dates = [r.actual.as_of for r in shown if r.actual is not None]
    return lines, len(rows) - len(shown), dates


# -- chart ------------------------------------------------------------------------------------
def _chart(choice: Choice, notes: Notes) -> Chart | None:
    dataset, lang, year = choice.dataset, choice.lang, choice.year
    facts = dataset.ranged_facts
    ids = [i for i in dataset.headline()
           if not choice.sectors or set(facts[facts.indicator_id == i].sector) & set(
               choice.sectors)]
    growth = economy.growth_facts(facts, ids)
    if "period_start" in growth:
        growth = growth[growth.period_start == growth.period]
    kinds = (("actual", year - 1), ("target", year))
    firsts: dict[tuple[str, str], pd.Series] = {}
    for _, row in growth.iterrows():
        if (str(row["kind"]), int(row["period"])) in kinds:
            firsts.setdefault((str(row["kind"]), str(row["indicator_id"])), row)
    shown = [i for i in ids if any((k, i) in firsts for k, _ in kinds)][:MAX_CHART_ROWS]
    if not shown:
        return None
    names = indicator_names(facts, dataset.lexicon, shown, lang)
    missing = t("brief.not_stated", lang)
    series, cited = [], []
    for kind, period in kinds:
        bars = []
        for ind in shown:
            fact = firsts.get((kind, ind))
            if fact is None:
                bars.append(Bar(None, missing))
                continue
            bars.append(Bar(float(fact["value"]), as_stated(fact, lang), upper_of(fact)))
            cited.append(notes.fact(fact))
        series.append(Series(kind_period_label(kind, period, lang), KIND_COLORS[kind],
                             tuple(bars)))
    title = t("figures.economy.growth_title", lang, review_year=year - 1, year=year)
    return Chart(title, tuple(names[i] for i in shown), tuple(series),
                 tuple(sorted(set(cited))), missing)
