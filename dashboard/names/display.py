"""How an indicator is named on a page: never Chinese on an English page without saying so.

English, in order: the lexicon's name or one a reviewer confirmed (both are the data's
``indicator_en``), else the glossary's suggestion marked as a machine suggestion, else the
Chinese name marked as untranslated. A name without English keeps its Chinese as
``indicator_en`` in the data (extract.py), so "is there English" is "is ``en`` free of
Chinese characters". Pure (the element is ``components/indicator_name.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.i18n import normalize_lang

from .glossary import suggest

_CJK = re.compile(r"[\u3400-\u9fff]")
# The marks are English only: a Chinese page shows the Chinese name, which needs none.
SUGGESTED_MARK = "(suggested)"
UNTRANSLATED_MARK = "(untranslated)"
SUGGESTED_TITLE = "English suggested by the glossary, not yet confirmed by a reviewer"
UNTRANSLATED_TITLE = "No English name yet: the name as the report writes it"


@dataclass(frozen=True)
class EnglishName:
    text: str  # the name, without a mark
    status: str  # "english" (lexicon or reviewer), "suggested" or "untranslated"

    @property
    def marked(self) -> str:
        """The name with its mark, for plain text (chart labels, CSV, options)."""
        mark = {"suggested": SUGGESTED_MARK, "untranslated": UNTRANSLATED_MARK}.get(
            self.status)
        return f"{self.text} {mark}" if mark else self.text


def has_english(en: object) -> bool:
    return isinstance(en, str) and bool(en.strip()) and not _CJK.search(en)


def english_name(zh: str, en: object) -> EnglishName:
    """The English of an indicator named ``zh`` whose data gives ``en``."""
    if has_english(en):
        return EnglishName(str(en), "english")
    suggestion = suggest(str(zh))
    if suggestion.complete and suggestion.en:
        return EnglishName(suggestion.en, "suggested")
    return EnglishName(str(zh), "untranslated")


def display_name(zh: object, en: object, lang: str) -> str:
    """The name a page in ``lang`` shows, marked where it is not a confirmed English name."""
    if normalize_lang(lang) != "en":
        return str(zh)
    return english_name(str(zh), en).marked
