"""Walk a Dash component tree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk(component: Any) -> Iterator[Any]:
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
            continue
        if node is None or isinstance(node, (str, int, float)):
            continue
        yield node
        stack.append(getattr(node, "children", None))


def texts(component: Any) -> list[str]:
    """Every string child, in document order."""
    found: list[str] = []
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
        elif isinstance(node, str):
            found.append(node)
        elif node is not None and not isinstance(node, (int, float)):
            stack.append(getattr(node, "children", None))
    return found


def by_class(component: Any, name: str) -> list[Any]:
    return [n for n in walk(component) if name in (getattr(n, "className", None) or "").split()]


def by_id(component: Any, wanted: Any) -> list[Any]:
    return [n for n in walk(component) if getattr(n, "id", None) == wanted]
