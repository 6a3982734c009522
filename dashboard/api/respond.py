"""Answers of the API: JSON (plain values, no NaN) or CSV, and errors as JSON naming the
field. Every answer is ``Cache-Control: no-store``: it holds the data version of the request
(or a write's outcome), which a later version replaces."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

import pandas as pd
from flask import Response, jsonify

from dashboard import downloads

FORMATS = ("json", "csv")


def plain(value: object) -> object:
    """A JSON value for a table cell: numbers as int/float, missing (NaN, NA) as None."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def json_answer(body: Mapping[str, Any], status: int = 200,
                headers: Mapping[str, str] | None = None) -> Response:
    response = jsonify(dict(body))
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def csv_answer(body: bytes, file_name: str) -> Response:
    # RFC 5987 form: a report id of an upload may hold any character, a header only latin-1.
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(file_name)}",
        "Cache-Control": "no-store"})


def table_csv(frame: pd.DataFrame) -> bytes:
    """CSV as every download of the site: UTF-8 with a BOM, formula-like text neutralised."""
    return downloads.to_csv(frame)


def problem(field: str, code: str, hard: bool = True) -> dict[str, object]:
    return {"field": field, "code": code, "hard": hard}


def error(status: int, code: str, message: str,
          problems: Iterable[Mapping[str, object]] = (),
          headers: Mapping[str, str] | None = None, **extra: object) -> Response:
    """``{"error": code, "message": …, "problems": [{"field", "code", "hard"}]}``."""
    return json_answer({"error": code, "message": message, "problems": list(problems),
                        **extra}, status, headers)
