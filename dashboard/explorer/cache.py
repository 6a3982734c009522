"""Values computed once per loaded dataset (choices, marked report text per language).

The dataset is immutable after loading but not hashable (it holds DataFrames), so entries are
keyed by its identity and dropped when another dataset is loaded (tests load several).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_owner: list[Any] = [None]
_values: dict[Hashable, Any] = {}


def per_dataset(dataset: Any, key: Hashable, build: Callable[[], T]) -> T:
    """`build()` once for this dataset and key; later calls return the same value."""
    if _owner[0] is not dataset:
        _values.clear()
        _owner[0] = dataset
    if key not in _values:
        _values[key] = build()
    return _values[key]
