"""Build step: load the reports in seeds/, extract their facts, save the tables in data/.

Load inputs (sources.yml and the report files, checked against their sha256), process (extract
facts, find quality issues, validate every table) and save outputs (all tables written to
temporary files first, then moved into place, so a failure leaves data/ as it was).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .context_tables import indicator_meta, passages, sector_table, target_groups
from .decisions import Reviews, load_reviews, with_indicators
from .decisions import apply as apply_decisions
from .extract import FACT_COLUMNS, extract
from .lexicon import Lexicon, load_lexicon
from .places import place_en as spelled
from .places import place_of_text
from .quality import find_issues
from .schema import TABLES, column_names, datapackage, fingerprint, validate
from .structure import Layout
from .text import ReportError, read_report, reading_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"


UNKNOWN_GENRE = ("genre not recognised (the title names neither a 政府工作报告 nor a 统计公报): "
                 "read as a work report")


# Genres a person may confirm, and the reading each gets (a five-year review is a work
# report whose sections cover a plan's span).
PIPELINE_GENRE = {"work_report": "work_report", "five_year_review": "work_report",
                  "statistical_bulletin": "statistical_bulletin"}


@dataclass
class Tables:
    indicators: pd.DataFrame
    reports: pd.DataFrame
    quality: pd.DataFrame
    relative_targets: pd.DataFrame
    passages: pd.DataFrame
    target_groups: pd.DataFrame
    indicator_meta: pd.DataFrame
    sectors: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}


def load_sources(seeds_dir: Path) -> dict[str, dict[str, object]]:
    """sources.yml entries by file name; a report file not listed there is still read."""
    path = seeds_dir / "sources.yml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return {str(entry["file"]): entry for entry in data.get("reports", [])}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ReportError(path, f"malformed sources file ({exc.__class__.__name__})") from None


def report_files(seeds_dir: Path) -> list[Path]:
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


@dataclass
class ReportTables:
    """What one report contributes: its facts, reports.csv row, comparison targets, passages
    and its text (for grouping repeated targets)."""

    facts: list[dict]
    row: dict
    relative: list[dict]
    passages: list[dict]
    text: str


@dataclass(frozen=True)
class StagedText:
    """A report held in memory (an upload being reviewed) instead of a file in seeds/."""

    file: str
    text: str
    source: dict[str, object]
    # The frozen file's sha256 (a seed kept in the database); empty: the text's own.
    sha256: str = ""


def process_report(path: Path, source: dict[str, object] | None = None,
                   reviews: Reviews | None = None, lexicon: Lexicon | None = None
                   ) -> ReportTables:
    """Read and extract one report file."""
    source = source or {}
    raw_hash = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    text = read_report(path)
    if source.get("sha256") and source["sha256"] != raw_hash:
        raise ReportError(path, "sha256 differs from seeds/sources.yml (the frozen source "
                                "changed; update sources.yml if the change is intended)")
    return process_text(text, path.name, raw_hash, source, reviews, lexicon)


def process_text(text: str, file_name: str, raw_hash: str, source: dict[str, object],
                 reviews: Reviews | None = None, lexicon: Lexicon | None = None
                 ) -> ReportTables:
    """Extract one report's text; its reviewers' decisions, if any, are applied."""
    report_id = str(source.get("id") or Path(file_name).stem)
    given_year = str(source.get("report_year") or "")
    try:
        result = extract(text, report_id, year=int(given_year) if given_year.isdigit() else None)
    except ReportError as exc:
        raise ReportError(file_name, exc.reason) from None
    facts = result.facts
    if reviews is not None:
        facts = apply_decisions(facts, text, reviews, lexicon or load_lexicon())
    if not facts:
        raise ReportError(file_name, "no figures found: is this a government work report?")
    layout = result.layout
    # The place sources.yml gives, else the one the text names (its session line, speaker…).
    place = source.get("place") or place_of_text(text) or None
    bulletin = layout.genre == "statistical_bulletin"
    review = layout.report_year if bulletin else layout.report_year - 1
    # A genre a person confirmed (sources.yml) answers the notice of an unknown title.
    confirmed = PIPELINE_GENRE.get(str(source.get("genre")), "") == layout.genre
    row = {
        "report_id": report_id,
        # A title a person gave (sources.yml, /upload) wins over the text's.
        "title": str(source.get("title") or layout.title or default_title(layout)),
        "title_en": source.get("title_en"), "genre": layout.genre,
        "place": place, "place_en": source.get("place_en") or (spelled(place) if place else None),
        "issuing_body": source.get("issuing_body"), "report_year": layout.report_year,
        "review_period": review, "delivered": layout.delivered or _iso(source.get("delivered")),
        "published": layout.published or _iso(source.get("published")), "file": file_name,
        "sha256": raw_hash, "chars": len(text), "facts": len(facts),
        "origin": source.get("origin"), "licence": source.get("licence"),
        "body_start": layout.body_start, "body_end": layout.body_end,
        "notice": None if layout.genre_known or confirmed else UNKNOWN_GENRE,
    }
    return ReportTables(facts, row, result.relative_targets,
                        passages(text, layout, report_id), text)


def default_title(layout: Layout) -> str:
    """A title for a text that prints none (it opens with its dating line or first section)."""
    bulletin = layout.genre == "statistical_bulletin"
    genre = "国民经济和社会发展统计公报" if bulletin else "政府工作报告"
    return f"{layout.report_year}年{genre}"


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def build_tables(paths: list[Path], sources: dict[str, dict[str, object]],
                 reviews: Reviews | None = None, staged: tuple[StagedText, ...] = ()
                 ) -> Tables:
    """Tables of the report files in ``paths`` and the ``staged`` texts, after ``reviews``."""
    facts, reports, relative, lines = [], [], [], []
    texts: dict[str, str] = {}
    lexicon = with_indicators(load_lexicon(), reviews.indicators if reviews else ())
    readings = [(path, lambda p=path: process_report(p, sources.get(p.name), reviews, lexicon))
                for path in paths]
    readings += [(Path(s.file), lambda s=s: process_text(
        s.text, s.file, s.sha256 or hashlib.sha256(s.text.encode()).hexdigest(), s.source,
        reviews, lexicon)) for s in staged]
    # One order whether a report is a file or staged in memory: the same tables either way.
    for path, read in sorted(readings, key=lambda r: r[0].name):
        one = read()
        if one.row["report_id"] in texts:
            raise ReportError(path, f"report id {one.row['report_id']!r} used twice")
        facts += one.facts
        reports.append(one.row)
        relative += one.relative
        lines += one.passages
        texts[str(one.row["report_id"])] = reading_text(one.text)
    indicators = pd.DataFrame(facts, columns=FACT_COLUMNS)
    return Tables(
        indicators=validate("indicators", indicators),
        reports=validate("reports", pd.DataFrame(reports, columns=column_names("reports"))),
        quality=validate("quality", find_issues(indicators)),
        relative_targets=validate("relative_targets", pd.DataFrame(
            relative, columns=column_names("relative_targets"))),
        passages=validate("passages", pd.DataFrame(lines, columns=column_names("passages"))),
        target_groups=validate("target_groups", pd.DataFrame(
            target_groups(indicators, texts), columns=column_names("target_groups"))),
        indicator_meta=validate("indicator_meta", pd.DataFrame(
            indicator_meta(lexicon, indicators), columns=column_names("indicator_meta"))),
        sectors=validate("sectors", pd.DataFrame(sector_table(lexicon),
                                                 columns=column_names("sectors"))),
    )


def code_fingerprint() -> str:
    """Changes whenever reading may change: the pipeline's code, its lexicon and the schema
    (a version composed by other code is composed again at the next publish)."""
    digest = hashlib.sha256(fingerprint().encode())
    folder = Path(__file__).resolve().parent
    for path in sorted([*folder.glob("*.py"), *folder.glob("*.yml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _write_atomically(outputs: dict[Path, str]) -> None:
    temps: list[tuple[Path, Path]] = []
    try:
        for target, content in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
            os.chmod(tmp, 0o644)  # mkstemp makes owner-only files; data/ is for everyone
            temps.append((Path(tmp), target))
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _package() -> str:
    return json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n"


def table_files(tables: Tables) -> dict[str, bytes]:
    """The files ``build`` writes to data/, as bytes (a data version, minus actuals.csv)."""
    files = {TABLES[name][0]: _csv(frame).encode() for name, frame in tables.frames().items()}
    files["datapackage.json"] = _package().encode()
    return files


def save_tables(tables: Tables, out_dir: Path, with_package: bool = True) -> None:
    outputs = {out_dir / TABLES[name][0]: _csv(frame) for name, frame in tables.frames().items()}
    if with_package:
        outputs[out_dir / "datapackage.json"] = _package()
    _write_atomically(outputs)


def build(seeds_dir: Path = SEEDS_DIR, out_dir: Path = DATA_DIR) -> Tables:
    """Read every report in seeds_dir and write all tables to out_dir."""
    paths = report_files(seeds_dir)
    if not paths:
        raise ReportError(seeds_dir, "no report files (*.txt) found")
    tables = build_tables(paths, load_sources(seeds_dir), load_reviews(seeds_dir))
    save_tables(tables, out_dir)
    return tables


def extract_file(path: Path, out_dir: Path) -> Tables:
    """The same tables for one report file anywhere on disk."""
    tables = build_tables([path], {})
    save_tables(tables, out_dir, with_package=False)
    return tables
