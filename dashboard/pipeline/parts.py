"""What one report contributes to every table, read once and kept by content hash.

Every table the build writes is made of per-report pieces: a report's facts, its reports.csv
row, comparison targets and passages, and also its target groups and quality findings (both
group by report first: no rule compares two reports) and the indicators it names from its
text. ``read_part`` computes all of them for one text, so that a build of many reports is
a concatenation (``reading.py``), and a report whose text, sources entry and reading code
are unchanged is never read again: its part is stored under ``part_key`` as JSON.

Reviewers' decisions are keyed by sentence, not by report, so they are not in the key: a part
records the keys of its figures as read and the decisions it applied, and is used only while
the same decisions apply to those keys (``still_valid``).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .context_tables import open_indicators, passages, target_groups
from .decisions import Reviews, fact_keys, indicator_spec
from .decisions import apply as apply_decisions
from .extract import FACT_COLUMNS, extract
from .lexicon import Lexicon
from .places import place_en as spelled
from .places import place_of_text
from .quality import contradictory_targets
from .structure import Layout
from .text import ReportError, reading_text

# Bumped when the stored form of a part changes (the reading code's fingerprint covers the
# rest: this module is part of it).
FORMAT = 2
UNKNOWN_GENRE = ("genre not recognised (the title names neither a 政府工作报告 nor a 统计公报): "
                 "read as a work report")
# Genres a person may confirm, and the reading each gets (a five-year review is a work
# report whose sections cover a plan's span).
PIPELINE_GENRE = {"work_report": "work_report", "five_year_review": "work_report",
                  "statistical_bulletin": "statistical_bulletin"}


@dataclass
class ReportPart:
    """One report's rows of every table (lists of plain dicts, as the build frames them)."""

    facts: list[dict[str, Any]]
    row: dict[str, Any]
    relative: list[dict[str, Any]]
    passages: list[dict[str, Any]]
    target_groups: list[dict[str, Any]]
    quality: list[dict[str, Any]]
    # The indicators named from the text (first statement, dimensions): indicator_meta.
    named: list[dict[str, Any]]
    # The keys of the figures as read (before decisions), and the decisions applied to them.
    keys: list[str]
    applied: list[list[Any]]

    @property
    def report_id(self) -> str:
        return str(self.row["report_id"])


@dataclass(frozen=True)
class Job:
    """One report to read: a file in seeds/ or a text held in the database."""

    file: str
    text: str
    raw_hash: str
    source: dict[str, Any]


