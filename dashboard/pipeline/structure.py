"""The structure of a report: web-page furniture, metadata, sections and sentences.

Period and outlook (review of a past year, or plans for the coming one) come from the
report's own headings and genre, never from line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .front import is_furniture, read_front
from .periods import Span, five_year_plan, section_span
from .tables import is_table_row
from .text import normalise, reading_text

_YEAR = re.compile(r"(\d{4})\s*年")
_CN_DIGITS = "一二三四五六七八九十"
_HEADING = re.compile(rf"^([{_CN_DIGITS}]+)、(.{{1,64}})$")
_SUBHEADING = re.compile(rf"^[（(]([{_CN_DIGITS}]+)[)）]([^。!?！？]{{1,60}})")
_REVIEW_WORDS = re.compile(r"回顾|过去|成绩|总结|回眸")
_PLAN_WORDS = re.compile(
    r"任务|目标|安排|计划|展望|打算|重点工作|总体要求|主要工作|思路|谋划|\d{4}年工作$")
_SENTENCE_END = "。!?！？;；\n"
_SENTENCE_PUNCT = "。!?！？;；)）"


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    name: str  # heading as printed, with the subsection's title where there is one
    outlook: str  # "review" (figures achieved) or "plan" (targets and plans)
    period: int
    report_year: int = 0
    plan_span: Span | None = None  # the five-year plan its heading names (“十四五”时期回顾)


@dataclass
class Layout:
    title: str
    genre: str  # "work_report" or "statistical_bulletin"
    report_year: int
    published: str | None
    delivered: str | None
    body_start: int
    body_end: int
    sections: list[Section] = field(default_factory=list)
    genre_known: bool = True  # False: the title names no genre, read as a work report
    title_start: int | None = None  # offset of the title's line, if the text has one

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


def _lines(text: str) -> list[tuple[int, int, str]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    return spans


def is_heading(line: str) -> bool:
    """A top-level heading: numbered (一、2024年工作回顾) or a short unnumbered line naming
    a year or a five-year plan and what the part does (二〇二四年工作回顾,
    “十五五”时期主要目标任务)."""
    if _HEADING.match(line):
        return True
    return (len(line) <= 30 and not any(ch in line for ch in _SENTENCE_PUNCT + "，,、")
            and bool(_YEAR.search(line) or five_year_plan(line))
            and bool(_REVIEW_WORDS.search(line) or _PLAN_WORDS.search(line)))


def read_layout(text: str, given_year: int | None = None, page: str | None = None) -> Layout:
    """Find the title, dates, body and sections of a report text (cleaned: ``reading_text``;
    ``page``: the text before its noise was blanked, for the page's own date)."""
    lines = _lines(text)
    stripped = [line for _, _, line in lines]
    page_lines = page.split("\n") if page is not None else None
    front = read_front(stripped, [x for x in stripped if is_heading(x)], given_year, page_lines)
    first, last = front.first_line, front.last_line
    bulletin = front.genre == "statistical_bulletin"
    # A page footer is short, unpunctuated lines after the report's last sentence (a
    # bulletin's table row is neither furniture nor footer).
    while last > first and not (bulletin and is_table_row(lines[last][2])) and (
            not lines[last][2] or is_furniture(lines[last][2]) or (
            len(lines[last][2]) < 20 and lines[last][2][-1] not in _SENTENCE_PUNCT)):
        last -= 1
    layout = Layout(front.title, front.genre, front.report_year, front.published,
                    front.delivered, lines[first][0], lines[last][1],
                    genre_known=front.genre_known,
                    title_start=lines[front.title_line][0] if front.title_line is not None
                    else None)
    layout.sections = _sections(lines[first:last + 1], layout)
    return layout


def layout_of(text: str, given_year: int | None = None) -> Layout:
    """The layout of a report text as read (``extract`` reads the same)."""
    return read_layout(reading_text(text), given_year, page=normalise(text))


def _heading_outlook(heading: str, layout: Layout) -> tuple[str, int]:
    if layout.genre == "statistical_bulletin":
        return "review", layout.report_year  # a bulletin reports on the year in its title
    year_match = _YEAR.search(heading)
    plan = section_span(heading, layout.report_year)
    if plan is not None and not year_match:
        # “十四五”时期回顾 in a 2026 report reviews up to 2025; “十五五”目标 plan up to 2030.
        return ("review" if plan.end < layout.report_year else "plan"), plan.end
    if year_match and int(year_match.group(1)) < layout.report_year:
        return "review", int(year_match.group(1))
    if _REVIEW_WORDS.search(heading) and not year_match:
        return "review", layout.report_year - 1
    if year_match or _PLAN_WORDS.search(heading):
        return "plan", layout.report_year
    return "review", layout.report_year - 1


def _sections(lines: list[tuple[int, int, str]], layout: Layout) -> list[Section]:
    """One section per paragraph: its top-level heading, its subsection title, its outlook."""
    sections: list[Section] = []
    heading, outlook, period = "", *_heading_outlook("", layout)
    plan = None
    if layout.genre == "work_report" and not any(is_heading(x[2]) for x in lines):
        outlook, period = "review", layout.report_year - 1
    for start, end, line in lines:
        if not line:
            continue
        if is_heading(line):
            heading = line
            outlook, period = _heading_outlook(line, layout)
            plan = section_span(line, layout.report_year)
        sub = _SUBHEADING.match(line)
        name = f"{heading} › {sub.group(0).rstrip('，,:：')}" if sub and heading else heading
        sections.append(Section(start, end + 1, name or layout.title, outlook, period,
                                layout.report_year, plan))
    return sections


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Split text[start:end] into sentences, each keeping its offsets."""
    found, begin = [], start
    end = min(end, len(text))
    for pos in range(start, end):
        if text[pos] in _SENTENCE_END:
            if text[begin:pos + 1].strip():
                found.append(Sentence(begin, pos + 1, text[begin:pos + 1]))
            begin = pos + 1
    if text[begin:end].strip():
        found.append(Sentence(begin, end, text[begin:end]))
    return found
