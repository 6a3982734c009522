"""The glossary's English for names read from reports: longest-match segmentation over the
genre's terms and the lexicon's names, the English in the Chinese order except where a term
puts its head first, and "complete" only when every Chinese character was covered."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.names.glossary import Glossary, load_glossary, read_terms, suggest


def test_longest_term_wins():
    glossary = Glossary({"规模以上": "above designated size", "规模": "scale", "以上": "above",
                         "工业企业": "industrial enterprises", "工业": "industrial",
                         "企业": "enterprises"}, 4)
    found = glossary.suggest("规模以上工业企业")
    assert [zh for zh, _ in found.parts] == ["规模以上", "工业企业"]
    assert found.en == "Above designated size industrial enterprises"
    assert found.complete and found.missing == ()


def test_a_slot_puts_the_head_first():
    glossary = Glossary({"比重": "share of {}", "工业": "industrial", "投资": "investment"}, 2)
    assert glossary.suggest("工业投资比重").en == "Share of industrial investment"


def test_digits_and_latin_are_kept_and_uncovered_characters_make_it_incomplete():
    glossary = Glossary({"景区": "scenic spots", "级": "level", "国家": "national"}, 2)
    assert glossary.suggest("国家3A级景区").en == "National 3A level scenic spots"
    partial = glossary.suggest("国家级鑫景区")
    assert not partial.complete and partial.missing == ("鑫",)


def test_the_lexicon_is_part_of_the_glossary():
    # 粮食产量 is a lexicon name (Grain output): a compound holding it reads with it.
    assert suggest("粮食产量").en == "Grain output"
    assert suggest("夏粮产量").complete


@pytest.mark.parametrize(("zh", "en"), [
    ("实施重点项目", "Implemented key projects"),
    ("规模以上工业企业数比重", "Share of number of industrial enterprises above designated size"),
    ("农村公路里程", "Rural roads mileage"),
    ("入驻企业", "Settled enterprises"),
])
def test_names_of_the_genre(zh, en):
    assert suggest(zh).en == en and suggest(zh).complete


def test_the_glossary_file_is_well_formed(tmp_path: Path):
    terms = read_terms()
    assert len(terms) > 1000 and all(en.strip() for en in terms.values())
    bad = tmp_path / "glossary.csv"
    bad.write_text("zh,en\n企业,enterprises\n企业,firms\n", encoding="utf-8")
    with pytest.raises(ValueError, match="given twice"):
        read_terms(bad)
    bad.write_text("中文,English\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        read_terms(bad)
    assert load_glossary().longest >= 8
