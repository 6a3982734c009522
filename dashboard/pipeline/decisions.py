"""Reviewers' decisions on extracted figures, kept as data beside the reports.

A decision is keyed by the text it was made on, not by a fact id or an offset: the sentence
holding the number, the number as written and which occurrence of it in the sentence. The
same sentence read again (a corrected upload, a rebuild from ``seeds/``) gets the same
decision. ``seeds/review/*.yml`` holds them, with the indicators reviewers added (the lexicon
additions), so ``python -m dashboard.pipeline build`` reproduces what was published.

Actions: ``accept`` (reviewed, unchanged), ``assign`` (another indicator), ``edit`` (another
value, same unit), ``reject`` (not a figure of this report: dropped). Besides decisions on
figures, reviewers confirm the English of a name read from the text (``names``, by the
Chinese name: every figure so named takes it).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import yaml

from .lexicon import Indicator, Lexicon
from .text import ReportError, reading_text

ACTIONS = ("accept", "assign", "edit", "reject")
REVIEW_DIR = "review"
_SENTENCE_END = "。!?！？;；\n"
_MARKS = re.compile("[" + re.escape(_SENTENCE_END) + "]")
_CJK = r"[\u3400-\u9fff]"
T = TypeVar("T")


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
    # English a reviewer confirmed for a name read from the text (no lexicon entry), by zh.
    names: Mapping[str, str] = field(default_factory=dict)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous end mark to the next.

    One figure only: this scans the text (up to all of it when a mark never occurs), so a
    caller with many figures of one text uses :class:`Sentences` instead."""
    begin = max((text.rfind(mark, 0, start) for mark in _SENTENCE_END), default=-1) + 1
    stops = [pos for mark in _SENTENCE_END if (pos := text.find(mark, end)) != -1]
    return begin, (min(stops) + 1 if stops else len(text))


class Sentences:
    """The end marks of a text found once: each figure's sentence is then two bisections,
    the same span as ``sentence_span`` gives."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.marks = [m.start() for m in _MARKS.finditer(text)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        before = bisect.bisect_left(self.marks, start)  # marks[before - 1] < start
        after = bisect.bisect_left(self.marks, end)  # marks[after] >= end
        begin = self.marks[before - 1] + 1 if before else 0
        return begin, (self.marks[after] + 1 if after < len(self.marks) else self.length)


def fact_key(text: str, start: int, end: int) -> str:
    """A key for the number at text[start:end] that depends only on its sentence.

    One figure only (it normalises the whole text): for a text's figures use ``fact_keys``."""
    return fact_keys(text, [(start, end)])[0]


