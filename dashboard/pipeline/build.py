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

from .context_tables import indicator_meta, merge_open_indicators, sector_table
from .decisions import Reviews, load_reviews, named_tables, with_indicators
from .extract import FACT_COLUMNS
from .lexicon import load_lexicon
from .parts import PIPELINE_GENRE, UNKNOWN_GENRE, Job
from .reading import PartCache, read_parts
from .schema import TABLES, column_names, datapackage, fingerprint, validate
from .text import ReportError, read_report

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Read by the upload's metadata form and the tests from here, where they always were.
__all__ = ["PIPELINE_GENRE", "UNKNOWN_GENRE"]


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
        # libyaml's safe loader: the same entries, read ten times faster (a province's
        # sources.yml lists a thousand reports, and start-up reads it).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
        return {str(entry["file"]): entry for entry in data.get("reports", [])}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ReportError(path, f"malformed sources file ({exc.__class__.__name__})") from None


def report_files(seeds_dir: Path) -> list[Path]:
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


@dataclass(frozen=True)
class StagedText:
    """A report held in memory (an upload being reviewed) instead of a file in seeds/."""

    file: str
    text: str
    source: dict[str, object]
    # The frozen file's sha256 (a seed kept in the database); empty: the text's own.
    sha256: str = ""


def build_tables(paths: list[Path], sources: dict[str, dict[str, object]],
                 reviews: Reviews | None = None, staged: tuple[StagedText, ...] = (),
                 cache: PartCache | None = None) -> Tables:
    """Tables of the report files in ``paths`` and the ``staged`` texts, after ``reviews``.

    Each report's rows are read once per text and reading code when a ``cache`` is given
    (``reading.py``); the tables are their concatenation, the same as a reading of all."""
    lexicon = with_indicators(load_lexicon(), reviews.indicators if reviews else ())
    where = {path.name: path for path in paths}
    jobs = [_job(path, sources.get(path.name) or {}) for path in paths]
    jobs += [Job(s.file, s.text, s.sha256 or hashlib.sha256(s.text.encode()).hexdigest(),
                 dict(s.source)) for s in staged]
    # One order whether a report is a file or staged in memory: the same tables either way.
    jobs.sort(key=lambda job: Path(job.file).name)
    parts = read_parts(jobs, reviews, lexicon, code_fingerprint(), cache)
    facts, reports, relative, lines = [], [], [], []
    known: set[str] = set()
    for job, one in zip(jobs, parts, strict=True):
        if one.report_id in known:
            raise ReportError(where.get(job.file, Path(job.file)),
                              f"report id {one.report_id!r} used twice")
        known.add(one.report_id)
        facts += one.facts
        reports.append(one.row)
        relative += one.relative
        lines += one.passages
    # Target groups, findings and named indicators come in report id order (as grouping
    # every report's facts by report gave them).
    by_id = sorted(parts, key=lambda one: one.report_id)
    indicators = pd.DataFrame(facts, columns=FACT_COLUMNS)
    # The English reviewers confirmed for names read from the text (decisions.py).
    return named_tables(Tables(
        indicators=validate("indicators", indicators),
        reports=validate("reports", pd.DataFrame(reports, columns=column_names("reports"))),
        quality=validate("quality", pd.DataFrame(
            [row for one in by_id for row in one.quality], columns=column_names("quality"))),
        relative_targets=validate("relative_targets", pd.DataFrame(
            relative, columns=column_names("relative_targets"))),
        passages=validate("passages", pd.DataFrame(lines, columns=column_names("passages"))),
        target_groups=validate("target_groups", pd.DataFrame(
            [row for one in by_id for row in one.target_groups],
            columns=column_names("target_groups"))),
        indicator_meta=validate("indicator_meta", pd.DataFrame(
            indicator_meta(lexicon) + merge_open_indicators([one.named for one in by_id]),
            columns=column_names("indicator_meta"))),
        sectors=validate("sectors", pd.DataFrame(sector_table(lexicon),
                                                 columns=column_names("sectors"))),
    ), reviews)


def _job(path: Path, source: dict[str, object]) -> Job:
    """A report file to read; ReportError if it differs from the sha256 its entry freezes."""
    raw_hash = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    text = read_report(path)
    if source.get("sha256") and source["sha256"] != raw_hash:
        raise ReportError(path, "sha256 differs from seeds/sources.yml (the frozen source "
                                "changed; update sources.yml if the change is intended)")
    return Job(path.name, text, raw_hash, dict(source))


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
