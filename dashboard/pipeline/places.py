"""The place a report is about, as the report names itself, and its English name.

Real reports often have no title, or a title without the place (政府工作报告), but name the
place on the lines that open them: the dating line (2021年1月31日在保定市第十五届人民代表大会
第六次会议上), a newspaper headline (…在保定市十六届人大七次会议上的政府工作报告（摘登）), the
speaker (博野县人民政府县长), the first sentence (我代表易县人民政府…) or, for a statistical
bulletin, the issuing bureau (黔东南州统计局). A text that opens at its first section names the
place only in passing: the thank-you formula (向关心支持容城发展的…) and how it speaks of itself
(全县, 县政府) give it then. Rules only, no gazetteer: a gazetteer (cpca) found fewer places on
the real corpus, since it misses abolished counties (徐水县), short forms (黔东南州) and bare
names (容城); see the measurements in tests/pipeline/test_places.py.

The place returned is the most specific one a line names: 保定市满城区 gives 满城区.
"""

from __future__ import annotations

import re
from collections import Counter

# Administrative suffixes, the longer before the shorter that ends them (自治区 before 区).
SUFFIXES_EN = {
    "特别行政区": "Special Administrative Region", "自治区": "Autonomous Region",
    "自治州": "Autonomous Prefecture", "自治县": "Autonomous County",
    "自治旗": "Autonomous Banner", "新区": "New Area", "林区": "Forestry District",
    "地区": "Prefecture", "省": "Province", "市": "City", "县": "County", "区": "District",
    "旗": "Banner", "盟": "League", "州": "Prefecture",
}
# Province-level cities are municipalities in English, not cities.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# 州 ends many names (贵州省, 郑州市, 通州区): it is a suffix only where no other follows it
# (黔东南州统计局).
_SUFFIX = "|".join(s for s in SUFFIXES_EN if s != "州") + "|州(?!省|市|县|区|旗|盟|地区|新区)"
_HAN = "[\u4e00-\u9fff]"
# A run of places, each a name and its suffix: 河北省保定市满城区.
_CHAIN = rf"(?:{_HAN}{{1,10}}?(?:{_SUFFIX}))+"
_COMPONENT = re.compile(rf"{_HAN}{{1,10}}?(?:{_SUFFIX})")
# Words that end in a suffix but name no place: 自治区人民政府主席 speaks of itself, and
# 城区, 社区, 小区, 园区, 市辖区 are parts of a place.
_NOT_NAMES = ("自治", "人民", "全", "本", "我", "该", "各", "市辖", "城", "社", "小", "园")

_SESSION = "第?[零〇一二三四五六七八九十]+届(?:人民代表大会|人大)"
_HEADS = "省长|市长|县长|区长|州长|旗长|盟长|主席"
# The lines that open a report, in the order they are trusted: each names the place of the
# document itself (a title, the congress it is delivered to, its speaker, its bureau).
FRONT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("title", re.compile(rf"^(?:\d{{4}}年)?({_CHAIN})(?:\d{{4}}年)?(?:人民)?政府工作报告")),
    ("title", re.compile(rf"^(?:\d{{4}}年)?({_CHAIN})(?:\d{{4}}年)?国民经济和社会发展统计公报")),
    ("title_line", re.compile(rf"^({_CHAIN})$")),
    ("session", re.compile(rf"在({_CHAIN}){_SESSION}")),
    ("speaker", re.compile(rf"^({_CHAIN})(?:人民政府)?(?:代理?|常务副)?(?:{_HEADS})")),
    ("first_sentence", re.compile(rf"我代表({_CHAIN})(?:人民)?政府")),
    ("bureau", re.compile(rf"^({_CHAIN})统计局")),
)
# How far the opening lines go: the first section starts within them in every real report.
FRONT_LINES = 30
# A line that is a place alone is a title only at the top (黔东南苗族侗族自治州 / 2020年…公报).
_TITLE_LINES = 3

# The thank-you formula that closes a report names its place bare (容城, 保定, 蠡县):
# 关心容城发展, 关心支持保定发展, 关心和支持顺平发展, 关心、支持沙湾发展.
_BARE_NAME = re.compile(rf"关心[和、]?(?:支持)?((?![我本全各这该其]){_HAN}{{2,4}}?)发展")
# How a report speaks of itself: 全县, 我县. It also ranks itself in its province (全省第一)
# and never speaks of its counties as a whole, so its level is the most local one it speaks
# of at least this often (from county to province).
_SELF_LEVELS = ("县", "区", "旗", "市", "州", "盟", "省")
_SELF_MENTIONS = 3
# Between a bare name and its level in the full name: 宁夏|回族自治|区.
_GROUPS_WORD = rf"(?:{_HAN}{{1,4}}族|蒙古|哈萨克|柯尔克孜)*(?:自治)?"


