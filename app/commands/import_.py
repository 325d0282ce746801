"""`teeter import PATH` merges a JSON export; `teeter import --demo` loads the demo data set
(three days, moved so they end a few minutes ago) into an empty database."""

from __future__ import annotations

import argparse
from pathlib import Path

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="merge a JSON export into your data, or load the demo with --demo",
        description="Import a JSON file made by `teeter export`. It is all or nothing: a file "
        "with any bad value is refused and nothing changes. Entries already present are "
        "skipped, so importing the same file twice adds nothing the second time.",
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="a teeter JSON export")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load three days of example data ending a few minutes ago "
        "(into an empty database only)",
    )
    parser.set_defaults(run=run, output="confirms")


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now, zone_of
    from app.storage.file.database import Database
    from app.storage.transfer import TransferError
    from app.storage.transfer.merge import NotEmpty, import_bundle
    from app.storage.transfer.parse import read_file
    from app.storage.transfer.records import with_offsets

    if args.demo == (args.path is not None):
        raise UsageError("give the PATH of a teeter JSON export, or --demo (not both)")
    now = system_now()
    try:
        if args.demo:
            from app.storage.transfer.demo import load_demo

            bundle = load_demo()  # checked before the database is even opened
        else:
            bundle = read_file(Path(args.path).expanduser(), now)
    except TransferError as error:
        raise UsageError(str(error)) from None

    db = Database(location)
    try:
        if args.demo:
            from app.storage.tables import settings
            from app.storage.transfer.demo import shift_to_now

            bundle = shift_to_now(bundle, now, zone_of(now), settings.day_start_hour(db))
        bundle = with_offsets(bundle, zone_of(now))  # entries of a file made before v3
        summary = import_bundle(db, bundle, now.in_timezone("UTC"), only_if_empty=args.demo)
    except NotEmpty:
        raise UsageError(
            f"{location} already holds entries, and the demo is not mixed into them; try it in "
            f"a file of its own: teeter --db demo.db import --demo"
        ) from None
    except TransferError as error:
        raise UsageError(str(error)) from None
    finally:
        db.close()
    print(summary.line())
    if args.demo:
        print("demo loaded: open teeter and press l for the three-day log")
    return 0
