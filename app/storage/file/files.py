"""Opening the database file safely with plain sqlite3 (no SQLAlchemy: `teeter status` uses
this too). A file is created owner-only and complete, or not at all; an existing file is
checked read-only before anything writes to it, and upgraded only after a backup."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import stat
from pathlib import Path

from app.storage.file import journal_wal, schema
from app.storage.file.errors import (
    DatabaseUnavailable,
    ForeignWal,
    NewerSchema,
    NotTeeterDatabase,
    StorageError,
    from_sqlite,
)
from app.storage.file.sqlite_paths import BUSY_TIMEOUT_MS, companions, readonly_uri
from app.storage.file.whole_copy import CopyExists, write_copy

SQLITE_HEADER = b"SQLite format 3\x00"


def inspect(path: Path) -> int:
    """The schema version of an existing teeter file, or a StorageError saying why not."""
    check_kind(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise NotTeeterDatabase(path, "is a directory, not a database file") from None
    except PermissionError:
        raise DatabaseUnavailable(path, "cannot be read (permission denied)") from None
    except OSError as error:
        raise DatabaseUnavailable(path, f"cannot be read ({error.strerror})") from None
    if not header:
        raise NotTeeterDatabase(path, "is an empty file, not a teeter database")
    if header != SQLITE_HEADER:
        raise NotTeeterDatabase(path, "is not a SQLite database (another kind of file)")
    try:
        app_id, version = _examine(path)
    except sqlite3.OperationalError as error:
        raise from_sqlite(path, error, "cannot be read") from None
    except sqlite3.DatabaseError as error:
        raise NotTeeterDatabase(path, f"is damaged and cannot be read ({error})") from None
    if app_id != schema.APPLICATION_ID:
        raise NotTeeterDatabase(path, "is a SQLite database of another program, not teeter's")
    if version > schema.SCHEMA_VERSION:
        raise NewerSchema(path, version, schema.SCHEMA_VERSION)
    return version


def _examine(path: Path) -> tuple[int, int]:
    """(application_id, user_version), after SQLite's quick check for a teeter file.

    When no `-wal` exists (no teeter has the file open) the file is read as immutable, so
    that looking at a file teeter then refuses leaves no journal files beside it. Should
    another teeter start writing meanwhile (a `-wal` appears, or the file changes), the
    answer is not trusted and the file is read again the ordinary, locked way."""
    real = path.resolve()  # SQLite keeps the log beside the real file, not a link
    wal = real.with_name(real.name + "-wal")
    if wal.exists():
        reason = _foreign_wal(path, wal)
        if reason is not None:
            raise ForeignWal(path, wal, reason)
    else:
        before = _stamp(path)
        try:
            found: tuple[int, int] | sqlite3.DatabaseError = _read(path, immutable=True)
        except sqlite3.DatabaseError as error:
            found = error
        if not wal.exists() and _stamp(path) == before:
            if isinstance(found, sqlite3.DatabaseError):
                raise found
            return found
    return _read(path, immutable=False)


def _foreign_wal(path: Path, wal: Path) -> str | None:
    """Why `wal` is not this file's, or None. A verdict against it is trusted only when
    neither file changed while it was read: a teeter writing meanwhile (a checkpoint, a
    new log generation) can make one look inconsistent for a moment."""
    import time

    reason = None
    for attempt in range(6):
        try:
            before = (_stamp(path), _stamp(wal))
        except FileNotFoundError:
            return None
        reason = journal_wal.foreign_reason(path)
        try:
            if reason is None or (_stamp(path), _stamp(wal)) == before:
                return reason
        except FileNotFoundError:
            return None
        time.sleep(0.02 * (attempt + 1))
    return reason


def _stamp(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


def _read(path: Path, immutable: bool) -> tuple[int, int]:
    uri = readonly_uri(path) + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if app_id == schema.APPLICATION_ID and version <= schema.SCHEMA_VERSION:
            # A damaged page deep in a table would otherwise surface mid-session; the check
            # reads every page once (~20 ms for 50,000 entries).
            verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                found = [line for line in verdict.splitlines() if "***" not in line]
                raise sqlite3.DatabaseError(" ".join(found) or "failed its check")
            # A table or column missing would crash a screen later, with a traceback.
            lacking = (
                "it has teeter's mark but no schema version"
                if version < 1
                else schema.missing_from(schema.shape(conn), version)
            )
            if lacking is not None:
                raise sqlite3.DatabaseError(f"{lacking}, so it is not a whole teeter journal")
    finally:
        conn.close()
    return app_id, version


def configure(conn: sqlite3.Connection) -> None:
    """PRAGMAs for every connection. WAL lets readers and one writer work at once;
    synchronous=FULL makes an acknowledged write survive a power cut (README: Durability)."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def create(path: Path) -> None:
    """Build a new database beside `path` and link it into place: a crash leaves either no
    file or a complete one, and two first launches at once cannot clobber each other."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.new-{os.getpid()}")
    for leftover in (temp, *companions(temp)):
        leftover.unlink(missing_ok=True)
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except PermissionError:
        raise DatabaseUnavailable(path, "cannot be created (permission denied)") from None
    except OSError as error:
        raise DatabaseUnavailable(path, f"cannot be created ({error.strerror})") from None
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            configure(conn)
            conn.execute("BEGIN IMMEDIATE")
            schema.upgrade(conn, 0)
            conn.execute("COMMIT")
        finally:
            conn.close()
        _link(temp, path)
    except sqlite3.Error as error:
        raise from_sqlite(path, error, "cannot be created") from None
    except OSError as error:
        raise DatabaseUnavailable(path, f"cannot be created ({error.strerror})") from None
    finally:
        for leftover in (temp, *companions(temp)):
            leftover.unlink(missing_ok=True)


def _link(temp: Path, path: Path) -> None:
    """Put the finished file in place unless another teeter got there first. A hard link
    cannot replace a file; where the file system has none (FAT, some network shares), a
    rename is the fallback, guarded by a check (a race there is a matter of microseconds)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        if not path.exists():
            os.rename(temp, path)


