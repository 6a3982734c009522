"""Report text -> one record per stated quantity, each keeping its sentence and offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .classify import (
    Reading,
    choose_indicator,
    clause_bounds,
    dimension,
    is_range_pair,
    is_target,
    read_quantity,
    standardise,
)
from .lexicon import UNCLASSIFIED, Lexicon, load_lexicon
from .nouns import Noun, list_qualifier, longer_name, measured_noun, own_subject
from .numbers import Quantity, find_quantities
from .periods import (
    covers_span,
    from_value_year,
    plan_end_year,
    relative_year,
    span_of,
    stated_year,
)
from .structure import Layout, Section, Sentence, read_layout, sentences
from .tables import TableFacts, read_tables
from .text import ReportError, normalise, reading_text

FACT_COLUMNS = [
    "report_id", "fact_id", "indicator_id", "indicator_zh", "indicator_en", "sector", "period",
    "period_start", "kind", "value", "unit", "value_kind", "comparator", "value_std", "unit_std",
    "quote", "start", "end", "section",
]
_QUOTE_MAX = 60
_YEAR_IN = re.compile(r"\d{4}年")
_SHARE_OF = re.compile(r"占[^,，;；。]*比重|贡献率")
_PARTNER = re.compile(r"(?<![针相应核])对[^,，;；。]{1,14}?"
                      r"(?:国家|地区|市场|东盟|欧盟|美国|日本|韩国|港澳|香港|澳门|台湾)的?$")
NO_YEAR = ("no year found: neither the title, a dating line (…年…月…日在…会议上) nor a "
           "section heading (2024年工作回顾) names one; give report_year in sources.yml or on "
           "/upload")
_RELATIVE = re.compile(
    r"(?P<a>[^,，;；。]{2,20}?)增速(?P<op>高于|不低于|快于|低于)(?P<b>[^,，;；。]{2,20}?)增速")


@dataclass
class Extraction:
    layout: Layout
    facts: list[dict[str, object]]
    relative_targets: list[dict[str, object]]


def extract(text: str, report_id: str, lexicon: Lexicon | None = None,
            year: int | None = None) -> Extraction:
    """Every quantity stated in the body of a report, classified where the lexicon allows.

    ``year``: the report's year when a person gave it (sources.yml, /upload); otherwise read
    from the text, and a text that names none is refused: no figure is ever left undated.
    """
    norm = reading_text(text)
    lexicon = (lexicon or load_lexicon()).for_document(norm)
    layout = read_layout(norm, year, page=normalise(text))
    quantities = list(find_quantities(norm, layout.body_start, layout.body_end,
                                      lexicon.number_names))
    starts = [q.start for q in quantities]
    tables = (read_tables(text, norm, layout, report_id, lexicon)
              if layout.genre == "statistical_bulletin" else TableFacts())
    facts: list[dict[str, object]] = []
    relative: list[dict[str, object]] = []
    for section in layout.sections:
        for sentence in sentences(norm, section.start, section.end):
            lo = bisect.bisect_left(starts, sentence.start)
            hi = bisect.bisect_left(starts, sentence.end)
            row = tables.row_at(sentence.start, sentence.end)
            if row is not None:  # a bulletin's table row: its cells are read by tables.py
                facts += tables.facts_by_row.pop(row[0], [])
                continue
            matches = lexicon.matches(norm, sentence.start, sentence.end)
            if section.outlook == "plan":
                relative += _relative_targets(text, norm, sentence, section, report_id, lexicon)
            if lo == hi:
                continue
            facts += _sentence_facts(text, norm, quantities[lo:hi], matches, sentence,
                                     section, report_id, lexicon)
    if facts and not layout.report_year:
        raise ReportError(report_id, NO_YEAR)
    return Extraction(layout, facts, relative)


def _sentence_facts(text: str, norm: str, quants: list[Quantity], matches: list,
                    sentence: Sentence, section: Section, report_id: str,
                    lexicon: Lexicon) -> list[dict[str, object]]:
    facts: list[dict[str, object]] = []
    prev_q: Quantity | None = None
    prev_reading: Reading | None = None
    prev_noun: Noun | None = None
    for i, q in enumerate(quants):
        nxt = quants[i + 1] if i + 1 < len(quants) else None
        if nxt is not None and not q.unit and is_range_pair(norm, q, nxt):
            q = replace(q, unit=nxt.unit, base_unit=nxt.base_unit, magnitude=nxt.magnitude)
        clause = clause_bounds(norm, sentence.start, sentence.end, q.start)
        term = choose_indicator(norm, q, quants, matches, clause, sentence.start, lexicon)
        noun = None
        floor = clause[0]
        if prev_q is not None and prev_q.unit_end > floor:
            floor = prev_q.unit_end
        if term is not None and term.start >= clause[0] and dimension(q) == "percent" and (
                share := _SHARE_OF.search(norm, term.end, q.start)):
            # 第一产业增加值占全州生产总值的比重为20.9%, 对经济增长的贡献率: a figure of its own
            suffix = "贡献率" if share.group().endswith("贡献率") else "比重"
            term, noun = None, Noun(norm[term.start:term.end] + suffix, term.start)
        elif term is not None and term.start >= clause[0] and (
                partner := _PARTNER.search(norm, clause[0], term.start)):
            # 对共建“一带一路”国家进出口增长38%: trade with some partners, not all trade
            term, noun = None, Noun(norm[partner.start():term.end], partner.start())
        elif term is not None and (longer := longer_name(
                norm, term.start, term.end, q, term.indicator.id,
                lexicon.names_of(term.indicator.id), lexicon.object_qualifiers)) is not None:
            term, noun = None, longer
        elif (term is not None and prev_noun is not None and prev_noun.start > term.end
              and dimension(q) == "percent" and not text_between_has_term(
                  matches, prev_noun.start, q.start)):
            # …总额32.6亿元,其中网络零售额4.1亿元,增长28.3%: the nearer subject, read from the
            # text, is what grew.
            term, noun = None, prev_noun
        elif term is not None and term.end <= clause[0]:
            # A name from an earlier clause, but this clause names its own subject (…总额
            # 增长8%,其中网络零售额增长20%): the figure measures that subject.
            noun = own_subject(norm, q, floor)
            term = None if noun is not None else term
        elif term is None:
            noun = measured_noun(norm, q, clause, floor)
            if noun is None and prev_noun is not None and dimension(q) == "percent":
                noun = prev_noun  # 建成5G基站120个,增长20%: the growth of the figure before
        named = term.start if term is not None else noun.start if noun is not None else None
        if named is not None and (opening := list_qualifier(
                norm, sentence.start, clause[0], named, [m.start for m in matches],
                lexicon.object_qualifiers)):
            # 开发区营业收入增长65.8%，税收收入增长29%: the zone's, not the county's
            key = term.indicator.id if term is not None else noun.indicator_id  # type: ignore[union-attr]
            written = norm[term.start:term.end] if term is not None else noun.name  # type: ignore[union-attr]
            term, noun = None, Noun(opening + written, named,
                                    f"{lexicon.object_qualifiers[opening]}|{key}")
        reading = read_quantity(norm, q, prev_q, prev_reading, term, clause[0])
        if nxt is not None and is_range_pair(norm, q, nxt):
            reading = replace(reading, comparator=">=")
        elif prev_q is not None and is_range_pair(norm, prev_q, q):
            reading = replace(reading, comparator="<=")
        facts.append(_fact(text, norm, q, reading, sentence, section, clause, report_id,
                           lexicon, noun))
        prev_q, prev_reading, prev_noun = q, reading, noun
    _share_list_qualifier(norm, quants, facts)
    return facts


def _share_list_qualifier(norm: str, quants: list[Quantity], facts: list[dict]) -> None:
    """分别增长7.5%、8.5%以上: the qualifier after the last value of a list is every value's."""
    for i in range(len(quants) - 1, 0, -1):
        if norm[quants[i - 1].unit_end:quants[i].start] in ("、", "和") and \
                facts[i - 1]["comparator"] == "=" and facts[i]["comparator"] != "=" and \
                facts[i - 1]["unit"] == facts[i]["unit"]:
            facts[i - 1]["comparator"] = facts[i]["comparator"]