def part_key(job: Job, code: str) -> str:
    """The part's key: the reading code, the file name, its bytes' and text's hashes and its
    sources entry (title, place, year… a person gave)."""
    text_hash = hashlib.sha256(job.text.encode()).hexdigest()
    spec = json.dumps([FORMAT, code, job.file, job.raw_hash, text_hash, job.source],
                      ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(spec.encode()).hexdigest()


def applied_decisions(keys: list[str], reviews: Reviews | None, lexicon: Lexicon
                      ) -> list[list[Any]]:
    """The decisions that apply to figures with these keys, with the indicator each assigns
    (as the lexicon has it): what a part's facts depend on besides its text."""
    if reviews is None or not reviews.decisions:
        return []
    out = []
    for key in sorted(set(keys)):
        decision = reviews.decisions.get(key)
        if decision is None:
            continue
        ind = lexicon.indicators.get(decision.indicator_id or "")
        out.append([key, decision.action, decision.indicator_id, decision.value,
                    None if ind is None else indicator_spec(ind) | {"topic": ind.topic}])
    return out


def still_valid(part: ReportPart, reviews: Reviews | None, lexicon: Lexicon) -> bool:
    return applied_decisions(part.keys, reviews, lexicon) == part.applied


def read_part(job: Job, reviews: Reviews | None, lexicon: Lexicon) -> ReportPart:
    """Read one report, its reviewers' decisions applied; ReportError if it cannot be read
    (no year, no figures)."""
    report_id = str(job.source.get("id") or Path(job.file).stem)
    given_year = str(job.source.get("report_year") or "")
    try:
        result = extract(job.text, report_id,
                         year=int(given_year) if given_year.isdigit() else None)
    except ReportError as exc:
        raise ReportError(job.file, exc.reason) from None
    keys = fact_keys(job.text, [(int(f["start"]), int(f["end"])) for f in result.facts])
    facts = result.facts
    if reviews is not None:
        facts = apply_decisions(facts, job.text, reviews, lexicon)
    if not facts:
        raise ReportError(job.file, "no figures found: is this a government work report?")
    frame = pd.DataFrame(facts, columns=FACT_COLUMNS)
    return ReportPart(facts, report_row(job, report_id, result.layout, len(facts)),
                      result.relative_targets, passages(job.text, result.layout, report_id),
                      target_groups(frame, {report_id: reading_text(job.text)}),
                      contradictory_targets(frame), open_indicators(frame), keys,
                      applied_decisions(keys, reviews, lexicon))


def report_row(job: Job, report_id: str, layout: Layout, facts: int) -> dict[str, Any]:
    """The report's row of reports.csv."""
    source, text = job.source, job.text
    # The place sources.yml gives, else the one the text names (its session line, speaker…).
    place = source.get("place") or place_of_text(text) or None
    bulletin = layout.genre == "statistical_bulletin"
    review = layout.report_year if bulletin else layout.report_year - 1
    # A genre a person confirmed (sources.yml) answers the notice of an unknown title.
    confirmed = PIPELINE_GENRE.get(str(source.get("genre")), "") == layout.genre
    return {
        "report_id": report_id,
        # A title a person gave (sources.yml, /upload) wins over the text's.
        "title": str(source.get("title") or layout.title or default_title(layout)),
        "title_en": source.get("title_en"), "genre": layout.genre,
        "place": place, "place_en": source.get("place_en") or (spelled(place) if place else None),
        "issuing_body": source.get("issuing_body"), "report_year": layout.report_year,
        "review_period": review, "delivered": layout.delivered or _iso(source.get("delivered")),
        "published": layout.published or _iso(source.get("published")), "file": job.file,
        "sha256": job.raw_hash, "chars": len(text), "facts": facts,
        "origin": source.get("origin"), "licence": source.get("licence"),
        "body_start": layout.body_start, "body_end": layout.body_end,
        "notice": None if layout.genre_known or confirmed else UNKNOWN_GENRE,
    }


def default_title(layout: Layout) -> str:
    """A title for a text that prints none (it opens with its dating line or first section)."""
    bulletin = layout.genre == "statistical_bulletin"
    genre = "国民经济和社会发展统计公报" if bulletin else "政府工作报告"
    return f"{layout.report_year}年{genre}"


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def dump_part(part: ReportPart) -> bytes | None:
    """The part as stored (compressed JSON); None if a value is not plain JSON (such a part
    is read again next time rather than stored in a form that would read back differently)."""
    fields = {name: _rows_out(value) for name, value in asdict(part).items()}
    try:
        text = json.dumps(fields, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        return None
    return zlib.compress(text.encode(), 6)


def load_part(content: bytes) -> ReportPart | None:
    """A stored part, or None if it is unreadable (then the report is read again)."""
    try:
        fields = json.loads(zlib.decompress(content))
        return ReportPart(**{name: _rows_in(value) for name, value in fields.items()})
    except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
        return None


# Rows whose dicts all have the same keys in the same order are stored as a header and
# lists of values: half the size, and read back twice as fast as a dict per row.
_TABLE = "__rows__"


def _rows_out(value: Any) -> Any:
    if not isinstance(value, list) or not value or not all(isinstance(r, dict) for r in value):
        return value
    columns = list(value[0])
    if any(list(row) != columns for row in value):
        return value
    return {_TABLE: columns, "values": [list(row.values()) for row in value]}


def _rows_in(value: Any) -> Any:
    if isinstance(value, dict) and _TABLE in value:
        columns = value[_TABLE]
        return [dict(zip(columns, row, strict=True)) for row in value["values"]]
    return value
