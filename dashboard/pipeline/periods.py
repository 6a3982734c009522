"""The years a figure belongs to, from the words of its sentence and its section.

A year written before the number sets its period (由2020年的182.4亿元, 增加到2025年的276.5亿元,
到2030年…达到400亿元); a year that is only a comparison base does not (比2020年增长30%,
2018年以来). Five-year plans are named by their number (“十四五” = 2021–2025): a section whose
heading names one reviews or plans its whole span, and a cumulative or average figure of such
a span (五年累计, 年均增长) covers all of its years: its period is the last year and
``period_start`` the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_chinese_numeral

_YEAR = re.compile(r"(?<!\d)(\d{4})年(?!以来|来|度以来)")
_NOT_PERIOD_BEFORE = ("比", "较", "与", "同", "自", "从", "于", "是")
# A base year a change is measured from: 比2020年增长35%, 是2020年的3倍, 由2020年的…提高8.5个百分点.
_BASE_YEAR = re.compile(r"(?:比|较|是|由|从)(\d{4})年")
_RANGE = re.compile(r"(\d{4})\s*[—–\-~～至到]\s*(\d{4})年")
_FIVE_YEAR_PLAN = re.compile(
    r"[“\"]?(十[一二三四五六七八九]?|[一二三四五六七八九])五[”\"]?(?:时期|期间|规划|以来)?")
_SPAN_WORDS = re.compile(r"累计|年均|五年来|五年间|五年共|期间共|连续五年|五年(?:增长|增加|提高)")
# Words opening a sentence about a whole span: 五年来，谋划实施重点项目217个，竣工项目116个.
_SENTENCE_SPAN_WORDS = re.compile(r"五年来|五年间|过去五年|五年累计|五年共")
_YEARS_AVERAGE = re.compile(r"([两三四])年平均")
_FIRST_PLAN_YEAR = 1956  # the 4th plan began in 1971; each lasts five years


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def five_year_plan(text: str) -> Span | None:
    """The span of the five-year plan a text names (“十四五” -> 2021–2025), if any."""
    for match in _FIVE_YEAR_PLAN.finditer(text):
        number = parse_chinese_numeral(match.group(1))
        if number is not None and 4 <= number <= 30 and "五" in match.group(0):
            start = _FIRST_PLAN_YEAR + 5 * (int(number) - 1)
            return Span(start, start + 4)
    return None


_TERM_PAST = re.compile(r"过去五年|五年来|本届政府")
_TERM_NEXT = re.compile(r"今后五年|未来五年")


def section_span(heading: str, report_year: int) -> Span | None:
    """The years a heading's part covers: a five-year plan it names (“十四五”), or a term of
    government (过去五年工作回顾: the five years before the report; 今后五年: the five from it)."""
    plan = five_year_plan(heading)
    if plan is not None or not report_year:
        return plan
    if _TERM_PAST.search(heading):
        return Span(report_year - 5, report_year - 1)
    if _TERM_NEXT.search(heading):
        return Span(report_year, report_year + 4)
    return None


# 较“十三五”末的9323.1亿元: a base figure dated by the plan whose end it names.
_PLAN_END = re.compile(
    r"(?:较|比|是|由|从)[“\"]?((?:十[一二三四五六七八九]?|[一二三四五六七八九])五)"
    r"[”\"]?(?:时期|期)?末的?")


def plan_end_year(text: str, start: int, end: int) -> int | None:
    """The year a comparison base names as the end of a five-year plan, in text[start:end]."""
    found = list(_PLAN_END.finditer(text, start, end))
    plan = five_year_plan(found[-1].group(1)) if found else None
    return plan.end if plan is not None else None


_LATER_NUMBER = re.compile(r"的\s*[\d.,]+\D+\d")


def stated_year(text: str, start: int, end: int) -> int | None:
    """The last year written in text[start:end] that dates what follows (not 比2020年)."""
    found = None
    for match in _YEAR.finditer(text, start, end):
        before = text[max(start, match.start() - 1):match.start()]
        dated_value = before in "从由自" and text.startswith("的", match.end())
        if before in _NOT_PERIOD_BEFORE and not dated_value:
            continue  # 比2020年增长…: a base; 从2015年的56.1亿元: the figure of that year
        if dated_value and _LATER_NUMBER.match(text, match.end(), end):
            continue  # 由2013年的2330元增长到8629元: 2013 is the first value's, not the second's
        if 1950 <= int(match.group(1)) <= 2100:
            found = int(match.group(1))
    return found


def span_of(text: str, sentence_start: int, clause_start: int, number_start: int,
            section_span: Span | None, period: int, change: bool = False) -> int:
    """The first year a figure covers: earlier than its period for 五年累计 or 年均增长 (in
    the figure's own clause) over a five-year plan or a written range (2021—2025年), and for
    a change measured from an earlier year (比2020年增长35%: 2021–2025); else the period."""
    before = text[sentence_start:number_start]
    average = _YEARS_AVERAGE.search(text, clause_start, number_start)
    if average is not None:  # 两年平均增长3.1%: this year and the one before
        return period - (parse_chinese_numeral(average.group(1)) or 1) + 1
    if change:
        bases = [int(y) for y in _BASE_YEAR.findall(before) if int(y) < period - 1]
        plan_base = plan_end_year(text, sentence_start, number_start)
        bases += [plan_base] if plan_base is not None and plan_base < period - 1 else []
        if bases:
            return max(bases) + 1
    own = _SPAN_WORDS.search(text, clause_start, number_start)
    if not own and _YEAR.search(text, clause_start, number_start):
        return period  # 五年来，…由2020年的120.5亿元: a level of the year it names
    # In a section reviewing a span, 累计 opening a list governs its items: 固定资产投资累计完成
    # 208.4亿元，实际利用外资5.5亿美元，外贸进出口完成3.7亿美元.
    listed = section_span is not None and not change and "累计" in text[sentence_start:clause_start]
    if not own and not listed and not _SENTENCE_SPAN_WORDS.search(
            text, sentence_start, number_start):
        return period
    ranges = list(_RANGE.finditer(before))
    if ranges and int(ranges[-1].group(2)) == period:
        return int(ranges[-1].group(1))
    plan = five_year_plan(before) or section_span
    if plan is not None and plan.end == period:
        return plan.start
    if "五年" in before:
        return period - 4
    return period


# Years named relative to the report's own: 今年 is the report's year, 去年 / 过去一年 the year
# it reviews, 明年 the one after. 比上年 / 较去年 are comparison bases, not periods.
_RELATIVE_YEAR = re.compile(r"(?<![比较同与于超])(今年|本年|明年|去年|上年|过去一年|过去的一年)")
_OFFSETS = {"今年": 0, "本年": 0, "明年": 1, "去年": -1, "上年": -1, "过去一年": -1,
            "过去的一年": -1}


def relative_year(text: str, start: int, end: int, report_year: int,
                  bulletin: bool = False) -> int | None:
    """The year the last relative year word in text[start:end] names (今年 -> the report's
    year); None for a bulletin, whose 上年 is always a comparison base."""
    if bulletin:
        return None
    found = None
    for match in _RELATIVE_YEAR.finditer(text, start, end):
        found = report_year + _OFFSETS[match.group(1)]
    return found


# 财政收入由5亿元增长到8.2亿元: the value a change starts from, whose year is the sentence's base
# year (从2015年的…增长到…) or the year before the span its section reviews.
_FROM_BEFORE = re.compile(r"(?:由|从)(?:原来的|过去的)?$")
_TO_AFTER = re.compile(
    r"(?:余|多)?(?:增长|提高|提升|增加|上升|下降|降低|减少|扩大|缩小|跃升)?(?:到|至)")


def from_value_year(text: str, sentence_start: int, number_start: int, unit_end: int,
                    section_span: Span | None) -> int | None:
    """The year of the first value of a 由X增长到Y change, or None if this is not one."""
    if not _FROM_BEFORE.search(text, max(sentence_start, number_start - 5), number_start) \
            or not _TO_AFTER.match(text, unit_end):
        return None
    bases = _BASE_YEAR.findall(text, sentence_start, number_start)
    if bases:
        return int(bases[-1])
    return section_span.start - 1 if section_span is not None else None


# Work done over a reviewed span (这五年…实施民生实事112项): a count or a quantity of work with no
# year of its own covers the span, unless the clause says it is a level reached (达到1200家).
_LEVEL_REACHED = re.compile(r"达到|达|突破|超|总数|总量|拥有|保有|规模")


def covers_span(text: str, clause_start: int, clause_end: int, output_like: bool) -> bool:
    return output_like and not _LEVEL_REACHED.search(text, clause_start, clause_end)
