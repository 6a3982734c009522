"""Token-authenticated writes: ``POST /api/v1/entries``, ``/entries/ID/submit`` and
``/entries/ID/approve``.

Each calls the service ``/entry`` calls (``dashboard/entries/store.py``: save, submit,
approve), which checks the figure, the user's role and sectors, four eyes and the version,
and writes the audit row in the change's transaction; this module only reads the request
and says the outcome in JSON. An approval then publishes the figure as ``/entry`` does
(``publish.py``).

Order of refusals: another site's browser 403, no or a dead token 401, a body that is not a
small JSON object 400/413/415, then the service's answer (422 naming the fields, 403, 404,
409). ``version`` is required to submit and approve: the service skips its conflict check
without one, so a client must say which version it saw.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from flask import Blueprint, Flask, Response, g, request

from dashboard.api import PREFIX
from dashboard.api.access import api_user, cross_site
from dashboard.api.publish import publish_after_approval
from dashboard.api.respond import error, json_answer, problem
from dashboard.context import current_dataset
from dashboard.entries import store as entry_store
from dashboard.entries.checks import FIELDS
from dashboard.entries.store import Entry, EntryError
from dashboard.policy import Denied
from dashboard.store.engine import Store, StoreError

MAX_BODY = 64 * 1024
MAX_ID = 2**31 - 1  # the database's integer: a larger id names no entry
STATUS = {"invalid": 422, "needs_comment": 422, "needs_reason": 422, "forbidden": 403,
          "conflict": 409, "locked": 409, "bad_state": 409, "not_found": 404}
MESSAGES = {
    "invalid": "the figure has problems; see problems",
    "needs_comment": "the figure looks unusual: save it with a comment explaining it",
    "needs_reason": "a reason is required",
    "forbidden": "your role or sectors do not allow this",
    "conflict": "the figure changed since the version you sent; read it again",
    "locked": "the figure is approved and locked",
    "bad_state": "the figure is not in a state that allows this",
    "not_found": "no such entry",
}
UNAUTHORIZED = {"WWW-Authenticate": 'Bearer realm="api/v1"'}


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_body() -> dict[str, Any] | Response:
    """The request's JSON object, or the error to answer."""
    if request.mimetype != "application/json":
        return error(415, "unsupported_media_type", "send Content-Type: application/json")
    if (request.content_length or 0) > MAX_BODY:
        return error(413, "too_large", f"at most {MAX_BODY} bytes")
    raw = request.get_data(cache=False)
    if len(raw) > MAX_BODY:
        return error(413, "too_large", f"at most {MAX_BODY} bytes")
    try:
        body = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # bad JSON, bad UTF-8, or nested too deep
        return error(400, "bad_json", "the body is not JSON", [problem("body", "bad_json")])
    if not isinstance(body, dict):
        return error(400, "bad_json", "the body must be a JSON object",
                     [problem("body", "not_an_object")])
    return body


# JSON types each field may have: text as on the form, and numbers where the form has them.
_NUMBER = (int, float, str)
TYPES: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(FIELDS, (str,)), "year": (int, str), "through_month": (int, str),
    "value": _NUMBER}


def field_problems(body: dict[str, Any]) -> list[dict[str, object]]:
    """Fields the form has not (``unknown_field``) or of a JSON type it never sends
    (``bad_type``: a list where text belongs would otherwise read as empty text)."""
    found = []
    for key in sorted(body)[:50]:
        value = body[key]
        if key not in TYPES:
            found.append(problem(str(key)[:100], "unknown_field"))
        elif value is not None and (isinstance(value, bool)
                                    or not isinstance(value, TYPES[key])):
            found.append(problem(key, "bad_type"))
    return found


def _outcome(entry: Entry, **extra: object) -> dict[str, object]:
    return {"id": entry.id, "version": entry.version, "state": entry.state,
            "flagged": entry.flagged, **extra}


def _served(call: Callable[[], Response]) -> Response:
    """``call()``, with the service's refusals as JSON."""
    try:
        return call()
    except EntryError as refused:
        reason = getattr(refused, "reason", "")  # the policy's, when it refused
        return error(STATUS.get(refused.code, 400), refused.code,
                     MESSAGES.get(refused.code, refused.code),
                     [asdict(p) for p in refused.problems], **({"reason": reason} if reason
                                                               else {}))
    except Denied as denied:  # the policy, asked inside the service
        return error(403, "forbidden", MESSAGES["forbidden"], reason=denied.reason)
    except StoreError:
        return error(503, "unavailable", "the database cannot be reached; try again")


def _version(body: dict[str, Any]) -> int | Response:
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 0 < version <= MAX_ID:
        return error(422, "invalid", "version: the entry's version you saw, a positive integer",
                     [problem("version", "bad_version")])
    unknown = sorted(k for k in body if k != "version")
    if unknown:
        return error(422, "invalid", "unknown fields",
                     [problem(str(k)[:100], "unknown_field") for k in unknown[:20]])
    return version


def register(server: Flask, store: Store) -> None:
    """Attach the token-authenticated writes, on ``store``, to the app's Flask server."""
    server.register_blueprint(blueprint(store))


def blueprint(store: Store) -> Blueprint:
    """A new blueprint writing to ``store`` (one per app)."""
    routes = Blueprint("api_write", __name__, url_prefix=PREFIX)

    @routes.before_request
    def _gate() -> Response | None:
        if cross_site():
            return error(403, "cross_site", "refused: a request from another site")
        try:
            user = api_user(store)
        except StoreError:
            return error(503, "unavailable", "the database cannot be reached; try again")
        if user is None:
            return error(401, "unauthorized", "send Authorization: Bearer TOKEN (a live token "
                         "of an active user)", headers=UNAUTHORIZED)
        g.api_user = user
        return None

    @routes.post("/entries")
    def _create() -> Response:
        body = read_body()
        if isinstance(body, Response):
            return body
        wrong = field_problems(body)
        if wrong:
            return error(422, "invalid", "fields the form does not have, or of a wrong type",
                         wrong)

        def save() -> Response:
            entry = entry_store.save(store, g.api_user, body, current_dataset().lexicon)
            return json_answer(_outcome(entry), 201)
        return _served(save)

    @routes.post("/entries/<int:entry_id>/submit")
    def _submit(entry_id: int) -> Response:
        return _move(entry_id, "submit")

    @routes.post("/entries/<int:entry_id>/approve")
    def _approve(entry_id: int) -> Response:
        return _move(entry_id, "approve")

    def _move(entry_id: int, action: str) -> Response:
        body = read_body()
        if isinstance(body, Response):
            return body
        version = _version(body)
        if isinstance(version, Response):
            return version
        if entry_id > MAX_ID:
            return error(404, "not_found", MESSAGES["not_found"])
        user = g.api_user

        def move() -> Response:
            if action == "submit":
                return json_answer(_outcome(entry_store.submit(store, user, entry_id,
                                                               version)))
            entry = entry_store.approve(store, user, entry_id, version)
            published = publish_after_approval(store, user, entry.id)
            return json_answer(_outcome(entry, published_version=published))
        return _served(move)

    return routes
