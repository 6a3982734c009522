"""Names of sectors and fact kinds, in both languages: the one place they are defined.

The explorer, the target panel, the figures and the presentation deck all label the same
sector ids (from the lexicon) and kinds (from the schema); keeping one table means a sector
reads the same on every page. "unclassified" is the indicator id of a fact the lexicon does
not know; the report reader colours such facts apart, so it is labelled like a kind.
Colours follow the Okabe & Ito palette used by every chart.

Pure module (i18n and theme only).
"""

from __future__ import annotations

from dashboard.i18n import add_strings, has_key, t
from dashboard.theme import OKABE_ITO

UNCLASSIFIED = "unclassified"
MARK_KINDS: tuple[str, ...] = ("actual", "target", "plan", UNCLASSIFIED)
KIND_COLORS: dict[str, str] = {
    "actual": OKABE_ITO["blue"],
    "target": OKABE_ITO["orange"],
    "plan": OKABE_ITO["bluish_green"],
    UNCLASSIFIED: "#8a8f96",
}

_SECTORS: dict[str, tuple[str, str]] = {
    "economy": ("经济总量", "Economy"),
    "industry": ("工业", "Industry"),
    "energy": ("能源", "Energy"),
    "investment": ("投资", "Investment"),
    "fiscal": ("财政", "Public finance"),
    "agriculture": ("农业", "Agriculture"),
    "livestock": ("畜牧业", "Livestock"),
    "tourism": ("文化旅游", "Tourism"),
    "trade": ("对外贸易", "Trade"),
    "consumption": ("消费", "Consumption"),
    "employment": ("就业", "Employment"),
    "education": ("教育", "Education"),
    "health": ("医疗卫生", "Health"),
    "social": ("社会保障", "Social welfare"),
    "infrastructure": ("城乡建设", "Infrastructure"),
    "ecology": ("生态环境", "Environment"),
    "reform": ("改革", "Reform"),
    "governance": ("政府治理", "Governance"),
}
_KINDS: dict[str, tuple[str, str]] = {
    "actual": ("实绩", "Result"),
    "target": ("目标", "Target"),
    "plan": ("计划", "Plan"),
    UNCLASSIFIED: ("未归类", "Unclassified"),
}
SECTORS: tuple[str, ...] = tuple(_SECTORS)

add_strings({f"sector.{k}": {"zh": zh, "en": en} for k, (zh, en) in _SECTORS.items()})
add_strings({f"kind.{k}": {"zh": zh, "en": en} for k, (zh, en) in _KINDS.items()})


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
