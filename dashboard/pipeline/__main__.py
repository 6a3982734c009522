"""Command line: `python -m dashboard.pipeline build`, `... extract REPORT.txt --out DIR`, and
the database commands `publish [--rollback]`, `versions`, `export` (``dashboard/store/cli.py``,
whose publishing code is imported only when one of them runs)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pandera.errors import SchemaErrors

from dashboard.store.cli import add_commands, run

from .build import DATA_DIR, SEEDS_DIR, build, extract_file
from .text import ReportError

STORE_COMMANDS = ("publish", "versions", "export")


def _add_store_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]

    add_commands(commands, DATA_DIR, SEEDS_DIR)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.pipeline",
                                     description="Turn report texts into indicator tables.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="read every report in seeds/ into data/")
    build_cmd.add_argument("--seeds", type=Path, default=SEEDS_DIR)
    build_cmd.add_argument("--out", type=Path, default=DATA_DIR)
    extract_cmd = commands.add_parser("extract", help="read one report file into DIR")
    extract_cmd.add_argument("report", type=Path)
    extract_cmd.add_argument("--out", type=Path, required=True)
    _add_store_commands(commands)
    args = parser.parse_args(argv)
    if args.command in STORE_COMMANDS:

        return run(args)
    began = time.perf_counter()
    try:
        if args.command == "build":
            tables = build(args.seeds, args.out)
        else:
            tables = extract_file(args.report, args.out)
    except ReportError as exc:
        print(f"error: {exc.path}: {exc.reason}", file=sys.stderr)
        return 2
    except SchemaErrors as exc:
        print(f"error: extracted tables fail their schema: {exc.failure_cases.head(5)}",
              file=sys.stderr)
        return 2
    facts = tables.indicators
    print(f"{len(tables.reports)} report(s), {len(facts)} facts "
          f"({(facts.indicator_id == 'unclassified').sum()} unclassified), "
          f"{len(tables.quality)} quality finding(s) -> {args.out} "
          f"in {time.perf_counter() - began:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
