"""The indicator lexicon (lexicon.yml) loaded into matchers."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).with_name("lexicon.yml")
UNCLASSIFIED = "unclassified"
# How far apart the parts of a "粮食…产量" term may be.
_GAP = r"[^。;；!?！？\n]{0,16}?"


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    sector: str  # a sector, or "context"
    type: str  # "outcome" or "output"
    direction: str  # "up" or "down"
    dims: tuple[str, ...]
    measure: str = "flow"  # "flow" (adds up over the year) or "stock" (a level at a time)
    topic: str = ""  # a page's view within the sector (crops, land…); the sector if not set
    per_capita: bool = False  # an amount per person: money stays in 元, not 亿元


@dataclass(frozen=True)
class TermMatch:
    indicator: Indicator
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    sectors: tuple[str, ...]
    indicators: dict[str, Indicator]
    by_first_char: dict[str, tuple[tuple[str, str], ...]]  # plain terms: (term, indicator)
    gapped: tuple[tuple[str, str, re.Pattern[str]], ...]  # (indicator, last part, regex)
    sector_keywords: tuple[tuple[str, str], ...]  # (keyword, sector)
    number_names: tuple[str, ...] = ()  # names with a number inside (八项规定)
    # A prefix naming several things at once (城乡 = 城镇 and 农村), for 分别 lists.
    joint_prefixes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Words before a name that make it a part of what the name measures (困难群众参保率).
    object_qualifiers: Mapping[str, str] = field(default_factory=dict)  # wording -> group
    # Words holding an indicator's term that name something else (总投资, 全部财政收入).
    not_names: tuple[str, ...] = ()
    # Short names that name an indicator only where its full name is never written.
    weak_terms: Mapping[str, str] = field(default_factory=dict)  # short name -> full name

    def for_document(self, text: str) -> Lexicon:
        """The lexicon as it reads one document: a weak term whose full name the document
        writes names something else there."""
        other = tuple(short for short, full in self.weak_terms.items() if full in text)
        return dataclasses.replace(self, not_names=self.not_names + other) if other else self

    def names_of(self, indicator_id: str) -> frozenset[str]:
        """Every way the lexicon writes an indicator: its terms and its zh name."""
        ind = self.indicators[indicator_id]
        return frozenset({ind.zh, *(t for ts in self.by_first_char.values()
                                    for t, i in ts if i == indicator_id)})

    def indicator_for_term(self, term: str) -> Indicator | None:
        """The indicator a plain term names exactly (城镇居民人均可支配收入), or None."""
        for candidate, ind_id in self.by_first_char.get(term[:1], ()):
            if candidate == term:
                return self.indicators[ind_id]
        return None

    def matches(self, text: str, start: int, end: int) -> list[TermMatch]:
        """Indicator names in text[start:end]; a name inside a longer one is dropped.

        A gapped term (粮食…产量) is located at its last part, so that it competes with the
        plain names around that spot instead of swallowing the names inside its gap.
        """
        found: list[tuple[int, int, bool, str]] = []
        for pos in range(start, end):
            for term, ind_id in self.by_first_char.get(text[pos], ()):
                if text.startswith(term, pos, end):
                    found.append((pos, pos + len(term), False, ind_id))
        for ind_id, last_part, regex in self.gapped:
            for match in regex.finditer(text, start, end):
                found.append((match.end() - len(last_part), match.end(), True, ind_id))
        masked = [(at, at + len(word)) for word in self.not_names
                  for at in _occurrences(text, word, start, end)]
        found = [m for m in found if not any(a <= m[0] and m[1] <= b for a, b in masked)]
        found.sort(key=lambda m: (m[0] - m[1], not m[2]))
        kept: list[tuple[int, int, bool, str]] = []
        for cand in found:
            if not any(k[0] <= cand[0] and cand[1] <= k[1] for k in kept):
                kept.append(cand)
        kept.sort()
        return [TermMatch(self.indicators[ind], s, e) for s, e, _, ind in kept]

    def sector_near(self, text: str, start: int, end: int) -> str | None:
        """The sector of the keyword nearest before `end` in text[start:end]."""
        best, best_pos = None, -1
        window = text[start:end]
        for keyword, sector in self.sector_keywords:
            pos = window.rfind(keyword)
            if pos > best_pos:
                best, best_pos = sector, pos
        return best


def _occurrences(text: str, word: str, start: int, end: int) -> list[int]:
    found, at = [], text.find(word, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1, end)
    return found


def _term_regex(term: str) -> str:
    return _GAP.join(re.escape(part) for part in term.split("…"))


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Load and check the lexicon; a malformed lexicon fails loudly here, not mid-build."""
    # libyaml's safe loader when present: the same data, read before every app process
    # serves (the pure-Python loader took a second of a province's start-up).
    data = yaml.load(path.read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    sectors = tuple(data["sectors"])
    indicators: dict[str, Indicator] = {}
    by_first_char: dict[str, list[tuple[str, str]]] = {}
    gapped: list[tuple[str, str, re.Pattern[str]]] = []
    for ind_id, spec in data["indicators"].items():
        sector = spec["sector"]
        if sector != "context" and sector not in sectors:
            raise ValueError(f"{path}: indicator {ind_id} has unknown sector {sector!r}")
        indicators[ind_id] = Indicator(
            ind_id, spec["zh"], spec["en"], sector, spec.get("type", "outcome"),
            spec.get("direction", "up"), tuple(spec["dims"]), spec.get("measure", "flow"),
            spec.get("topic") or sector, bool(spec.get("per_capita", False)))
        for term in spec["terms"]:
            if "…" in term:
                gapped.append((ind_id, term.split("…")[-1], re.compile(_term_regex(term))))
            else:
                by_first_char.setdefault(term[0], []).append((term, ind_id))
    keywords = tuple((kw, sector) for sector, kws in data["sector_keywords"].items()
                     for kw in kws)
    for _, sector in keywords:
        if sector not in sectors:
            raise ValueError(f"{path}: sector keyword for unknown sector {sector!r}")
    first_chars = {ch: tuple(terms) for ch, terms in by_first_char.items()}
    joint = tuple((prefix, tuple(parts))
                  for prefix, parts in (data.get("joint_prefixes") or {}).items())
    return Lexicon(sectors, indicators, first_chars, tuple(gapped), keywords,
                   tuple(data.get("number_names", ())), joint,
                   _qualifiers(data.get("object_qualifiers") or {}),
                   tuple(data.get("not_names") or ()), dict(data.get("weak_terms") or {}))


def _qualifiers(groups: dict[str, list[str]]) -> dict[str, str]:
    """{group: [wordings]} -> {wording: group}."""
    return {word: group for group, words in groups.items() for word in [group, *words]}
