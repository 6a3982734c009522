"""The preview on /entry: the target of the indicator chosen, its baseline, and its gauge as
it would look with the figure being typed (nothing is saved)."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date
from typing import Any

from dash import Dash, Input, Output, State, dcc, html

from dashboard.components.language import URL_ID, lang_from_search
from dashboard.context import current_dataset
from dashboard.data import Dataset
from dashboard.entries.values import read_value
from dashboard.figures.gauges import gauge_figure
from dashboard.i18n import t
from dashboard.pipeline.classify import standardise
from dashboard.pipeline.numbers import Quantity
from dashboard.pipeline.tables import parse_unit
from dashboard.progress.marks import Mark
from dashboard.progress.status import assess, elapsed_share
from dashboard.progress.targets import TargetRow, target_table


def _target(dataset: Dataset, indicator_id: str, year: int, measure: str) -> TargetRow | None:
    for report_id in dataset.reports[dataset.reports.genre == "work_report"].report_id:
        for row in target_table(dataset.everything.scoped(str(report_id)), year).rows:
            if row.indicator_id == indicator_id and row.value_kind == measure:
                return row
    return None


def preview(dataset: Dataset, indicator_id: Any, year: Any, measure: Any, month: Any,
            value_text: Any, unit: Any, lang: str) -> Any:
    """The gauge of the target with the typed figure as its actual, or a line saying why
    there is none."""
    if not isinstance(year, int) or not isinstance(month, int) or not 1 <= month <= 12:
        return None
    row = _target(dataset, str(indicator_id), year, str(measure))
    if row is None or row.value is None:
        return html.P(t("entry.preview.none", lang), className="small text-muted")
    typed = read_value(value_text)
    if typed is not None:
        written = typed.unit or (unit if isinstance(unit, str) else "")
        parsed = parse_unit(written) if written else None
        if parsed is not None or not written:
            base, magnitude = parsed or ("", 1.0)
            q = Quantity(0, 0, typed.value, written, 0, magnitude, base, False, False)
            value, std_unit = standardise(q, typed.value)
            if std_unit == row.unit:
                as_of = date(year, month, calendar.monthrange(year, month)[1]).isoformat()
                mark = Mark(value, std_unit, year, as_of, elapsed_share(as_of, year), "manual",
                            None, {"source": t("entry.preview.title", lang), "line": 0,
                                   "status": "preliminary"})
                row = replace(row, actual=mark, conflicts=(), ambiguous=False,
                              assessment=assess(
                                  comparator=row.comparator, target=row.value,
                                  actual=value, elapsed=mark.elapsed,
                                  baseline=row.baseline.value if row.baseline else None,
                                  value_kind=row.value_kind, direction=row.direction,
                                  measure=row.measure, upper=row.upper))
    figure = gauge_figure(row, dataset.reports, lang)
    return dcc.Graph(figure=figure, config={"displayModeBar": False},
                     className="entry-preview-graph")


def register_callbacks(app: Dash) -> None:
    """Attach the callback to the app being built (from the /entry page's
    ``register_callbacks``)."""
    app.callback(Output("entry-preview", "children"),
             Input("entry-indicator_id", "value"), Input("entry-year", "value"),
             Input("entry-measure", "value"), Input("entry-through_month", "value"),
             Input("entry-value", "value"), Input("entry-unit", "value"),
             State(URL_ID, "search"), prevent_initial_call=True)(show_preview)


def show_preview(indicator_id: Any, year: Any, measure: Any, month: Any, value: Any,
                 unit: Any, search: Any) -> Any:
    lang = lang_from_search(search if isinstance(search, str) else "")
    return preview(current_dataset(), indicator_id, year, measure, month, value, unit, lang)
