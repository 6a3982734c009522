"""The review panel of /upload: details, summary, queue, editor, versions. Pure functions
from the upload's review state to components (no callbacks here; the page wires them)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.i18n import t
from dashboard.names.display import display_name
from dashboard.names.glossary import suggest
from dashboard.pipeline.lexicon import Indicator
from dashboard.store.versions import VersionRow
from dashboard.upload.metadata import FIELDS, GENRES, detected_genre
from dashboard.upload.names import NameItem
from dashboard.upload.queue import CATEGORIES, Item, Summary
from dashboard.upload.service import ReviewState

META_TYPE = "upload-meta"
PICK_TYPE = "upload-pick"
REST_TYPE = "upload-accept-rest"
DECIDE_TYPE = "upload-decide"
ACT_TYPE = "upload-act"  # save_details, publish, rollback
FIELD_TYPE = "upload-field"  # the editor's controls, present only while an item is chosen
NAME_TYPE = "upload-name"  # an English name's input, by the Chinese name
NAME_CONFIRM_TYPE = "upload-name-confirm"
DECISIONS = ("accept", "assign", "edit", "reject", "new")


def field_id(name: str) -> dict[str, str]:
    return {"type": FIELD_TYPE, "name": name}


def act_id(action: str) -> dict[str, str]:
    return {"type": ACT_TYPE, "action": action}


def details_form(meta: dict[str, Any], problems: tuple[str, ...], detected: str,
                 lang: str) -> html.Div:
    def control(field: str) -> Any:
        ident = {"type": META_TYPE, "field": field}
        if field == "genre":
            return dcc.Dropdown(id=ident, value=meta.get(field), clearable=False, options=[
                {"label": t(f"upload.genre.{g}", lang), "value": g} for g in GENRES])
        return dcc.Input(id=ident, type="text", value=str(meta.get(field) or ""),
                         className="form-control form-control-sm"
                         + (" is-invalid" if field in problems else ""))
    fields = [html.Div([html.Label(t(f"upload.field.{f}", lang), className="form-label small"),
                        control(f)], className="col-12 col-md-6 col-xl-4 mb-2")
              for f in FIELDS]
    fix = [html.P(t("upload.fix", lang).format(fields="、".join(
        t(f"upload.field.{p}", lang) for p in problems)), className="alert alert-warning")
        ] if problems else []
    return html.Section([
        html.H2(t("upload.details", lang), className="h5"),
        html.P(t("upload.detected", lang).format(genre=t(f"upload.genre.{detected}", lang)),
               className="small text-muted"),
        *fix, html.Div(fields, className="row"),
        html.Button(t("upload.save_details", lang), id=act_id("save_details"), n_clicks=0,
                    className="btn btn-sm btn-outline-primary")], className="upload-details")


def summary_card(summary: Summary, lang: str) -> html.Section:
    def listing(kind: str, labels: tuple[str, ...]) -> html.Details:
        return html.Details([html.Summary(t(f"upload.summary.{kind}", lang).format(
            n=len(labels))), html.Ul([html.Li(x) for x in labels], className="small")],
            className=f"upload-summary-{kind}")
    return html.Section([
        html.H2(t("upload.summary", lang), className="h5"),
        html.P(t("upload.summary.facts", lang).format(before=summary.facts_before,
                                                      after=summary.facts_after)),
        listing("added", summary.added), listing("changed", summary.changed),
        listing("dropped", summary.dropped)], className="upload-summary")


def marked_sentence(item: Item) -> html.Span:
    start, end = item.mark
    if end <= start:
        return html.Span(item.sentence)
    return html.Span([item.sentence[:start], html.Mark(item.sentence[start:end]),
                      item.sentence[end:]])


def decision_text(item: Item, names: dict[str, str], lang: str) -> str:
    decision = item.decision
    if decision is None:
        return t("upload.decision.none", lang)
    return t(f"upload.decision.{decision.action}", lang).format(
        indicator=names.get(decision.indicator_id or "", decision.indicator_id),
        value=f"{decision.value:g}" if decision.value is not None else "")


def _value(item: Item) -> str:
    return "" if item.value is None else f"{item.value:g}{item.unit}"


def queue_list(items: tuple[Item, ...], names: dict[str, str], selected: str | None,
               lang: str) -> html.Div:
    groups = []
    for category in CATEGORIES:
        mine = [i for i in items if i.category == category]
        if not mine:
            continue
        rows = [html.Li([
            html.Div([html.Strong(f"{item.indicator} {_value(item)}", className="me-2"),
                      html.Span(decision_text(item, names, lang),
                                className="badge " + ("text-bg-secondary" if item.decision
                                                      is None else "text-bg-success")),
                      html.Span(f" {item.detail}", className="small text-muted")]),
            html.Div(marked_sentence(item), className="upload-sentence"),
            html.Button(t("upload.review", lang), id={"type": PICK_TYPE, "key": item.key},
                        n_clicks=0, className="btn btn-sm btn-outline-primary")],
            className="list-group-item" + (" active-item" if item.key == selected else ""),
            **{"data-key": item.key, "data-category": category})
            for item in mine]
        open_count = sum(1 for i in mine if i.decision is None)
        groups.append(html.Section([
            html.H3(f"{t(f'upload.category.{category}', lang)} ({open_count}/{len(mine)})",
                    className="h6 mt-3"),
            html.Button(t("upload.accept_rest", lang), id={"type": REST_TYPE,
                                                           "category": category},
                        n_clicks=0, className="btn btn-sm btn-outline-success mb-2",
                        disabled=open_count == 0),
            html.Ul(rows, className="list-group")], className=f"upload-group-{category}"))
    return html.Div(groups, className="upload-queue")


def editor(item: Item | None, indicators: dict[str, Indicator], sectors: tuple[str, ...],
           dims: tuple[str, ...], lang: str) -> html.Section:
    if item is None:
        return html.Section(html.P(t("upload.pick_first", lang), className="text-muted"),
                            className="upload-editor")
    def name(ind: Indicator) -> str:
        return display_name(ind.zh, ind.en, lang)
    options = [{"label": f"{name(i)} ({i.id})", "value": i.id}
               for i in sorted(indicators.values(), key=lambda i: i.id)]
    def field(label: str, control: Any) -> html.Div:
        return html.Div([html.Label(t(label, lang), className="form-label small"), control],
                        className="col-12 col-md-6 mb-2")
    buttons = [html.Button(t(f"upload.{'new_indicator' if d == 'new' else d}", lang),
                           id={"type": DECIDE_TYPE, "action": d}, n_clicks=0,
                           className=f"upload-decide-{d} btn btn-sm me-2 mb-1 " + (
                               "btn-outline-danger" if d == "reject" else "btn-primary"))
               for d in DECISIONS]
    return html.Section([
        html.H2(t("upload.editor", lang), className="h5"),
        html.P(marked_sentence(item), className="upload-sentence"),
        html.P(f"{item.indicator} · {_value(item)} · {item.period}", className="small"),
        html.Div([
            field("upload.indicator", dcc.Dropdown(id=field_id("indicator"), options=options,
                                                   value=item.indicator_id, searchable=True)),
            field("upload.value", dcc.Input(id=field_id("value"), type="text",
                                            value="" if item.value is None else
                                            f"{item.value:g}", className="form-control")),
            field("upload.new.zh", dcc.Input(id=field_id("new_zh"), type="text", value="",
                                             className="form-control")),
            field("upload.new.en", dcc.Input(id=field_id("new_en"), type="text", value="",
                                             className="form-control")),
            field("upload.new.sector", dcc.Dropdown(id=field_id("new_sector"), options=list(
                sectors), value=None)),
            field("upload.new.dims", dcc.Dropdown(id=field_id("new_dims"), options=list(dims),
                                                  value=None, multi=True)),
        ], className="row"),
        html.Div(buttons)], className="upload-editor", **{"data-key": item.key})


def _name_row(item: NameItem, lang: str) -> html.Li:
    confirmed = item.confirmed
    if confirmed is not None:
        status = t("upload.names.confirmed", lang).format(
            name=confirmed.confirmed_by, date=f"{confirmed.confirmed_at:%Y-%m-%d}")
    elif item.complete:
        status = t("upload.names.suggested", lang)
    else:
        status = t("upload.names.partial", lang).format(
            missing="、".join(suggest(item.zh).missing))
    value = confirmed.en if confirmed is not None else (item.suggestion if item.complete
                                                        else "")
    return html.Li([
        html.Div([html.Strong(item.zh, lang="zh", className="me-2"),
                  html.Span(t("upload.names.figures", lang).format(n=item.figures),
                            className="small text-muted me-2"),
                  html.Span(status, className="badge " + ("text-bg-success" if confirmed
                                                          else "text-bg-secondary"))]),
        html.Div([
            # The label around the input names it for a screen reader (an id made of a dict
            # cannot be a label's htmlFor).
            html.Label([html.Span(t("upload.names.field", lang).format(zh=item.zh),
                                  className="visually-hidden"),
                        dcc.Input(id={"type": NAME_TYPE, "zh": item.zh}, type="text",
                                  value=value, placeholder=item.suggestion,
                                  className="form-control form-control-sm")],
                       className="flex-grow-1 mb-0"),
            html.Button(t("upload.names.confirm", lang),
                        id={"type": NAME_CONFIRM_TYPE, "zh": item.zh}, n_clicks=0,
                        className="btn btn-sm btn-outline-primary ms-2")],
            className="d-flex mt-1")], className="list-group-item",
        **{"data-name": item.zh, "data-state": "confirmed" if confirmed else "open"})


def names_section(items: tuple[NameItem, ...], lang: str) -> html.Section:
    """The names read from the text: the glossary's English to confirm or correct."""
    open_count = sum(1 for i in items if i.confirmed is None)
    return html.Section([
        html.H2(t("upload.names", lang).format(open=open_count), className="h5 mt-3"),
        html.P(t("upload.names.lead", lang), className="small text-muted"),
        html.Ul([_name_row(item, lang) for item in items], className="list-group"),
    ], className="upload-names")


