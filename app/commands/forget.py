"""`teeter forget --yes`: delete every entry, scrub the file and its log, remove backups."""

from __future__ import annotations

import argparse
import sys

from app.domain.wording import counted

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "forget",
        help="delete all your data for good (needs --yes)",
        description="Delete every entry, timer, check-in, reframe, experiment, stimulus and "
        "setting. Deleted bytes are overwritten and the file is compacted, so they cannot be "
        "read back; the backups teeter made before upgrades are removed too. There is no undo: "
        "run `teeter export --output FILE` first if you want a copy.",
    )
    parser.add_argument("--yes", action="store_true", help="yes, delete everything")
    parser.set_defaults(run=run, output="confirms")


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError

    if not args.yes:
        raise UsageError(
            f"this deletes everything in {location} for good; add --yes to do it "
            "(teeter export --output FILE keeps a copy first)"
        )
    if location.is_server:
        return _forget_on_server(location)
    from app.storage.file.forget import forget_all

    result = forget_all(location.path)
    removed = len(result.backups)
    backups = f"; {counted(removed, 'backup')} removed" if removed else ""
    if not result.existed:
        print(f"nothing to forget: {location} does not exist{backups}")
    else:
        entries = counted(result.rows, "row")
        print(
            f"forgot everything in {location}: {entries} deleted, the file and its log "
            f"scrubbed{backups}"
        )
    return 0


def _forget_on_server(location: Location) -> int:
    """Every row of the server journal, deleted in one write; what a server keeps is said."""
    from app.domain.wording import counted
    from app.storage.file.database import Database
    from app.storage.server.forget import SERVER_LIMITS, forget_rows

    if not location.exists():
        print(f"nothing to forget: {location} holds no teeter journal")
        return 0
    db = Database(location)
    try:
        rows = forget_rows(db)
    finally:
        db.close()
    print(f"forgot everything in {location}: {counted(rows, 'row')} deleted")
    print(f"teeter cannot promise more: {SERVER_LIMITS}", file=sys.stderr)
    return 0
