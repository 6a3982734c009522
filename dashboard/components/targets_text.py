"""Why an actuals.csv row was rejected, in the reader's language, for the /targets page.

The words are the catalogues' ``targets.reject.*`` (their English the same as
``progress.actuals.REASONS``, which the command line prints)."""

from __future__ import annotations

from dashboard.i18n import normalize_lang, t
from dashboard.progress.actuals import Rejection


def rejection_text(rejection: Rejection, lang: str) -> str:
    """data/actuals.csv 第3行（as_of列）：日期不在该年度内（'2025-01-15'）."""
    lang = normalize_lang(lang)
    column = (t("targets.reject.column", lang).format(column=rejection.column)
              if rejection.column else "")
    reason = t(f"targets.reject.{rejection.code}", lang)
    if rejection.first_line:
        reason += t("targets.reject.again", lang).format(line=rejection.first_line)
    value = f" ({rejection.value!r})" if rejection.value else ""
    return t("targets.reject.line", lang).format(file=rejection.file, line=rejection.line,
                                                 column=column, reason=reason, value=value)
