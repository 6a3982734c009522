"""dashboard.figures.investment: the two 2024 targets and their contradiction, energy, funds."""

from __future__ import annotations

import pytest

from dashboard.facts import first
from dashboard.figures import investment
from dashboard.i18n import t
from tests.figures.helpers import annotation, assert_provenance, fact_traces, plain

FAI = "fixed_asset_investment"


def test_levels_view_converts_the_growth_target_from_the_data(facts):
    rows = investment.fai_rows(facts, "zh", "levels")
    base = first(facts, FAI, "actual", "level")
    growth = first(facts, FAI, "target", "growth_pct")
    level = first(facts, FAI, "target", "level")
    assert list(rows.fact_id) == [base.fact_id, growth.fact_id, level.fact_id]
    implied = rows[rows.derived].iloc[0]
    assert implied.value_std == pytest.approx(base.value_std * (1 + growth.value_std / 100))
    assert round(implied.value_std, 2) == 65.39  # the report's 20.89亿元 × 3.13
    assert implied.comparator == growth.comparator and implied.unit_std == "亿元"
    assert rows[~rows.derived].value_std.tolist() == [base.value_std, level.value_std]


def test_growth_view_converts_the_level_target(facts):
    rows = investment.fai_rows(facts, "en", "growth")
    base = first(facts, FAI, "actual", "level")
    level = first(facts, FAI, "target", "level")
    implied = rows[rows.derived].iloc[0]
    assert implied.value_std == pytest.approx((level.value_std / base.value_std - 1) * 100)
    assert implied.label == "2024 level target as growth"
    assert set(rows.value_kind) == {"growth_pct"}


@pytest.mark.parametrize(("lang", "view"), [("zh", "levels"), ("en", "growth")])
def test_fai_figure_shows_the_contradiction(dataset, reports, lang, view):
    facts = dataset.indicators
    fig = investment.fai_figure(facts, dataset.quality, reports, lang, view)
    rows = investment.fai_rows(facts, lang, view)
    assert_provenance(fig, rows, reports, t("figures.investment.fai_title", lang), lang)
    finding = dataset.quality[dataset.quality.indicator_id == FAI].iloc[0]
    message = finding["message_en" if lang == "en" else "message_zh"]
    assert plain(annotation(fig, "note").text).replace(" ", "") == (
        "⚠" + message).replace(" ", "")
    texts = {c[0]: text for tr in fact_traces(fig) for c, text in zip(tr.customdata, tr.text,
                                                                       strict=True)}
    flagged = set(finding.fact_ids.split(";"))
    for fact_id, text in texts.items():
        kind = facts.set_index("fact_id").loc[fact_id, "kind"]
        assert text.startswith("⚠") == (fact_id in flagged and kind != "actual")


def test_without_findings_there_is_no_note(dataset, reports):
    fig = investment.fai_figure(dataset.indicators, dataset.quality.iloc[0:0], reports, "zh")
    assert not [a for a in fig.layout.annotations if a.name == "note"]


def test_energy_and_other_figures(facts, reports):
    energy = investment.energy_facts(facts)
    assert set(energy.indicator_id) == {"photovoltaic_capacity", "coal_capacity"}
    fig = investment.energy_figure(facts, reports, "zh")
    assert_provenance(fig, energy, reports, t("figures.investment.energy_title", "zh"))
    assert {tr.meta["unit"] for tr in fact_traces(fig)} == {"万千瓦", "万吨"}
    other = investment.other_facts(facts)
    assert FAI not in set(other.indicator_id)
    assert {"aid_funding", "aid_projects", "funds_committed"} <= set(other.indicator_id)
    fig = investment.other_figure(facts, reports, "en")
    assert_provenance(fig, other, reports, t("figures.investment.other_title", "en"), "en")


def test_no_base_year_means_no_conversion(facts):
    no_base = facts[~((facts.indicator_id == FAI) & (facts.kind == "actual"))]
    rows = investment.fai_rows(no_base, "zh", "levels")
    assert not rows.derived.any() and len(rows) == 1  # only the stated 100亿元以上
    assert investment.fai_rows(facts[facts.indicator_id != FAI], "zh").empty
