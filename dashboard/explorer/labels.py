"""Translated labels shared by the data explorer, the report reader and the sector chart.

Pure module (i18n only). Sector and kind names live in :mod:`dashboard.labels`; this module
adds the comparators and the colour class of a fact.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.i18n import normalize_lang
from dashboard.labels import UNCLASSIFIED

_COMPARATORS: Mapping[str, tuple[str, str]] = {
    "=": ("=", "="),
    ">=": ("≥（以上）", "≥ at least"),
    "<=": ("≤（以内）", "≤ at most"),
    "~": ("≈（左右）", "≈ about"),
    ">": (">（余）", "> over"),
    "<": ("<（以下）", "< under"),
}


def comparator_label(comparator: str, lang: str) -> str:
    pair = _COMPARATORS.get(comparator)
    if pair is None:
        return str(comparator)
    return pair[1] if normalize_lang(lang) == "en" else pair[0]


def mark_kind(indicator_id: str, kind: str) -> str:
    """The colour class of a fact: its kind, or "unclassified" for an unknown indicator."""
    return UNCLASSIFIED if indicator_id == UNCLASSIFIED else kind
