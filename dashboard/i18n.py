"""UI strings in Chinese and English.

Pure module: no I/O, no Dash imports.

Conventions
-----------
* Keys are dotted, namespaced by owner: ``app.*`` and ``shell.*`` belong to the
  shell, ``nav.<page name>`` is a navbar label, ``<page name>.*`` belongs to one
  page (e.g. ``overview.heading``).
* Every key has both ``"zh"`` and ``"en"`` (a unit test enforces it).
* A page module that owns its strings calls :func:`add_strings` at import time
  instead of editing this file, so several people can add pages without
  touching the same dict. ``add_strings`` rejects incomplete entries and
  refuses to silently change an existing string.
* :func:`t` raises ``KeyError`` for an unknown key: a missing translation is a
  bug that page tests should catch, not something to paper over on screen.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

# BCP 47 tags for <html lang> and for the plotly.js locale (config.locale).
HTML_LANG: dict[str, str] = {"zh": "zh-CN", "en": "en"}

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {
        "zh": "{place}政府工作报告指标看板",
        "en": "{place} Government Work Report Indicator Dashboard",
    },
    "app.generic_title": {"zh": "政府工作报告指标看板",
                          "en": "Government Work Report Indicator Dashboard"},
    "app.short_title": {"zh": "{place}指标看板", "en": "{place} Indicators"},
    "app.subtitle": {
        "zh": "政府工作报告中的目标与成效",
        "en": "Targets and results in government work reports",
    },
    "shell.nav_label": {"zh": "页面导航", "en": "Page navigation"},
    "shell.toggle_nav": {"zh": "展开或收起导航", "en": "Toggle navigation"},
    "shell.lang_switch": {"zh": "语言", "en": "Language"},
    "shell.lang_zh": {"zh": "中文", "en": "中文"},
    "shell.lang_en": {"zh": "EN", "en": "EN"},
    "shell.lang_zh_long": {"zh": "切换为中文", "en": "Switch to Chinese"},
    "shell.lang_en_long": {"zh": "切换为英文", "en": "Switch to English"},
    "shell.not_stated": {"zh": "报告中未提及", "en": "Not stated in the report"},
    "shell.no_data": {"zh": "暂无数据", "en": "No data"},
    "shell.loading": {"zh": "加载中……", "en": "Loading…"},
    "shell.page_not_found": {"zh": "未找到该页面", "en": "Page not found"},
    "shell.back_home": {"zh": "返回首页", "en": "Back to the home page"},
    "footer.source_label": {"zh": "数据来源：", "en": "Source: "},
    "footer.licence": {
        "zh": "政府公文，依法不受著作权保护（《著作权法》第五条）",
        "en": "Official document, not subject to copyright (PRC Copyright Law, art. 5)",
    },
    "footer.disclaimer": {
        "zh": "本看板为非官方整理，数字以报告原文为准。",
        "en": "Unofficial compilation; the report text is authoritative.",
    },
    "footer.staff": {"zh": "工作人员录入", "en": "Staff entry"},
}


def normalize_lang(value: object) -> str:
    """Return a supported language code; anything unrecognised becomes the default.

    Accepts what arrives from URLs and storage: ``None``, lists (repeated query
    parameters), odd casing and regional tags such as ``"en-US"``.
    """
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str):
        return DEFAULT_LANG
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """Translate ``key`` into ``lang`` (normalised first), filling the placeholders given.

    Years, places and counts are never filled in behind the caller's back: a string that
    names ``{year}`` gets the year of the figure it describes from its caller. Placeholders
    not given are left for a later ``str.format``.
    """
    text = STRINGS[key][normalize_lang(lang)]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def has_key(key: str) -> bool:
    """True if ``key`` is a known string."""
    return key in STRINGS


def add_strings(entries: Mapping[str, Mapping[str, str]]) -> None:
    """Register strings owned by a page or component.

    Idempotent for identical values, so re-importing a page module (Dash does
    this when a second app is created in the same process) is harmless.
    """
    for key, values in entries.items():
        missing = [lang for lang in LANGS if not str(values.get(lang, "")).strip()]
        if missing:
            raise ValueError(f"i18n key {key!r} lacks {missing}")
        extra = set(values) - set(LANGS)
        if extra:
            raise ValueError(f"i18n key {key!r} has unknown languages {sorted(extra)}")
        new = {lang: values[lang] for lang in LANGS}
        if key in STRINGS and STRINGS[key] != new:
            raise ValueError(f"i18n key {key!r} is already defined differently")
        STRINGS[key] = new
