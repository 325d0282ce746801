"""A copy of a journal that is whole or absent.

`write_copy` asks SQLite for a consistent snapshot (`VACUUM INTO`, which reads through the
WAL) into a temporary name beside the target, syncs it, checks it is a whole teeter journal,
and only then renames it into place and syncs the folder. A kill at any moment leaves no
file under the target's name or a complete one. `teeter backup` and the backup before an
upgrade both use it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.storage.file import schema
from app.storage.file.errors import DatabaseUnavailable, StorageError
from app.storage.file.sqlite_paths import BUSY_TIMEOUT_MS, companions, readonly_uri


class CopyExists(StorageError):
    """The target of a backup is already there."""


def write_copy(source: Path, target: Path, *, replace: bool = False) -> int:
    """A verified, synced, owner-only copy of the journal `source` at `target`; returns the
    number of exposures in it. `source` must already have passed `files.inspect`."""
    if os.path.lexists(target) and not replace:
        raise CopyExists(f"{target} already exists; choose another name (or add --force)")
    temp = target.with_name(f".{target.name}.teeter-{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    try:
        # created empty and owner-only first: VACUUM INTO fills an empty file as it is
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(readonly_uri(source), uri=True, timeout=_timeout())
        try:
            conn.execute("VACUUM INTO ?", (str(temp),))
        finally:
            conn.close()
        _sync(temp)
        entries = _verify(temp)
        if replace:
            os.replace(temp, target)
        else:
            os.link(temp, target)  # never replaces a file made meanwhile
            temp.unlink()
        _sync(target.parent)
    except FileExistsError:
        raise CopyExists(f"{target} already exists; choose another name") from None
    except sqlite3.Error as error:
        raise DatabaseUnavailable(target, f"the copy could not be written ({error})") from None
    except OSError as error:
        raise DatabaseUnavailable(
            target, f"the copy could not be written ({error.strerror})"
        ) from None
    finally:
        for leftover in (temp, *companions(temp)):
            leftover.unlink(missing_ok=True)
    return entries


def _verify(path: Path) -> int:
    """The copy is a whole teeter journal: SQLite's check, teeter's marks, its tables."""
    conn = sqlite3.connect(readonly_uri(path) + "&immutable=1", uri=True)
    try:
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM exposure").fetchone()[0]
    except sqlite3.Error as error:
        raise sqlite3.DatabaseError(f"the copy did not read back: {error}") from None
    finally:
        conn.close()
    if verdict != "ok" or app_id != schema.APPLICATION_ID or version < 1:
        raise sqlite3.DatabaseError("the copy did not read back as a whole teeter journal")
    return int(entries)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _timeout() -> float:
    return BUSY_TIMEOUT_MS / 1000
