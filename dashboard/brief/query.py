"""What ``/brief?report=…&year=…&sectors=…&lang=…`` asks for, read from untrusted values.

The report and year are read as the target panel and ``/targets.csv`` read them
(``progress.scope.scope``); sectors as the pages read their lists (``url_state.many``).
Anything unknown or hostile gives the default and its parameter name in ``invalid``, so the
brief can say what it ignored without echoing what was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dashboard import url_state
from dashboard.data import Dataset
from dashboard.i18n import LANGS, normalize_lang
from dashboard.progress.scope import scope


@dataclass(frozen=True)
class Choice:
    """The brief to make: a snapshot scoped to its report, the year, language and sectors."""

    dataset: Dataset
    year: int
    lang: str
    sectors: tuple[str, ...]
    invalid: tuple[str, ...]

    @property
    def report_id(self) -> str | None:
        return self.dataset.report_id

    def query(self, lang: str | None = None) -> str:
        """The canonical query of this brief (only values that were understood)."""
        pairs = [("report", self.report_id)] if self.report_id else []
        pairs.append(("year", str(self.year)))
        if self.sectors:
            pairs.append(("sectors", ",".join(self.sectors)))
        pairs.append(("lang", lang or self.lang))
        return urlencode(pairs)

    @property
    def key(self) -> tuple[Any, ...]:
        """What the brief depends on besides the snapshot (memo keys)."""
        return (self.report_id, self.year, self.lang, self.sectors, self.invalid)


def _lang(raw: Any) -> tuple[str, bool]:
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if len(raw) == 1 else object()
    if raw is None or raw == "":
        return normalize_lang(None), True
    if not isinstance(raw, str) or len(raw) > url_state.MAX_VALUE_LENGTH:
        return normalize_lang(None), False
    code = raw.strip().lower().replace("_", "-").split("-", 1)[0]
    return normalize_lang(code), code in LANGS


def decode(dataset: Dataset, args: Mapping[str, Any]) -> Choice:
    """The brief named by query values ``args`` (first value of each parameter)."""
    scoped, year, invalid = scope(dataset, args.get("report"), args.get("year"))
    lang, ok = _lang(args.get("lang"))
    invalid += [] if ok else ["lang"]
    sectors, ok = url_state.many(args.get("sectors"), scoped.sector_order)
    invalid += [] if ok else ["sectors"]
    return Choice(scoped, year, lang, tuple(sectors), tuple(dict.fromkeys(invalid)))
