"""Decision keys of all a text's figures in one pass (``fact_keys``) are exactly the keys the
per-figure ``fact_key`` always gave (decisions are stored by them, in the database and in
seeds/review/), and a text is normalised once however many figures it holds."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from dashboard.pipeline import decisions
from dashboard.pipeline.decisions import Sentences, fact_key, fact_keys, sentence_span
from dashboard.pipeline.extract import extract
from dashboard.pipeline.text import reading_text

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / ".." / "shared" / "realreports"
REAL = ("prov_guangdong_2026.txt", "baoding_2021.txt", "qiandongnan_2023_bulletin.txt",
        "boye_2025.txt", "xushui_2015.txt")


def _old_fact_key(text: str, start: int, end: int) -> str:
    """The key as computed before (#23), kept verbatim as the reference."""
    norm = reading_text(text)
    begin, stop = sentence_span(norm, start, end)
    sentence, number = norm[begin:stop].strip(), norm[start:end]
    before = norm[begin:start].count(number) if number else 0
    digest = hashlib.sha256(f"{sentence}\x1f{number}\x1f{before}".encode()).hexdigest()
    return digest[:20]


def _spans(text: str) -> list[tuple[int, int]]:
    return [(int(f["start"]), int(f["end"])) for f in extract(text, "r").facts]


def _texts() -> list[tuple[str, str]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert seeds, "the seed report is missing"
    assert CORPUS.is_dir(), f"the real corpus is missing: {CORPUS}"
    return [(p.name, p.read_text(encoding="utf-8")) for p in seeds] + \
        [(name, (CORPUS / name).read_text(encoding="utf-8")) for name in REAL]


@pytest.mark.parametrize(("name", "text"), _texts())
def test_keys_of_real_reports_are_the_keys_stored_before(name, text):
    spans = _spans(text)
    assert len(spans) > 50, name
    keys = fact_keys(text, spans)
    assert keys == [_old_fact_key(text, start, end) for start, end in spans]
    assert len(set(keys)) > len(keys) * 0.9  # keys still tell the figures apart


def test_keys_match_on_texts_made_to_trip_the_count():
    # Self-overlapping numbers (11 in 111, 2020 in 202020), empty spans, spans out of order,
    # the same number over and over in one sentence, a text with no end mark at all.
    rng = random.Random(23)
    alphabet = list("1112020.5。；\n增长亿 ！?？")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        spans = []
        for _ in range(rng.randint(1, 10)):
            start = rng.randint(0, len(text))
            spans.append((start, rng.randint(start, min(len(text), start + 5))))
        assert fact_keys(text, spans) == [_old_fact_key(text, a, b) for a, b in spans]
        assert fact_key(text, *spans[0]) == _old_fact_key(text, *spans[0])


def test_sentences_give_the_spans_sentence_span_gives():
    text = "前言\n一、回顾。全县增长6.4%；其中!工业？增长7%\n\n末尾没有句号"
    found = Sentences(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 4) + 1):
            assert found.span(start, end) == sentence_span(text, start, end)


def test_a_text_is_normalised_once_for_all_its_figures(monkeypatch):
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    spans = _spans(text)
    calls = []

    def counted(value: str) -> str:
        calls.append(len(value))
        return reading_text(value)

    monkeypatch.setattr(decisions, "reading_text", counted)
    fact_keys(text, spans)
    assert calls == [len(text)]  # the old keys normalised the whole text once per figure
    calls.clear()
    facts = extract(text, "r").facts
    reviews = decisions.Reviews({"none": decisions.Decision("none", "reject")})
    decisions.apply(facts, text, reviews, lexicon=None)  # type: ignore[arg-type]
    assert calls == [len(text)]
