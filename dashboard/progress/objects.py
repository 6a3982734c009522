"""Which actual belongs to which target when one indicator has several of either.

A report may set two targets of one indicator for different objects (新华发电70万千瓦光伏项目,
中电建80万千瓦光伏项目; 8所中小学…, 9所乡镇学校…), and the next report may state the results of
some of them. The indicator alone cannot tell them apart; the words around each number can.
Each target and each candidate actual is described by the word pairs (character bigrams) of
its clause, near the number; pairs are matched greedily, the most words in common first. A
target left without a candidate sharing any words gets no actual: the gauge says the figure
is ambiguous instead of showing another object's result.

With one target and one candidate nothing is compared: that is the common case (GDP growth
targeted, GDP growth reported), and the words of the two sentences often differ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from dashboard.pipeline.nouns import object_key

_CLAUSE_MARKS = ",，;；:：。!?！？、\n"
_REACH = 14  # characters either side of the number
_NOT_WORDS = re.compile(r"[^\u4e00-\u9fffA-Za-z]")
# Pairs every such sentence has, which say nothing about the object.
_COMMON = frozenset({"完成", "建设", "实施", "推动", "推进", "项目", "开工", "全年", "新建", "力争",
                     "确保", "实现", "达到", "加快", "工程", "提升", "一批", "全部"})


def object_words(text: str, start: int, end: int, wide: bool = False) -> frozenset[str]:
    """Word pairs of the clause around text[start:end], within a few characters of it; ``wide``
    (a catch-all name, whose object is often the clause before: 实施省市重点项目18个，实现投资
    37.43亿元) also those of the clause before."""
    lo = start
    while lo > max(0, start - _REACH) and text[lo - 1] not in _CLAUSE_MARKS:
        lo -= 1
    if wide and lo > 0 and text[lo - 1] in "，,":
        lo -= 1
        while lo > max(0, start - 3 * _REACH) and text[lo - 1] not in _CLAUSE_MARKS:
            lo -= 1
    hi = end
    while hi < min(len(text), end + _REACH) and text[hi] not in _CLAUSE_MARKS:
        hi += 1
    words = _NOT_WORDS.sub(" ", unicodedata.normalize("NFKC", text[lo:start] + " " + text[end:hi]))
    pairs = {part[i:i + 2] for part in words.split() for i in range(len(part) - 1)}
    return frozenset(pairs - _COMMON)


# Names read from the text that say nothing of their object (确保总投资9.5亿元的…管线): like a
# catch-all indicator, they take only a figure about the same object.
GENERIC_NAMES = ("总投资", "投资", "资金", "项目", "企业", "总额", "规模")
# A count of things added (新增高新技术企业100家) is not met by a total reached (达到1200家).
_ADDED = re.compile(r"新增|净增|新认定|新培育|新引进")
_TOTAL = re.compile(r"达到|总数|总量|累计达|共有|拥有|保有")


def is_generic(name: str) -> bool:
    return object_key(name) in {object_key(g) for g in GENERIC_NAMES}


def _lead(text: str, start: int) -> str:
    """The clause before a number, list items included (全年新增A100家、B1000家: 新增 is B's)."""
    lo = start
    while lo > max(0, start - 3 * _REACH) and text[lo - 1] not in ",，;；:：。!?！？\n":
        lo -= 1
    return text[lo:start]


def same_measure(target_text: str, target_start: int, actual_text: str, actual_start: int
                 ) -> bool:
    """False when the target counts things added and the actual a total (or the reverse)."""
    target, actual = _lead(target_text, target_start), _lead(actual_text, actual_start)
    return not ((_ADDED.search(target) and _TOTAL.search(actual) and not _ADDED.search(actual))
                or (_TOTAL.search(target) and _ADDED.search(actual)
                    and not _ADDED.search(target)))


def name_words(name: str) -> frozenset[str]:
    """The word pairs of a name and of its shorter forms (投入资金: 投入, 资金, 投资)."""
    pairs = {name[i:i + 2] for i in range(len(name) - 1)}
    return frozenset(pairs | {a + b for a, b in zip(name, name[2:], strict=False)})


def assign(targets: Sequence[frozenset[str]], candidates: Sequence[frozenset[str]],
           tie_break: Callable[[int], int] = lambda i: i, same_object: bool = False
           ) -> list[int | None]:
    """For each target, the index of its candidate, or None.

    One target: the candidate sharing most words (the first stated on a tie). Several, or
    ``same_object`` (a catch-all name that only its words tell apart): pairs taken greedily by
    words shared; a target whose best remaining candidate shares none gets nothing.
    """
    if not candidates:
        return [None] * len(targets)
    if len(targets) == 1 and not same_object:
        best = max(range(len(candidates)),
                   key=lambda j: (len(targets[0] & candidates[j]), -tie_break(j)))
        return [best]
    least = 2 if same_object else 1  # a catch-all needs more than one word in common
    scores = sorted(((len(t & c), -i, -tie_break(j), i, j)
                     for i, t in enumerate(targets) for j, c in enumerate(candidates)),
                    reverse=True)
    chosen: list[int | None] = [None] * len(targets)
    used: set[int] = set()
    for shared, _, _, i, j in scores:
        if shared < least:
            break
        if chosen[i] is None and j not in used:
            chosen[i] = j
            used.add(j)
    return chosen