def _most_specific(chain: str) -> str:
    """The last place of 河北省保定市满城区 that is a name (满城区); "" if none is."""
    places = [c for c in _COMPONENT.findall(chain) if _is_name(c)]
    return places[-1] if places else ""


def _suffix_of(place: str) -> str:
    return next((s for s in SUFFIXES_EN if place.endswith(s) and len(place) > len(s)), "")


def _is_name(place: str) -> bool:
    suffix = _suffix_of(place)
    return bool(suffix) and place[: -len(suffix)] not in _NOT_NAMES


def _front_lines(text: str) -> list[str]:
    lines = [" ".join(line.replace("?", " ").split()) for line in text.splitlines()]
    # Spaced-out titles and names (政 府 工 作 报 告, 许 喆) are one word.
    lines = [re.sub(rf"(?<={_HAN}) (?={_HAN})", "", line) for line in lines]
    return [line.strip("—―－-–（）() ") for line in lines if line.strip()][:FRONT_LINES]


def place_in_front(text: str) -> tuple[str, str]:
    """The place the opening lines name, and the rule that found it (("", "") if none)."""
    lines = _front_lines(text)
    for rule, pattern in FRONT_RULES:
        for line in lines[:_TITLE_LINES] if rule == "title_line" else lines:
            match = pattern.search(line)
            if match and (place := _most_specific(match.group(1))):
                return place, rule
    return "", ""


def _self_level(text: str) -> str:
    return next((level for level in _SELF_LEVELS
                 if len(re.findall(rf"[全我本]{level}", text)) >= _SELF_MENTIONS), "")


def place_in_body(text: str) -> str:
    """The place of a text that opens at its first section: its bare name (关心支持容城发展)
    with the level it speaks of itself at (全县), or as the text writes it in full."""
    names = Counter(_BARE_NAME.findall(text))
    if not names:
        return ""
    bare = names.most_common(1)[0][0]
    if _is_name(bare) and _suffix_of(bare) != "州":
        return bare  # 蠡县, 易县: a one-character name is never written bare (贵州 is bare)
    level = _self_level(text)
    # Written in full somewhere: 容城县, 宁夏回族自治区 (not 宁夏大学, not 西藏…新校区).
    written = Counter(re.findall(rf"{re.escape(bare)}{_GROUPS_WORD}{level}", text)) if level \
        else Counter()
    if written:
        return written.most_common(1)[0][0]
    return f"{bare}{level}" if level else ""


def place_of_text(text: str) -> str:
    """The place ``text`` is about, as it names itself (保定市, 顺平县, 黔东南州); "" if unknown."""
    return place_in_front(text)[0] or place_in_body(text)


# Ethnic groups in the names of autonomous areas, in their official English.
ETHNIC_EN = {
    "蒙古": "Mongolian", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao",
    "彝": "Yi", "壮": "Zhuang", "布依": "Buyei", "朝鲜": "Korean", "满": "Manchu",
    "侗": "Dong", "瑶": "Yao", "白": "Bai", "土家": "Tujia", "哈尼": "Hani",
    "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She",
    "拉祜": "Lahu", "水": "Shui", "东乡": "Dongxiang", "纳西": "Naxi", "景颇": "Jingpo",
    "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur", "仫佬": "Mulao", "羌": "Qiang",
    "撒拉": "Salar", "毛南": "Maonan", "仡佬": "Gelao", "锡伯": "Xibe", "普米": "Pumi",
    "塔吉克": "Tajik", "怒": "Nu", "鄂温克": "Ewenki", "裕固": "Yugur", "保安": "Bonan",
    "独龙": "Derung", "鄂伦春": "Oroqen", "布朗": "Blang",
}
# Single-character groups are a group only with 族 (回族); longer ones also bare (哈萨克).
_ETHNIC = re.compile("(?:" + "|".join(
    sorted((f"{k}族" if len(k) == 1 else f"{k}(?:族)?" for k in ETHNIC_EN), key=len,
           reverse=True)) + ")$")
