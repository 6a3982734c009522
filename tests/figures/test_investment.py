"""dashboard.figures.investment: fixed-asset investment against its two targets (each shown
in the other's terms), a contradiction between them, energy, projects and funds."""

from __future__ import annotations

import pytest

from dashboard.figures import investment
from dashboard.i18n import t
from dashboard.pipeline.quality import find_issues
from tests.figures.helpers import annotation, assert_provenance, fact, fact_traces, plain

FAI = "fixed_asset_investment"


def contradicting(facts):
    """鹿鸣县 2024 with the level target raised from 28亿元以上 to 40亿元以上, which the
    growth target (增长15% on 24.6亿元, about 28.29亿元) cannot reach; and the finding the
    pipeline's rule makes of it."""
    level = fact(facts, FAI, "target", "level")
    facts = facts.copy()
    at = facts.fact_id == level.fact_id
    facts.loc[at, ["value", "value_std"]] = 40.0
    facts.loc[at, "quote"] = str(level.quote).replace("28亿元", "40亿元")
    quality = find_issues(facts)
    assert len(quality) == 1
    return facts, quality


def test_levels_view_converts_the_growth_target_from_the_data(luming_2024):
    facts = luming_2024.indicators
    rows = investment.fai_rows(facts, "zh", "levels")
    base = fact(facts, FAI, "actual", "level")
    growth = fact(facts, FAI, "target", "growth_pct")
    level = fact(facts, FAI, "target", "level")
    assert list(rows.fact_id) == [base.fact_id, growth.fact_id, level.fact_id]
    assert list(rows.label) == ["2023年实际", "2024年增速目标折算总量", "2024年总量目标"]
    implied = rows[rows.derived].iloc[0]
    assert implied.value_std == pytest.approx(base.value_std * (1 + growth.value_std / 100))
    assert round(implied.value_std, 2) == 28.29  # the report's 24.6亿元 × 1.15
    assert implied.comparator == growth.comparator and implied.unit_std == "亿元"
    assert rows[~rows.derived].value_std.tolist() == [base.value_std, level.value_std]


def test_growth_view_converts_the_level_target(luming_2025):
    facts = luming_2025.indicators
    rows = investment.fai_rows(facts, "en", "growth")
    base = fact(facts, FAI, "actual", "level")
    level = fact(facts, FAI, "target", "level")
    implied = rows[rows.derived].iloc[0]
    assert implied.value_std == pytest.approx((level.value_std / base.value_std - 1) * 100)
    assert implied.value_std == pytest.approx((32 / 28.9 - 1) * 100)  # 突破32亿元 on 28.9亿元
    assert implied.label == "2025 level target as growth"
    assert list(rows.label) == ["2024 actual growth", "2025 growth target",
                                "2025 level target as growth"]
    assert set(rows.value_kind) == {"growth_pct"}


@pytest.mark.parametrize(("lang", "view"), [("zh", "levels"), ("en", "growth")])
def test_fai_figure_shows_the_contradiction(luming_2024, reports, lang, view):
    facts, quality = contradicting(luming_2024.indicators)
    fig = investment.fai_figure(facts, quality, reports, lang, view)
    rows = investment.fai_rows(facts, lang, view)
    assert_provenance(fig, rows, reports, t("figures.investment.fai_title", lang), lang)
    finding = quality.iloc[0]
    message = finding["message_en" if lang == "en" else "message_zh"]
    assert plain(annotation(fig, "note").text).replace(" ", "") == (
        "⚠" + message).replace(" ", "")
    texts = {c[0]: text for tr in fact_traces(fig) for c, text in zip(tr.customdata, tr.text,
                                                                       strict=True)}
    flagged = set(finding.fact_ids.split(";"))
    assert fact(facts, FAI, "actual", "level").fact_id in flagged  # the base is named too...
    by_id = facts.set_index("fact_id")
    for fact_id, text in texts.items():
        kind = by_id.loc[fact_id, "kind"]
        # ...but only the targets are marked
        assert text.startswith("⚠") == (fact_id in flagged and kind != "actual")
    assert sum(text.startswith("⚠") for text in texts.values()) == 2


def test_without_findings_there_is_no_note(report, reports):
    assert report.quality.empty  # the fixture reports' targets agree
    facts = report.indicators
    fig = investment.fai_figure(facts, report.quality, reports, "zh")
    assert not [a for a in fig.layout.annotations if a.name == "note"]
    assert not any(text.startswith("⚠") for tr in fact_traces(fig) for text in tr.text)


def test_energy_figure(qingshi_2025, reports):
    facts = qingshi_2025.indicators
    energy = investment.energy_facts(facts)
    assert {"photovoltaic_capacity", "wind_capacity", "new_energy_capacity",
            "coal_capacity"} <= set(energy.indicator_id)
    assert set(energy.sector) == {"energy"}
    fig = investment.energy_figure(facts, reports, "zh")
    assert_provenance(fig, energy, reports, t("figures.investment.energy_title", "zh"))
    # 原煤产量520万吨, 光伏装机60万千瓦, 发电量18.6亿千瓦时
    assert {tr.meta["unit"] for tr in fact_traces(fig)} == {"万吨", "万千瓦", "亿千瓦时"}
    assert investment.energy_facts(facts[facts.sector != "energy"]).empty


def test_other_figure(luming_2024, reports):
    facts = luming_2024.indicators
    other = investment.other_facts(facts)
    assert FAI not in set(other.indicator_id)
    assert {"aid_funding", "aid_projects", "funds_committed"} <= set(other.indicator_id)
    assert other.fact_id.is_unique
    fig = investment.other_figure(facts, reports, "en")
    assert_provenance(fig, other, reports, t("figures.investment.other_title", "en"), "en")


def test_no_base_year_means_no_conversion(luming_2024, qingshi_2025):
    facts = luming_2024.indicators
    no_base = facts[~((facts.indicator_id == FAI) & (facts.kind == "actual"))]
    rows = investment.fai_rows(no_base, "zh", "levels")
    assert not rows.derived.any() and len(rows) == 1  # only the stated 28亿元以上
    assert rows.iloc[0].fact_id == fact(facts, FAI, "target", "level").fact_id
    assert investment.fai_rows(facts[facts.indicator_id != FAI], "zh").empty
    # 青石县 sets only a growth target: the levels view converts it, the growth view has
    # nothing to convert
    qingshi = qingshi_2025.indicators
    assert investment.fai_rows(qingshi, "zh", "levels").derived.tolist() == [False, True]
    assert not investment.fai_rows(qingshi, "zh", "growth").derived.any()
