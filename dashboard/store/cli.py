"""The database commands of ``python -m dashboard.pipeline``: publish, rollback, versions,
export. Each prints one line per result; a problem is one line on stderr and exit status 2.

``publish`` imports ``seeds/`` (and the hand-kept ``data/actuals.csv``) into the database
and composes the new version there, with the uploads, review decisions and approved
in-year figures the database holds: the same one composer as every other publisher.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

EXIT_ERROR = 2


def add_commands(commands: argparse._SubParsersAction, data_dir: Path,  # type: ignore[type-arg]
                 seeds_dir: Path) -> None:
    publish = commands.add_parser(
        "publish", help="import seeds/ into the database and publish the version composed "
        "from it (DATABASE_URL, default the SQLite file under instance/)")
    publish.add_argument("--seeds", type=Path, default=seeds_dir,
                         help="folder of report texts, sources.yml and review/ (default seeds/)")
    publish.add_argument("--actuals", type=Path, default=data_dir / "actuals.csv",
                         help="figures kept by hand (default data/actuals.csv)")
    publish.add_argument("--rollback", action="store_true",
                         help="make the previous version current again instead")
    publish.add_argument("--note", default="", help="why (kept in the publish log)")
    publish.add_argument("--by", default=None, help="who (default user@host)")
    versions = commands.add_parser("versions", help="list the data versions in the database")
    versions.add_argument("--explain", type=int, metavar="N",
                          help="what version N was composed from")
    export = commands.add_parser("export", help="write a version's files to a folder")
    export.add_argument("version", type=int)
    export.add_argument("--out", type=Path, required=True)


def run(args: argparse.Namespace) -> int:
    # Deliberately lazy, for start-up time: `build` and `extract` share this parser and never
    # need the publishing and composing code (about 1.4 s of imports on this machine).
    from dashboard.data import DataError
    from dashboard.pipeline.text import ReportError
    from dashboard.store import StoreError, open_store
    from dashboard.store.publishing import explain, publish_current, rollback_current
    from dashboard.store.sources import import_seeds
    from dashboard.store.versions import default_actor, export_version, list_versions

    began = time.perf_counter()
    try:
        store = open_store()
        if args.command == "versions":
            if args.explain is not None:
                print("\n".join(explain(store, args.explain)))
                return 0
            for row in list_versions(store):
                flags = " (current)" if row.current else " (withdrawn)" if row.withdrawn else ""
                print(f"{row.id}{flags}\t{row.created_at:%Y-%m-%d %H:%M:%S}\t{row.created_by}"
                      f"\t{row.reports} report(s), {row.facts} facts\t{row.origin}\t{row.note}")
            return 0
        if args.command == "export":
            written = export_version(store, args.version, args.out)
            print(f"version {args.version}: {len(written)} file(s) -> {args.out}")
            return 0
        actor = args.by or default_actor()
        if args.rollback:
            done = rollback_current(store, actor, args.note)
            print(f"version {done.previous_id} withdrawn; version {done.version_id} is current "
                  f"({done.reports} report(s), {done.facts} facts) in {store.label}")
            return 0
        # Publishing is asked for: seeds/ as it is now, even the folder imported last (a
        # text a rollback took away comes back); only start-up skips an unchanged folder.
        imported = import_seeds(store, args.seeds, args.actuals, actor, again=True)
        done = publish_current(store, actor, args.note, origin=f"seeds ({args.seeds.name})")
    except ReportError as exc:
        print(f"error: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_ERROR
    except (DataError, StoreError) as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_ERROR
    sources = f"seeds: {imported.added} new, {imported.retired} retired, {imported.kept} kept"
    if not done.created:
        print(f"{sources}; same as version {done.version_id}, which is current; "
              "nothing to publish")
        return 0
    print(f"{sources}; version {done.version_id} published and current ({done.reports} "
          f"report(s), {done.facts} facts) in {store.label} in "
          f"{time.perf_counter() - began:.2f} s")
    return 0
