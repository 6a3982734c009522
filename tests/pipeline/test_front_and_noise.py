"""Documents as they come: title blocks in every form, the year of every figure, crawled
noise, footnote markers and glossaries (texts written for these tests)."""

from pathlib import Path

import pytest

from dashboard.pipeline.__main__ import main
from dashboard.pipeline.extract import NO_YEAR, extract
from dashboard.pipeline.noise import mask_noise
from dashboard.pipeline.structure import layout_of
from dashboard.pipeline.text import ReportError

BODY = ("各位代表：\n一、2024年工作回顾\n过去一年，全县实现地区生产总值86.7亿元，增长6.1%。\n"
        "二、2025年工作安排\n今年主要预期目标是：地区生产总值增长6%左右。\n")


def facts_of(text: str, year: int | None = None) -> list[dict]:
    return extract(text, "t", year=year).facts


def written(text: str, fact: dict) -> str:
    return text[int(fact["start"]):int(fact["end"])]


@pytest.mark.parametrize("front", [
    "政 府 工 作 报 告\n——2025年1月14日在某县第十八届人民代表大会第五次会议上\n",
    "政府工作报告\n（2025年1月14日在某县第十八届人民代表大会第五次会议上）\n",
    "2025年1月14日在某县第十八届人民代表大会第五次会议上\n政府工作报告\n",
    "——2025年1月26日在某省第十四届\n人民代表大会第五次会议上\n",
])
def test_title_blocks_in_every_form_date_the_report(front):
    layout = layout_of(front + "某县县长?? 张三\n" + BODY)
    assert layout.report_year == 2025 and layout.delivered == "2025-01-14" or \
        layout.delivered == "2025-01-26"
    assert layout.title in ("政府工作报告", "")  # spaces of a spaced title dropped
    assert "会议" not in layout.title


def test_a_text_without_title_or_date_takes_its_year_from_its_headings():
    layout = layout_of(BODY)
    assert (layout.title, layout.report_year) == ("", 2025)
    periods = {(f["kind"], f["period"]) for f in facts_of(BODY)}
    assert periods == {("actual", 2024), ("target", 2025)}


def test_unnumbered_headings_with_chinese_numeral_years_set_the_sections():
    text = ("政府工作报告\n二〇二四年工作回顾\n全县实现地区生产总值86.7亿元。\n"
            "二〇二五年主要目标任务\n地区生产总值增长6%左右。\n")
    found = {written(text, f): (f["kind"], f["period"]) for f in facts_of(text)}
    assert found == {"86.7": ("actual", 2024), "6": ("target", 2025)}


def test_a_bulletin_without_title_reads_its_year_from_its_first_sentence():
    text = ("某州统计局\n2024年5月7日\n2023年，全州上下稳中求进。\n一、综       合\n"
            "全年地区生产总值1332.13亿元，比上年增长3.1%。\n")
    layout = layout_of(text)
    assert (layout.genre, layout.report_year) == ("statistical_bulletin", 2023)
    assert {f["period"] for f in facts_of(text)} == {2023}