def fact_keys(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """``fact_key`` of every span of one text, in one pass: the text is normalised once,
    each sentence is hashed once and each number counted once along its sentence, so a text
    with many figures costs time linear in its length (the old per-figure key normalised the
    whole text again for each figure: quadratic). The keys are the same as ever: decisions in
    the database and in ``seeds/review/`` are stored by them."""
    norm = reading_text(text)
    sentences = Sentences(norm)
    digests: dict[tuple[int, int], Any] = {}
    # (sentence begin, number) -> [where the next search starts, occurrences counted so far,
    # how far the text was searched]: the count before a later figure continues from there.
    counters: dict[tuple[int, str], list[int]] = {}
    keys = [""] * len(spans)
    for index in sorted(range(len(spans)), key=lambda i: spans[i][0]):
        start, end = spans[index]
        begin, stop = sentences.span(start, end)
        digest = digests.get((begin, stop))
        if digest is None:
            digest = hashlib.sha256(norm[begin:stop].strip().encode() + b"\x1f")
            digests[(begin, stop)] = digest
        number = norm[start:end]
        before = _count_before(norm, number, begin, start, counters) if number else 0
        one = digest.copy()
        one.update(f"{number}\x1f{before}".encode())
        keys[index] = one.hexdigest()[:20]
    return keys


def _count_before(norm: str, number: str, begin: int, start: int,
                  counters: dict[tuple[int, str], list[int]]) -> int:
    """``norm[begin:start].count(number)`` for figures met in order of ``start``: the same
    left-to-right, non-overlapping count, continued from the previous figure's."""
    state = counters.get((begin, number))
    if state is None or state[2] > start:
        state = counters[(begin, number)] = [begin, 0, begin]
    # An occurrence starting before ``searched - len(number) + 1`` lies wholly in the part
    # already searched: it was counted then, or there is none.
    position, count = max(state[0], state[2] - len(number) + 1), state[1]
    while (found := norm.find(number, position, start)) != -1:
        count += 1
        position = found + len(number)
    state[:] = [position, count, start]
    return count


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
    keys = fact_keys(text, [(int(fact["start"]), int(fact["end"])) for fact in facts])
    for fact, key in zip(facts, keys, strict=True):
        decision = reviews.decisions.get(key)
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


def _has_no_english(en: pd.Series) -> pd.Series:
    # A name read from the text keeps its Chinese as its English (extract.py): only such a
    # name takes a reviewer's English; the lexicon's own names are never replaced.
    return en.astype(str).str.contains(_CJK)


def with_names(frame: pd.DataFrame, names: Mapping[str, str], zh: str = "indicator_zh",
               en: str = "indicator_en") -> pd.DataFrame:
    """``frame`` (facts, or indicator_meta with ``zh``/``en``) with the confirmed English of
    each name read from the text that a reviewer gave one."""
    if not names or frame.empty:
        return frame
    confirmed = frame[zh].map(names)
    change = confirmed.notna() & _has_no_english(frame[en])
    if not change.any():
        return frame
    frame = frame.copy()
    frame.loc[change, en] = confirmed[change]
    return frame


def named_tables(tables: T, reviews: Reviews | None) -> T:
    """Tables (build.Tables) with the reviewers' English names in the facts and the
    indicators' metadata."""
    if reviews is None or not reviews.names:
        return tables
    return dataclasses.replace(
        tables, indicators=with_names(tables.indicators, reviews.names),  # type: ignore[type-var]
        indicator_meta=with_names(tables.indicator_meta, reviews.names, "zh", "en"))


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


def names_from_specs(specs: object) -> dict[str, str]:
    """A review file's ``names``: [{zh, en, by, at}] → {zh: en} (by and at are for people)."""
    if specs is None:
        return {}
    if not isinstance(specs, list):
        raise TypeError("names must be a list")
    return {str(s["zh"]): str(s["en"]) for s in specs}


def load_reviews(seeds_dir: Path) -> Reviews:
    """Every ``seeds/review/*.yml``: decisions by key, the indicators they added and the
    English names reviewers confirmed."""
    decisions: dict[str, Decision] = {}
    indicators: list[Indicator] = []
    names: dict[str, str] = {}
    for path in sorted((seeds_dir / REVIEW_DIR).glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            indicators += [indicator_from_spec(s) for s in data.get("indicators") or []]
            for spec in data.get("decisions") or []:
                decision = decision_from_spec(spec)
                decisions[decision.key] = decision
            names.update(names_from_specs(data.get("names")))
        except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ReportError(path, f"malformed review file ({exc})") from None
    return Reviews(decisions, tuple(indicators), names)


def dump_review(report_id: str, decisions: list[dict[str, object]],
                indicators: list[Indicator], names: list[dict[str, object]] | None = None
                ) -> str:
    """The text of ``seeds/review/<report_id>.yml`` (decisions carry their sentence and
    reviewer for people reading the file; the build uses key, action, indicator, value;
    ``names``: the English confirmed for its names read from the text, with who and when)."""
    body: dict[str, object] = {"report_id": report_id,
                               "indicators": [indicator_spec(i) for i in indicators],
                               "decisions": decisions}
    if names:
        body["names"] = names
    header = ("# Reviewers' decisions on the figures of this report (made in the app's "
              "/upload review),\n# applied by `python -m dashboard.pipeline build`.\n")
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
