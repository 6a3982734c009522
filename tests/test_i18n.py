"""dashboard.i18n and the language rules in dashboard.components.language."""

from __future__ import annotations

import re

import pytest

from dashboard import i18n
from dashboard.components.language import (
    decide_language,
    href_with_lang,
    lang_from_search,
    search_with_lang,
)
from dashboard.i18n import DEFAULT_LANG, LANGS, catalogue, has_key, keys_under, normalize_lang, t

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_languages():
    assert LANGS == ("zh", "en")
    assert DEFAULT_LANG == "zh"


def test_shell_strings_match_the_brief():
    assert t("app.title", "zh", place="鹿鸣县") == "鹿鸣县政府工作报告指标看板"
    assert t("app.title", "en", place="Luming County") == (
        "Luming County Government Work Report Indicator Dashboard")
    assert t("footer.licence", "zh") == "政府公文，依法不受著作权保护（《著作权法》第五条）"
    assert t("footer.licence", "en") == (
        "Official document, not subject to copyright (PRC Copyright Law, art. 5)"
    )
    assert t("shell.not_stated", "en") == "Not stated in the report"


def test_chinese_side_is_chinese():
    # Language-neutral labels (the switch's own "中文"/"EN") are the exceptions.
    neutral = {"shell.lang_zh", "shell.lang_en"}
    for key, text in catalogue("zh").items():
        if key not in neutral:
            assert CJK.search(text), key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh", "zh"),
        ("en", "en"),
        ("EN", "en"),
        (" en ", "en"),
        ("en-US", "en"),
        ("zh_CN", "zh"),
        ("zh-Hans", "zh"),
        (["en", "zh"], "en"),
        ([], "zh"),
        ("fr", "zh"),
        ("", "zh"),
        (None, "zh"),
        (3, "zh"),
        ({"lang": "en"}, "zh"),
    ],
)
def test_normalize_lang(value, expected):
    assert normalize_lang(value) == expected


def test_t_normalises_lang_and_rejects_unknown_keys():
    assert t("app.title", "xx") == t("app.title", "zh")
    with pytest.raises(KeyError):
        t("no.such.key", "zh")


def test_the_catalogue_is_read_once_and_cannot_be_changed():
    assert catalogue("en") is catalogue("en")
    with pytest.raises(TypeError):
        catalogue("en")["shell.no_data"] = "changed"  # type: ignore[index]
    with pytest.raises(ValueError, match="no catalogue"):
        catalogue("fr")


def test_keys_are_known_without_importing_their_owners():
    # Nothing registers strings at import any more: a page's keys are there before the
    # page module is imported (a fresh interpreter would show it; here, the keys of a
    # module this test never imports).
    assert has_key("upload.error.empty") and not has_key("upload.error.nonexistent")
    assert "empty" in keys_under("upload.error.")
    assert all(not k.startswith("upload.error.") for k in keys_under("upload.error."))


@pytest.mark.parametrize(
    ("search", "expected"),
    [(None, "zh"), ("", "zh"), ("?lang=en", "en"), ("?x=1&lang=en", "en"), ("?lang=de", "zh")],
)
def test_lang_from_search(search, expected):
    assert lang_from_search(search) == expected


def test_search_with_lang_keeps_other_parameters():
    assert search_with_lang("", "en") == "?lang=en"
    assert search_with_lang("?year=2024&lang=zh", "en") == "?year=2024&lang=en"
    assert search_with_lang("?lang=en&lang=zh", "zh") == "?lang=zh"
    assert href_with_lang("/about", "EN") == "/about?lang=en"


@pytest.mark.parametrize(
    ("search", "stored", "clicked", "expected"),
    [
        # Bare URL, nothing remembered: zh, nothing to write but the store.
        ("", None, None, ("zh", None, "zh")),
        # Bare URL, English remembered: push it into the URL.
        ("", "en", None, ("en", "?lang=en", None)),
        # The URL wins over the store, and the store follows.
        ("?lang=zh", "en", None, ("zh", None, "zh")),
        ("?lang=en", "zh", None, ("en", None, "en")),
        # An invalid URL value becomes zh and the URL is corrected.
        ("?lang=xx", "en", None, ("zh", "?lang=zh", "zh")),
        # A garbage store value is ignored.
        ("", "klingon", None, ("zh", None, "zh")),
        # A click wins over everything.
        ("?lang=zh", "zh", "en", ("en", "?lang=en", "en")),
        ("?lang=en&page=2", "en", "zh", ("zh", "?page=2&lang=zh", "zh")),
        # Clicking the current language changes nothing.
        ("?lang=en", "en", "en", ("en", None, None)),
    ],
)
def test_decide_language(search, stored, clicked, expected):
    assert decide_language(search, stored, clicked) == expected


def test_years_in_ui_strings_come_from_their_caller():
    """Nothing fills {year} behind the caller's back: a string names the year of the figure
    it describes (a 2023 baseline on a 2024 target page says 2023)."""
    assert not hasattr(i18n, "set_report_years") and not hasattr(i18n, "_REPORT_YEARS")
    assert t("figures.economy.growth_title", "zh", year=2031, review_year=2030) == (
        "2030年增速与2031年目标")
    assert t("gauge.year", "zh", year=2023) == "2023年"
    # Given later by str.format, the way many callers fill counts and names.
    assert t("gauge.year", "en").format(year=2023) == "2023"
    assert t("figures.economy.growth_title", "en", year=2031) == (
        "{review_year} growth and the 2031 target")
    texts = [v for lang in LANGS for v in catalogue(lang).values()]
    assert not any("2024" in v or "2023" in v for v in texts)
    assert not any("沙湾" in v or "Shawan" in v for v in texts)
