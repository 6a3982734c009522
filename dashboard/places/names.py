"""Names shown for places and reports, in either language, once per snapshot.

``facts.report_title`` looks the report up in reports.csv on every call; the pages of several
places name many reports, so the names of all of them are made once per snapshot and language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.facts import report_title
from dashboard.i18n import normalize_lang

if TYPE_CHECKING:
    from dashboard.data import Dataset


def report_titles(dataset: Dataset, lang: str) -> dict[str, str]:
    """Report id -> its title as the pages print it (``facts.report_title``)."""
    whole, lang = dataset.everything, normalize_lang(lang)
    return whole.cached(("report-titles", lang), lambda: {
        str(r): report_title(whole.reports, str(r), lang) for r in whole.reports.report_id})


def place_names(dataset: Dataset, lang: str) -> dict[str, str]:
    """Place (``place`` of reports.csv) -> its name in ``lang`` (``place_en`` in English,
    the place itself where it has none)."""
    whole, lang = dataset.everything, normalize_lang(lang)

    def build() -> dict[str, str]:
        names: dict[str, str] = {}
        for place, english in zip(whole.reports.place, whole.reports.place_en, strict=True):
            if isinstance(place, str) and place:
                wanted = english if lang == "en" and isinstance(english, str) and english \
                    else place
                names.setdefault(place, wanted)
        return names

    return whole.cached(("place-names", lang), build)
