"""The database commands of ``python -m dashboard.pipeline``: publish, rollback, versions,
export. Each prints one line per result; a problem is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

EXIT_ERROR = 2


def add_commands(commands: argparse._SubParsersAction, data_dir: Path) -> None:  # type: ignore[type-arg]
    publish = commands.add_parser(
        "publish", help="load data/ into the database as the new current version "
        "(DATABASE_URL, default the SQLite file under instance/)")
    publish.add_argument("--data", type=Path, default=data_dir,
                         help="folder of tables written by build (default data/)")
    publish.add_argument("--rollback", action="store_true",
                         help="make the previous version current again instead")
    publish.add_argument("--note", default="", help="why (kept in the publish log)")
    publish.add_argument("--by", default=None, help="who (default user@host)")
    commands.add_parser("versions", help="list the data versions in the database")
    export = commands.add_parser("export", help="write a version's files to a folder")
    export.add_argument("version", type=int)
    export.add_argument("--out", type=Path, required=True)


def run(args: argparse.Namespace) -> int:
    # Imported here so `build` (which shares the parser) never loads SQLAlchemy.
    from dashboard.data import DataError
    from dashboard.store.engine import StoreError, open_store
    from dashboard.store.versions import export_version, list_versions, publish_folder, rollback

    began = time.perf_counter()
    try:
        store = open_store()
        if args.command == "versions":
            for row in list_versions(store):
                flags = " (current)" if row.current else " (withdrawn)" if row.withdrawn else ""
                print(f"{row.id}{flags}\t{row.created_at:%Y-%m-%d %H:%M:%S}\t{row.created_by}"
                      f"\t{row.reports} report(s), {row.facts} facts\t{row.origin}\t{row.note}")
            return 0
        if args.command == "export":
            written = export_version(store, args.version, args.out)
            print(f"version {args.version}: {len(written)} file(s) -> {args.out}")
            return 0
        if args.rollback:
            done = rollback(store, args.by, args.note)
            print(f"version {done.previous_id} withdrawn; version {done.version_id} is current "
                  f"({done.reports} report(s), {done.facts} facts) in {store.label}")
            return 0
        done = publish_folder(store, args.data, args.by, args.note)
    except (DataError, StoreError) as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_ERROR
    if not done.created:
        print(f"{args.data}: same as version {done.version_id}, which is current; "
              "nothing to publish")
        return 0
    print(f"version {done.version_id} published and current ({done.reports} report(s), "
          f"{done.facts} facts) in {store.label} in {time.perf_counter() - began:.2f} s")
    return 0