def backup(path: Path, version: int) -> Path:
    """An owner-only copy of the file as it was, written before any upgrade touches it.
    Named `<name>.v<N>-<UTC stamp>.bak`; when two teeters upgrade in the same second (or a
    killed upgrade is retried at once) the later one takes the next free second's name.
    Written under a temporary name, synced and checked before it gets that name
    (`whole_copy.write_copy`): a kill never leaves a `.bak` that looks good and holds nothing."""
    now = dt.datetime.now(dt.UTC)
    for seconds in range(120):
        stamp = f"{now + dt.timedelta(seconds=seconds):%Y%m%dT%H%M%S}"
        target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
        try:
            write_copy(path, target)
            return target
        except CopyExists:
            continue
        except StorageError as error:
            raise DatabaseUnavailable(
                path, f"cannot be backed up before its upgrade ({error}); it was left as it was"
            ) from None
    raise DatabaseUnavailable(path, "cannot be backed up (too many backups just now)")


def check_writable(path: Path) -> None:
    """teeter writes to its file and, for its journal (`-wal`, `-shm`), beside it. Say so
    up front: SQLite would otherwise open a read-only file, leave journal files next to it
    and fail only at the first write."""
    if path.is_dir():
        return  # inspect says what is wrong
    try:
        os.close(os.open(path, os.O_RDWR))
    except PermissionError:
        raise DatabaseUnavailable(
            path,
            "is read-only (permission denied); teeter needs to write to it and left it untouched",
        ) from None
    except OSError as error:
        if error.errno == errno.EROFS:
            raise DatabaseUnavailable(
                path,
                "is on a read-only file system; teeter needs to write to it and left it untouched",
            ) from None
        raise DatabaseUnavailable(path, f"cannot be opened ({error.strerror})") from None
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseUnavailable(
            path,
            "is in a read-only folder; teeter needs to write its journal beside it and "
            "left the file untouched",
        )


def check_kind(path: Path) -> None:
    """Only a regular file (or nothing yet) can be a journal. A pipe would hang every
    command, a device like /dev/tty would be read as "an empty file", and a symbolic link
    to nowhere would have SQLite create a stub at its target that every later command
    refuses: each is refused here with one line, before anything opens it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise DatabaseUnavailable(
                path,
                f"is a symbolic link to {os.readlink(path)}, which does not exist; point it "
                "at an existing journal or remove the link (nothing was created)",
            ) from None
        return
    except OSError as error:
        raise DatabaseUnavailable(path, f"cannot be reached ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotTeeterDatabase(path, "is a directory, not a database file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise NotTeeterDatabase(path, f"is {kind}, not a database file")


def prepare(path: Path) -> None:
    """Make `path` a teeter database of the current schema, or raise a StorageError."""
    check_kind(path)
    if not path.exists():
        create(path)
        return
    check_writable(path)
    version = inspect(path)
    if version == schema.SCHEMA_VERSION:
        return
    backup(path, version)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            configure(conn)
            conn.execute("BEGIN IMMEDIATE")
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current < schema.SCHEMA_VERSION:
                schema.upgrade(conn, current)
                conn.execute(journal_wal.BUMP)
            conn.execute("COMMIT")
        finally:
            conn.close()  # without COMMIT the upgrade is rolled back whole
    except sqlite3.Error as error:
        raise DatabaseUnavailable(
            path, f"could not be upgraded ({error}); it was left as it was, with a backup"
        ) from None
