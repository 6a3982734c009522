"""Extraction measured on real documents (``../shared/realreports``) against the expected
tables written by hand in ``tests/fixtures/realeval/`` (see its README).

For each ``<slug>.expected.csv``: recall and precision as in ``extraction_eval.py``, counted
inside the document's scored passages (``<slug>.passages.csv``), with target and plan alike
(both forward-looking). For each ``<earlier>__<later>.joins.csv``: the two reports built
together, and for each target of the earlier one whether the target table shows the expected
actual of the later one (right), another figure where none is expected or a wrong one
(false), or nothing. Then the corpus-wide counts: figures without a year, footnote markers,
figures without an indicator.

    .venv/bin/python benchmarks/extraction_eval.py --real [--detail]
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "realeval"
CORPUS = ROOT.parent / "shared" / "realreports"
_FOOTNOTE_OPEN, _FOOTNOTE_CLOSE = ("[", "［", "〔", "【"), ("]", "］", "〕", "】")


@dataclass
class Corpus:
    facts: int = 0
    no_year: int = 0
    footnotes: int = 0
    no_indicator: int = 0
    refused: int = 0


def corpus_meta() -> dict[str, dict[str, str]]:
    with (CORPUS / "sources.csv").open(encoding="utf-8") as handle:
        return {row["slug"]: row for row in csv.DictReader(handle)}


def passages(text: str, slug: str) -> list[tuple[int, int]]:
    spans = []
    for row in csv.DictReader((REAL / f"{slug}.passages.csv").open(encoding="utf-8")):
        start = text.index(row["first"])
        end = text.index(row["last"], start) + len(row["last"])
        spans.append((start, end))
    return spans


def forward_alike(rows: list[dict]) -> list[dict]:
    return [{**row, "kind": "target" if row["kind"] == "plan" else row["kind"]} for row in rows]


def documents() -> list[str]:
    return sorted(p.name.removesuffix(".expected.csv") for p in REAL.glob("*.expected.csv"))


def score_document(slug: str, extract_mod: ModuleType, eval_mod: ModuleType,
                   lexicon_ids: set[str], detail: bool = False) -> dict[str, float]:
    text = (CORPUS / f"{slug}.txt").read_text(encoding="utf-8")
    year = int(corpus_meta()[slug]["year"])
    facts = extract_mod.extract(text, slug).facts
    spans = passages(text, slug)
    inside = [f for f in facts if any(a <= int(f["start"]) < b for a, b in spans)]
    expected = eval_mod.expected_rows(text, REAL / f"{slug}.expected.csv")
    for exp in expected:
        exp.row = forward_alike([exp.row])[0]
    got = eval_mod.score(text, forward_alike(inside), expected, lexicon_ids)
    got["year_right"] = float(extract_mod.extract(text, slug).layout.report_year == year)
    if detail:
        for line in eval_mod.details(text, forward_alike(inside), expected, lexicon_ids):
            print(f"    {slug}: {line}")
    return got


def corpus_counts(extract_mod: ModuleType, report_error: type) -> Corpus:
    counts = Corpus()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            facts = extract_mod.extract(text, path.stem).facts
        except report_error:
            counts.refused += 1
            continue
        counts.facts += len(facts)
        for fact in facts:
            start, end = int(fact["start"]), int(fact["end"])
            counts.no_year += not re.fullmatch(r"(19|20)\d\d", str(fact["period"]))
            counts.footnotes += (text[max(0, start - 1):start] in _FOOTNOTE_OPEN
                                 or text[end:end + 1] in _FOOTNOTE_CLOSE)
            counts.no_indicator += fact["indicator_id"] == "unclassified"
    return counts


def _offset(text: str, context: str, number: str) -> int:
    from extraction_eval import number_at

    return text.index(context) + number_at(context, number)


def join_pairs() -> list[tuple[str, str]]:
    return [tuple(p.name.removesuffix(".joins.csv").split("__"))  # type: ignore[misc]
            for p in sorted(REAL.glob("*__*.joins.csv"))]


def score_joins(earlier: str, later: str, build_mod: ModuleType, data_mod: ModuleType,
                targets_mod: ModuleType, detail: bool = False) -> tuple[int, int, int, int]:
    """(right, expecting an actual, false, expecting none) for one pair of reports."""
    meta = corpus_meta()
    texts = {slug: (CORPUS / f"{slug}.txt").read_text(encoding="utf-8")
             for slug in (earlier, later)}
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        entries = []
        for slug in (earlier, later):
            shutil.copy(CORPUS / f"{slug}.txt", seeds / f"{slug}.txt")
            entries.append(f"  - id: {slug}\n    file: {slug}.txt\n    place: "
                           f"{meta[slug]['place']}\n    report_year: {meta[slug]['year']}\n")
        (seeds / "sources.yml").write_text("reports:\n" + "".join(entries), encoding="utf-8")
        build_mod.build(seeds, Path(tmp) / "data")
        dataset = data_mod.load_dataset(Path(tmp) / "data")
    rows_by_start: dict[int, list] = {}
    years = sorted({int(meta[earlier]["year"]), int(meta[later]["year"]) - 1})
    for year in years:
        for row in targets_mod.target_table(dataset.scoped(earlier), year).rows:
            for fact in row.facts:
                rows_by_start.setdefault(int(fact["start"]), []).append(row)
    right = expecting = false = expecting_none = 0
    path = REAL / f"{earlier}__{later}.joins.csv"
    for spec in csv.DictReader(path.open(encoding="utf-8")):
        start = _offset(texts[earlier], spec["target_context"], spec["target_number"])
        rows = [r for pos in range(start, start + len(spec["target_number"]))
                for r in rows_by_start.get(pos, [])]
        actual = rows[0].actual if rows else None
        shown = None if actual is None or actual.fact is None else actual.fact
        if spec["actual_context"]:
            expecting += 1
            at = _offset(texts[later], spec["actual_context"], spec["actual_number"])
            ok = bool(shown is not None and shown["report_id"] == later
                      and at <= int(shown["start"]) < at + len(spec["actual_number"]))
            right += ok
            false += shown is not None and not ok
        else:
            expecting_none += 1
            ok = shown is None
            false += not ok
        if detail and not ok:
            got = "none" if shown is None else (
                f"{texts[str(shown['report_id'])][int(shown['start']):int(shown['end'])]} "
                f"({shown['indicator_zh']})")
            target = "no target" if not rows else f"{rows[0].indicator_id}/{rows[0].name_zh}"
            print(f"    join {earlier}: «{spec['target_context']}» {target} wants "
                  f"«{spec['actual_context'] or 'no actual'}», shows {got}")
    return right, expecting, false, expecting_none
