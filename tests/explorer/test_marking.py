"""dashboard.explorer.marking: paragraphs, segments, search matches and context; and the
report text the reader shows, rebuilt from the build's passages."""

from __future__ import annotations

import pytest

from dashboard.explorer import marking
from dashboard.pipeline.structure import read_layout
from dashboard.pipeline.text import normalise
from tests.explorer.conftest import REPORT
from tests.explorer.helpers import fact_id, original_text

REPORTS = ("luming-2024", "luming-2025", "qingshi-2025")


@pytest.fixture(scope="module")
def text(dataset):
    return dataset.report_text(REPORT)


@pytest.fixture(scope="module")
def layout(dataset):
    return dataset.layout(REPORT)


@pytest.fixture(scope="module")
def gdp(report):
    return report.indicators.set_index("fact_id").loc[fact_id(report.indicators, REPORT, "gdp")]


def test_body_paragraphs_skip_furniture(dataset, text, layout):
    paragraphs = marking.body_paragraphs(text, layout)
    shown = "\n".join(text[p.start:p.end] for p in paragraphs)
    assert paragraphs[0].role == "title" and text[paragraphs[0].start:paragraphs[0].end] == (
        "2024年鹿鸣县政府工作报告")
    original = original_text(dataset, REPORT)
    for furniture in ("索引号", "发布机构", "所属主题"):  # the page's header, above the title
        assert furniture in original and furniture not in shown
    headings = [text[p.start:p.end] for p in paragraphs if p.role == "heading"]
    assert headings == ["一、2023年工作回顾", "二、2024年工作安排", "三、全面加强政府自身建设"]
    assert all("\n" not in text[p.start:p.end] for p in paragraphs)
    assert shown.endswith("为建设美丽鹿鸣而努力奋斗！")  # the last line of the body


@pytest.mark.parametrize("report_id", REPORTS)
def test_every_fact_falls_in_a_shown_paragraph(dataset, report_id):
    text = dataset.report_text(report_id)
    paragraphs = marking.body_paragraphs(text, dataset.layout(report_id))
    facts = dataset.all_facts[dataset.all_facts.report_id == report_id]
    assert len(facts)
    for fact in facts.itertuples():
        assert any(p.start <= fact.start and fact.end <= p.end for p in paragraphs), fact.fact_id


@pytest.mark.parametrize("report_id", REPORTS)
def test_report_text_from_passages_keeps_every_number_where_the_file_has_it(dataset,
                                                                            report_id):
    """dataset.report_text, put together from passages.csv, has each fact's number at the
    fact's offsets exactly as the report file writes it; the rest of the body is the file's
    text too, and anything outside the passages (page furniture) is a line break."""
    text = dataset.report_text(report_id)
    original = original_text(dataset, report_id)
    assert len(text) == len(original) == int(dataset.report(report_id)["chars"])
    facts = dataset.all_facts[dataset.all_facts.report_id == report_id]
    assert len(facts) == int(dataset.report(report_id)["facts"])
    for fact in facts.itertuples():
        number = text[fact.start:fact.end]
        assert number == original[fact.start:fact.end], fact.fact_id
        assert float(normalise(number)) == abs(fact.value), fact.fact_id  # 下降4.3% is -4.3
        assert number in fact.quote, fact.fact_id
    passages = dataset.passages[dataset.passages.report_id == report_id]
    covered = set()
    for row in passages.itertuples():
        assert text[row.start:row.end] == original[row.start:row.end] == row.text
        covered.update(range(row.start, row.end))
    assert {text[i] for i in range(len(text)) if i not in covered} == {"\n"}


def test_layout_is_the_one_the_build_read(dataset, layout, gdp):
    """The stored layout (title, body, sections) agrees with reading the file again."""
    again = read_layout(normalise(original_text(dataset, REPORT)))  # as the build reads it
    assert (layout.title, layout.body_start, layout.body_end) == (
        again.title, again.body_start, again.body_end)
    assert layout.title == "2024年鹿鸣县政府工作报告"

    def names(sections):  # one section per passage (line) in the stored layout
        return [name for i, name in enumerate(s.name for s in sections)
                if i == 0 or sections[i - 1].name != name]

    assert names(layout.sections) == names(again.sections)
    for offset in (int(gdp["start"]), layout.body_end - 1):
        assert layout.section_at(offset).name == again.section_at(offset).name


def test_outline(text, layout):
    entries = marking.outline(marking.body_paragraphs(text, layout))
    assert entries[0][1:] == ("一、2023年工作回顾", 1)
    assert entries[1][1:] == ("(一)农业农村基础持续夯实", 2)
    assert [e for e in entries if e[2] == 1][1][1] == "二、2024年工作安排"


def test_segments_split_at_facts_and_hits():
    text = "完成地区生产总值68.42亿元,同比增长5.8%"
    facts = [(8, 13, "f1"), (20, 23, "f2")]
    hits = marking.find_matches(text, "总值68")
    segs = marking.segments(text, 0, len(text), facts, hits)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.fact_id, s.hit) for s in segs] == [
        ("完成地区生产", None, False), ("总值", None, True), ("68", "f1", True),
        (".42", "f1", False), ("亿元,同比增长", None, False), ("5.8", "f2", False),
        ("%", None, False)]
    groups = marking.group_by_fact(segs)
    assert [g[0] for g in groups] == [None, None, "f1", None, "f2", None]
    assert [s.text for s in groups[2][1]] == ["68", ".42"]


def test_segments_clip_to_the_range():
    segs = marking.segments("abcdef", 2, 4, [(0, 3, "f")], [(3, 10)])
    assert [(s.text, s.fact_id, s.hit) for s in segs] == [("c", "f", False), ("d", None, True)]


def test_find_matches():
    assert marking.find_matches("Abc abc ABC", "abc") == [(0, 3), (4, 7), (8, 11)]
    assert marking.find_matches("a.b", ".") == [(1, 2)]  # literal, not a regex
    assert marking.find_matches("aaaa", "aa") == [(0, 2), (2, 4)]
    assert marking.find_matches("text", "  ") == []
    assert marking.find_matches("abcabc", "abc", 1) == [(3, 6)]


def test_context_short_paragraph(text, layout, gdp):
    ctx = marking.context(text, layout, int(gdp["start"]), int(gdp["end"]), limit=2000)
    assert ctx.number == "68.42"
    assert ctx.before.startswith("2023年，在县委的坚强领导下")
    assert ctx.before.endswith("全县实现地区生产总值")
    assert ctx.after.startswith("亿元，同比增长5.8%") and ctx.after.endswith("7.6%。")
    assert not ctx.cut_before and not ctx.cut_after


def test_context_long_paragraph_is_cut_to_sentences(text, layout, gdp):
    ctx = marking.context(text, layout, int(gdp["start"]), int(gdp["end"]), limit=80)
    assert ctx.number == "68.42"
    assert len(ctx.before) + len(ctx.number) + len(ctx.after) <= 80
    assert ctx.before == "全县实现地区生产总值"  # the clause starts there; the one before is cut
    assert ctx.cut_before and ctx.cut_after


def test_context_number_always_inside():
    from dashboard.pipeline.structure import read_layout as rl
    text = "标题\n" + "很长的句子没有标点" * 20 + "共123个" + "还是没有标点" * 20 + "\n"
    start = text.index("123")
    ctx = marking.context(text, rl(text), start, start + 3, limit=30)
    assert ctx.number == "123"
    assert ctx.before.endswith("共") and ctx.after.startswith("个")
