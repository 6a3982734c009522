"""The number grammar: where a report states a quantity, its value, and its unit as written.

A quantity is an Arabic or Chinese numeral followed by a unit (万亩, 亿元, %, 个百分点…).
Names (5G, G30, “十四五”, 312国道), dates (6月底前, 2024年), ordinals (第八届),
anniversaries (75周年), ratings (750千伏) and list numbers are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .units import BASE_UNIT_NAMES, MAGNITUDES, read_denominator, unit_info

_CN_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

_NUMBER = re.compile(
    r"(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+)"
)
_OPEN_QUOTES, _CLOSE_QUOTES = "“《「『\"", "”》」』\""
_NOT_QUANTITY_AFTER = re.compile(
    r"(?:年|月|日|号|时|周年|届|次全会|中全会|季度|世纪|个月|国道|省道|县道|级|星级|大|期"
    r"|个?位次)"  # 提高3个位次: a rank moved, not a measure
)
_RANGE_SEP = "—–-~～至到"
# 百分之九十五, 百分之百, 百分之80: a percentage written out in words.
_PERCENT_WORDS = re.compile(r"百分之(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)")
# Telephone numbers and hotline names: 0993-6012345, 12345热线, 热线12345, 电话…
_PHONE = re.compile(r"(?<![\d.])0\d{2,3}-\d{7,8}(?!\d)|\d{5,}(?=[\u4e00-\u9fff]{0,8}热线)"
                    r"|(?<=热线)\d{5,}|(?<=电话)[:：]?\d[\d-]{4,}")
# The first year of a span (2025—2027年): a date, like the second.
_YEAR_RANGE = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?=\s*[—–\-~～至到]\s*(?:19|20)\d{2}年)")
# A base unit that is the start of a word when followed by these (3天然气 is not 3 days).
_WORD_AFTER_UNIT = {"天": "然"}
_APPROX_MARKS = "余多"
# Growth stated in words: 与上年持平 (0), 实现两位数增长 (10 % or more).
_GROWTH_WORDS = re.compile(r"(?<!保)(?:基本)?持平(?!稳)|两位数")  # not 保持平稳
# A rank or a span of times: 前10位, 前三名, 4年10次.
_RANK = re.compile(r"(?<=前)\d+(?=[位名强])|(?<=\d年)\d+(?=次)")
# A threshold that picks out a group (消除一般公共预算收入10亿元以下的县, 5000万元以上的项目)
# describes its members: it is no figure of the report.
_THRESHOLD_AFTER = re.compile(r"(?:余|多)?(?:以上|以下|以内)的(?:县|村|乡|镇|企业|户|家庭|人口"
                              r"|地区|城市|项目|行政村|贫困村)")
# A bare magnitude is a number only as a bound: 近万元, 超百亿美元, 突破千亿元.
_BOUND_BEFORE = re.compile(r"(?:近|超|逾|破|突破|超过)$")
# Ages bound a group of people (0-17岁, 不满18周岁, 65岁以上老年人): a spec, not a measure; an
# age that is measured (人均预期寿命80.2岁, 平均年龄) is.
_AGE_AFTER = re.compile(r"(?:\s*[—–\-~～至到]\s*\d+)?\s*周?岁")
_MEASURED_AGE = ("寿命", "年龄")
# A table's caption line (表1 2020年…, **表****1** in a page converted to markdown) names its
# table: its numbers are labels.
_CAPTION_LINE = re.compile(r"^[ \t*#]*表[ \t*]*\d[^\n]*", re.MULTILINE)


def parse_chinese_numeral(numeral: str) -> float | None:
    """一百二十 -> 120, 三 -> 3, 一万二千 -> 12000, 十五 -> 15; None if malformed."""
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in "零〇" and digit is None:
            continue  # 三百零五: a placeholder, not a digit
        if ch in _CN_VALUES:
            if digit is not None:  # 二三 is not a numeral
                return None
            digit = _CN_VALUES[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[ch]
            digit = None
        elif ch in _CN_BIG_UNITS:
            total = (total + section + (digit or 0)) * _CN_BIG_UNITS[ch]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


@dataclass(frozen=True)
class Quantity:
    start: int  # offsets of the number as written
    end: int
    value: float
    unit: str  # as written, without 余/多 (万亩, %, 个百分点…)
    unit_end: int  # offset just past the unit (and any 余/多)
    magnitude: float  # the 万/亿 part of the unit
    base_unit: str  # the unit without its magnitude, or the percent-like unit
    approx_more: bool  # 4000余人: "more than"
    chinese: bool


def _quote_mask(text: str) -> list[bool]:
    """True for each character inside quotation marks or book-title marks on its line."""
    mask, depth = [False] * len(text), 0
    for i, ch in enumerate(text):
        if ch == "\n":
            depth = 0
        elif ch in _OPEN_QUOTES and (ch != '"' or depth == 0):
            depth += 1
            continue
        elif ch in _CLOSE_QUOTES and depth:
            depth -= 1
            continue
        mask[i] = depth > 0
    return mask


def _read_unit(text: str, pos: int) -> tuple[str, str, float, int, bool]:
    """(unit as written, base unit, magnitude, end offset, 余/多) for the unit at pos."""
    more = False
    if text.startswith(tuple(_APPROX_MARKS), pos):
        more, pos = True, pos + 1
    for percent in ("个百分点", "%", "‰", "倍", "成", "番"):
        if text.startswith(percent, pos):
            return percent, percent, 1.0, pos + len(percent), more
    magnitude_text, magnitude = "", 1.0
    base = _base_unit_at(text, pos)
    if base is None and pos < len(text) and text[pos] in MAGNITUDES:
        magnitude_text, magnitude = text[pos], MAGNITUDES[text[pos]]
        pos += 1
        if pos < len(text) and text[pos] in "万亿" and _base_unit_at(text, pos) is None:
            # 1.2万亿元, 3千万元: a magnitude of a magnitude
            magnitude_text, magnitude = magnitude_text + text[pos], magnitude * MAGNITUDES[
                text[pos]]
            pos += 1
        if text.startswith(tuple(_APPROX_MARKS), pos):
            more, pos = True, pos + 1
        base = _base_unit_at(text, pos)
    if base is None:
        return magnitude_text, "", magnitude, pos, more
    end = pos + len(base)
    denominator = read_denominator(text, end)
    if denominator is not None:  # 万元/亩: a rate
        base = f"{base}/{denominator}"
        end += 1 + len(denominator)
    if text.startswith(tuple(_APPROX_MARKS), end) and not magnitude_text:
        more, end = True, end + 1
    return magnitude_text + base, base, magnitude, end, more


def _base_unit_at(text: str, pos: int) -> str | None:
    base = next((u for u in BASE_UNIT_NAMES if text.startswith(u, pos)), None)
    if base is not None and text[pos + len(base):pos + len(base) + 1] == \
            _WORD_AFTER_UNIT.get(base, "\0"):
        return None
    return base


def _is_list_number(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end:end + 1] in (".", "、", ")", "）")


def find_quantities(text: str, start: int = 0, end: int | None = None,
                    names: tuple[str, ...] = ()) -> Iterator[Quantity]:
    """Every stated quantity in text[start:end], in order.

    `names` are fixed expressions whose numbers are part of a name (八项规定); telephone
    numbers and hotline names (12345热线) are never quantities.
    """
    end = len(text) if end is None else end
    in_quotes = _quote_mask(text)
    for name in names:
        for found in re.finditer(re.escape(name), text):
            in_quotes[found.start():found.end()] = [True] * (found.end() - found.start())
    for found in (*_PHONE.finditer(text, start, end), *_YEAR_RANGE.finditer(text, start, end),
                  *_CAPTION_LINE.finditer(text, start, end), *_RANK.finditer(text, start, end)):
        in_quotes[found.start():found.end()] = [True] * (found.end() - found.start())
    in_words: dict[int, Quantity] = {}
    for found in _PERCENT_WORDS.finditer(text, start, end):
        quantity = _percent_in_words(found)
        if quantity is not None and not in_quotes[found.start()]:
            in_words[found.start()] = quantity
    for found in _GROWTH_WORDS.finditer(text, start, end):
        if not in_quotes[found.start()]:
            ten = found.group() == "两位数"
            in_words[found.start()] = Quantity(
                found.start(), found.end(), 10.0 if ten else 0.0, "%", found.end(), 1.0, "%",
                ten, True)
    word_ends = {q.end: q for q in in_words.values()}
    pending = sorted(in_words.values(), key=lambda q: q.start)
    for match in _NUMBER.finditer(text, start, end):
        n_start, n_end = match.span()
        while pending and pending[0].start <= n_start:
            yield pending.pop(0)
        if any(q.start <= n_start < q.end for q in word_ends.values()):
            continue  # the numeral of 百分之九十五, already read
        if n_end in word_ends or text.startswith("百分之", n_start):
            continue
        if in_quotes[n_start] or text[n_start - 1:n_start] == "第":
            continue
        if _NOT_QUANTITY_AFTER.match(text, n_end) or _is_age_bound(text, n_start, n_end):
            continue
        chinese = match.group("cn") is not None
        if chinese:
            quantity = _chinese_quantity(text, match)
        else:
            before, after = text[n_start - 1:n_start], text[n_end:n_end + 1]
            if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
                continue  # 5G, G30, 4A: names
            if _is_list_number(text, n_start, n_end):
                continue
            quantity = _arabic_quantity(text, match)
        if quantity is not None and not _THRESHOLD_AFTER.match(text, quantity.unit_end):
            yield quantity
    yield from pending


def _is_age_bound(text: str, start: int, end: int) -> bool:
    if text[start - 1:start] in "—–-~～" and text[start - 2:start - 1].isdigit():
        return bool(_AGE_AFTER.match(text, end))  # the upper end of 0-17岁
    return bool(_AGE_AFTER.match(text, end)) and not any(
        word in text[max(0, start - 8):start] for word in _MEASURED_AGE)


def _percent_in_words(found: re.Match[str]) -> Quantity | None:
    written = found.group("n")
    chinese = not written[0].isdigit()
    value = parse_chinese_numeral(written) if chinese else float(written)
    if value is None:
        return None
    n_start, n_end = found.span("n")
    return Quantity(n_start, n_end, value, "%", n_end, 1.0, "%", False, chinese)


def _arabic_quantity(text: str, match: re.Match[str]) -> Quantity | None:
    n_start, n_end = match.span()
    unit, base, magnitude, unit_end, more = _read_unit(text, n_end)
    if base and (info := unit_info(base)) is not None and info.is_name:
        return None
    if _NOT_QUANTITY_AFTER.match(text, unit_end) and not base:
        return None
    value = float(match.group("ar").replace(",", ""))
    return Quantity(n_start, n_end, value, unit, unit_end, magnitude, base, more, False)


def _chinese_quantity(text: str, match: re.Match[str]) -> Quantity | None:
    n_start, n_end = match.span()
    numeral = match.group("cn")
    if text[n_start - 1:n_start] == "翻" and text[n_end:n_end + 1] == "番":
        value = parse_chinese_numeral(numeral)
        return None if value is None else Quantity(
            n_start, n_end, value, "番", n_end + 1, 1.0, "番", False, True)
    if numeral in ("万", "亿") and _BOUND_BEFORE.search(text, max(0, n_start - 2), n_start):
        # 五年增长近万元, 突破亿元: one of the unit's magnitude
        unit, base, magnitude, unit_end, more = _read_unit(text, n_start)
        return Quantity(n_start, n_start + 1, 1.0, unit, unit_end, magnitude, base, more,
                        True) if base else None
    if numeral in ("百亿", "千亿", "百万", "千万") and _BOUND_BEFORE.search(
            text, max(0, n_start - 2), n_start):
        numeral = numeral[0]  # 均超百亿美元: a hundred of 亿美元 (the words 百/千 alone)
        n_end = n_start + 1
        unit, base, magnitude, unit_end, more = _read_unit(text, n_end)
        return Quantity(n_start, n_end, parse_chinese_numeral(numeral) or 0.0, unit, unit_end,
                        magnitude, base, more, True) if base else None
    # 一百二十万亩: the trailing 万 belongs to the unit as written.
    if len(numeral) > 1 and numeral[-1] in "万亿":
        head = parse_chinese_numeral(numeral[:-1])
        if head is not None and _read_unit(text, n_end)[1]:
            n_end -= 1
            numeral = numeral[:-1]
    if not any(ch in _CN_VALUES or ch == "十" for ch in numeral):
        return None  # 万里, 千钧: words, not numbers
    value = parse_chinese_numeral(numeral)
    unit, base, magnitude, unit_end, more = _read_unit(text, n_end)
    if value is None or not base:
        return None
    info = unit_info(base)
    if info and (info.is_name or (info.is_count and value < 2)):
        return None  # 一个问题, 一套方案: idiom, not a count
    if info and info.is_count and text[unit_end:unit_end + 1] in ("“", '"', "千", "百", "亿", "翻"):
        return None  # 两个“翻一番”, 两个千亿大关, 两个翻番: a label of targets, not a count
    if base == "成" and value >= 10:
        return None
    if base == "个" and text.startswith("方面", unit_end):
        return None  # 八个方面: aspects of work, not a count of anything
    return Quantity(n_start, n_end, value, unit, unit_end, magnitude, base, more, True)
