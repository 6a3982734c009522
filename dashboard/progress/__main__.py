"""``python -m dashboard.progress --year YEAR [--report ID] [--data DIR]``: the target table
of a year as CSV on standard output, one row per target (its fact ids, the actual's fact id
or source, values with units, status), as ``/targets?year=YEAR`` shows it. A problem is one
line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.data import DataError
from dashboard.data_files import load_dataset
from dashboard.pipeline.build import DATA_DIR
from dashboard.progress.scope import scope
from dashboard.progress.table_csv import target_csv
from dashboard.progress.targets import target_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.progress",
                                     description="Print a year's target table as CSV.")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--report", default=None,
                        help="report id (default: the latest work report)")
    parser.add_argument("--data", type=Path, default=DATA_DIR,
                        help="folder of tables written by build (default data/)")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(args.data)
    except DataError as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    scoped, year, invalid = scope(dataset, args.report, args.year)
    if "report" in invalid:
        print(f"error: {args.data}: no report {args.report!r}", file=sys.stderr)
        return 2
    if year != args.year:
        print(f"error: no work report of {scoped.report_id}'s place sets targets for "
              f"{args.year}", file=sys.stderr)
        return 2
    sys.stdout.write(target_csv(target_table(scoped, year)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
