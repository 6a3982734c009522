"""An indicator's name as an element: on an English page a glossary suggestion carries its
mark and title, and a name still in Chinese is marked and tagged lang="zh", so a screen
reader reads it as Chinese and a reader sees it is untranslated."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.i18n import normalize_lang
from dashboard.names.display import (
    SUGGESTED_MARK,
    SUGGESTED_TITLE,
    UNTRANSLATED_MARK,
    UNTRANSLATED_TITLE,
    english_name,
)


def name_element(zh: object, en: object, lang: str, **props: Any) -> html.Span:
    """``zh`` on a Chinese page; on an English page the English name, a marked suggestion
    or the marked Chinese name."""
    if normalize_lang(lang) != "en":
        return html.Span(str(zh), **props)
    name = english_name(str(zh), en)
    if name.status == "english":
        return html.Span(name.text, **props)
    if name.status == "suggested":
        return html.Span([name.text, " ", html.Small(SUGGESTED_MARK, className="name-mark")],
                         title=SUGGESTED_TITLE, **{"data-name": "suggested"}, **props)
    return html.Span([html.Span(name.text, lang="zh"), " ",
                      html.Small(UNTRANSLATED_MARK, className="name-mark")],
                     title=UNTRANSLATED_TITLE, **{"data-name": "untranslated"}, **props)


def fact_name_element(fact: Any, lang: str, **props: Any) -> html.Span:
    """:func:`name_element` of a fact row (``indicator_zh``, ``indicator_en``)."""
    return name_element(fact["indicator_zh"], fact["indicator_en"], lang, **props)


def fact_name(fact: Any, lang: str) -> str | html.Span:
    """The name as plain text where it needs no mark (Chinese page, English name), else the
    marked element: for places that held the name as a string."""
    zh, en = fact["indicator_zh"], fact["indicator_en"]
    if normalize_lang(lang) != "en":
        return str(zh)
    name = english_name(str(zh), en)
    return name.text if name.status == "english" else name_element(zh, en, lang)
