"""Crawled noise blanked out of a report before it is read, keeping every offset.

Real documents come from web pages, PDFs and spreadsheets, with noise no reader should take
for content: `??` where a crawler lost non-breaking spaces, `&nbsp;`, U+FFFD, footnote markers
(支持专精特新[38], 攻坚战〔2〕, ①), `(见第3页)` remnants of a printed edition, markdown image
links, photo captions and the newspaper's source and date lines, page-view counters, and lines
split where a hyperlink used to be. Each is replaced by spaces of the same length (a split line
by a space instead of its line break), so offsets in the cleaned text are offsets in the text
as read and every quote still comes from the original.
"""

from __future__ import annotations

import re

_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|amp|quot|lt|gt);?", re.IGNORECASE)
# ASCII question marks in a Chinese text are lost spaces (县长?? 张壮田); a real question mark
# is full-width (？) and is left to the sentence splitter.
_LOST_SPACE = re.compile(r"\?+|\ufffd")
# Footnote markers, in the text or opening a note: [12] ［3］ 〔43〕 【5】, circled numbers.
_FOOTNOTE = re.compile(r"\[\s*\d{1,3}\s*\]|［\s*\d{1,3}\s*］|〔\s*\d{1,3}\s*〕|【\s*\d{1,3}\s*】"
                       r"|[\u2460-\u2473\u2776-\u277f\u24eb-\u24f4]"
                       r"|(?<=[”\"])[（(]\d{1,2}[)）]")  # 落实“六保”（5）任务
_PAGE_REFERENCE = re.compile(r"[（(]\s*见第\s*\d+\s*页\s*[)）]")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
# Whole lines that are page furniture of a newspaper or a government site.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:(?:来源|时间|添加时间|发布时间|发布日期|作者|编辑|责任编辑|浏览次数|点击数)\s*[:：]"
    r"|添加时间\s|.{0,80}(?:记者|通讯员).{0,20}摄[ \t]*$|.{0,40}浏览次数)[^\n]*$",
    re.MULTILINE)
# A line cut where a link was: it ends inside a clause (a comma, 、, an open quote) or is a
# fragment of a few characters between two such cuts.
_CUT_ENDS = "，,、“（("
_FRAGMENT = 6


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def mask_noise(text: str) -> str:
    """``text`` with crawled noise replaced by spaces (same length, same offsets)."""
    for pattern in (_ENTITY, _LOST_SPACE, _FOOTNOTE, _PAGE_REFERENCE, _MARKDOWN_IMAGE,
                    _FURNITURE_LINE):
        text = pattern.sub(_blank, text)
    return _join_cut_lines(text)


def _join_cut_lines(text: str) -> str:
    lines = text.split("\n")
    chars = list(text)
    pos, joined_before = 0, False
    for i, line in enumerate(lines[:-1]):
        end = pos + len(line)
        stripped = line.strip()
        cut = bool(stripped) and (stripped[-1] in _CUT_ENDS or (
            joined_before and len(stripped) <= _FRAGMENT and not _ends_sentence(stripped)))
        if cut and lines[i + 1].strip():
            chars[end] = " "
        joined_before = cut
        pos = end + 1
    return "".join(chars)


def _ends_sentence(line: str) -> bool:
    return line[-1] in "。！？!?；;：:"
