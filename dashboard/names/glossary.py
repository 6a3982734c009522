"""An English name suggested for a Chinese indicator name, from a glossary of the genre's terms.

The glossary is data: ``glossary.csv`` (terms reports use, with their English) and the
lexicon's own names (lexicon.yml: zh → en), the csv winning where both give a term. A name
is cut into terms by longest match from the left (the usual segmentation of Chinese by a
word list); digits and Latin letters (3A, PM2.5) are kept as written. The English follows
the Chinese order, which for the genre's names (modifier before head: 农村公路里程 → rural
road mileage) reads right; a term whose English holds ``{}`` (比重 → share of {}) takes the
English of the terms before it into its slot, for the few heads English puts first.

A suggestion is *complete* when every Chinese character was covered by a term; only a
complete one is shown to readers (marked as a machine suggestion) or offered to reviewers
as is. Pure: the files are read on first use, never at import.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.pipeline.lexicon import LEXICON_PATH, load_lexicon

GLOSSARY_PATH = Path(__file__).with_name("glossary.csv")
SLOT = "{}"
_CJK = re.compile(r"[\u3400-\u9fff]")
# Written as is: digits, Latin letters and the signs they come with (PM2.5, 3A, 5G, R&D).
_KEPT = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+&\-]*")
# Punctuation inside a name: quotes and brackets are dropped, list marks become "and".
_DROPPED = set("“”\"'‘’《》〈〉「」『』（）()[]【】·• \u3000")
_AND = set("、和及与")


@dataclass(frozen=True)
class Suggestion:
    en: str
    complete: bool
    # (Chinese, English or "" when the glossary has no term for it), in order.
    parts: tuple[tuple[str, str], ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The runs of Chinese characters no term covers (what the glossary lacks)."""
        runs, run = [], ""
        for zh, en in self.parts:
            if not en and _CJK.search(zh):
                run += zh
            elif run:
                runs, run = [*runs, run], ""
        return tuple([*runs, run] if run else runs)


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str]
    longest: int

    def suggest(self, name: str) -> Suggestion:
        """The English of ``name`` term by term (longest term first at each position)."""
        parts: list[tuple[str, str]] = []
        pos = 0
        while pos < len(name):
            term = self._term_at(name, pos)
            if term:
                parts.append((term, self.terms[term]))
                pos += len(term)
                continue
            kept = _KEPT.match(name, pos)
            if kept:
                parts.append((kept.group(), kept.group()))
                pos = kept.end()
                continue
            char = name[pos]
            if char in _DROPPED:
                parts.append((char, " "))
            elif char in _AND:
                parts.append((char, "and"))
            else:
                parts.append((char, ""))  # a Chinese character no term covers
            pos += 1
        complete = not any(not en and _CJK.search(zh) for zh, en in parts)
        return Suggestion(_english(parts), complete, tuple(parts))

    def _term_at(self, name: str, pos: int) -> str:
        for length in range(min(self.longest, len(name) - pos), 0, -1):
            if name[pos:pos + length] in self.terms:
                return name[pos:pos + length]
        return ""


def _english(parts: list[tuple[str, str]]) -> str:
    words: list[str] = []
    for _, en in parts:
        if not en:
            continue
        if SLOT in en:
            before = " ".join(words).strip()
            words = [en.replace(SLOT, before).strip() if before else en.replace(SLOT, "")]
        else:
            words.append(en)
    text = " ".join(" ".join(words).split())
    text = re.sub(r"^(and )+|( and)+$", "", text)
    return text[:1].upper() + text[1:] if text else ""


def _lower_first(en: str) -> str:
    """Grain output → grain output inside a longer name; GDP, PM2.5 and R&D kept."""
    return en[:1].lower() + en[1:] if en[1:2].islower() else en


def read_terms(path: Path = GLOSSARY_PATH) -> dict[str, str]:
    """glossary.csv: a header ``zh,en``, one term a line; ``#`` lines are comments."""
    terms: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        header = next(rows, None)
        if header != ["zh", "en"]:
            raise ValueError(f"{path}: the header must be zh,en (got {header})")
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise ValueError(f"{path}: line {number}: expected zh,en: {row}")
            zh, en = row[0].strip(), row[1].strip()
            if zh in terms and terms[zh] != en:
                raise ValueError(f"{path}: line {number}: {zh} given twice")
            terms[zh] = en
    return terms


@lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_PATH, lexicon_path: Path = LEXICON_PATH) -> Glossary:
    """The glossary: the lexicon's names, with glossary.csv's terms over them."""
    lexicon = load_lexicon(lexicon_path)
    terms = {ind.zh: _lower_first(ind.en) for ind in lexicon.indicators.values()}
    terms.update(read_terms(path))
    return Glossary(terms, max(map(len, terms)))


@lru_cache(maxsize=8192)
def suggest(name: str) -> Suggestion:
    """The glossary's English for ``name`` (see :class:`Suggestion`)."""
    return load_glossary().suggest(name)
