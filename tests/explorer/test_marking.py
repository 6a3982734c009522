"""dashboard.explorer.marking: paragraphs, segments, search matches and context."""

from __future__ import annotations

import pytest

from dashboard.explorer import marking
from dashboard.pipeline.structure import read_layout


@pytest.fixture(scope="module")
def text(dataset):
    return dataset.report_text("shawan-2024")


@pytest.fixture(scope="module")
def layout(text):
    return read_layout(text)


def test_body_paragraphs_skip_furniture(text, layout):
    paragraphs = marking.body_paragraphs(text, layout)
    shown = "\n".join(text[p.start:p.end] for p in paragraphs)
    assert paragraphs[0].role == "title" and text[paragraphs[0].start:paragraphs[0].end] == (
        "2024年政府工作报告")
    for furniture in ("索引号", "发布机构", "用户登录", "立即注册"):
        assert furniture not in shown
    headings = [text[p.start:p.end] for p in paragraphs if p.role == "heading"]
    assert headings == ["一、2023年工作回顾", "二、2024年重点任务"]
    assert all("\n" not in text[p.start:p.end] for p in paragraphs)


def test_every_fact_falls_in_a_shown_paragraph(dataset, text, layout):
    paragraphs = marking.body_paragraphs(text, layout)
    for fact in dataset.indicators.itertuples():
        assert any(p.start <= fact.start and fact.end <= p.end for p in paragraphs), fact.fact_id


def test_outline(text, layout):
    entries = marking.outline(marking.body_paragraphs(text, layout))
    assert entries[0][1:] == ("一、2023年工作回顾", 1)
    assert entries[1][1:] == ("(一)保持定力不松懈,社会大局保持和谐稳定", 2)
    assert [e for e in entries if e[2] == 1][1][1] == "二、2024年重点任务"


def test_segments_split_at_facts_and_hits():
    text = "完成地区生产总值259.03亿元,同比增长4.6%"
    facts = [(8, 14, "f1"), (21, 24, "f2")]
    hits = marking.find_matches(text, "总值259")
    segs = marking.segments(text, 0, len(text), facts, hits)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.fact_id, s.hit) for s in segs] == [
        ("完成地区生产", None, False), ("总值", None, True), ("259", "f1", True),
        (".03", "f1", False), ("亿元,同比增长", None, False), ("4.6", "f2", False),
        ("%", None, False)]
    groups = marking.group_by_fact(segs)
    assert [g[0] for g in groups] == [None, None, "f1", None, "f2", None]
    assert [s.text for s in groups[2][1]] == ["259", ".03"]


def test_segments_clip_to_the_range():
    segs = marking.segments("abcdef", 2, 4, [(0, 3, "f")], [(3, 10)])
    assert [(s.text, s.fact_id, s.hit) for s in segs] == [("c", "f", False), ("d", None, True)]


def test_find_matches():
    assert marking.find_matches("Abc abc ABC", "abc") == [(0, 3), (4, 7), (8, 11)]
    assert marking.find_matches("a.b", ".") == [(1, 2)]  # literal, not a regex
    assert marking.find_matches("aaaa", "aa") == [(0, 2), (2, 4)]
    assert marking.find_matches("text", "  ") == []
    assert marking.find_matches("abcabc", "abc", 1) == [(3, 6)]


def test_context_short_paragraph(text, layout, dataset):
    fact = dataset.indicators.set_index("fact_id").loc["shawan-2024-639"]
    ctx = marking.context(text, layout, int(fact["start"]), int(fact["end"]), limit=2000)
    assert ctx.number == "259.03"
    assert ctx.before.startswith("(二)咬定目标不放松")
    assert not ctx.cut_before and not ctx.cut_after


def test_context_long_paragraph_is_cut_to_sentences(text, layout, dataset):
    fact = dataset.indicators.set_index("fact_id").loc["shawan-2024-639"]
    ctx = marking.context(text, layout, int(fact["start"]), int(fact["end"]), limit=80)
    assert ctx.number == "259.03"
    assert len(ctx.before) + len(ctx.number) + len(ctx.after) <= 80 or not ctx.cut_after
    assert "完成地区生产总值" in ctx.before
    assert ctx.cut_after


def test_context_number_always_inside():
    from dashboard.pipeline.structure import read_layout as rl
    text = "标题\n" + "很长的句子没有标点" * 20 + "共123个" + "还是没有标点" * 20 + "\n"
    start = text.index("123")
    ctx = marking.context(text, rl(text), start, start + 3, limit=30)
    assert ctx.number == "123"
    assert ctx.before.endswith("共") and ctx.after.startswith("个")