def versions_list(rows: list[VersionRow], lang: str) -> html.Section:
    shown = sorted(rows, key=lambda r: -r.id)[:8]
    return html.Section([
        html.H2(t("upload.versions", lang), className="h5"),
        html.Ul([html.Li(f"#{r.id} · {r.created_at:%Y-%m-%d %H:%M} · {r.created_by} · "
                         f"{r.reports}/{r.facts} · {r.note or r.origin}"[:160]
                         + (f" ({t('upload.current', lang)})" if r.current else "")
                         + (f" ({t('upload.withdrawn', lang)})" if r.withdrawn else ""),
                         className="small") for r in shown]),
        html.Button(t("upload.rollback", lang), id=act_id("rollback"), n_clicks=0,
                    className="upload-rollback btn btn-sm btn-outline-danger")],
        className="upload-versions")


def review_panel(state: ReviewState, selected: str | None, lang: str) -> html.Div:
    upload, dataset = state.upload, state.staged.dataset
    indicators = dataset.lexicon
    names = {i: display_name(ind.zh, ind.en, lang) for i, ind in indicators.items()}
    item = next((i for i in state.items if i.key == selected), None)
    dims = tuple(sorted({d for ind in indicators.values() for d in ind.dims if d}))
    frozen = t("upload.frozen", lang).format(
        chars=len(upload.text), sha=upload.text_sha256[:16], kind=upload.kind,
        file_sha=upload.file_sha256[:16])
    published = upload.state == "published"
    actions = [html.A(t("upload.export", lang), href=f"/upload/export/{upload.id}.zip",
                      className="btn btn-sm btn-outline-secondary", id="upload-export")
               ] if published else [html.Button(
                   t("upload.publish", lang), id=act_id("publish"), n_clicks=0,
                   className="upload-publish btn btn-success", disabled=bool(state.open_items
                                                               or state.problems))]
    return html.Div([
        html.P([html.Strong(upload.file_name), " · ",
                t(f"upload.state.{upload.state}", lang), html.Br(), frozen],
               className="small", id="upload-frozen"),
        details_form(upload.meta, state.problems, detected_genre(upload.text), lang),
        summary_card(state.summary, lang),
        html.Div(actions, className="my-3"),
        html.H2(t("upload.queue", lang).format(open=state.open_items, total=len(state.items)),
                className="h5", id="upload-queue-heading"),
        editor(item, indicators, dataset.sector_order, dims, lang),
        queue_list(state.items, names, selected, lang),
        names_section(state.names, lang) if state.names else None,
    ], className="upload-review", **{"data-upload": str(upload.id)})
