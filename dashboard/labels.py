"""Names of sectors and fact kinds, in both languages: the one place they are looked up.

The explorer, the target panel, the figures and the presentation deck all label the same
sector ids (from the lexicon) and kinds (from the schema); keeping one lookup (the names are
the catalogues' ``sector.*`` and ``kind.*``) means a sector reads the same on every page.
"unclassified" is the indicator id of a fact the lexicon does not know; the report reader
colours such facts apart, so it is labelled like a kind.
Colours follow the Okabe & Ito palette used by every chart.

Pure module (i18n and theme only).
"""

from __future__ import annotations

from dashboard.i18n import has_key, t
from dashboard.theme import OKABE_ITO

UNCLASSIFIED = "unclassified"
MARK_KINDS: tuple[str, ...] = ("actual", "target", "plan", UNCLASSIFIED)
KIND_COLORS: dict[str, str] = {
    "actual": OKABE_ITO["blue"],
    "target": OKABE_ITO["orange"],
    "plan": OKABE_ITO["bluish_green"],
    UNCLASSIFIED: "#8a8f96",
}

# In the order the explorer and the target panel list them; their names are the
# catalogues' ``sector.<id>``, a kind's ``kind.<kind>``.
SECTORS: tuple[str, ...] = (
    "economy", "industry", "energy", "investment", "fiscal", "agriculture", "livestock",
    "tourism", "trade", "consumption", "employment", "education", "health", "social",
    "infrastructure", "ecology", "reform", "governance",
)


def _label(key: str, fallback: object, lang: str) -> str:
    # Data may carry an id the tables do not know (a new lexicon sector): show it as is
    # rather than fail, since t() raises on unknown keys.
    return t(key, lang) if has_key(key) else str(fallback)


def sector_label(sector: str, lang: str) -> str:
    """经济总量 / Economy for ``economy``; an unknown id is returned unchanged."""
    return _label(f"sector.{sector}", sector, lang)


def kind_label(kind: str, lang: str) -> str:
    """实绩 / Result for ``actual``; an unknown kind is returned unchanged."""
    return _label(f"kind.{kind}", kind, lang)
