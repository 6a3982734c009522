"""Reviewers' decisions on extracted figures, kept as data beside the reports.

A decision is keyed by the text it was made on, not by a fact id or an offset: the sentence
holding the number, the number as written and which occurrence of it in the sentence. The
same sentence read again (a corrected upload, a rebuild from ``seeds/``) gets the same
decision. ``seeds/review/*.yml`` holds them, with the indicators reviewers added (the lexicon
additions), so ``python -m dashboard.pipeline build`` reproduces what was published.

Actions: ``accept`` (reviewed, unchanged), ``assign`` (another indicator), ``edit`` (another
value, same unit), ``reject`` (not a figure of this report: dropped).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .lexicon import Indicator, Lexicon
from .text import ReportError, reading_text

ACTIONS = ("accept", "assign", "edit", "reject")
REVIEW_DIR = "review"
_SENTENCE_END = "。!?！？;；\n"


@dataclass(frozen=True)
class Decision:
    key: str
    action: str
    indicator_id: str | None = None
    value: float | None = None


@dataclass(frozen=True)
class Reviews:
    decisions: Mapping[str, Decision] = field(default_factory=dict)
    indicators: tuple[Indicator, ...] = ()


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous end mark to the next."""
    begin = max((text.rfind(mark, 0, start) for mark in _SENTENCE_END), default=-1) + 1
    stops = [pos for mark in _SENTENCE_END if (pos := text.find(mark, end)) != -1]
    return begin, (min(stops) + 1 if stops else len(text))


def fact_key(text: str, start: int, end: int) -> str:
    """A key for the number at text[start:end] that depends only on its sentence."""
    norm = reading_text(text)
    begin, stop = sentence_span(norm, start, end)
    sentence, number = norm[begin:stop].strip(), norm[start:end]
    before = norm[begin:start].count(number) if number else 0
    digest = hashlib.sha256(f"{sentence}\x1f{number}\x1f{before}".encode()).hexdigest()
    return digest[:20]


def with_indicators(lexicon: Lexicon, added: Iterable[Indicator]) -> Lexicon:
    """The lexicon plus reviewers' indicators (named only by assignment, never by terms)."""
    extra = {ind.id: ind for ind in added if ind.id not in lexicon.indicators}
    if not extra:
        return lexicon
    return dataclasses.replace(lexicon, indicators={**lexicon.indicators, **extra})


def apply(facts: list[dict], text: str, reviews: Reviews, lexicon: Lexicon) -> list[dict]:
    """The facts of one report after its reviewers' decisions."""
    if not reviews.decisions:
        return facts
    kept = []
    for fact in facts:
        decision = reviews.decisions.get(fact_key(text, int(fact["start"]), int(fact["end"])))
        if decision is None or decision.action == "accept":
            kept.append(fact)
        elif decision.action == "assign" and decision.indicator_id in lexicon.indicators:
            ind = lexicon.indicators[decision.indicator_id]
            kept.append({**fact, "indicator_id": ind.id, "indicator_zh": ind.zh,
                         "indicator_en": ind.en,
                         "sector": ind.sector if ind.sector != "context" else fact["sector"]})
        elif decision.action == "edit" and decision.value is not None:
            old = float(fact["value"])
            scale = float(fact["value_std"]) / old if old else 1.0
            kept.append({**fact, "value": decision.value, "value_std": decision.value * scale})
        elif decision.action != "reject":
            kept.append(fact)
    return kept


def indicator_spec(ind: Indicator) -> dict[str, object]:
    return {"id": ind.id, "zh": ind.zh, "en": ind.en, "sector": ind.sector, "type": ind.type,
            "direction": ind.direction, "dims": list(ind.dims), "measure": ind.measure}


def indicator_from_spec(spec: Mapping[str, object]) -> Indicator:
    sector = str(spec["sector"])
    dims = spec.get("dims") or []
    return Indicator(str(spec["id"]), str(spec["zh"]), str(spec["en"]), sector,
                     str(spec.get("type", "outcome")), str(spec.get("direction", "up")),
                     tuple(str(d) for d in dims) if isinstance(dims, list) else (),
                     str(spec.get("measure", "flow")), sector)


def decision_from_spec(spec: Mapping[str, object]) -> Decision:
    action = str(spec["action"])
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    value = spec.get("value")
    indicator = spec.get("indicator_id")
    return Decision(str(spec["key"]), action, None if indicator is None else str(indicator),
                    None if value is None else float(str(value)))


def load_reviews(seeds_dir: Path) -> Reviews:
    """Every ``seeds/review/*.yml``: decisions by key and the indicators they added."""
    decisions: dict[str, Decision] = {}
    indicators: list[Indicator] = []
    for path in sorted((seeds_dir / REVIEW_DIR).glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            indicators += [indicator_from_spec(s) for s in data.get("indicators") or []]
            for spec in data.get("decisions") or []:
                decision = decision_from_spec(spec)
                decisions[decision.key] = decision
        except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ReportError(path, f"malformed review file ({exc})") from None
    return Reviews(decisions, tuple(indicators))


def dump_review(report_id: str, decisions: list[dict[str, object]],
                indicators: list[Indicator]) -> str:
    """The text of ``seeds/review/<report_id>.yml`` (decisions carry their sentence and
    reviewer for people reading the file; the build uses key, action, indicator, value)."""
    body = {"report_id": report_id,
            "indicators": [indicator_spec(i) for i in indicators],
            "decisions": decisions}
    header = ("# Reviewers' decisions on the figures of this report (made in the app's "
              "/upload review),\n# applied by `python -m dashboard.pipeline build`.\n")
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
