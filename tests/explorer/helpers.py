"""Walking Dash component trees in tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component


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
