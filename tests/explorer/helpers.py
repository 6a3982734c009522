"""Walking Dash component trees, and finding facts of the test bundles, in tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from dash.development.base_component import Component

BUNDLES = Path(__file__).resolve().parents[1] / "fixtures" / "bundles"


def walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(reversed(item))
            continue
        yield item
        if isinstance(item, Component):
            stack.append(getattr(item, "children", None))


def text_of(node: Any) -> str:
    return "".join(item for item in walk(node) if isinstance(item, str))


def props(component: Component) -> dict[str, Any]:
    return component.to_plotly_json()["props"]


def find(layout: Any, id_: Any) -> Any:
    return next(c for c in walk(layout) if getattr(c, "id", None) == id_)


def fact_id(facts: pd.DataFrame, report_id: str, indicator_id: str, kind: str = "actual",
            value_kind: str = "level") -> str:
    """The id of the one fact of ``report_id`` with this indicator, kind and measure."""
    rows = facts[(facts.report_id == report_id) & (facts.indicator_id == indicator_id)
                 & (facts.kind == kind) & (facts.value_kind == value_kind)]
    assert len(rows) == 1, (report_id, indicator_id, kind, value_kind, list(rows.fact_id))
    return str(rows.fact_id.iloc[0])


def original_text(dataset: Any, report_id: str) -> str:
    """The report's file in tests/fixtures/bundles, as written."""
    name = str(dataset.report(report_id)["file"])
    path = next(BUNDLES.glob(f"*/{name}"))
    return path.read_text(encoding="utf-8")
