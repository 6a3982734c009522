"""What a stated quantity measures: its indicator, value kind, comparator and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Indicator, Lexicon, TermMatch
from .numbers import Quantity
from .units import unit_info

_CLAUSE_END = ",，;；:：。!?！？\n"
_GROWTH = re.compile(r"增长|增速|增幅|增加|上升|提高|提升|下降|减少|降低|回落|下滑|翻|增产|减产")
_DECLINE = re.compile(r"下降|减少|降低|回落|下滑|减产")
# 人口自然增长率为6.55‰, 失业率: a rate, whatever verb its name holds
_RATE_NAME = re.compile(r"(?:增长|出生|死亡|失业|覆盖)率(?:为|是|达到|控制在)?$")
_TO_LEVEL = re.compile(r"(?:提高|提升|增加|上升|下降|降低|减少)(?:到|至|为)$")
_TARGET_VERBS = re.compile(r"达到|达|稳定在|保持|控制在|提高到|提升到|提升至|提高至|巩固|不低于")
_AT_LEAST_BEFORE = re.compile(r"(?:超过|不低于|不少于|至少|突破)$")
_AT_MOST_BEFORE = re.compile(r"(?:不超过|不高于|控制在|低于)$")
_ABOUT_BEFORE = re.compile(r"(?:约|近|大约)$")
_RANGE_SEP = "—–-~～至到"
_YEAR_BEFORE = re.compile(r"\d{4}年(?:底|末)?的?$")
# Gap allowed between a unit and the name it counts (3万亩高标准农田, 102场次系列旅游文化活动).
_POST_NOMINAL_GAP = 3
_AFTER_UNIT_SKIP = re.compile(r"以上|以下|左右|及以上")
_NOUN_FOLLOWS = re.compile(r"(?!以上|以下|左右|以内|的|和|及|与|或|等|增长|下降|增加|减少|提高|同比"
                           r"|比上年|较上年)[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Reading:
    indicator: Indicator | None
    value: float
    unit: str
    value_kind: str
    comparator: str
    term_start: int | None  # where the indicator's name was found


def dimension(q: Quantity) -> str:
    if q.base_unit in ("%", "‰", "个百分点", "倍", "成", "番"):
        return "percent"
    info = unit_info(q.base_unit)
    if info is None:
        return "count" if q.unit else "none"
    return info.dimension


def clause_bounds(text: str, sent_start: int, sent_end: int, pos: int) -> tuple[int, int]:
    start = pos
    while start > sent_start and text[start - 1] not in _CLAUSE_END:
        start -= 1
    end = pos
    while end < sent_end and text[end] not in _CLAUSE_END:
        end += 1
    return start, end


def _fits(indicator: Indicator, dim: str) -> bool:
    return dim in indicator.dims or (dim == "people" and "count" in indicator.dims)


def choose_indicator(text: str, q: Quantity, quantities: list[Quantity], matches: list[TermMatch],
                     clause: tuple[int, int], sent_start: int,
                     lexicon: Lexicon | None = None) -> TermMatch | None:
    """The name this quantity measures, by list position, then name after, then name before."""
    dim = dimension(q)
    listed = _by_list_position(text, q, quantities, matches, clause, lexicon, sent_start)
    if listed is not None and _fits(listed.indicator, dim):
        return listed
    after = q.unit_end
    if skip := _AFTER_UNIT_SKIP.match(text, after):
        after = skip.end()
    for m in matches:
        if after <= m.start <= after + _POST_NOMINAL_GAP and not any(
                ch in _CLAUSE_END + "、" for ch in text[after:m.start]):
            if _fits(m.indicator, dim):
                return m
            break
    floor = sent_start
    if _NOUN_FOLLOWS.match(text, q.unit_end):
        # 6个社区…中心: the number counts the noun after it, so a name before it only applies
        # within the same list item.
        floor = max(sent_start, *(text.rfind(sep, sent_start, q.start) + 1
                                  for sep in _CLAUSE_END + "、"))
    # 占一般公共预算支出的78.2%, 占全州生产总值的比重: the name after 占 is the whole, not what
    # the share measures.
    before = [m for m in matches if floor <= m.start and m.end <= q.start
              and "占" not in text[max(floor, m.start - 3):m.start]]
    for m in reversed(before):
        if _fits(m.indicator, dim):
            return m
    return None


def elided_names(text: str, match: TermMatch, lexicon: Lexicon) -> list[TermMatch]:
    """One name standing for several: 城镇、农村居民人均可支配收入 (the first item shares the
    second's ending) or 城乡居民人均可支配收入 (a joint prefix, lexicon ``joint_prefixes``).
    The indicators named by each part, in order, if the lexicon knows every one; else []."""
    written = text[match.start:match.end]
    if text[match.start - 1:match.start] in ("、", "和", "及", "与"):
        head_start = match.start - 1
        while head_start > 0 and text[head_start - 1] not in _CLAUSE_END + "、":
            head_start -= 1
        head = text[head_start:match.start - 1]
        if 0 < len(head) < len(written):
            first = lexicon.indicator_for_term(head + written[len(head):])
            if first is not None:
                return [TermMatch(first, head_start, match.start - 1), match]
    for prefix, parts in lexicon.joint_prefixes:
        at = text.rfind(prefix, max(0, match.start - len(prefix) - 4), match.start)
        if at < 0:
            continue
        middle = text[at + len(prefix):match.start]
        found = [lexicon.indicator_for_term(part + middle + written) for part in parts]
        if all(found):
            return [TermMatch(ind, at, match.end) for ind in found if ind is not None]
    return []


def _by_list_position(text: str, q: Quantity, quantities: list[Quantity],
                      matches: list[TermMatch], clause: tuple[int, int],
                      lexicon: Lexicon | None = None, sent_start: int | None = None
                      ) -> TermMatch | None:
    """接待游客、旅游收入分别增长138.61%、149.52%: the k-th number is the k-th name.

    The names are the last ones before 分别, in its clause or the clauses before it (接待游客
    260万人次、实现旅游收入18.4亿元,分别增长…). When the name just before 分别 is its subject
    (no figure between them), the names are those of that clause only: in 进出口总额增长82.8%,
    城乡居民收入分别增长5.7%、8.7% the trade figure's name is not one of the list's names.
    """
    respectively = text.find("分别", clause[0], q.start)
    if respectively < 0 and sent_start is not None:
        # …分别完成32296元、11516元，同比增长10.2%、13.9%: a second list of as many values,
        # in a later clause of the sentence, follows the same names.
        respectively = text.rfind("分别", sent_start, clause[0])
        listed = [x for x in quantities if clause[0] <= x.start < clause[1]]
        earlier = [x for x in quantities if respectively < x.start < clause[0]]
        joined = all("、" in text[a.unit_end:b.start]
                     for a, b in zip(listed, listed[1:], strict=False))
        if respectively < 0 or len(listed) < 2 or len(listed) != len(earlier) or not joined:
            return None
        index = listed.index(q) if q in listed else -1
        named = _by_list_position(text, earlier[index], quantities, matches,
                                  clause_bounds(text, sent_start, clause[0],
                                                earlier[index].start), lexicon)
        return named if index >= 0 else None
    if respectively < 0:
        return None
    numbers = [x for x in quantities if respectively < x.start < clause[1]]
    before = [m for m in matches if m.end <= respectively]
    if before and not any(before[-1].end <= x.start < respectively for x in quantities):
        floor = max(text.rfind(sep, 0, before[-1].start) for sep in _CLAUSE_END)
        before = [m for m in before if m.start > floor]
    names = before[-len(numbers):]
    if len(names) == 1 and lexicon is not None and (parts := elided_names(text, names[0],
                                                                          lexicon)):
        if len(numbers) == 1 and q in numbers:
            # 城乡居民人均可支配收入分别增长7%以上: each part grew 7%, not all residents'
            # income; the figure is the first part's (one number, one figure).
            return parts[0]
        names = parts if len(numbers) > 1 else names
    if len(numbers) < 2 or len(names) != len(numbers) or q not in numbers:
        return None
    return names[numbers.index(q)]


def is_range_pair(text: str, first: Quantity, second: Quantity) -> bool:
    """8%—9%, 8—9%: two numbers joined by a dash with nothing else between them."""
    between = text[first.unit_end:second.start]
    return len(between) == 1 and between in _RANGE_SEP and (
        not first.unit or first.unit == second.unit)


def read_quantity(text: str, q: Quantity, previous: Quantity | None, prev_reading: Reading | None,
                  term: TermMatch | None, clause_start: int) -> Reading:
    """Value kind, sign and comparator from the words around the number."""
    window_start = max(clause_start, term.end if term and term.end <= q.start else clause_start)
    if term is not None and text[term.end - 2:term.end] in ("增产", "减产"):
        window_start = term.end - 2  # 粮食减产3.2%: the name says how it changed
    window = _YEAR_BEFORE.sub("", text[window_start:q.start])  # 提高到2025年的60.8%
    continues_list = previous is not None and prev_reading is not None and (
        text[previous.unit_end:q.start] in ("、", "和", "及"))
    unit, base, value = q.unit, q.base_unit, q.value
    if continues_list:
        value_kind = prev_reading.value_kind
    elif base == "个百分点":
        value_kind = "change_pp"
    elif base in ("倍", "番"):
        value_kind = "growth_pct"
    elif q.unit == "%" and text[q.start:q.end] in ("持平", "基本持平", "两位数"):
        value_kind = "growth_pct"  # 与上年持平, 两位数增长
    elif base in ("%", "‰", "成"):
        growth = _GROWTH.search(window) and not _TO_LEVEL.search(window) and not \
            _RATE_NAME.search(text, max(0, q.start - 8), q.start)
        value_kind = "growth_pct" if growth else "share_pct"
    elif (info := unit_info(base)) is not None and info.is_count or (not base and unit):
        value_kind = "count"
    else:
        value_kind = "level"
    declines = _DECLINE.search(window) or (continues_list and prev_reading.value < 0)
    if value_kind in ("growth_pct", "change_pp") and declines:
        value = -value
    comparator = _comparator(text, q, window)
    if continues_list and comparator == "=" and prev_reading.comparator != "=":
        comparator = prev_reading.comparator
    return Reading(term.indicator if term else None, value, unit, value_kind, comparator,
                   term.start if term else None)


def _comparator(text: str, q: Quantity, window: str) -> str:
    after = text[q.unit_end:q.unit_end + 3]
    if after.startswith(("以上", "及以上")) or _AT_LEAST_BEFORE.search(window):
        return ">="
    if after.startswith(("以下", "以内")) or _AT_MOST_BEFORE.search(window):
        return "<="
    if after.startswith("左右") or _ABOUT_BEFORE.search(window):
        return "~"
    if q.approx_more:
        return ">"
    return "="


def is_target(indicator: Indicator | None, value_kind: str, window: str) -> bool:
    """In a forward-looking section: a level or rate to reach (target) or work to do (plan)."""
    if indicator is not None and indicator.type == "outcome":
        return True
    if value_kind in ("growth_pct", "share_pct", "change_pp"):
        return True
    return indicator is None and bool(_TARGET_VERBS.search(window))


def standardise(q: Quantity, value: float, indicator: Indicator | None = None
                ) -> tuple[float, str]:
    """The value in the canonical unit of its dimension (money in 亿元, area in 万亩…);
    a per-capita amount (lexicon ``per_capita``, 人均可支配收入38560元) stays in 元."""
    std, unit = _standardise(q, value)
    if indicator is not None and indicator.per_capita and unit == "亿元":
        return round(std * 1e8, 6), "元"
    return std, unit


def _standardise(q: Quantity, value: float) -> tuple[float, str]:
    base = q.base_unit
    if base in ("%", "个百分点"):
        return value, base
    if base == "‰":
        return value / 10, "%"
    if base == "成":
        return value * 10, "%"
    if base == "倍":
        return value * 100, "%"
    if base == "番":
        return (2 ** value - 1) * 100, "%"
    info = unit_info(base)
    if info is None:
        return value * q.magnitude, ""
    return round(value * q.magnitude * info.factor, 10), info.canonical
