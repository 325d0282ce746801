"""Deleting everything a person recorded, so that it cannot be read back from the disk.

Deleting rows is not enough: SQLite leaves a deleted row's bytes in free pages, and the
write-ahead log keeps copies of the pages it wrote. So the rows are deleted with
`secure_delete` on (freed space is overwritten with zeros), the file is rebuilt with
`VACUUM`, the log is checkpointed and truncated to zero bytes, and the backup copies teeter
made before schema upgrades are removed. The file itself stays: an empty teeter database.

Plain sqlite3, no SQLAlchemy: the settings screen can call `forget_all` while the app's own
engine is idle."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.storage.file import files, journal_wal
from app.storage.file.errors import DatabaseUnavailable


@dataclass(frozen=True)
class Forgotten:
    rows: int  # rows deleted from teeter's tables
    backups: tuple[Path, ...]  # backup files removed
    existed: bool  # whether the database file was there at all


class ForgetIncomplete(DatabaseUnavailable):
    """The rows are gone but another program held the file open, so its log may still
    hold old pages."""


def backups_of(path: Path) -> list[Path]:
    """The backups `files.backup` wrote beside `path`: `<name>.v<N>-<stamp>.bak`."""
    name = re.escape(path.name)
    pattern = re.compile(rf"^{name}\.v\d+-\d{{8}}T\d{{6}}\.bak$")
    # what a killed backup or restore left: a hidden temporary copy (app.storage.file.copies)
    leftover = re.compile(rf"^\.{name}\.(v\d+-\d{{8}}T\d{{6}}\.bak\.teeter|restore)-\d+\.tmp$")
    if not path.parent.is_dir():
        return []
    return sorted(
        p for p in path.parent.iterdir() if pattern.match(p.name) or leftover.match(p.name)
    )


def forget_all(path: Path) -> Forgotten:
    """Delete every row, scrub the file and its log, remove teeter's backups."""
    path = Path(path).expanduser()
    rows = 0
    existed = path.exists()
    if existed:
        files.check_writable(path)  # before SQLite leaves a -wal and -shm beside it
        files.inspect(path)  # never scrub a file that is not teeter's (raises StorageError)
        rows = _scrub(path)
    removed = []
    for backup in backups_of(path):
        for suffix in ("", "-wal", "-shm", "-journal"):
            backup.with_name(backup.name + suffix).unlink(missing_ok=True)
        removed.append(backup)
    return Forgotten(rows=rows, backups=tuple(removed), existed=existed)


def _scrub(path: Path) -> int:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=files.BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DatabaseUnavailable(path, f"could not be opened ({error})") from None
    try:
        files.configure(conn)
        # Every table is emptied, so there is no dangling reference to check.
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        tables = [
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        rows = 0
        if journal_wal.TABLE in tables:
            conn.execute(journal_wal.BUMP)
        for table in tables:
            if table == journal_wal.TABLE:
                continue  # the file's identity, not the person's data (journal_wal)
            deleted = conn.execute(f'DELETE FROM "{table.replace(chr(34), chr(34) * 2)}"')
            if not table.startswith("sqlite_"):
                rows += max(deleted.rowcount, 0)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        busy, log_pages, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as error:
        raise DatabaseUnavailable(path, f"could not be cleared ({error})") from None
    finally:
        conn.close()
    if busy or log_pages != done:
        raise ForgetIncomplete(
            path,
            "every entry was deleted, but another program still has the file open, so its "
            "log may keep old pages; close teeter everywhere and run forget again",
        )
    return rows
