"""The brief's HTML: one sheet, everything escaped, no script, the stylesheet linked or inlined."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from dashboard.brief.content import brief
from dashboard.brief.document import CSS_HREF, Links, render
from dashboard.brief.notes import Footnote
from dashboard.brief.query import decode

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_a_complete_document_in_the_brief_language(counties):
    made = brief(decode(counties, {"report": "luming-2024"}))
    page = render(made, "2025-03-05 14:07 UTC+08:00",
                  links=Links("/brief.pdf?x=1&y=2", "/brief?lang=en", "/targets"))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    parsed = _parse(page)
    text = "".join(parsed.text)
    assert made.title in text and "第 1 页 / 共 1 页" in text
    assert "生成时间：2025-03-05 14:07 UTC+08:00" in text
    assert all(f.value in text for f in made.figures)
    assert all(r.word in text for r in made.targets)
    assert ("link", {"rel": "stylesheet", "href": CSS_HREF}) in parsed.tags
    assert ("a", {"class": "brief-button", "id": "brief-pdf", "href": "/brief.pdf?x=1&y=2"}
            ) in parsed.tags
    assert "<script" not in page and "<style" not in page
    assert 'style="' not in page  # all styling in brief.css
    english = render(brief(decode(counties, {"report": "luming-2024", "lang": "en"})), "t")
    assert '<html lang="en">' in english and "Page 1 of 1" in english


def test_the_pdf_document_inlines_the_css_and_has_no_toolbar(counties):
    made = brief(decode(counties, {}))
    page = render(made, "t", css="@page { size: A4 portrait; }")
    assert "<style>@page { size: A4 portrait; }</style>" in page
    assert CSS_HREF not in page and "brief-toolbar" not in page
    # Nothing from any origin: no URL at all but the SVG namespace.
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}


def test_hostile_text_is_escaped_everywhere(counties):
    made = brief(decode(counties, {}))
    evil = replace(made, title=HOSTILE, meta=(HOSTILE,), notice=HOSTILE,
                   figures=tuple(replace(f, name=HOSTILE, value=HOSTILE) for f in made.figures),
                   targets=tuple(replace(r, name=HOSTILE, status=HOSTILE, actual=HOSTILE)
                                 for r in made.targets),
                   footnotes=(Footnote(1, HOSTILE, True),),
                   chart=replace(made.chart, title=HOSTILE, categories=(HOSTILE,) * len(
                       made.chart.categories)))
    page = render(evil, HOSTILE, links=Links(HOSTILE, HOSTILE, HOSTILE))
    assert "<script" not in page and "<img" not in page
    assert "onerror" not in {a for _, attrs in _parse(page).tags for a in attrs}
    assert page.count("&lt;script&gt;") >= 10
    assert HOSTILE in "".join(_parse(page).text)  # shown, as text


def test_a_hostile_report_title_from_the_data(counties):
    reports = counties.reports.copy()
    reports.loc[reports.report_id == "luming-2025", "title"] = HOSTILE
    reports.loc[reports.report_id == "luming-2025", "place"] = "</title><script>x</script>"
    evil = replace(counties, reports=reports, memo=type(counties.memo)())
    page = render(brief(decode(evil, {})), "t")
    assert "<script" not in page and "&lt;/title&gt;&lt;script&gt;" in page
    assert page.count("<title>") == 2  # the page's and the chart's (inside the SVG)