def test_a_document_without_a_year_is_refused_unless_one_is_given(tmp_path: Path, capsys):
    text = "各位代表：\n一、工作回顾\n全县实现地区生产总值86.7亿元。\n"
    with pytest.raises(ReportError, match="no year found"):
        facts_of(text)
    assert {f["period"] for f in facts_of(text, year=2025)} == {2024}
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(tmp_path / "r.txt"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [f"error: r.txt: {NO_YEAR}"]


def test_a_title_given_in_sources_wins_and_a_missing_one_is_named(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("——2022年1月23日在某市第十六届人民代表大会第二次会议上\n"
                                 + BODY.replace("2024", "2021").replace("2025", "2022"),
                                 encoding="utf-8")
    (seeds / "b.txt").write_text("——2022年1月23日在某县第十六届人民代表大会第二次会议上\n"
                                 + BODY.replace("2024", "2021").replace("2025", "2022"),
                                 encoding="utf-8")
    (seeds / "sources.yml").write_text(
        "reports:\n  - id: a\n    file: a.txt\n    title: 2022年某市政府工作报告\n",
        encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    reports = (tmp_path / "out" / "reports.csv").read_text(encoding="utf-8")
    assert "2022年某市政府工作报告" in reports and "2022年政府工作报告" in reports
    assert "会议上" not in reports.split("\n")[1].split(",")[1]


def test_noise_is_blanked_with_offsets_kept():
    text = ("支持专精特新[38]企业，攻坚战〔2〕取得成效①，（见第3页）县长?? 张三&nbsp;\ufffd\n"
            "本报记者 王五 摄\n来源：某某日报\n时间：2026-02-02\n")
    masked = mask_noise(text)
    assert len(masked) == len(text)
    for noise in ("38", "〔2〕", "①", "见第3页", "??", "&nbsp;", "\ufffd", "王五", "某某日报",
                  "2026-02-02"):
        assert noise not in masked
    assert "支持专精特新" in masked and "攻坚战" in masked


def test_footnote_markers_and_glossaries_are_never_figures():
    text = ("政府工作报告\n（2025年1月14日在某县人民代表大会上）\n" + BODY.replace(
        "86.7亿元", "86.7亿元[12]").replace("6.1%", "6.1% ［3］")
        + "落实“六保”（5）任务，两个“翻一番”目标，排名提高3个位次。\n"
        + "名词解释\n[1]专精特新：指具有专业化特征的中小企业，共500家。\n")
    values = sorted(written(text, f) for f in facts_of(text))
    assert values == ["6", "6.1", "86.7"]


def test_lines_cut_at_former_links_are_one_sentence():
    text = ("政府工作报告\n（2025年1月14日）\n一、2024年工作回顾\n全县规模以上工业增加值增长，\n"
            "达到\n8.2%，居全市前列。\n")
    (fact,) = facts_of(text)
    assert fact["indicator_id"] == "industrial_value_added"


@pytest.mark.parametrize(("sentence", "kind", "period"), [
    ("今年全县地区生产总值力争增长6%。", "target", 2025),
    ("地区生产总值比上年增长6%。", "actual", 2024),
])
def test_relative_years_date_a_figure(sentence, kind, period):
    text = "政府工作报告\n（2025年1月14日）\n一、2024年工作回顾\n" + sentence + "\n"
    (fact,) = facts_of(text)
    assert (fact["kind"], fact["period"]) == (kind, period)


GRAMMAR = "政府工作报告\n（2025年1月14日在某县人民代表大会上）\n一、2024年工作回顾\n"


@pytest.mark.parametrize(("sentence", "expected"), [
    # written, value, value kind, comparator, indicator
    ("城镇、农村居民人均可支配收入分别增长7.5%、8.5%以上。",
     [("7.5", 7.5, "growth_pct", ">=", "urban_disposable_income"),
      ("8.5", 8.5, "growth_pct", ">=", "rural_disposable_income")]),
    ("社会消费品零售总额与上年持平，规上工业增加值实现两位数增长。",
     [("持平", 0.0, "growth_pct", "=", "retail_sales"),
      ("两位数", 10.0, "growth_pct", ">", "industrial_value_added")]),
    ("粮食减产3.2%，棉花增产5%。",
     [("3.2", -3.2, "growth_pct", "=", "grain_output"),
      ("5", 5.0, "growth_pct", "=", "cotton_output")]),
    ("一产增加值增长4.1%，二产增长6.2%，三产增长5.5%。",
     [("4.1", 4.1, "growth_pct", "=", "primary_industry_value_added"),
      ("6.2", 6.2, "growth_pct", "=", "secondary_industry_value_added"),
      ("5.5", 5.5, "growth_pct", "=", "tertiary_industry_value_added")]),
    ("地区生产总值达到1.2万亿元。地区生产总值突破千亿元。",
     [("1.2", 1.2, "level", "=", "gdp"), ("千", 1000.0, "level", ">=", "gdp")]),
    ("人口自然增长率为6.55‰。", [("6.55", 6.55, "share_pct", "=", None)]),
    ("畜牧业生产保持平稳，居全省第二，进入全国百强县前10位，4年10次获表彰，八个方面持续发力，"
     "实现两个翻番，0-17岁人口占23.2%。", [("23.2", 23.2, "share_pct", "=", None)]),
])
def test_grammar_seen_in_real_reports(sentence, expected):
    text = GRAMMAR + sentence + "\n"
    got = [(written(text, f), f["value"], f["value_kind"], f["comparator"], f["indicator_id"])
           for f in facts_of(text)]
    assert [g[:4] for g in got] == [e[:4] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert e[4] is None or g[4] == e[4]


def test_a_five_year_base_gets_the_plans_last_year():
    text = ("政府工作报告\n（2026年1月14日在某省人民代表大会上）\n一、“十四五”时期工作回顾\n"
            "地区生产总值达到1.2万亿元，较“十三五”末的9323.1亿元增长28%。\n")
    got = {written(text, f): (f["period"], f["period_start"], f["indicator_id"])
           for f in facts_of(text)}
    assert got == {"1.2": (2025, 2025, "gdp"), "9323.1": (2020, 2020, "gdp"),
                   "28": (2025, 2021, "gdp")}


@pytest.mark.parametrize(("sentence", "written_figures"), [
    # a threshold picking out a group, and trade with some partners
    ("力争尽快消除一般公共预算收入10亿元以下的县，一般公共预算收入增长8%。",
     {"8": "budget_revenue"}),
    ("货物进出口总额增长4.4%，对共建“一带一路”国家进出口增长38%。",
     {"4.4": "foreign_trade", "38": "n_"}),
])
def test_groups_and_partners_are_not_the_whole(sentence, written_figures):
    text = GRAMMAR + sentence + "\n"
    got = {written(text, f): f["indicator_id"] for f in facts_of(text)}
    assert set(got) == set(written_figures)
    for number, indicator in written_figures.items():
        assert got[number].startswith(indicator)