def text_between_has_term(matches: list, start: int, end: int) -> bool:
    return any(start <= m.start < end for m in matches)


def _fact(text: str, norm: str, q: Quantity, reading: Reading, sentence: Sentence,
          section: Section, clause: tuple[int, int], report_id: str,
          lexicon: Lexicon, noun: Noun | None = None) -> dict[str, object]:
    indicator = reading.indicator
    period, kind = section.period, "actual"
    year = stated_year(norm, sentence.start, q.start)
    if year is None:
        year = from_value_year(norm, sentence.start, q.start, q.unit_end, section.plan_span)
    if year is None and norm.startswith("的", q.start - 1):
        year = plan_end_year(norm, clause[0], q.start)  # 较“十三五”末的9323.1亿元: 2020
    if year is None and section.report_year:
        year = relative_year(norm, sentence.start, q.start, section.report_year,
                             section.outlook == "review" and section.period == section.report_year)
    if year is not None:
        period = year
    if section.outlook == "review":  # a bulletin's year is its report's year: only later is ahead
        ahead = year is not None and year > section.period
    else:
        ahead = year is None or year >= (section.report_year or section.period)
    if ahead:
        window = norm[clause[0]:q.start]
        kind = "target" if is_target(indicator, reading.value_kind, window) else "plan"
    sector = indicator.sector if indicator else "context"
    if sector == "context":
        sector = ((noun and lexicon.sector_near(noun.name, 0, len(noun.name)))
                  or lexicon.sector_near(norm, sentence.start, clause[1])
                  or lexicon.sector_near(section.name, 0, len(section.name)) or "governance")
    value_std, unit_std = standardise(q, reading.value, indicator)
    quote_start, quote_end = sentence.start, sentence.end
    if sentence.end - sentence.start > _QUOTE_MAX:
        term_start = reading.term_start if reading.term_start is not None else clause[0]
        quote_start = clause_bounds(norm, sentence.start, sentence.end, min(term_start, q.start))[0]
        quote_end = clause[1]
    return {
        "report_id": report_id,
        "fact_id": f"{report_id}-{q.start}",
        "indicator_id": (indicator.id if indicator else
                         noun.indicator_id if noun else UNCLASSIFIED),
        "indicator_zh": indicator.zh if indicator else noun.name if noun else "未分类",
        # A name read from the text has no English translation: it is shown as written.
        "indicator_en": indicator.en if indicator else noun.name if noun else "Unclassified",
        "sector": sector,
        "period": period,
        "period_start": _period_start(norm, sentence, clause, q, section, period, kind,
                                      reading, year),
        "kind": kind,
        "value": reading.value,
        "unit": reading.unit,
        "value_kind": reading.value_kind,
        "comparator": reading.comparator,
        "value_std": value_std,
        "unit_std": unit_std,
        "quote": text[quote_start:quote_end].strip().rstrip("。;；,，"),
        "start": q.start,
        "end": q.end,
        "section": section.name,
    }


