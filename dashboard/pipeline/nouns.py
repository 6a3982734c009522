"""Open vocabulary: the noun phrase a number measures, for figures outside the lexicon.

新建城区道路5条 measures 新建城区道路 (in 条); 建成3个社区服务中心 measures 社区服务中心. The
name is read from the words next to the number, trimmed of the verbs and adverbs around it
(完成, 同比增长, 达到…); the indicator id is derived from the name with the verbs that only say
"new" or "done" removed (新建, 建成…), so the plan of one report and the result in the next,
written with different verbs, are one indicator. A clause with no noun left after trimming
measures nothing nameable: such a figure stays unclassified.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .numbers import Quantity
from .units import unit_info

OPEN_PREFIX = "n_"
_MAX_NAME = 12
_STOP = ",，;；:：。!?！？\n、"
_LEAD = re.compile(
    r"^(?:其中|另外|此外|同时|全年|全市|全县|全区|全州|全旗|全镇|全乡|全域|今年|当年|年内|年末|"
    r"年初|年底|累计|"
    r"共计|总计|合计|共|完成|实现|达到|力争|计划|预计|确保|已|将|新增|争取|实际|各类|"
    r"同比|可比|较上年|比上年|年均|由|从|到|至)+")
_TAIL = re.compile(
    r"(?:同比|可比|比上年|较上年|比去年|[两三四五]年平均|平均|年均|分别|累计|共计|共|总计|合计|全年|当年|"
    r"增长|增加|增速|增幅|提高|提升|上升|下降|减少|降低|回落|下滑|达到|达|为|是|有|突破|"
    r"超过|不低于|不少于|不超过|至少|控制在|保持在|稳定在|保持|稳定|到|至|约|近|大约|完成|实现|"
    r"新增|占比|占|的|总量|总额|了|首次|再|又|已|将|以上|以下|左右)+$")
_ONLY_FUNCTION = re.compile(r"^[\W\d_a-zA-Z]*$")
_YEAR_WORDS = re.compile(
    r"\d{4}年(?:底|末|初|的)?|[上下]半年|第?[一二三四]季度|\d{1,2}月(?:份|底)?")
_AFTER_UNIT_SKIP = re.compile(r"(?:余|多)?(?:以上|以下|左右|以内)?")
_POST_NOUN = re.compile(rf"[^{_STOP}\d和及与等的\s]{{2,{_MAX_NAME}}}")
_NOT_A_NOUN = re.compile(
    r"^(?:同比|可比|比上年|较上年|比|较|增长|增加|下降|减少|提高|分别|占|达|以上|以下|左右|次|的|"
    r"是|为|共|累计|其中|和|及|用于|用|居|位居|排名|列|同|也|均|完成|实现)")
# Clauses that give a cause, a basis or a comparison, not a subject.
_ADVERBIAL = re.compile(r"受|因|由于|随着|按|扣除|剔除|经|较|比|同比|与|主要|得益|带动|拉动|占|"
                        r"[^,，;；。]*(?:影响|计算|口径|带动下|推动下)")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_VERB_TAIL = re.compile(r"^(?:受理|办理|办结|接待|处理|帮扶|培训|带动|吸纳|安置|覆盖|惠及|服务|"
                        r"开通|建成|完成|实施|投入|发放|兑现|落实|引进|签约|新建|改建|扩建)$")
# Words after a name that do not make it another thing (高标准农田建设3万亩).
_NEUTRAL_SUFFIX = re.compile(r"^(?:建设|工程|项目|任务|总量|总额|规模|面积|数量|人数|达|总数|"
                             r"全部|任务量|改造|提升|新建|续建|开工|完工|投用|运营)$")
# Verbs that say only that something is new or done: dropped from the id, kept in the name.
_NEUTRAL_VERBS = re.compile(r"^(?:新建|建成|新增|建设|开工建设|完成|实施|新开工|开工)")
_NEUTRAL_ENDS = re.compile(r"(?:建设|工程|项目)$")
# Units that count things a noun after them names (3个社区服务中心, 5所学校).
_POST_NOMINAL_DIMS = ("count", "people")


@dataclass(frozen=True)
class Noun:
    name: str  # as written, for display (新建城区道路)
    start: int  # where it is in the text
    key: str = ""  # what the id is derived from, when not the name (a group and an indicator)

    @property
    def indicator_id(self) -> str:
        return open_indicator_id(self.key or self.name)


def open_indicator_id(name: str) -> str:
    """A stable id for a name outside the lexicon: the same words give the same id in every
    report, whether the work is planned (新建) or reported done (建成), with or without a
    closing 建设/工程."""
    key = _NEUTRAL_ENDS.sub("", _NEUTRAL_VERBS.sub("", name)) or name
    return OPEN_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


_NOT_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
# Verbs that only say the work is done or started, for matching a plan with its result.
_DONE_VERBS = re.compile(r"新建|建成|新增|建设|开工|完成|实施|实现|创建|打造|推进|开展|新改建|改建")


def object_key(name: str) -> str:
    """A name read from the text as a matching key: without the verbs that only say the work
    is done, its characters in any order (复垦耕地 = 耕地复垦, 出栏牲畜 = 牲畜出栏, 创建美丽庭院 =
    打造美丽庭院)."""
    words = _DONE_VERBS.sub("", _NOT_WORD.sub("", name)) or name
    core = _NEUTRAL_ENDS.sub("", words)
    # 重点项目 stays itself: a closing 项目 is dropped only from a name that says more
    return "".join(sorted(core if len(core) >= 3 else words))


def is_open_id(indicator_id: str) -> bool:
    return indicator_id.startswith(OPEN_PREFIX)


def _trim(phrase: str) -> str:
    phrase = _YEAR_WORDS.sub("", phrase)
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = _LEAD.sub("", phrase)
        phrase = _TAIL.sub("", phrase)
        phrase = phrase.strip(" “”\"《》()（）")
    return phrase


def _counts(q: Quantity) -> bool:
    info = unit_info(q.base_unit)
    return bool(q.unit) and (info is None or info.dimension in _POST_NOMINAL_DIMS)


def after_number(text: str, q: Quantity, clause_end: int) -> Noun | None:
    """3个社区服务中心, 4199平方米传染病区: the noun right after the unit."""
    if not q.unit:
        return None
    pos = _AFTER_UNIT_SKIP.match(text, q.unit_end).end()  # type: ignore[union-attr]
    if _NOT_A_NOUN.match(text, pos):
        return None
    match = _POST_NOUN.match(text, pos, clause_end)
    if match is None:
        return None
    name = _trim(match.group(0))
    return Noun(name, pos) if len(name) >= 2 and not _ONLY_FUNCTION.match(name) else None


def before_number(text: str, q: Quantity, floor: int) -> Noun | None:
    """新建城区道路5条: the words between the clause (or list item) start and the number."""
    start = max(floor, *(text.rfind(ch, floor, q.start) + 1 for ch in _STOP))
    phrase = text[start:q.start]
    name = _trim(phrase)
    if len(name) > _MAX_NAME:
        name = name[-_MAX_NAME:]
    if len(name) < 2 or _ONLY_FUNCTION.match(name) or not _NEUTRAL_VERBS.sub("", name):
        return None  # nothing named, or only a verb (投入…万元建成4199平方米传染病区)
    return Noun(name, q.start - len(phrase) + phrase.find(name))


def measured_noun(text: str, q: Quantity, clause: tuple[int, int], floor: int) -> Noun | None:
    """The noun phrase a figure outside the lexicon measures, or None if there is none.

    A counting unit names what follows it (3个社区服务中心); other units measure what comes
    before (改造供热管网12公里) unless nothing does (完成4199平方米传染病区建设). `floor` is
    where the clause starts or the figure before this one ends.
    """
    if _counts(q):
        return after_number(text, q, clause[1]) or before_number(text, q, floor)
    return before_number(text, q, floor) or after_number(text, q, clause[1])


def longer_name(text: str, term_start: int, term_end: int, q: Quantity, indicator_id: str,
                names: frozenset[str], qualifiers: Mapping[str, str]) -> Noun | None:
    """A lexicon name that is only part of what the figure measures: a qualifier before it
    names a group or a kind (困难群众参保率, 房地产开发投资; lexicon ``object_qualifiers``, which
    also says which wordings name the same group), or a noun after it names another thing
    (小区整合18个, 22个小区整合: not 老旧小区 renovated). `names` are the indicator's own names
    (老旧小区改造 is the indicator itself)."""
    qualifier = max((w for w in qualifiers if text.endswith(w, 0, term_start)), key=len,
                    default="")
    if qualifier:
        start = term_start - len(qualifier)
        end = term_end if term_start > q.start else q.start
        name = _trim(text[start:end])
        return Noun(name, start, f"{qualifiers[qualifier]}|{indicator_id}")
    # A two-character noun right after the name: before the number (小区整合18个) or closing
    # the list item after it (22个小区整合). Longer words are mostly a verb and its object,
    # which say what is done to the name's object (热线受理诉求3.2万件, 9所乡镇学校煤改电).
    if term_start < q.start:
        tail = text[term_end:q.start]
    else:
        tail = text[term_end:term_end + 2]
        if text[term_end + 2:term_end + 3] not in _STOP:
            return None
    if (len(tail) != 2 or _CJK_ONLY.match(tail) is None or _NEUTRAL_SUFFIX.match(tail)
            or _VERB_TAIL.match(tail) or _trim(tail) != tail
            or text[term_start:term_end] + tail in names):
        return None
    name = _trim(text[term_start:term_end] + tail)
    return Noun(name, term_start) if len(name) >= 2 else None


def own_subject(text: str, q: Quantity, floor: int) -> Noun | None:
    """The subject a figure's own clause names before it (其中网络零售额增长20%), which
    beats a name inherited from an earlier clause; None for 同比增长4.6% and for a clause
    that only says why or how (受低温影响下降1.8%, 按可比价格计算增长5%)."""
    noun = before_number(text, q, floor)
    if noun is None or _ADVERBIAL.match(noun.name) or _ADVERBIAL.match(text, floor):
        return None
    return noun


def list_qualifier(text: str, sentence_start: int, clause_start: int, name_start: int,
                   term_starts: list[int], qualifiers: Mapping[str, str]) -> str:
    """The qualifier opening a list of clauses that each begin with a name: in 开发区营业收入
    增长65.8%，税收收入增长29%，实际利用外资增长91.6% every figure is the zone's. "" if none."""
    lead = text[clause_start:name_start].strip()
    if lead and not _LEAD.fullmatch(lead):  # 实际利用外资: 实际 is no subject of its own
        return ""
    pos = clause_start
    while pos > sentence_start and text[pos - 1] in "，,":
        start = pos - 1
        while start > sentence_start and text[start - 1] not in "，,;；:：。\n":
            start -= 1
        clause = text[start:pos - 1].strip()
        opening = max((w for w in qualifiers if clause.startswith(w)), key=len, default="")
        if opening:
            return opening
        first = next((t for t in term_starts if start <= t < pos - 1), None)
        if first is None or text[start:first].strip():
            return ""  # a clause of another kind ends the list
        pos = start
    return ""
