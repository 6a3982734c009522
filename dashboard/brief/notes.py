"""Footnotes of the brief: one number per source, in the order the page first cites them.

A headline figure cites its sentence (report title and the quote, shortened around the
number so the number stays in view). The target table and the chart cite the report that
states a target or a figure, or the sentence if the page already quotes it; an in-year figure
entered by staff cites its entry (source, as-of date, and "初步数" when preliminary). One
footnote per source keeps the page to one sheet while every number still names its origin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.data import Dataset
from dashboard.facts import report_title
from dashboard.i18n import t
from dashboard.progress.marks import Mark

QUOTE_LIMIT = 40  # characters of a quoted sentence, ellipses included
_CUT_PUNCTUATION = ",，、；;：:。 "


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    preliminary: bool = False


def shorten(quote: str, spans: Sequence[tuple[int, int]] = (), limit: int = QUOTE_LIMIT) -> str:
    """``quote`` cut to ``limit`` characters around ``spans`` (offsets in the quote of the
    numbers cited), with "…" where text was left out."""
    if len(quote) <= limit:
        return quote
    width = limit - 2  # room for an ellipsis at each end
    lo = min((s for s, _ in spans), default=0)
    hi = max((e for _, e in spans), default=0)
    end = min(len(quote), max(hi + 4, width))  # a few characters of context after the number
    start = max(0, end - width)
    if start > lo:  # the numbers span more than the window: keep their beginning
        start, end = lo, min(len(quote), lo + width)
    text = quote[start:end]
    if start > 0:
        text = "…" + text.lstrip(_CUT_PUNCTUATION)
    if end < len(quote):
        text = text.rstrip(_CUT_PUNCTUATION) + "…"
    return text


def report_date(dataset: Dataset, report_id: str) -> str:
    """The day a report was delivered (else published), or ""."""
    report = dataset.report(report_id)
    for column in ("delivered", "published"):
        value = report.get(column)
        if isinstance(value, str) and value:
            return value
    return ""


class Notes:
    """Collects the footnotes of one brief (not shared: one instance per build)."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self._dataset = dataset
        self._lang = lang
        self._numbers: dict[tuple[Any, ...], int] = {}
        self._notes: list[Footnote] = []
        self._titles: dict[str, str] = {}  # report titles, looked up once

    def copy(self) -> Notes:
        """The same footnotes so far, to be continued independently."""
        other = Notes(self._dataset, self._lang)
        other._numbers, other._notes = dict(self._numbers), list(self._notes)
        other._titles = self._titles
        return other

    def _title(self, report_id: str) -> str:
        if report_id not in self._titles:
            self._titles[report_id] = report_title(self._dataset.reports, report_id, self._lang)
        return self._titles[report_id]

    def _add(self, key: tuple[Any, ...], text: str, preliminary: bool = False) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self._notes) + 1
            self._notes.append(Footnote(len(self._notes) + 1, text, preliminary))
        return self._numbers[key]

    def _needle(self, fact: Mapping[str, Any]) -> str:
        """The figure's own words (2130人, 4.6%) in the report text."""
        text = self._dataset.report_text(str(fact["report_id"]))
        return text[int(fact["start"]):int(fact["end"])]

    def _quoted(self, fact: Mapping[str, Any]) -> int | None:
        """The footnote already quoting ``fact``'s sentence with its figure in view."""
        report_id, quote, needle = str(fact["report_id"]), str(fact["quote"]), self._needle(fact)
        for key, number in self._numbers.items():
            if (key[0] == "quote" and key[1] == report_id and quote in key[2]
                    and needle in key[3]):
                return number
        return None

    def quote(self, fact: Mapping[str, Any], *others: Mapping[str, Any] | None) -> int:
        """The footnote quoting ``fact``'s sentence; ``others`` are facts of the same
        sentence the page also shows, kept in the shortened quote. A sentence cited again
        for a figure that its shortened quote leaves out is quoted again, around that one."""
        known = self._quoted(fact)
        if known is not None:
            return known
        report_id = str(fact["report_id"])
        others = tuple(o for o in others if o is not None and str(o["report_id"]) == report_id)
        # A figure's clause and the longer sentence holding it and its growth: quote the latter.
        quote = max((str(f["quote"]) for f in (fact, *others)
                     if str(fact["quote"]) in str(f["quote"])), key=len)
        spans = []
        for other in (fact, *others):
            needle = self._needle(other) if str(other["quote"]) in quote else ""
            at = quote.find(needle) if needle else -1
            if at >= 0:
                spans.append((at, at + len(needle)))
        short = shorten(quote, spans)
        return self._add(("quote", report_id, quote, short), t(
            "brief.note.quote", self._lang, title=self._title(report_id), quote=short))

    def report(self, report_id: str) -> int:
        """The footnote naming a report as the source of the figures it states."""
        key = ("report", report_id)
        if key in self._numbers:
            return self._numbers[key]
        title = self._title(report_id)
        return self._add(key, t(
            "brief.note.report", self._lang, title=title,
            date=report_date(self._dataset, report_id) or "—"))

    def fact(self, fact: Mapping[str, Any]) -> int:
        """A figure stated in a report: its sentence if already quoted, else the report."""
        known = self._quoted(fact)
        return known if known is not None else self.report(str(fact["report_id"]))

    def mark(self, mark: Mark) -> int:
        """A baseline or latest actual: the report stating it, or the staff entry."""
        if mark.fact is not None:
            return self.fact(mark.fact)
        entry = mark.entry or {}
        status = str(entry.get("status") or "")
        if status:  # a figure approved in the app: its source, date and status
            text = t("gauge.entry_source", self._lang).format(
                source=entry.get("source", ""), as_of=mark.as_of,
                status=t(f"gauge.status.{status}", self._lang))
        else:  # a row kept by hand in the file
            text = t("brief.note.manual", self._lang, line=entry.get("line", ""),
                     as_of=mark.as_of, source=entry.get("source", ""))
        return self._add(("entry", entry.get("line"), mark.as_of, status), text,
                         status == "preliminary")

    def all(self) -> tuple[Footnote, ...]:
        return tuple(self._notes)
