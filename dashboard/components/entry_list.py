"""The table of in-year figures on /entry, with the actions the signed-in user may take."""

from __future__ import annotations

from dash import html

from dashboard.entries.store import EDITABLE, Entry
from dashboard.i18n import t
from dashboard.policy import Action, allowed
from dashboard.store.audit import AuditRow
from dashboard.users.accounts import User

ACTION_TYPE = "entry-action"
EDIT_TYPE = "entry-edit"


# The buttons each state offers, and the policy's action behind each.
_OFFERED = {"edit": Action.ENTRY_EDIT, "submit": Action.ENTRY_SUBMIT,
            "approve": Action.ENTRY_APPROVE, "return": Action.ENTRY_RETURN,
            "unlock": Action.ENTRY_UNLOCK}
_BY_STATE = {**dict.fromkeys(EDITABLE, ("edit", "submit")),
             "submitted": ("approve", "return"), "approved": ("unlock",)}


def actions_for(entry: Entry, user: User | None) -> list[str]:
    """What ``user`` may do with ``entry`` now, as the policy says (the store asks it again
    on every write): four eyes hide approve and return from anyone who set the figure."""
    return [a for a in _BY_STATE.get(entry.state, ())
            if allowed(user, _OFFERED[a], entry.subject)]


def _button(entry: Entry, action: str, lang: str) -> html.Button:
    ident = ({"type": EDIT_TYPE, "entry": entry.id, "version": entry.version}
             if action == "edit" else
             {"type": ACTION_TYPE, "action": action, "entry": entry.id,
              "version": entry.version})
    return html.Button(t(f"entry.action.{action}", lang), id=ident, n_clicks=0,
                       className="btn btn-sm btn-outline-primary me-1")


def _history(rows: list[AuditRow], lang: str) -> html.Details:
    return html.Details([html.Summary(t("entry.history", lang)), html.Ol([
        html.Li(f"{r.at:%Y-%m-%d %H:%M} {r.actor} {r.action}"
                + (f" {_changes(r)}" if r.old or r.new else "")
                + (f" ({r.reason})" if r.reason else ""))
        for r in rows], className="small mb-0")], className="entry-history")


def _changes(row: AuditRow) -> str:
    old, new = row.old or {}, row.new or {}
    keys = [k for k in new if old.get(k) != new.get(k)] if old else [
        k for k in ("value", "unit", "state") if k in new]
    return "; ".join(f"{k}: {old.get(k, '')}→{new.get(k)}" if old else f"{k}={new.get(k)}"
                     for k in keys)


def entry_table(rows: list[Entry], user: User, names: dict[str, str], lang: str,
                history: dict[int, list[AuditRow]] | None = None) -> html.Table:
    head = html.Thead(html.Tr([html.Th(t(f"entry.col.{k}", lang)) for k in (
        "indicator", "period", "value", "status", "source", "state", "actions")]))
    body = []
    for entry in reversed(rows):
        f = entry.figure
        state = t(f"entry.state.{entry.state}", lang)
        if entry.flagged:
            state += " · " + t("entry.flagged", lang)
        body.append(html.Tr([
            html.Td(names.get(f.indicator_id, f.indicator_id)),
            html.Td(f"{f.year}-{f.through_month:02d}"),
            html.Td(f"{f.value:g}{f.unit}"),
            html.Td(t(f"entry.status.{f.status}", lang)),
            html.Td(f.source, className="small"),
            html.Td([html.Span(state, className="badge text-bg-light"),
                     html.Span(entry.note, className="small text-muted ms-1")]),
            html.Td([*[_button(entry, a, lang) for a in actions_for(entry, user)],
                     _history((history or {}).get(entry.id, []), lang)]),
        ], **{"data-entry": str(entry.id), "data-state": entry.state}))
    return html.Table([head, html.Tbody(body)], className="table table-sm entry-table")
