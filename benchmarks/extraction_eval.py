"""Extraction measured against hand-made expected tables (tests/fixtures/eval/).

For each ``<doc>.txt`` with a ``<doc>.expected.csv`` (one row per figure a careful reader
records, made by hand from the text, never from the pipeline's output):

* recall: expected figures the pipeline states with the right value, period and kind;
* precision: stated figures that are expected, with the right value, period and kind, and not
  given a wrong indicator (a lexicon id other than the expected one; a lexicon id for a
  figure the lexicon has no indicator for);
* no indicator: share of stated figures left ``unclassified``;
* indicator right: matched figures with exactly the expected indicator (the lexicon id, or a
  name read from the text where the expected table says ``open``);
* sector right: matched figures filed under the expected sector.

Then ``shawan-2025.joins.csv``: the seed report and the next-year report built together,
and for each 2024 target of the seed, whether the target table shows the expected actual
(or none, where the next-year report states none for it).

    .venv/bin/python benchmarks/extraction_eval.py            # this checkout
    .venv/bin/python benchmarks/extraction_eval.py --code DIR # another checkout's pipeline
    .venv/bin/python benchmarks/extraction_eval.py --set eval-heldout  # reports written
        after the tuning, measured but never tuned on
    .venv/bin/python benchmarks/extraction_eval.py --real  # real documents of
        ../shared/realreports against tests/fixtures/realeval/ (benchmarks/real_eval.py)
"""

from __future__ import annotations

import argparse
import csv
import importlib
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "fixtures" / "eval"
SEED = ROOT / "seeds" / "shawan-2024-government-work-report.txt"
NEXT_YEAR = "shawan-2025"


@dataclass
class Expected:
    start: int
    end: int
    row: dict[str, str]


def number_at(context: str, number: str) -> int:
    """Where ``number`` stands in ``context`` as a number of its own (5.1 in "75.17  5.1" is
    the second, not the digits inside 75.17)."""
    at = context.find(number)
    while at >= 0:
        before, after = context[at - 1:at], context[at + len(number):at + len(number) + 1]
        if not (before.isdigit() or before == "." or (after.isdigit() and number[-1].isdigit())):
            return at
        at = context.find(number, at + 1)
    return context.index(number)


def expected_rows(text: str, path: Path) -> list[Expected]:
    rows = []
    for row in csv.DictReader(path.open(encoding="utf-8")):
        at = text.index(row["context"]) + number_at(row["context"], row["number"])
        rows.append(Expected(at, at + len(row["number"]), row))
    return rows


def _same_figure(fact: dict, exp: dict[str, str]) -> bool:
    period_start = exp["period_start"] or exp["period"]
    return (abs(float(fact["value"]) - float(exp["value"])) < 1e-6
            and int(fact["period"]) == int(exp["period"]) and fact["kind"] == exp["kind"]
            and int(fact.get("period_start", fact["period"])) == int(period_start))


def _is_named(indicator_id: str, lexicon_ids: set[str]) -> bool:
    return indicator_id != "unclassified" and indicator_id not in lexicon_ids


def score(text: str, facts: list[dict], expected: list[Expected], lexicon_ids: set[str]
          ) -> dict[str, float]:
    by_start = {}
    for exp in expected:
        for pos in range(exp.start, exp.end):
            by_start[pos] = exp
    matched: dict[int, tuple[dict, Expected]] = {}
    correct = 0
    for fact in facts:
        exp = by_start.get(int(fact["start"]))
        if exp is None or not _same_figure(fact, exp.row):
            continue
        matched[id(exp)] = (fact, exp)
        wanted, got = exp.row["indicator_id"], str(fact["indicator_id"])
        wrong = got in lexicon_ids and got != wanted
        correct += not wrong
    pairs = list(matched.values())
    right_indicator = sum(
        str(f["indicator_id"]) == e.row["indicator_id"]
        or (e.row["indicator_id"] in ("open", "none") and _is_named(str(f["indicator_id"]),
                                                                   lexicon_ids))
        for f, e in pairs)
    return {
        "expected": len(expected), "stated": len(facts),
        "recall": len(pairs) / len(expected),
        "precision": correct / len(facts) if facts else 0.0,
        "no_indicator": sum(f["indicator_id"] == "unclassified" for f in facts) / len(facts),
        "indicator_right": right_indicator / len(pairs) if pairs else 0.0,
        "sector_right": sum(f["sector"] == e.row["sector"] for f, e in pairs) / len(pairs)
        if pairs else 0.0,
    }


