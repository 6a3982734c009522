"""Translated labels shared by the data explorer, the report reader and the sector chart.

Pure module (i18n only). Sector and kind names live in :mod:`dashboard.labels`; this module
adds the comparators and the colour class of a fact.
"""

from __future__ import annotations

from dashboard.i18n import has_key, t
from dashboard.labels import UNCLASSIFIED


def comparator_label(comparator: str, lang: str) -> str:
    """≥（以上） / ≥ at least for ``>=`` (the catalogues' ``data.comparator.*``); "=" and an
    unknown comparator are shown as they are."""
    key = f"data.comparator.{comparator}"
    return t(key, lang) if has_key(key) else str(comparator)


def mark_kind(indicator_id: str, kind: str) -> str:
    """The colour class of a fact: its kind, or "unclassified" for an unknown indicator."""
    return UNCLASSIFIED if indicator_id == UNCLASSIFIED else kind
