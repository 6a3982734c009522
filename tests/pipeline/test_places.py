"""The place a report names itself by, and its English name (dashboard/pipeline/places.py).

Short texts written here for each form a real report names its place in, then the real corpus
(../shared/realreports, read at test time, never copied here) against sources.csv's place.
Measured on the 41 real documents: the rules find 40 exactly and the 41st in its short form
(黔东南州 for 黔东南苗族侗族自治州), at ~0.5 ms a document. cpca (a gazetteer) found 27 exactly
on the same opening lines, 37 when given only the lines the rules pick (it misses the abolished
徐水县 and the short 黔东南州, and cannot read a bare 容城), so it is not used.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from dashboard.pipeline.places import place_en, place_in_front, place_of_text

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "realreports"
SECTION = "一、2024年工作回顾\n2024年，全县地区生产总值增长5%。\n"


@pytest.mark.parametrize(("text", "place", "rule"), [
    ("2025年鹿鸣县政府工作报告\n各位代表：\n" + SECTION, "鹿鸣县", "title"),
    ("青石县2024年国民经济和社会发展统计公报\n" + SECTION, "青石县", "title"),
    ("政 府 工 作 报 告\n——2021年1月31日在保定市第十五届人民代表大会第六次会议上\n"
     "市长 某某\n各位代表：\n" + SECTION, "保定市", "session"),
    ("政府工作报告\n（2023年1月13日在保定市满城区第三届人民代表大会第三次会议上）\n"
     + SECTION, "满城区", "session"),
    ("某某在保定市十六届人大七次会议上的政府工作报告（摘登）\n添加时间 2026/2/12\n" + SECTION,
     "保定市", "session"),
    ("政府工作报告\n——2026年1月27日在贵州省第十四届人民代表大会第四次会议上\n" + SECTION,
     "贵州省", "session"),
    ("——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上\n"
     "自治区人民政府主席 某某\n" + SECTION, "宁夏回族自治区", "session"),
    ("2025年2月5日在县十六届人民代表大会第五次会议上\n博野县人民政府县长?? 某?? 某\n"
     "各位代表：\n" + SECTION, "博野县", "speaker"),
    ("政府工作报告\n郑州市人民政府代市长 某某\n" + SECTION, "郑州市", "speaker"),
    ("政府工作报告\n广东省省长 某某\n" + SECTION, "广东省", "speaker"),
    ("各位代表：\n现在，我代表易县人民政府向大会报告工作，请予审议。\n" + SECTION, "易县",
     "first_sentence"),
    ("黔东南州统计局\n2024年5月7日\n2023年，全州经济运行稳中有进。\n", "黔东南州", "bureau"),
    ("黔东南苗族侗族自治州\n\n2020年国民经济和社会发展统计公报\n\n黔东南州统计局\n",
     "黔东南苗族侗族自治州", "title_line"),
])
def test_the_opening_lines_name_the_place(text, place, rule):
    assert place_in_front(text) == (place, rule)
    assert place_of_text(text) == place


def test_a_text_that_opens_at_its_first_section_is_named_by_its_body():
    body = ("一、过去五年工作回顾\n在市委、市政府和县委的坚强领导下，全县干部群众团结奋进，"
            "全县生产总值增长，我县位列全省前列，全县人民生活改善。\n"
            "向关心支持白石发展的各界人士表示感谢！为建设新白石而奋斗。\n")
    assert place_in_front(body) == ("", "")
    assert place_of_text(body) == "白石县"
    # Where the body writes the name in full, that is the place.
    assert place_of_text(body + "白石县人民医院建成。\n") == "白石县"
    # A one-character county is never written bare: 关心支持蠡县发展.
    assert place_of_text(body.replace("白石", "蠡县")) == "蠡县"
    city = ("2024年政府工作报告\n市委常委、常务副市长 某某\n各位代表:\n现在,受市人民政府委托,"
            "由我向大会作工作报告。全市上下团结奋进,全市经济增长,全市人民安居乐业。\n"
            "向所有参与和关心、支持红柳发展的各界朋友表示感谢!红柳市供水工程完工。\n")
    assert place_of_text(city) == "红柳市"


def test_a_text_naming_no_place_gives_none():
    assert place_of_text("各位代表：\n现在，我代表县人民政府向大会报告工作。\n" + SECTION) == ""
    assert place_of_text("") == ""


@pytest.mark.parametrize(("place", "english"), [
    ("保定市", "Baoding City"), ("顺平县", "Shunping County"), ("满城区", "Mancheng District"),
    ("广东省", "Guangdong Province"), ("西藏自治区", "Xizang Autonomous Region"),
    ("宁夏回族自治区", "Ningxia Hui Autonomous Region"), ("蠡县", "Li County"),
    ("黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture"),
    ("黔东南州", "Qiandongnan Miao and Dong Autonomous Prefecture"),
    ("北京市", "Beijing Municipality"), ("西安市", "Xi'an City"), ("雄安新区", "Xiong'an New Area"),
    ("长治市", "Changzhi City"), ("吕梁市", "Lüliang City"), ("陕西省", "Shaanxi Province"),
    ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
    ("湘西土家族苗族自治州", "Xiangxi Tujia and Miao Autonomous Prefecture"),
    ("鄂伦春自治旗", "Oroqen Autonomous Banner"), ("鹿鸣县", "Luming County"),
    ("", ""), ("政府", ""), ("自治区", ""), ("Baoding", ""),
])
def test_english_names_are_pinyin_and_the_suffix(place, english):
    assert place_en(place) == english


# sources.csv names the whole chain (河北省保定市顺平县); the place is its last component.
_COMPONENT = re.compile(r".+?(?:自治区|自治州|省|市|县|区)")


def _level(place: str) -> str:
    return next(s for s in ("自治区", "自治州", "州", "省", "市", "县", "区") if place.endswith(s))


def test_the_real_corpus_names_its_places():
    assert CORPUS.is_dir(), f"the real corpus is missing: {CORPUS}"
    with (CORPUS / "sources.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    exact = level = named = 0
    for row in rows:
        text = (CORPUS / f"{row['slug']}.txt").read_text(encoding="utf-8")
        expected = _COMPONENT.findall(row["place"])[-1]
        found = place_of_text(text)
        exact += found == expected
        level += bool(found) and _level(found).removeprefix("自治") == \
            _level(expected).removeprefix("自治")
        named += bool(found) and place_en(found) == place_en(expected)
    assert len(rows) == 41
    # Measured: 40 of 41 exact (黔东南州 is the short form of 黔东南苗族侗族自治州), all 41 at
    # the right level and with the right English name.
    assert exact / len(rows) >= 0.95
    assert level == named == len(rows)
