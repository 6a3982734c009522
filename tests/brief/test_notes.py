"""Footnotes: one per source, quotes shortened around their numbers, entries with status."""

from __future__ import annotations

from dashboard.brief.notes import QUOTE_LIMIT, Notes, shorten
from dashboard.progress.targets import target_table


def test_short_quotes_are_kept_whole():
    assert shorten("固定资产投资20.89亿元,同比增长19.5%") == "固定资产投资20.89亿元,同比增长19.5%"


def test_long_quotes_keep_the_numbers_in_view():
    quote = ("坚持把发展作为第一要务，" * 3 + "全县实现地区生产总值68.42亿元，同比增长5.8%，"
             + "质量效益稳步提升" * 3)
    at = quote.index("68.42亿元")
    short = shorten(quote, [(at, at + 7), (quote.index("5.8%"), quote.index("5.8%") + 4)])
    assert len(short) <= QUOTE_LIMIT
    assert "68.42亿元" in short and "5.8%" in short
    assert short.startswith("…") and short.endswith("…")
    assert shorten(quote).startswith("坚持") and shorten(quote).endswith("…")


def test_numbers_spanning_more_than_the_window_keep_their_beginning():
    quote = "甲" * 30 + "1" + "乙" * 60 + "2" + "丙" * 10
    short = shorten(quote, [(30, 31), (91, 92)])
    assert "1" in short and len(short) <= QUOTE_LIMIT


def test_one_number_per_source(luming):
    scoped = luming.scoped("luming-2024")
    notes = Notes(scoped, "zh")
    facts = scoped.indicators
    gdp = facts[(facts.indicator_id == "gdp") & (facts.kind == "actual")]
    level, growth = (gdp[gdp.value_kind == k].iloc[0] for k in ("level", "growth_pct"))
    first = notes.quote(level, growth)
    assert notes.quote(growth, level) == first  # one sentence, one footnote
    assert notes.fact(growth) == first  # the table cites the quoted sentence
    report = notes.report("luming-2024")
    assert report == first + 1 and notes.report("luming-2024") == report
    (quoted, named) = notes.all()
    assert quoted.text.startswith("2024年鹿鸣县政府工作报告原文：“") and "68.42亿元" in quoted.text
    assert named.text == "2024年鹿鸣县政府工作报告（2024-01-20）：目标原文及报告所述数字"
    english = Notes(scoped, "en")
    english.report("luming-2024")
    assert english.all()[0].text.startswith("Luming County 2024 Government Work Report")


def test_a_sentence_is_quoted_again_for_a_number_its_short_quote_leaves_out(luming):
    scoped = luming.scoped("luming-2024")
    facts = scoped.indicators
    jobs = facts[(facts.indicator_id == "urban_new_jobs") & (facts.kind == "actual")].iloc[0]
    rate = facts[(facts.indicator_id == "surveyed_unemployment") & (facts.kind == "actual")].iloc[0]
    assert jobs["quote"] == rate["quote"] and len(str(jobs["quote"])) > QUOTE_LIMIT
    notes = Notes(scoped, "zh")
    one, two = notes.quote(jobs), notes.quote(rate)
    assert one != two
    texts = [n.text for n in notes.all()]
    assert "1860人" in texts[0] and "4.8%" in texts[1]


def test_entries_name_their_source_date_and_status(with_entries):
    scoped = with_entries.scoped("luming-2025")
    rows = {r.indicator_id: r for r in target_table(scoped, 2025).rows
            if r.value_kind == "growth_pct"}
    notes = Notes(scoped, "zh")
    gdp, retail = notes.mark(rows["gdp"].actual), notes.mark(rows["retail_sales"].actual)
    assert gdp != retail and notes.mark(rows["gdp"].actual) == gdp
    first, second = notes.all()
    assert first.text == "县统计局半年快报（截至2025-06-30，初步数）" and first.preliminary
    assert second.text.startswith("人工录入（data/actuals.csv 第3行，截至2025-06-30）：")
    assert second.text.endswith("<b>县商务局</b> & {source}") and not second.preliminary
    english = Notes(scoped, "en")
    english.mark(rows["gdp"].actual)
    assert english.all()[0].text == "县统计局半年快报 (as of 2025-06-30, preliminary)"
