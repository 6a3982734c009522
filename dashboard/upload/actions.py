"""What each button of the review panel does, as one function of (who, upload, click, the
panel's values): decide on an item, accept the rest of a group, save the details, publish,
roll back. Returns the message to show and the item to select next; refusals raise
:class:`ActionError` with a message key ``upload.error.*`` of ``dashboard/catalogues/``."""

from __future__ import annotations

import re
from typing import Any

from dashboard.data import Dataset
from dashboard.i18n import t
from dashboard.pipeline.decisions import Decision, indicator_from_spec
from dashboard.pipeline.text import normalise
from dashboard.store.engine import Store, StoreError
from dashboard.users.accounts import User

from . import metadata, names, service
from . import store as uploads
from .documents import UploadError
from .queue import Item


class ActionError(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _state(store: Store, upload_id: int | None, published: Dataset) -> service.ReviewState:
    upload = uploads.get(store, upload_id) if upload_id is not None else None
    if upload is None:
        raise ActionError("not_staged")
    state = service.safe_review_state(store, upload, published)
    if isinstance(state, str):
        raise ActionError("unreadable", state)
    return state


def _number(value: Any) -> float | None:
    text = normalise(str(value or "")).replace(",", "").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e15 else None


def new_indicator_id(en: str, taken: set[str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "_", en.lower()).strip("_")[:40] or "indicator"
    ident, n = f"r_{stem}", 1
    while ident in taken:
        n += 1
        ident = f"r_{stem}_{n}"
    return ident


def _decision(store: Store, user: User, item: Item, action: str, fields: dict[str, Any],
              state: service.ReviewState) -> Decision:
    indicators = state.staged.dataset.lexicon
    if action in ("accept", "reject"):
        return Decision(item.key, action)
    if action == "assign":
        if not isinstance(fields["indicator"], str) or fields["indicator"] not in indicators:
            raise ActionError("bad_decision")
        return Decision(item.key, "assign", str(fields["indicator"]))
    if action == "edit":
        number = _number(fields["value"])
        if number is None or item.category == "no_actual":
            raise ActionError("bad_decision")
        return Decision(item.key, "edit", value=number)
    zh, en = (" ".join(str(fields[k] or "").split())[:60] for k in ("new_zh", "new_en"))
    dims = [d for d in (fields["new_dims"] or []) if isinstance(d, str)] \
        if isinstance(fields["new_dims"], list) else []
    known_dims = {d for ind in indicators.values() for d in ind.dims}
    if not zh or not en or fields["new_sector"] not in state.staged.dataset.sector_order \
            or not dims or not set(dims) <= known_dims:
        raise ActionError("bad_indicator")
    taken = set(indicators) | {i.id for i in uploads.added_indicators(store)}
    indicator = indicator_from_spec({"id": new_indicator_id(en, taken), "zh": zh,
                                     "en": en, "sector": fields["new_sector"], "dims": dims})
    uploads.add_indicator(store, indicator, user)
    return Decision(item.key, "assign", indicator.id)


def _next_open(items: tuple[Item, ...], after: str) -> str | None:
    keys = [i.key for i in items]
    start = keys.index(after) + 1 if after in keys else 0
    return next((i.key for i in items[start:] if i.decision is None and i.key != after),
                None)


def perform(store: Store, user: User, upload_id: int | None, trigger: Any,
            fields: dict[str, Any], published: Dataset, lang: str
            ) -> tuple[str, str | None, service.ReviewState | None]:
    """(message, the item to select, the review state when the click changed nothing)."""
    kind = trigger.get("type") if isinstance(trigger, dict) else None
    if kind == "upload-act":  # the panel's buttons: save_details, publish, rollback
        kind = "upload-" + str(trigger.get("action")).replace("_", "-")
    if kind == "upload-name-confirm":  # a name's English, confirmed or corrected
        zh = str(trigger.get("zh"))
        try:
            confirmed = names.confirm_name(store, zh, fields.get("names", {}).get(zh), user)
        except names.BadName as bad:
            raise ActionError("bad_name", str(bad)) from None
        return t("upload.names.saved", lang).format(zh=confirmed.zh, en=confirmed.en), \
            fields["selected"], None
    if kind == "upload-rollback":
        try:
            result = service.roll_back(store, user)
        except StoreError as exc:
            if "no earlier version" in str(exc) or "nothing is published" in str(exc):
                raise ActionError("first_version") from None
            raise
        return t("upload.rolled_back", lang).format(version=result.version_id), None, None
    state = _state(store, upload_id, published)
    upload = state.upload
    if kind == "upload-pick":
        key = str(trigger.get("key"))
        return "", key if any(i.key == key for i in state.items) else None, state
    if kind == "upload-save-details":
        if upload.state not in ("staged", "withdrawn"):
            raise ActionError("not_staged")
        values = fields["meta"] if isinstance(fields["meta"], list) else []
        meta = metadata.clean(dict(zip(metadata.FIELDS, values, strict=False)))
        problems = metadata.check(meta, service.taken_ids(store, published))
        if {"id", "id_taken"} & set(problems):  # the id names files and reports: never saved
            raise ActionError("details", ", ".join(problems))
        uploads.save_meta(store, upload.id, meta, user)
        if problems:
            raise ActionError("details", ", ".join(problems))
        return t("upload.details_saved", lang), fields["selected"], None
    if kind == "upload-publish":
        try:
            result = service.publish_upload(store, upload.id, published, user)
        except UploadError as error:
            raise ActionError(error.code, error.detail) from None
        return t("upload.published", lang).format(version=result.version_id), None, None
    if upload.state not in ("staged", "withdrawn"):
        raise ActionError("not_staged")
    if kind == "upload-accept-rest":
        category = str(trigger.get("category"))
        for item in state.items:
            if item.category == category and item.decision is None:
                uploads.decide(store, upload.id, Decision(item.key, "accept"), item.sentence,
                               _number_text(item), user)
        return t("upload.decided", lang).format(action=t("upload.accept_rest", lang)), None, \
            None
    if kind == "upload-decide":
        action = str(trigger.get("action"))
        item = next((i for i in state.items if i.key == fields["selected"]), None)
        if item is None or action not in ("accept", "assign", "edit", "reject", "new"):
            raise ActionError("bad_decision")
        decision = _decision(store, user, item, action, fields, state)
        uploads.decide(store, upload.id, decision, item.sentence, _number_text(item), user)
        done = t(f"upload.{'new_indicator' if action == 'new' else action}", lang)
        return t("upload.decided", lang).format(action=done), \
            _next_open(state.items, item.key), None
    raise ActionError("bad_decision")


def _number_text(item: Item) -> str:
    start, end = item.mark
    return item.sentence[start:end] if end > start else f"{item.value}"
