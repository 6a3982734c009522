"""The slides, one builder per slide id (pure: dataset in, Dash components out).

The dataset is scoped to the report presented (``Dataset.scoped``); every number comes from it
(its facts as the pages show them, ``Dataset.ranged_facts``: a range target is one figure)
through the pages' own builders: the figure modules in
dashboard/figures/ (economy, investment, agriculture), `kpi_card.pick` for headline values and
`progress.targets.target_table` for the targets, so a slide always says what its page says.
A slide with nothing to show says "not stated in the report" instead of failing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import pandas as pd
from dash import html

from dashboard.components.kpi_card import pick
from dashboard.components.status_badge import STATUS_ICONS, status_label
from dashboard.data import Dataset
from dashboard.facts import indicator_name, select, source_text
from dashboard.figures import agriculture, economy, investment
from dashboard.figures.fact_labels import kind_period_label
from dashboard.figures.gauges import target_text
from dashboard.format import as_stated
from dashboard.i18n import has_key, normalize_lang, t
from dashboard.labels import sector_label
from dashboard.present import deck as deck_params
from dashboard.present import place_slides
from dashboard.present.layout import graph_slide, kpi_grid, kpi_tile, slide
from dashboard.present.style import figure_notes
from dashboard.progress.targets import TargetRow, target_table

# One unit (万亩) makes one message with no stacked axes: the land view when the report has it.
AGRICULTURE_VIEWS = ("land", "crops", "livestock")
TOURISM_SECTORS = ("tourism",)
MAX_TILES = 6
CLAUSE_CHARS = 24
_CLAUSE_MARKS = ",，、;；。:：!！?？\n"
_LIST_NUMBER = re.compile(r"^\d+[.．、]\s*")


def _report_year(dataset: Dataset) -> int:
    """The year of the report presented (its targets' year)."""
    if dataset.report_id is not None:
        return int(dataset.report(dataset.report_id)["report_year"])
    return int(dataset.reports["report_year"].max())





def _not_stated(slide_id: str, kicker: str, title: str, lang: str) -> html.Section:
    body = html.P(t("shell.not_stated", lang), className="present-empty")
    return slide(slide_id, kicker, title, body, "")


def _kpi_slide(slide_id: str, dataset: Dataset, indicators: Sequence[str], kicker: str,
               title_key: str, lang: str) -> html.Section:
    """Big numbers: the latest actual of each indicator, with its growth as a note."""
    facts = dataset.ranged_facts
    tiles, used, periods = [], [], []
    for ind in indicators:
        main, growth, _later = pick(select(facts, indicators=[ind]))
        if main is None:
            continue
        note = (t("present.growth", lang).format(value=as_stated(growth, lang))
                if growth is not None else "")
        tiles.append(kpi_tile(as_stated(main, lang), indicator_name(main, lang), note))
        used += [main] + ([growth] if growth is not None else [])
        periods.append(int(main["period"]))
    if not tiles:
        return _not_stated(slide_id, kicker, kicker, lang)
    # The year of the figures shown (a review's results are the year before the report's).
    title = t(title_key, lang, year=max(periods))
    rows = pd.DataFrame(used)
    return slide(slide_id, kicker, title, kpi_grid(tiles[:MAX_TILES]),
                 source_text(dataset.reports, rows, lang))


def overview(dataset: Dataset, lang: str, theme: str) -> html.Section:
    """The headline results of the review year (the report's main-target indicators)."""
    return _kpi_slide("overview", dataset, dataset.headline(), t("present.kicker.overview", lang),
                      "present.title.overview", lang)


def tourism(dataset: Dataset, lang: str, theme: str) -> html.Section:
    rows = select(dataset.ranged_facts, sectors=TOURISM_SECTORS, kinds=["actual"])
    ids = list(dict.fromkeys(rows.sort_values("start").indicator_id))
    return _kpi_slide("tourism", dataset, ids, t("present.kicker.tourism", lang),
                      "present.title.tourism", lang)


def _figure_slide(slide_id: str, dataset: Dataset, rows: pd.DataFrame,
                  build: Callable[[], object], lang: str, theme: str) -> html.Section:
    kicker = t(f"present.kicker.{slide_id}", lang)
    if rows.empty:
        return _not_stated(slide_id, kicker, kicker, lang)
    fig = build()
    section = graph_slide(slide_id, kicker, fig, source_text(dataset.reports, rows, lang),
                          theme, lang, file_stem=dataset.report_id or "indicators")
    notes = figure_notes(fig)
    if notes:  # e.g. the two contradictory investment targets: said above the chart
        body = section.children[1]
        body.children = [html.P(notes, className="present-warning", role="note"),
                         body.children]
    return section


def economy_slide(dataset: Dataset, lang: str, theme: str) -> html.Section:
    facts = dataset.ranged_facts
    ids = dataset.headline()
    year = _report_year(dataset)
    return _figure_slide("economy", dataset, economy.growth_facts(facts, ids),
                         lambda: economy.growth_vs_target_figure(
                             facts, dataset.reports, lang, ids, year=year,
                             review_year=year - 1), lang, theme)


def investment_slide(dataset: Dataset, lang: str, theme: str) -> html.Section:
    facts = dataset.ranged_facts
    has_fai = not select(facts, indicators=[investment.FAI]).empty
    rows = investment.fai_rows(facts, lang) if has_fai else facts.iloc[0:0]
    return _figure_slide("investment", dataset, rows, lambda: investment.fai_figure(
        facts, dataset.quality, dataset.reports, lang), lang, theme)


def agriculture_slide(dataset: Dataset, lang: str, theme: str) -> html.Section:
    facts = dataset.ranged_facts
    views = agriculture.views(facts, {ind.id: ind.topic for ind in dataset.lexicon.values()})
    view = next((v for v in AGRICULTURE_VIEWS if v in views), next(iter(views), ""))
    indicators = views.get(view, ())
    rows = agriculture.view_facts(facts, indicators)
    year = _report_year(dataset)
    return _figure_slide("agriculture", dataset, rows, lambda: agriculture.view_figure(
        facts, dataset.reports, lang, view, indicators, year=year, review_year=year - 1),
        lang, theme)


def _status_label(row: TargetRow, lang: str) -> str:
    """✓ 已实现, → 进度正常, ! 进度滞后: icon and word as on the target panel."""
    return f"{STATUS_ICONS[row.status]} {status_label(row.status, lang)}"


def clause(text: str, start: int, end: int, width: int = CLAUSE_CHARS) -> str:
    """The clause of ``text`` holding text[start:end] (between commas, 、 or stops), cut to
    ``width`` characters: tells apart two figures of one indicator in one sentence."""
    left = max(text.rfind(ch, 0, start) for ch in _CLAUSE_MARKS) + 1
    rights = [i for i in (text.find(ch, end) for ch in _CLAUSE_MARKS) if i >= 0]
    part = text[left:min(rights) if rights else len(text)].strip()
    part = _LIST_NUMBER.sub("", part)
    return part if len(part) <= width else part[: width - 1] + "…"


def _fact_clause(dataset: Dataset, fact: dict) -> str:
    try:
        text = dataset.report_text(str(fact["report_id"]))
    except (KeyError, OSError):
        return ""
    return clause(text, int(fact["start"]), int(fact["end"]))


def _target_tile(row: TargetRow, lang: str, detail: str = "", kind_note: bool = True
                 ) -> html.Div:
    name = row.name_en if normalize_lang(lang) == "en" else row.name_zh
    parts = [kind_period_label(row.kind, row.period, lang)] if kind_note else []
    if row.status != "no_actual":  # before any actual every tile would say so: say nothing
        parts.append(_status_label(row, lang))
    return kpi_tile(target_text(row, lang), name, " · ".join(parts), detail)


def _statement(row: TargetRow, lang: str) -> html.P:
    """A comparison target as one sentence, in the report's words where they are Chinese:
    城乡居民人均可支配收入增速高于地区生产总值增速."""
    en = normalize_lang(lang) == "en"
    quote = str((row.relative or {}).get("quote") or "")
    if quote and not en:
        text = quote
    else:
        key = f"present.comparison.{row.comparator}"  # 高于 / faster than
        comparison = t(key, lang) if has_key(key) else row.comparator
        reference = row.reference_en if en else row.reference_zh
        if en and reference[1:2].islower():  # mid-sentence: "than gross regional product"
            reference = reference[0].lower() + reference[1:]
        text = t("present.relative", lang).format(
            name=row.name_en if en else row.name_zh, comparison=comparison,
            reference=reference)
    parts: list = [text]
    if row.status != "no_actual":
        parts += [" · ", html.Strong(_status_label(row, lang))]
    return html.P(parts, className="present-statement")


def _target_facts(dataset: Dataset, rows: Sequence[TargetRow]) -> pd.DataFrame:
    facts = pd.DataFrame([fact for row in rows for fact in row.facts[:1]])
    relative = dataset.relative_targets
    ids = {str((row.relative or {}).get("target_id")) for row in rows if row.relative}
    cited = relative[relative.target_id.isin(ids)] if ids else relative.iloc[0:0]
    return pd.concat([facts, cited[["report_id", "section"]]], ignore_index=True)


def _target_slide(slide_id: str, rows: Sequence[TargetRow], kicker: str, title: str,
                  dataset: Dataset, lang: str) -> html.Section:
    """Big numbers for stated targets, a sentence for each comparison target."""
    numeric = [r for r in rows if r.facts]
    shown = numeric[:MAX_TILES]
    names = Counter(r.indicator_id for r in shown)
    kind_note = len({r.kind for r in shown}) > 1 or slide_id != "targets"
    zh_context = normalize_lang(lang) == "zh" and len(shown) <= 3

    def detail(row: TargetRow) -> str:
        wanted = names[row.indicator_id] > 1 or zh_context
        return _fact_clause(dataset, row.facts[0]) if wanted else ""

    body: list = []
    if shown:
        body.append(kpi_grid([_target_tile(r, lang, detail(r), kind_note) for r in shown]))
    body += [_statement(r, lang) for r in rows if not r.facts]
    if len(numeric) > MAX_TILES:
        body.append(html.P(t("present.more", lang).format(n=len(numeric) - MAX_TILES),
                           className="present-more"))
    facts = _target_facts(dataset, rows)
    source = source_text(dataset.reports, facts, lang) if not facts.empty else ""
    return slide(slide_id, kicker, title, body, source)


def targets(dataset: Dataset, lang: str, theme: str) -> html.Section:
    """The headline targets of the report year (growth and comparison targets)."""
    year = _report_year(dataset)
    rows = [r for r in target_table(dataset, year).rows if r.headline]
    kicker = t("present.kicker.targets", lang, year=year)
    if not rows:
        return _not_stated("targets", kicker, kicker, lang)
    title = t("present.title.targets", lang, year=year, n=len(rows))
    return _target_slide("targets", rows, kicker, title, dataset, lang)


def sector(dataset: Dataset, sector_id: str, lang: str, theme: str) -> html.Section:
    """Every target and plan of one sector for the report year."""
    year = _report_year(dataset)
    rows = [r for r in target_table(dataset, year).rows if r.sector == sector_id]
    slide_id = deck_params.sector_slide_id(sector_id)
    kicker = t("present.kicker.sector", lang, year=year)
    name = sector_label(sector_id, lang)
    if not rows:
        return _not_stated(slide_id, kicker, name, lang)
    title = t("present.title.sector", lang).format(sector=name, n=len(rows))
    return _target_slide(slide_id, rows, kicker, title, dataset, lang)


BUILDERS: dict[str, Callable[[Dataset, str, str], html.Section]] = {
    "overview": overview,
    "economy": economy_slide,
    "investment": investment_slide,
    "agriculture": agriculture_slide,
    "tourism": tourism,
    "targets": targets,
    "compare": place_slides.compare_slide,  # /compare and /record (present/place_slides.py)
    "record": place_slides.record_slide,
}


def build(slide_id: str, dataset: Dataset, lang: str, theme: str) -> html.Section:
    """The slide ``slide_id`` (a page slide or ``sector-<sector>``)."""
    lang = normalize_lang(lang)
    sector_id = deck_params.slide_sector(slide_id)
    if sector_id is not None:
        return sector(dataset, sector_id, lang, theme)
    return BUILDERS[slide_id](dataset, lang, theme)


def build_all(slide_ids: Sequence[str], dataset: Dataset, lang: str,
              theme: str) -> list[html.Section]:
    return [build(slide_id, dataset, lang, theme) for slide_id in slide_ids]
