"""`teeter copy --to URL`: the whole journal moved into another, empty one — a local file
into a journal on a PostgreSQL server, or back — in one transaction, with every table's
count checked before it commits. The journal copied from is only read."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "copy",
        help="copy the whole journal into another, empty one (e.g. on a server)",
        description="Copy everything in the journal (--db, TEETER_DB or the default) into "
        "another one that holds no entries yet: a postgresql:// URL or a file. It happens in "
        "one transaction, the count of every table is checked before it commits, and the "
        "journal copied from is left as it was.",
    )
    parser.add_argument(
        "--to", required=True, metavar="URL", help="postgresql://user@host/dbname, or a file"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now
    from app.paths import EmptyPath, database_location
    from app.storage.file.database import Database
    from app.storage.transfer import TransferError
    from app.storage.transfer.copy import copy_journal

    try:
        target = database_location(args.to)
    except EmptyPath as error:
        raise UsageError(str(error).replace("--db", "--to")) from None
    if target == location or (
        target.is_file and location.is_file and target.path.resolve() == location.path.resolve()
    ):
        raise UsageError(f"{target} is the journal itself; give another one to copy into")
    if not location.exists():
        raise UsageError(f"no journal at {location}; nothing to copy (check --db or TEETER_DB)")
    source = Database(location)
    try:
        into = Database(target)
        try:
            copied = copy_journal(source, into, system_now().in_timezone("UTC"))
        except TransferError as error:
            raise UsageError(str(error)) from None
        finally:
            into.close()
    finally:
        source.close()
    print(
        f"copied {location} into {target}: {copied.line()}, every table's count checked; "
        f"{location} was left as it was"
    )
    return 0
