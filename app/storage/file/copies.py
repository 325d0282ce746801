"""Copies of a journal that are whole or absent, and putting one back safely.

Copying the live file by hand is how people lose data: `cp` takes the main file without
what its `-wal` still holds, and putting an old copy back beside a newer `-wal` mixes two
states (teeter refuses that now, see `journal_wal`). So teeter makes copies itself:

- `write_copy` (in `whole_copy`) makes a copy that is whole or absent, through SQLite's own
  snapshot; upgrade backups use it too.
- `restore` copies a backup into the live journal through SQLite's backup API, so the
  change goes through the journal's own log like any write (a running teeter sees it as
  one transaction), after keeping the journal as it was in an upgrade-style `.bak`."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.storage.file import files, journal_wal, schema
from app.storage.file.errors import DatabaseUnavailable, NotTeeterDatabase
from app.storage.file.whole_copy import CopyExists, write_copy

__all__ = ["CopyExists", "Restored", "restore", "write_copy"]


@dataclass(frozen=True)
class Restored:
    entries: int  # exposures in the journal after the restore
    kept: Path | None  # the journal as it was, or None when there was none


def restore(live: Path, backup: Path) -> Restored:
    """Replace everything in `live` by what `backup` holds (a teeter journal, checked, and
    upgraded in a scratch copy when older). The journal as it was is kept first."""
    if backup.resolve() == live.resolve():
        raise NotTeeterDatabase(backup, "is the journal itself; give a backup to restore")
    files.inspect(backup)
    scratch = live.with_name(f".{live.name}.restore-{os.getpid()}.tmp")
    kept = None
    try:
        write_copy(backup, scratch, replace=True)
        _upgrade(scratch)
        if not live.exists():
            entries = write_copy(scratch, live)
            return Restored(entries, None)
        files.prepare(live)
        kept = files.backup(live, schema.SCHEMA_VERSION)
        _carry_identity(live, scratch)
        entries = _copy_into(scratch, live)
    finally:
        for leftover in (scratch, *files.companions(scratch)):
            leftover.unlink(missing_ok=True)
    return Restored(entries, kept)


def _upgrade(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < schema.SCHEMA_VERSION:
            schema.upgrade(conn, version)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _carry_identity(live: Path, scratch: Path) -> None:
    """The restored journal keeps the live one's identity, with a counter past every
    transaction the live one has seen: its `-wal` stays recognisably its own."""
    conn = sqlite3.connect(live, timeout=files.BUSY_TIMEOUT_MS / 1000)
    try:
        files.configure(conn)
        (stamp,) = conn.execute(f"SELECT stamp FROM {journal_wal.TABLE}").fetchone()
    finally:
        conn.close()
    match = journal_wal.STAMP.fullmatch(stamp.encode())
    if match is None:
        raise DatabaseUnavailable(live, "has no readable identity; nothing was restored")
    identity, counter = match[1].decode(), int(match[2]) + 1
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        conn.execute(
            f"UPDATE {journal_wal.TABLE} SET stamp = ?",
            (f"{journal_wal.PREFIX}{identity}:{counter:020d}",),
        )
    finally:
        conn.close()


def _copy_into(scratch: Path, live: Path) -> int:
    """Every page of `scratch` into `live` as one transaction; the exposures it holds."""
    source = sqlite3.connect(scratch)
    try:
        dest = sqlite3.connect(live, timeout=files.BUSY_TIMEOUT_MS / 1000)
        try:
            files.configure(dest)
            source.backup(dest)
            dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return int(dest.execute("SELECT count(*) FROM exposure").fetchone()[0])
        finally:
            dest.close()
    except sqlite3.Error as error:
        raise DatabaseUnavailable(
            live, f"could not be restored ({error}); it was left as it was"
        ) from None
    finally:
        source.close()
