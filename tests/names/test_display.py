"""How a name is shown: the lexicon's or a reviewer's English as is, a glossary suggestion
marked as such, a Chinese name marked untranslated and tagged lang="zh"; units in English."""

from __future__ import annotations

from dashboard.components.indicator_name import fact_name, name_element
from dashboard.components.kpi_card import kpi_card
from dashboard.format import axis_unit_title, fact_value, range_value
from dashboard.names.display import (
    SUGGESTED_MARK,
    UNTRANSLATED_MARK,
    display_name,
    english_name,
)
from dashboard.names.units import amount_en, suffix_en, unit_en
from tests.components.helpers import by_class, texts, walk

NAME_READ = "实施重点项目"  # luming-2025: 实施重点项目80个, no lexicon entry


def test_the_order_english_then_suggestion_then_marked_chinese():
    assert english_name("粮食产量", "Grain output").status == "english"
    assert english_name("实施重点项目", "Implemented key projects").status == "english"
    suggested = english_name("实施重点项目", "实施重点项目")
    assert suggested.status == "suggested"
    assert suggested.marked == f"Implemented key projects {SUGGESTED_MARK}"
    untranslated = english_name("鑫鑫鑫", "鑫鑫鑫")
    assert untranslated.status == "untranslated"
    assert untranslated.marked == f"鑫鑫鑫 {UNTRANSLATED_MARK}"
    assert display_name("实施重点项目", "实施重点项目", "zh") == "实施重点项目"


def test_an_untranslated_name_is_tagged_chinese():
    element = name_element("鑫鑫鑫", "鑫鑫鑫", "en")
    tagged = [n for n in walk(element) if getattr(n, "lang", None) == "zh"]
    assert [n.children for n in tagged] == ["鑫鑫鑫"]
    assert UNTRANSLATED_MARK in texts(element)
    assert fact_name({"indicator_zh": "粮食产量", "indicator_en": "Grain output"},
                     "en") == "Grain output"


def test_a_kpi_card_marks_a_name_read_from_the_text(luming_2025):
    facts = luming_2025.indicators
    rows = facts[facts.indicator_zh == "实施重点项目"]
    assert not rows.empty and (rows.indicator_en == "实施重点项目").all()
    card = kpi_card(rows, "en")
    (label,) = by_class(card, "kpi-label")
    assert "".join(texts(label)) == f"Implemented key projects {SUGGESTED_MARK}"
    assert "".join(texts(by_class(kpi_card(rows, "zh"), "kpi-label")[0])) == "实施重点项目"


def test_units_in_english():
    assert amount_en("259.03", "亿元") == "25.903 billion yuan"
    assert amount_en("42.35", "万亩") == "423,500 mu"
    assert amount_en("4419", "万元") == "44.19 million yuan"
    assert amount_en("73", "个") == "73"
    assert amount_en("3", "倍") == "3 times"
    assert amount_en("5", "鑫") is None
    assert unit_en("亿元") == "100 million yuan" and unit_en("个") == "number"
    assert suffix_en("万头只") == " (10,000 head)" and suffix_en("人") == " people"
    assert fact_value(100, "亿元", "level", ">=", "en") == "at least 10 billion yuan"
    assert fact_value(100, "亿元", "level", ">=", "zh") == "100亿元以上"
    assert fact_value(1.5, "个百分点", "change_pp", "=", "en") == "+1.5 pp"
    assert range_value(12, 13, "万吨", "level", "en") == "120,000–130,000 tonnes"
    assert axis_unit_title("万亩", "en") == "(10,000 mu)"
    assert axis_unit_title("万亩", "zh") == "（万亩）"


def test_a_finding_about_a_name_read_from_the_text_names_it_in_english(luming_2025):
    """quality.csv's English message opens with the name as the build wrote it (for a name
    read from the text, its Chinese): the target card shows the page's name instead."""
    import dataclasses

    from dashboard.components.target_card import warning_box
    from dashboard.progress.targets import target_table

    row = next(r for r in target_table(luming_2025, 2025).rows if r.name_zh == NAME_READ)
    assert row.name_en == f"Implemented key projects {SUGGESTED_MARK}"
    finding = {"message_en": f"{NAME_READ}, 2025: two targets that cannot both be met: …",
               "message_zh": f"2025年{NAME_READ}有两个无法同时实现的目标:…"}
    warned = dataclasses.replace(row, warnings=(finding,))
    (alert,) = warning_box(warned, "en")
    assert texts(alert)[-1].startswith(f"Implemented key projects {SUGGESTED_MARK}, 2025: ")
    (alert,) = warning_box(warned, "zh")
    assert texts(alert)[-1] == finding["message_zh"]