def details(text: str, facts: list[dict], expected: list[Expected],
            lexicon_ids: set[str]) -> list[str]:
    """One line per miss: an expected figure not stated right, a figure given a wrong
    indicator or sector, a figure nobody expected."""
    lines = []
    at = {int(f["start"]): f for f in facts}
    covered = set()
    for exp in expected:
        fact = next((at[p] for p in range(exp.start, exp.end) if p in at), None)
        row = exp.row
        want = f"{row['number']} {row['indicator_id']}{'/' + row['name'] if row['name'] else ''}"
        want += f" {row['period']}/{row['period_start'] or row['period']} {row['kind']}"
        if fact is None:
            lines.append(f"missed   {want}  «{row['context']}»")
            continue
        covered.add(id(fact))
        got = (f"{fact['value']} {fact['indicator_id']}/{fact['indicator_zh']} "
               f"{fact['period']}/{fact.get('period_start', fact['period'])} {fact['kind']} "
               f"{fact['sector']}")
        if not _same_figure(fact, row):
            lines.append(f"figure   {want}  got {got}")
        elif str(fact["indicator_id"]) in lexicon_ids and fact["indicator_id"] != row[
                "indicator_id"]:
            lines.append(f"wrong id {want}  got {got}")
        elif fact["sector"] != row["sector"]:
            lines.append(f"sector   {want} {row['sector']}  got {got}")
    for fact in facts:
        if id(fact) not in covered:
            quote = text[max(0, int(fact["start"]) - 8):int(fact["end"]) + 4]
            lines.append(f"extra    {fact['value']} {fact['indicator_zh']}  «{quote}»")
    return lines


def joins(build_mod, data_mod, targets_mod, detail: bool = False) -> tuple[int, int, int, int]:
    """(right actuals, targets expecting one, wrongly shown, targets expecting none)."""
    seed_text = SEED.read_text(encoding="utf-8")
    next_text = (EVAL / f"{NEXT_YEAR}.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        shutil.copy(SEED, seeds / SEED.name)
        shutil.copy(EVAL / f"{NEXT_YEAR}.txt", seeds / f"{NEXT_YEAR}.txt")
        sources = (ROOT / "seeds" / "sources.yml").read_text(encoding="utf-8")
        sources += (f"  - id: {NEXT_YEAR}\n    file: {NEXT_YEAR}.txt\n    place: 沙湾市\n"
                    f"    report_year: 2025\n")
        (seeds / "sources.yml").write_text(sources, encoding="utf-8")
        build_mod.build(seeds, Path(tmp) / "data")
        dataset = data_mod.load_dataset(Path(tmp) / "data")
    seed_id = next(r for r in dataset.reports.report_id if r != NEXT_YEAR)
    table = targets_mod.target_table(dataset.scoped(seed_id), 2024)
    by_fact = {}
    for row in table.rows:
        for fact in row.facts:
            by_fact.setdefault(int(fact["start"]), []).append(row)
    right = expecting = wrong = expecting_none = 0
    for spec in csv.DictReader((EVAL / f"{NEXT_YEAR}.joins.csv").open(encoding="utf-8")):
        start = seed_text.index(spec["seed_context"]) + spec["seed_context"].index(
            spec["seed_number"])
        rows = [r for pos in range(start, start + len(spec["seed_number"]))
                for r in by_fact.get(pos, [])]
        actual = rows[0].actual if rows else None
        shown = None if actual is None or actual.fact is None else actual.fact
        got = "none" if shown is None else next_text[int(shown["start"]):int(shown["end"])] + (
            f" ({shown['indicator_zh']})")
        if spec["actual_context"]:
            expecting += 1
            at = next_text.index(spec["actual_context"]) + spec["actual_context"].index(
                spec["actual_number"])
            ok = bool(shown is not None and shown["report_id"] == NEXT_YEAR
                      and at <= int(shown["start"]) < at + len(spec["actual_number"]))
            right += ok
        else:
            expecting_none += 1
            ok = shown is None
            wrong += not ok
        if detail and not ok:
            target = "no target" if not rows else f"{rows[0].indicator_id}/{rows[0].name_zh}"
            print(f"    join: «{spec['seed_context']}» {target} wants "
                  f"«{spec['actual_context'] or 'no actual'}», shows {got}")
    return right, expecting, wrong, expecting_none


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="checkout whose dashboard package is measured")
    parser.add_argument("--detail", action="store_true", help="list every miss")
    parser.add_argument("--set", default=EVAL.name,
                        help="folder under tests/fixtures holding the documents")
    parser.add_argument("--real", action="store_true",
                        help="the real documents of ../shared/realreports")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    extract_mod = importlib.import_module("dashboard.pipeline.extract")
    lexicon_mod = importlib.import_module("dashboard.pipeline.lexicon")
    lexicon_ids = set(lexicon_mod.load_lexicon().indicators)
    if args.real:
        return real_main(extract_mod, lexicon_ids, args.detail)
    print("| document | figures | recall | precision | no indicator | indicator right "
          "| sector right | ms |")
    print("|---|---|---|---|---|---|---|---|")
    folder = EVAL.parent / args.set
    for path in sorted(folder.glob("*.expected.csv")):
        name = path.name.removesuffix(".expected.csv")
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        began = time.perf_counter()
        facts = extract_mod.extract(text, name).facts
        elapsed = (time.perf_counter() - began) * 1000
        got = score(text, facts, expected_rows(text, path), lexicon_ids)
        print(f"| {name} | {got['expected']} | {got['recall']:.2f} | {got['precision']:.2f} "
              f"| {got['no_indicator']:.0%} | {got['indicator_right']:.2f} "
              f"| {got['sector_right']:.2f} | {elapsed:.0f} |")
        if args.detail:
            for line in details(text, facts, expected_rows(text, path), lexicon_ids):
                print(f"    {name}: {line}")
    if folder != EVAL:
        return 0
    right, expecting, wrong, none = joins(
        importlib.import_module("dashboard.pipeline.build"),
        importlib.import_module("dashboard.data_files"),
        importlib.import_module("dashboard.progress.targets"), args.detail)
    print(f"\nNext-year report ({NEXT_YEAR}): {right} of {expecting} 2024 targets joined to the "
          f"right actual; {wrong} of {none} with no actual in that report shown one anyway.")
    return 0


