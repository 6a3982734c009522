"""Translated labels shared by the data explorer, the report reader and the sector chart.

Pure module (i18n only). Sectors come from the lexicon; kinds from the schema, plus
"unclassified" for facts whose indicator the lexicon does not know (the reader colours them
apart). Colours follow the Okabe & Ito palette used by every chart.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.i18n import add_strings, has_key, normalize_lang, t
from dashboard.theme import OKABE_ITO

UNCLASSIFIED = "unclassified"
MARK_KINDS: tuple[str, ...] = ("actual", "target", "plan", UNCLASSIFIED)
KIND_COLORS: dict[str, str] = {
    "actual": OKABE_ITO["blue"],
    "target": OKABE_ITO["orange"],
    "plan": OKABE_ITO["bluish_green"],
    UNCLASSIFIED: "#8a8f96",
}

_SECTORS = {
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
_KINDS = {
    "actual": ("实绩", "Result"),
    "target": ("目标", "Target"),
    "plan": ("计划", "Plan"),
    UNCLASSIFIED: ("未归类", "Unclassified"),
}
_COMPARATORS: Mapping[str, tuple[str, str]] = {
    "=": ("=", "="),
    ">=": ("≥（以上）", "≥ at least"),
    "<=": ("≤（以内）", "≤ at most"),
    "~": ("≈（左右）", "≈ about"),
    ">": (">（余）", "> over"),
    "<": ("<（以下）", "< under"),
}

add_strings({f"data.sector.{k}": {"zh": zh, "en": en} for k, (zh, en) in _SECTORS.items()})
add_strings({f"data.kind.{k}": {"zh": zh, "en": en} for k, (zh, en) in _KINDS.items()})


def sector_label(sector: str, lang: str) -> str:
    key = f"data.sector.{sector}"
    return t(key, lang) if has_key(key) else str(sector)


def kind_label(kind: str, lang: str) -> str:
    key = f"data.kind.{kind}"
    return t(key, lang) if has_key(key) else str(kind)


def comparator_label(comparator: str, lang: str) -> str:
    pair = _COMPARATORS.get(comparator)
    if pair is None:
        return str(comparator)
    return pair[1] if normalize_lang(lang) == "en" else pair[0]


def mark_kind(indicator_id: str, kind: str) -> str:
    """The colour class of a fact: its kind, or "unclassified" for an unknown indicator."""
    return UNCLASSIFIED if indicator_id == UNCLASSIFIED else kind