def _period_start(norm: str, sentence: Sentence, clause: tuple[int, int], q: Quantity,
                  section: Section, period: int, kind: str, reading: Reading,
                  year: int | None) -> int:
    plan = section.plan_span
    if plan is not None and kind == "plan" and year is None and plan.end == period:
        return plan.start  # work of a five-year plan (新建高标准农田30万亩) spans its years
    output_like = reading.value_kind == "count" or (
        reading.indicator is not None and reading.indicator.type == "output")
    heading = section.name.split(" › ")[0]
    if plan is not None and kind == "actual" and year is None and plan.end == period and \
            section.outlook == "review" and not _YEAR_IN.search(heading) and \
            covers_span(norm, clause[0], clause[1], output_like):
        return plan.start  # work done over the reviewed span (实施民生实事112项)
    change = reading.value_kind in ("growth_pct", "change_pp")
    return span_of(norm, sentence.start, clause[0], q.start, plan, period, change)


def _relative_targets(text: str, norm: str, sentence: Sentence, section: Section,
                      report_id: str, lexicon: Lexicon) -> list[dict[str, object]]:
    """城乡居民人均可支配收入增速高于地区生产总值增速: a target stated as a comparison."""
    found = []
    for match in _RELATIVE.finditer(norm, sentence.start, sentence.end):
        a = lexicon.matches(norm, match.start("a"), match.end("a"))
        b = lexicon.matches(norm, match.start("b"), match.end("b"))
        if not a or not b:
            continue
        op = {"高于": ">", "快于": ">", "不低于": ">=", "低于": "<"}[match.group("op")]
        found.append({
            "report_id": report_id,
            "target_id": f"{report_id}-r{match.start()}",
            "indicator_id": a[-1].indicator.id,
            "reference_indicator_id": b[-1].indicator.id,
            "period": section.period,
            "value_kind": "growth_pct",
            "comparator": op,
            "quote": text[match.start("a"):match.end()],
            "start": match.start("a"),
            "end": match.end(),
            "section": section.name,
        })
    return found
