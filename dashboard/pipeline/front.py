"""The front and back of a document: its title, the line that dates it, its genre and year,
and the glossary after its last paragraph.

Real documents put these in every form: a spaced title (政 府 工 作 报 告), the session line
in parentheses or after a dash, before or after the title or instead of it, split over two
lines, a newspaper's headline (…的政府工作报告（摘登）), no title at all, a bulletin whose title
was an image. The year comes from the first of: a year a person gave (sources.yml, /upload),
the title, the dating line, the section headings (二、2025年工作安排; 一、2024年工作回顾 is
read the year after), a bulletin's first sentence (2023年，全州…), the page's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_chinese_numeral

FRONT_LINES = 12  # the title block is within the first lines of a document
_TITLE = re.compile(r"政府工作报告|统计公报")
_BULLETIN = re.compile(r"统计公报")
_NOT_TITLE = re.compile(r"名词解释|注释|摄$|记者|^各位代表")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SESSION = re.compile(r"在.{0,60}(?:会议|大会)上")
_SLASH_DATE = re.compile(r"(?:发布日期|添加时间|发布时间|时间)\s*[:：|]?\s*\|?\s*"
                         r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# A date alone on its line, bare or in brackets or after a dash: (2025年1月15日).
_BARE_DATE = re.compile(r"^[（(—\-]*(\d{4})年(\d{1,2})月(\d{1,2})日[)）]?$")
_GLOSSARY = re.compile(r"名词解释|^\W*注\s*释\W*$|^\W*注\s*解\W*$")
_GLOSSARY_AFTER = re.compile(r"。(?:注释|注解|名词解释)[:：]$")  # …下降4.9%。注释：
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_PLAN_HEADING = re.compile(r"任务|目标|安排|计划|展望|打算|重点工作|总体要求|主要工作|思路|谋划")
_REVIEW_HEADING = re.compile(r"回顾|过去|成绩|总结|回眸|关于")
_BULLETIN_SECTION = re.compile(r"^[一1][、.]综合")
_STATISTICS_BUREAU = re.compile(r"统计局$")
_FIRST_SENTENCE_YEAR = re.compile(r"^((?:19|20)\d{2})年[，,]")


@dataclass(frozen=True)
class Front:
    title: str  # as printed, the spaces of a spaced title removed; "" if the text has none
    title_line: int | None  # index of the title's line
    genre: str  # "work_report" or "statistical_bulletin"
    genre_known: bool  # False: nothing names the genre, read as a work report
    delivered: str | None
    published: str | None
    report_year: int  # 0 when nothing dates the document
    first_line: int  # the document's first line (title block included)
    last_line: int  # the body's last line, before a glossary


def despaced(line: str) -> str:
    return re.sub(r"\s+", "", line)


def chinese_years(text: str) -> str:
    """二〇二四年 -> 2024年 (same length: offsets kept)."""
    def arabic(match: re.Match[str]) -> str:
        digits = "".join(str(int(parse_chinese_numeral(ch) or 0)) for ch in match.group(1))
        return digits + "年"
    return _CN_YEAR.sub(arabic, text)


def _iso(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


_FURNITURE_WORDS = (
    "用户登录", "还没有账号", "立即注册", "打印本页", "关闭窗口", "分享到", "字号",
    "扫一扫", "返回顶部", "【打印】", "【关闭】", "索引号", "发布机构", "所属主题",
)


def is_furniture(line: str) -> bool:
    """A line of the web page around the document (navigation, metadata table)."""
    return "|" in line or any(word in line for word in _FURNITURE_WORDS)


def title_index(lines: list[str]) -> int | None:
    content = [i for i, line in enumerate(lines) if line.strip() and not is_furniture(line)]
    for i in content[:FRONT_LINES]:
        line = lines[i]
        flat = despaced(line)
        if len(flat) <= 60 and _TITLE.search(flat) and not _NOT_TITLE.search(flat) \
                and not _SESSION.search(flat):
            return i
    return None


def dating_line(lines: list[str]) -> tuple[str, int, int] | None:
    """(date, first line, last line) of the session line: 2024年1月23日在…会议上, in brackets
    or after a dash, possibly over two lines; or a bare date line (a bulletin's)."""
    content = [i for i, line in enumerate(lines) if line.strip() and not is_furniture(line)]
    for i in content[:FRONT_LINES]:
        line = lines[i]
        flat = despaced(line)
        date = _DATE.search(flat)
        if date is None or date.start() > 4:
            continue
        joined = flat + (despaced(lines[i + 1]) if i + 1 < len(lines) else "")
        if _SESSION.search(flat):
            return _iso(*date.groups()), i, i
        if _SESSION.search(joined) and len(flat) < 40:
            return _iso(*date.groups()), i, i + 1
        if _BARE_DATE.match(flat):
            return _iso(*date.groups()), i, i
    return None


def page_date(lines: list[str]) -> str | None:
    for line in lines[:FRONT_LINES + 10]:
        found = _SLASH_DATE.search(line)
        if found:
            return _iso(*found.groups())
    return None


def glossary_index(lines: list[str], first: int) -> int | None:
    """The heading of a glossary (名词解释, 注释) in the second half of the document."""
    for i in range(max(first + 1, len(lines) // 2), len(lines)):
        flat = despaced(lines[i])
        if flat and len(flat) <= 20 and _GLOSSARY.search(flat):
            return i
        if _GLOSSARY_AFTER.search(flat):
            return i + 1
    return None


def heading_year(headings: list[str]) -> int | None:
    """The report's year from its top-level headings: the year a plan heading names, or the
    year after the one a review heading names."""
    plans, reviews = [], []
    for heading in headings:
        years = [int(y) for y in _YEAR.findall(chinese_years(heading))]
        if not years:
            continue
        if _REVIEW_HEADING.search(heading):
            reviews.append(max(years) + 1)
        elif _PLAN_HEADING.search(heading):
            plans.append(years[0])
    return (plans or reviews or [None])[0]


def read_front(lines: list[str], headings: list[str], given_year: int | None = None,
               page_lines: list[str] | None = None) -> Front:
    """Title, genre, dates and year of a document given as its stripped lines (and those of
    the page it came from, before its metadata lines were blanked as noise)."""
    t = title_index(lines)
    title = despaced(lines[t]) if t is not None else ""
    dated = dating_line(lines)
    published = page_date(page_lines or lines)
    bulletin = bool(_BULLETIN.search(title)) or (t is None and (
        any(_BULLETIN_SECTION.match(despaced(h)) for h in headings[:1])
        or any(_STATISTICS_BUREAU.search(despaced(x)) for x in lines[:3])))
    genre = "statistical_bulletin" if bulletin else "work_report"
    starts = [i for i in (t, dated[1] if dated else None) if i is not None]
    first = min(starts) if starts else next(
        (i for i, x in enumerate(lines) if x.strip() and not is_furniture(x)), 0)
    glossary = glossary_index(lines, first)
    last = (glossary - 1) if glossary is not None else len(lines) - 1
    title_year = _YEAR.search(chinese_years(title))
    delivered = dated[0] if dated and not bulletin else None
    year = given_year or (int(title_year.group(1)) if title_year else None)
    if year is None and bulletin:
        year = _bulletin_year(lines, first, dated, published)
    if year is None:
        year = (int(delivered[:4]) if delivered else heading_year(headings)
                or (int(published[:4]) if published else None))
    # A session line (…在…人民代表大会…会议上) says what the text is: a report to the congress.
    known = t is not None or bulletin or (dated is not None and "人民代表大会" in "".join(
        despaced(x) for x in lines[dated[1]:dated[2] + 1]))
    return Front(title, t, genre, known, delivered, published, year or 0, first, last)


def _bulletin_year(lines: list[str], first: int, dated: tuple[str, int, int] | None,
                   published: str | None) -> int | None:
    for line in lines[first:first + FRONT_LINES]:
        found = _FIRST_SENTENCE_YEAR.match(despaced(line))
        if found:
            return int(found.group(1))
    released = dated[0] if dated else published
    return int(released[:4]) - 1 if released else None  # a bulletin reports the year before
