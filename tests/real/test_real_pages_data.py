"""Two real reports of one place (保定市 2021 and 2022) and a province with a range target, as
the pages read them (``real_pair`` of tests/conftest.py, built from ../shared/realreports)."""

from __future__ import annotations

import re

from dashboard.facts import report_title
from dashboard.progress.marks import match_key
from dashboard.progress.objects import same_measure
from dashboard.progress.targets import target_table


def test_titles_are_the_given_ones_not_the_dating_line(real_pair):
    for report_id, title in (("baoding-2021", "2021年保定市政府工作报告"),
                             ("baoding-2022", "2022年保定市政府工作报告")):
        assert report_title(real_pair.reports, report_id, "zh") == title
    assert not real_pair.reports.title.str.contains("会议上").any()


def test_no_figure_is_a_footnote_marker_and_every_figure_has_a_year(real_pair):
    facts = real_pair.indicators
    for report_id in facts.report_id.unique():
        text = real_pair.report_text(report_id)
        mine = facts[facts.report_id == report_id]
        for start, end in zip(mine.start, mine.end, strict=True):
            assert text[start - 1:start] not in ("[", "［", "〔") and \
                text[end:end + 1] not in ("]", "］", "〕"), text[start - 10:end + 5]
    assert facts.period.between(2000, 2035).all()  # 由2013年的2330元 is a 2013 figure


def test_every_achieved_target_of_2021_is_met_by_a_figure_about_the_same_thing(real_pair):
    table = target_table(real_pair.scoped("baoding-2021"), 2021)
    achieved = [r for r in table.rows if r.status == "achieved"]
    assert len(achieved) >= 8
    for row in achieved:
        target, actual = row.facts[0], row.actual.fact
        assert actual["report_id"] == "baoding-2022"
        assert match_key(actual["indicator_id"], actual["indicator_zh"]) == match_key(
            row.indicator_id, row.name_zh)
        assert same_measure(real_pair.report_text("baoding-2021"), int(target["start"]),
                            real_pair.report_text("baoding-2022"), int(actual["start"]))
    quotes = {r.actual.fact["quote"] for r in achieved}
    # The false matches: 投入资金/总投资 → 7139亿元, 新增…1000家 → 11042家.
    assert not any("7139" in q or "11042" in q for q in quotes)


def test_the_range_target_is_one_target(real_pair):
    table = target_table(real_pair.scoped("guangdong-2026"), 2026)
    gdp = [r for r in table.rows if r.indicator_id == "gdp" and r.value_kind == "growth_pct"]
    assert len(gdp) == 1
    assert (gdp[0].value, gdp[0].upper) == (4.5, 5.0)
    assert re.search(r"4\.5%.5%", gdp[0].facts[0]["quote"])
