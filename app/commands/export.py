"""`teeter export [--format json|csv] [--output PATH] [--force]`: all your data, to stdout
or to a new owner-only file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export",
        help="write all your data as JSON (everything) or CSV (entries)",
        description="Export your data. JSON holds everything and can be imported again with "
        "`teeter import`; CSV holds one row per entry, for a spreadsheet. Times are UTC. "
        "Without --output the export goes to standard output.",
    )
    parser.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json: everything, for import (default); csv: exposures, for a spreadsheet",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="a new file, written owner-only (0600); - or no --output: standard output",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace --output if it already exists"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now
    from app.storage.file.database import Database
    from app.storage.transfer import OutputUnwritable, TransferError, write_private

    output = Path(args.output).expanduser() if args.output not in (None, "-") else None
    if output is not None and location.is_file and _is_database(output, location.path):
        raise UsageError(f"{output} is the database itself; choose another file for the export")
    if not location.exists():  # like report and status: a mistyped --db creates nothing
        raise UsageError(f"no database at {location}; nothing to export (check --db or TEETER_DB)")
    db = Database(location)
    try:
        if args.format == "csv":
            from app.storage.transfer.csv_export import export_csv_chunks

            text = export_csv_chunks(db)
        else:
            from app.storage.transfer.json_export import export_chunks

            text = export_chunks(db, system_now().in_timezone("UTC"))
        data = (chunk.encode("utf-8") for chunk in text)  # streamed: memory stays flat
        if output is None:
            _write_stdout(data)
            return 0
        try:
            write_private(output, data, force=args.force)
        except OutputUnwritable as error:  # a full disk is not bad input: exit 1, not 2
            print(f"teeter export: {error}", file=sys.stderr)
            return 1
        except TransferError as error:
            raise UsageError(str(error)) from None
    finally:
        db.close()
    print(f"exported to {output} ({args.format}, owner-only)", file=sys.stderr)
    return 0


def _is_database(output: Path, db_path: Path) -> bool:
    """Whether writing `output` would clobber the database or one of its companion files."""
    db = db_path.expanduser().resolve()
    guarded = {db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))}
    return output.resolve() in guarded


def _write_stdout(data: Iterable[bytes]) -> None:
    """Bytes, not text: UTF-8 whatever the locale, and CSV line ends left as written. Every
    byte or a failure (`app.commands.stdout`), and synced when stdout is a file: a person
    redirecting an export is making a backup."""
    from app.commands import stdout

    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        for chunk in data:
            sys.stdout.write(chunk.decode("utf-8"))
        return
    sys.stdout.flush()
    for chunk in data:
        written = buffer.write(chunk)
        if written is not None and written != len(chunk):
            raise stdout.OutputFailed(OSError(28, "only part of it could be written"))
    buffer.flush()
    stdout.sync()
