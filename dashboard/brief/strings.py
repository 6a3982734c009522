"""The brief's strings in both languages at once (the words are the catalogues' ``brief.*``).

Status words, target texts and period labels are not repeated in ``brief.*``: the brief uses
the ones the target panel and the KPI cards use, so a figure reads the same on paper and on
screen.
"""

from __future__ import annotations

from dashboard.i18n import t


def both(key: str, **values: object) -> str:
    """A message in both languages, for answers that precede any choice of language."""
    return f"{t(key, 'zh', **values)} / {t(key, 'en', **values)}"