def real_main(extract_mod, lexicon_ids: set[str], detail: bool) -> int:  # noqa: ANN001
    import real_eval

    print("| document | figures | recall | precision | no indicator | indicator right "
          "| sector right | year |")
    print("|---|---|---|---|---|---|---|---|")
    found = expected = correct = stated = 0.0
    for slug in real_eval.documents():
        got = real_eval.score_document(slug, extract_mod, sys.modules[__name__], lexicon_ids,
                                       detail)
        found += got["recall"] * got["expected"]
        expected += got["expected"]
        correct += got["precision"] * got["stated"]
        stated += got["stated"]
        print(f"| {slug} | {got['expected']} | {got['recall']:.2f} | {got['precision']:.2f} "
              f"| {got['no_indicator']:.0%} | {got['indicator_right']:.2f} "
              f"| {got['sector_right']:.2f} | {'right' if got['year_right'] else 'WRONG'} |")
    print(f"| all | {expected:.0f} | {found / expected:.3f} | {correct / max(stated, 1):.3f} "
          "| | | | |")
    right = expecting = false = none = 0
    for earlier, later in real_eval.join_pairs():
        r, e, f, n = real_eval.score_joins(
            earlier, later, importlib.import_module("dashboard.pipeline.build"),
            importlib.import_module("dashboard.data_files"),
            importlib.import_module("dashboard.progress.targets"), detail)
        print(f"joins {earlier} -> {later}: {r} of {e} right, {f} false ({n} expect none)")
        right, expecting, false, none = right + r, expecting + e, false + f, none + n
    print(f"joins: {right} of {expecting} right ({right / max(expecting, 1):.2f}), {false} "
          f"false, {none} targets expecting no actual")
    counts = real_eval.corpus_counts(extract_mod,
                                     importlib.import_module("dashboard.pipeline.text").ReportError)
    print(f"corpus ({real_eval.CORPUS}): {counts.facts} figures, {counts.no_year} without a "
          f"year, {counts.footnotes} footnote markers, {counts.no_indicator / counts.facts:.1%} "
          f"without an indicator, {counts.refused} documents refused")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
