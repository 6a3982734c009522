"""The slides of /compare and /record (pure: dataset in, Dash components out).

``compare``: the places stating figures for the year the presented report reviews, ranked on
its GDP growth (else the first figure two places state), the report's place marked.
``record``: the presented report's place, its main targets met in its last three years. Both
come from the tables the pages show (``dashboard/places/``) and cite every report they draw on
(so they are not in the default deck, which cites the presented report alone:
``deck.PLACE_SLIDES``); with nothing to show, the slide says so.
"""

from __future__ import annotations

from dash import html

from dashboard.data import Dataset
from dashboard.i18n import normalize_lang, t
from dashboard.places.bars import ranking_figure
from dashboard.places.compare import (
    compare_table,
    compare_years,
    default_region,
    default_year,
    home_place,
)
from dashboard.places.names import place_names, report_titles
from dashboard.places.record import place_record
from dashboard.present.layout import graph_slide, kpi_grid, kpi_tile, slide

# GDP growth first: the comparison officials make first; then any row two places state.
PREFERRED_ROWS = (("gdp", "growth_pct"), ("gdp", "level"))
MAX_YEARS = 3


def _quiet(slide_id: str, kicker: str, text: str) -> html.Section:
    return slide(slide_id, kicker, kicker, html.P(text, className="present-empty"), "")


def compare_slide(dataset: Dataset, lang: str, theme: str) -> html.Section:
    lang = normalize_lang(lang)
    year = default_year(dataset, compare_years(dataset))
    if year is None:
        return _quiet("compare", t("compare.heading", lang), t("present.no_figures", lang))
    kicker = t("present.kicker.compare", lang, year=year)
    table = compare_table(dataset, year, default_region(dataset, year))  # as /compare shows
    if len(table.places) < 2:
        return _quiet("compare", kicker, t("present.only_one_place", lang, year=year))
    rows = [table.row(i, m) for i, m in PREFERRED_ROWS]
    row = next((r for r in [*rows, *table.rows] if r is not None and r.ranked > 1), None)
    if row is None:
        return _quiet("compare", kicker, t("present.only_one_place", lang, year=year))
    names = {p.name: p.name_en if lang == "en" else p.name for p in table.places}
    fig = ranking_figure(row, year, home_place(dataset), names, dataset.everything.reports,
                         lang)
    source = str(fig.layout.annotations[-1].text).replace("<br>", "")
    return graph_slide("compare", kicker, fig, source, theme, lang,
                       file_stem=f"compare-{year}")


def record_slide(dataset: Dataset, lang: str, theme: str) -> html.Section:
    lang = normalize_lang(lang)
    kicker = t("present.kicker.record", lang)
    place = home_place(dataset)
    summaries = place_record(dataset, place).summary("main") if place else []
    if not summaries:
        return _quiet("record", kicker, t("shell.not_stated", lang))
    tiles = []
    for s in summaries[-MAX_YEARS:]:
        known = s.counts["met"] + s.counts["missed"]
        # No result yet: a dash as the number (a phrase there would be set as a qualifier).
        value = t("present.record.value", lang, met=s.counts["met"], known=known) if known \
            else "—"
        note = "present.record.note" if known else "present.record.pending"
        tiles.append(kpi_tile(value, t("present.record.label", lang, year=s.year),
                              t(note, lang, missed=s.counts["missed"],
                                none=s.counts["no_actual"] + s.counts["in_year"])))
    # The reports setting the targets shown and those stating their actuals.
    record = place_record(dataset, str(place))
    shown = {s.year for s in summaries[-MAX_YEARS:]}
    titles = report_titles(dataset, lang)
    ids = record.cited("main", shown)
    source = t("present.source", lang) + "; ".join(titles[r] for r in ids)
    name = place_names(dataset, lang)[str(place)]
    return slide("record", kicker, t("present.title.record", lang, place=name),
                 kpi_grid(tiles), source)