# The thirty autonomous prefectures, to read their short forms in full (黔东南州).
AUTONOMOUS_PREFECTURES = (
    "延边朝鲜族自治州", "恩施土家族苗族自治州", "湘西土家族苗族自治州", "阿坝藏族羌族自治州",
    "甘孜藏族自治州", "凉山彝族自治州", "黔东南苗族侗族自治州", "黔南布依族苗族自治州",
    "黔西南布依族苗族自治州", "楚雄彝族自治州", "红河哈尼族彝族自治州", "文山壮族苗族自治州",
    "西双版纳傣族自治州", "大理白族自治州", "德宏傣族景颇族自治州", "怒江傈僳族自治州",
    "迪庆藏族自治州", "临夏回族自治州", "甘南藏族自治州", "海北藏族自治州", "黄南藏族自治州",
    "海南藏族自治州", "果洛藏族自治州", "玉树藏族自治州", "海西蒙古族藏族自治州",
    "昌吉回族自治州", "博尔塔拉蒙古自治州", "巴音郭楞蒙古自治州", "克孜勒苏柯尔克孜自治州",
    "伊犁哈萨克自治州",
)
# Short forms that are not the name proper and 州 (博尔塔拉 is 博州).
_SHORT_IRREGULAR = {"博州": "博尔塔拉蒙古自治州", "巴州": "巴音郭楞蒙古自治州",
                    "克州": "克孜勒苏柯尔克孜自治州"}
# Names whose English is not their pinyin, or whose reading pypinyin gets wrong for a place.
NAMES_EN = {"内蒙古": "Inner Mongolia", "陕西": "Shaanxi", "香港": "Hong Kong",
            "澳门": "Macao", "洪洞": "Hongtong", "单": "Shan", "长子": "Zhangzi"}
# Readings that hold in place names, where pypinyin's everyday reading does not (长治, 朝阳).
_CHAR_READINGS = {"长": "chang", "朝": "chao", "勒": "le"}


def _name_and_groups(name: str) -> tuple[str, list[str]]:
    """黔东南苗族侗族 -> (黔东南, [苗, 侗])."""
    groups: list[str] = []
    while match := _ETHNIC.search(name):  # 鄂伦春自治旗: the group is the whole name
        groups.insert(0, match.group(0).removesuffix("族"))
        name = name[: match.start()]
    return name, groups


def _full_prefecture(place: str) -> str:
    if place in _SHORT_IRREGULAR:
        return _SHORT_IRREGULAR[place]
    stem = place.removesuffix("州")
    return next((p for p in AUTONOMOUS_PREFECTURES
                 if _name_and_groups(p.removesuffix("自治州"))[0] == stem), place)


def _pinyin(name: str, context: str) -> str:
    """One word of pinyin, apostrophe before a vowel syllable (Xi'an); read in ``context``
    (the name with its suffix), where pypinyin's phrase list knows more place names."""
    if name in NAMES_EN:
        return NAMES_EN[name]
    # Imported here: pypinyin's dictionaries cost ~0.2 s and ~55 MiB per process, paid only by
    # a worker that names a new place, not by every worker at start-up.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(context, style=Style.NORMAL, v_to_u=True)[: len(name)]
    syllables = [_CHAR_READINGS.get(ch, s) for ch, s in zip(name, syllables, strict=True)]
    word = syllables[0] + "".join(f"'{s}" if s[0] in "aoe" else s for s in syllables[1:])
    return word[:1].upper() + word[1:]


def place_en(place: str) -> str:
    """保定市 -> Baoding City, 宁夏回族自治区 -> Ningxia Hui Autonomous Region; "" if no place."""
    place = place.strip()
    if place.endswith("州") and not place.endswith("自治州"):
        place = _full_prefecture(place)
    if not re.fullmatch(f"{_HAN}+", place) or not _is_name(place):
        return ""  # typed by hand (a Latin name, 自治区 alone): the admin writes it
    suffix = _suffix_of(place)
    name, groups = place[: -len(suffix)], []
    # Only autonomous areas name their groups (东乡区 names none; 内蒙古 is a name, not 蒙古)
    if suffix.startswith("自治") and name not in NAMES_EN:
        name, groups = _name_and_groups(name)
    words = [_pinyin(name, place)] if name else []
    if groups:
        english = [ETHNIC_EN[g] for g in groups]
        words.append(" and ".join([", ".join(english[:-1]), english[-1]] if len(english) > 1
                                  else english))
    kind = "Municipality" if place in MUNICIPALITIES else SUFFIXES_EN[suffix]
    return " ".join([*words, kind])
