"""The review queue is linear in the text's length (#23): the keys of all its figures come
from one normalisation of the text, each sentence is found by bisection, and a sentence
without end marks is shown around its number rather than copied whole into every item."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pandas as pd

from dashboard.pipeline import decisions
from dashboard.pipeline.decisions import sentence_span
from dashboard.pipeline.extract import FACT_COLUMNS, extract
from dashboard.pipeline.text import reading_text
from dashboard.upload import queue
from tests.upload.conftest import BUNDLE

TEXT = (BUNDLE / "luming-2025.txt").read_text(encoding="utf-8")


def _old_key(text: str, start: int, end: int) -> str:
    norm = reading_text(text)
    begin, stop = sentence_span(norm, start, end)
    sentence, number = norm[begin:stop].strip(), norm[start:end]
    before = norm[begin:start].count(number) if number else 0
    return hashlib.sha256(f"{sentence}\x1f{number}\x1f{before}".encode()).hexdigest()[:20]


def test_the_queue_normalises_the_text_once_and_keeps_its_keys(luming, monkeypatch):
    raw = pd.DataFrame(extract(TEXT, "luming-2025", year=2025).facts, columns=FACT_COLUMNS)
    calls = []

    def counted(value: str) -> str:
        calls.append(len(value))
        return reading_text(value)

    monkeypatch.setattr(decisions, "reading_text", counted)
    items = queue.review_items(luming, raw, "luming-2025", TEXT, {})
    mine = [i for i in items if i.category != "no_actual"]
    assert len(mine) > 10
    assert calls == [len(TEXT)]  # was once per item: quadratic in the text's length
    monkeypatch.undo()
    by_key = {i.key: i for i in mine}
    for fact in raw.itertuples():
        key = _old_key(TEXT, int(fact.start), int(fact.end))
        if key in by_key:
            begin, stop = sentence_span(TEXT, int(fact.start), int(fact.end))
            assert by_key[key].sentence == TEXT[begin:stop]
    assert {i.key for i in mine} <= {_old_key(TEXT, int(f.start), int(f.end))
                                     for f in raw.itertuples()}


def test_a_sentence_without_end_marks_is_shown_around_its_number():
    text = "增长" * 50_000 + "全年实现地区生产总值73.15亿元" + "增长" * 50_000
    start = text.index("73.15")
    fact = SimpleNamespace(start=start, end=start + 5, indicator_id="gdp",
                           indicator_zh="地区生产总值", value=73.15, unit="亿元", period=2024)
    (item,) = queue._items([(fact, "target", "")], text, {})
    assert len(item.sentence) <= 2 * queue._SHOWN + 5
    assert item.sentence[item.mark[0]:item.mark[1]] == "73.15"
    assert item.key == _old_key(text, start, start + 5)
