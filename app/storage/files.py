"""Opening the database file safely with plain sqlite3 (no SQLAlchemy: `teeter status` uses
this too). A file is created owner-only and complete, or not at all; an existing file is
checked read-only before anything writes to it, and upgraded only after a backup."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
from pathlib import Path

import pendulum

from app.storage import schema
from app.storage.errors import DatabaseUnavailable, NewerSchema, NotTeeterDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def readonly_uri(path: Path) -> str:
    return f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"


def inspect(path: Path) -> int:
    """The schema version of an existing teeter file, or a StorageError saying why not."""
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
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotTeeterDatabase(path, f"is damaged and cannot be read ({error})") from None
    if app_id != schema.APPLICATION_ID:
        raise NotTeeterDatabase(path, "is a SQLite database of another program, not teeter's")
    if version > schema.SCHEMA_VERSION:
        raise NewerSchema(path, version, schema.SCHEMA_VERSION)
    return version


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
    for leftover in (temp, *_companions(temp)):
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
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
    except sqlite3.OperationalError as error:
        raise DatabaseUnavailable(path, f"cannot be created ({error})") from None
    finally:
        for leftover in (temp, *_companions(temp)):
            leftover.unlink(missing_ok=True)


def _companions(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def backup(path: Path, version: int) -> Path:
    """An owner-only copy of the file as it was, written before any upgrade touches it."""
    stamp = pendulum.now("UTC").format("YYYYMMDDTHHmmss")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    source = sqlite3.connect(readonly_uri(path), uri=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target


def prepare(path: Path) -> None:
    """Make `path` a teeter database of the current schema, or raise a StorageError."""
    if not path.exists():
        create(path)
        return
    version = inspect(path)
    if version == schema.SCHEMA_VERSION:
        return
    backup(path, version)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        configure(conn)
        conn.execute("BEGIN IMMEDIATE")
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current < schema.SCHEMA_VERSION:
            schema.upgrade(conn, current)
        conn.execute("COMMIT")
    finally:
        conn.close()
