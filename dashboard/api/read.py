"""Public reads: ``GET /api/v1/reports``, ``/facts?report=ID``, ``/targets?report=ID&year=Y``
(each as CSV with ``?format=csv``), the description ``/openapi.json``, and a JSON 404/405
for anything else under ``/api/v1``.

Unlike the pages, which show the default report for an unknown ``?report=``, the API names
the parameter it cannot use (400 for a malformed value, 404 for an unknown one): a client
must never take the default report's figures for the ones it asked for.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import PathConverter

from dashboard.api import PREFIX
from dashboard.api.respond import (
    FORMATS,
    csv_answer,
    error,
    json_answer,
    problem,
    records,
    table_csv,
)
from dashboard.api.rows import fact_frame, known_report, report_frame, target_json
from dashboard.context import current_dataset
from dashboard.progress.download import target_file
from dashboard.progress.scope import scope
from dashboard.progress.targets import target_table

DESCRIPTION = Path(__file__).with_name("openapi.yml")
_CATCH_ALL = "fallback"
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@functools.cache
def description() -> str:
    """The OpenAPI document, read once per process and served as JSON."""
    return json.dumps(yaml.safe_load(DESCRIPTION.read_text(encoding="utf-8")),
                      ensure_ascii=False)


def _format() -> str | None:
    wanted = request.args.get("format", "json")
    return wanted if wanted in FORMATS else None


def _bad_format() -> Response:
    return error(400, "invalid", "format: json or csv", [problem("format", "bad_format")])


def _report() -> str | Response:
    """The ``report`` parameter if it names a report of the snapshot, else the error."""
    report = request.args.get("report")
    if not report:
        return error(400, "invalid", "report: required", [problem("report", "missing")])
    if not known_report(current_dataset(), report):
        return error(404, "not_found", "report: no such report",
                     [problem("report", "unknown_report")])
    return report


def reports() -> Response:
    fmt = _format()
    if fmt is None:
        return _bad_format()
    dataset = current_dataset()
    frame = report_frame(dataset)
    if fmt == "csv":
        return csv_answer(dataset.everything.memo.get(("api-reports-csv",), lambda: table_csv(
            frame)), "reports.csv")
    return json_answer({"version": dataset.version, "reports": records(frame)})


def facts() -> Response:
    fmt = _format()
    if fmt is None:
        return _bad_format()
    report = _report()
    if isinstance(report, Response):
        return report
    dataset = current_dataset()
    frame = fact_frame(dataset, report)
    if fmt == "csv":
        body = dataset.everything.scoped(report).cached(("api-facts-csv",),
                                                        lambda: table_csv(frame))
        return csv_answer(body, f"{report}-facts.csv")
    rows = dataset.everything.scoped(report).cached(("api-facts-json",),
                                                    lambda: records(frame))
    return json_answer({"version": dataset.version, "report": report, "facts": rows})


def targets() -> Response:
    fmt = _format()
    if fmt is None:
        return _bad_format()
    report = _report()
    if isinstance(report, Response):
        return report
    year = request.args.get("year") or None
    if year is not None and not (year.isascii() and year.isdigit() and len(year) == 4):
        return error(400, "invalid", "year: four digits", [problem("year", "bad_year")])
    dataset = current_dataset()
    scoped, chosen, ignored = scope(dataset, report, year)
    if "year" in ignored:
        return error(404, "not_found", "year: no work report of this place sets targets for it",
                     [problem("year", "unknown_year")])
    if fmt == "csv":
        name, body = target_file(dataset, report, year)
        return csv_answer(body, name)
    rows = scoped.cached(("api-targets-json", chosen),
                         lambda: target_json(target_table(scoped, chosen)))
    return json_answer({"version": dataset.version, "report": scoped.report_id,
                        "year": chosen, "targets": rows})


def openapi() -> Response:
    return Response(description(), mimetype="application/json",
                    headers={"Cache-Control": "no-cache"})


def index() -> Response:
    return json_answer({"openapi": f"{PREFIX}/openapi.json", "docs": "docs/api.md"})


def fallback(rest: str) -> Response:
    """Anything else under /api/v1: 405 (with Allow) if the path exists, else 404, as JSON."""
    adapter = current_app.create_url_adapter(request)
    allowed = []
    for method in _METHODS:
        try:
            endpoint, _ = adapter.match(request.path, method=method)  # type: ignore[union-attr]
        except HTTPException:
            continue
        if not endpoint.rpartition(".")[2].startswith(_CATCH_ALL):
            allowed.append(method)
    if allowed:
        return error(405, "method_not_allowed", f"use {', '.join(allowed)}",
                     headers={"Allow": ", ".join(allowed)})
    return error(404, "not_found", "no such endpoint; see /api/v1/openapi.json")


class RestOfPath(PathConverter):
    """Any rest of a path, line breaks and NULs included (``path`` stops at a line break,
    and such a request would get Flask's HTML 404 instead of the API's JSON one)."""
    regex = r"[\s\S]+?"
    part_isolating = False  # spans several segments (werkzeug infers it from a "/" only)


def register(server: Flask) -> None:
    """Attach the public reads and the API's description to the app's Flask server."""
    server.register_blueprint(blueprint())


def blueprint() -> Blueprint:
    """A new blueprint (one per app: tests build many apps in one process)."""
    routes = Blueprint("api_read", __name__, url_prefix=PREFIX)
    get: dict[str, Any] = {"/reports": reports, "/facts": facts, "/targets": targets,
                           "/openapi.json": openapi, "/": index}
    for path, view in get.items():
        routes.add_url_rule(path, view_func=view, methods=["GET"])
    routes.record_once(lambda state: state.app.url_map.converters.setdefault(
        "api_rest", RestOfPath))
    routes.add_url_rule("/<api_rest:rest>", _CATCH_ALL, fallback, methods=list(_METHODS))
    routes.add_url_rule("/", f"{_CATCH_ALL}_index", fallback, defaults={"rest": ""},
                        methods=[m for m in _METHODS if m != "GET"])
    return routes
