"""The structure of a report: web-page furniture, metadata, sections and sentences.

Period and outlook (review of a past year, or plans for the coming one) come from the
report's own headings and genre, never from line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .periods import Span, five_year_plan
from .tables import is_table_row

_FURNITURE_WORDS = (
    "用户登录", "还没有账号", "立即注册", "打印本页", "关闭窗口", "分享到", "字号",
    "扫一扫", "返回顶部", "【打印】", "【关闭】", "索引号", "发布机构", "所属主题",
)
_TITLE = re.compile(r"政府工作报告|统计公报|国民经济和社会发展统计公报")
_BULLETIN = re.compile(r"统计公报")
_YEAR = re.compile(r"(\d{4})\s*年")
_PUBLISHED = re.compile(r"发布日期\s*[:：]?\s*\|?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# (2024年1月26日) or ——2025年1月16日在…人民代表大会第五次会议上: the line under the title.
_DELIVERED = re.compile(r"^(?:[（(]\s*|[—-]{1,2}\s*)(\d{4})年(\d{1,2})月(\d{1,2})日"
                        r"(?:\s*[)）]$|在[^。]{0,60}上$)")
_CN_DIGITS = "一二三四五六七八九十"
_HEADING = re.compile(rf"^([{_CN_DIGITS}]+)、(.{{1,40}})$")
_SUBHEADING = re.compile(rf"^[（(]([{_CN_DIGITS}]+)[)）]([^。!?！？]{{1,60}})")
_REVIEW_WORDS = re.compile(r"回顾|过去|成绩|总结|回眸")
_PLAN_WORDS = re.compile(r"任务|目标|安排|计划|展望|打算|重点工作|总体要求")
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


def _is_furniture(line: str) -> bool:
    return "|" in line or any(word in line for word in _FURNITURE_WORDS)


def _iso(match: re.Match[str]) -> str:
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_layout(text: str) -> Layout:
    """Find the title, dates, body and sections of a report text."""
    lines = _lines(text)
    published = next((_iso(m) for m in map(_PUBLISHED.search, text.split("\n")) if m), None)
    title_index = next(
        (i for i, (_, _, line) in enumerate(lines)
         if line and not _is_furniture(line) and _TITLE.search(line) and len(line) <= 60),
        None,
    )
    first = title_index if title_index is not None else next(
        (i for i, (_, _, line) in enumerate(lines) if line and not _is_furniture(line)), 0)
    last = len(lines) - 1
    bulletin = title_index is not None and bool(_BULLETIN.search(lines[first][2]))
    # A page footer is short, unpunctuated lines after the report's last sentence (a
    # bulletin's table row is neither furniture nor footer).
    while last > first and not (bulletin and is_table_row(lines[last][2])) and (
            not lines[last][2] or _is_furniture(lines[last][2]) or (
            len(lines[last][2]) < 20 and lines[last][2][-1] not in _SENTENCE_PUNCT)):
        last -= 1
    heading_like = len(lines[first][2]) <= 60 and not any(
        ch in lines[first][2] for ch in _SENTENCE_PUNCT[:-2])
    # A document of another genre still has a first line that names it (and its year).
    title = lines[first][2] if title_index is not None or heading_like else ""
    genre = "statistical_bulletin" if _BULLETIN.search(title) else "work_report"
    delivered = next((_iso(m) for _, _, line in lines[first:first + 4]
                      if (m := _DELIVERED.match(line))), None)
    year_match = _YEAR.search(title)
    # A title without its year (政府工作报告) is dated by the line under it.
    report_year = int(year_match.group(1)) if year_match else (
        int(delivered[:4]) if delivered else int(published[:4]) if published else 0)
    layout = Layout(title, genre, report_year, published, delivered,
                    lines[first][0], lines[last][1], genre_known=title_index is not None)
    layout.sections = _sections(lines[first:last + 1], layout)
    return layout


def _heading_outlook(heading: str, layout: Layout) -> tuple[str, int]:
    if layout.genre == "statistical_bulletin":
        return "review", layout.report_year  # a bulletin reports on the year in its title
    year_match = _YEAR.search(heading)
    plan = five_year_plan(heading)
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
    if layout.genre == "work_report" and not any(_HEADING.match(x[2]) for x in lines):
        outlook, period = "review", layout.report_year - 1
    for start, end, line in lines:
        if not line:
            continue
        match = _HEADING.match(line)
        if match:
            heading = line
            outlook, period = _heading_outlook(line, layout)
            plan = five_year_plan(line)
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
