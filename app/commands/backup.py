"""`teeter backup FILE` and `teeter restore FILE`: the safe way to keep and put back a copy
of the journal (copying the live file by hand can lose what its `-wal` still holds, or mix
two states; see `app.storage.file.copies`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.domain.wording import counted

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "backup",
        help="write a complete, checked, owner-only copy of your journal to FILE",
        description="Copy the journal, including what its write-ahead log still holds, into "
        "a new owner-only file. The copy is written under a temporary name, synced to disk "
        "and checked before it takes FILE's name. Use this (or teeter export), never cp, "
        "while teeter may be running.",
    )
    parser.add_argument("file", metavar="FILE", help="the new backup file")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(run=run_backup, output="confirms")

    restore = subparsers.add_parser(
        "restore",
        help="replace your journal with a backup made by teeter backup",
        description="Put a backup back in place of the journal. The journal as it was is "
        "kept first as <name>.v<N>-<time>.bak beside it; the backup is checked, upgraded "
        "if it is older, and copied in as one transaction, so a running teeter is never "
        "left with half of it.",
    )
    restore.add_argument("file", metavar="FILE", help="a backup made by teeter backup")
    restore.add_argument("--yes", action="store_true", help="yes, replace the journal")
    restore.set_defaults(run=run_restore, output="confirms")


def run_backup(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.storage.file import files
    from app.storage.file.copies import CopyExists, write_copy

    _file_only(location)
    target = Path(args.file).expanduser()
    if _same_file(target, location.path):
        raise UsageError(f"{target} is the journal itself; choose another file for the backup")
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name for the backup")
    if not location.path.exists():
        raise UsageError(f"{location} does not exist yet; there is nothing to back up")
    files.inspect(location.path)
    try:
        entries = write_copy(location.path, target, replace=args.force)
    except CopyExists as error:
        raise UsageError(str(error)) from None
    count = counted(entries, "entry")
    print(f"backed up {location} to {target}: {count}, checked, owner-only")
    return 0


def run_restore(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.storage.file.copies import restore
    from app.storage.file.errors import StorageError

    _file_only(location)
    source = Path(args.file).expanduser()
    if not args.yes:
        raise UsageError(
            f"this replaces everything in {location} with {source}; add --yes to do it "
            "(the journal as it was is kept beside it as a .bak)"
        )
    if not source.is_file():
        raise UsageError(f"{source}: no such backup file; nothing was restored")
    if _same_file(source, location.path):
        raise UsageError(f"{source} is the journal itself; give a backup to restore")
    try:
        result = restore(location.path, source)
    except StorageError as error:
        if str(source) in str(error):
            raise UsageError(f"{error}; nothing was restored") from None
        raise
    kept = f"; the journal as it was is kept in {result.kept}" if result.kept else ""
    count = counted(result.entries, "entry")
    print(f"restored {source} into {location}: {count}{kept}")
    return 0


def _same_file(path: Path, db_path: Path) -> bool:
    db = db_path.expanduser().resolve()
    guarded = {db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))}
    return path.resolve() in guarded


def _file_only(location: Location) -> None:
    """Backups are copies of a file; a server journal has its own ways."""
    from app.cli import UsageError

    if location.is_server:
        raise UsageError(
            f"{location} is on a server: backup and restore copy a journal file; use teeter "
            "export --output FILE and teeter import FILE (lossless), or the server's own backups"
        )
