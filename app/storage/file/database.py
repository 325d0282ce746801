"""The one place that owns the engine. Reads use plain transactions; writes use
`BEGIN IMMEDIATE`, which takes the write lock up front: a deferred transaction that reads and
then writes fails with "database is locked" if another process wrote in between, whatever
the busy timeout, while an immediate one simply waits its turn."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from app.storage.file import files, journal_wal, waiting
from app.storage.file.errors import DatabaseUnavailable, from_sqlite
from app.storage.file.location import Location

_WRITE = "teeter_write"


class Database:
    """A teeter database file, checked and upgraded on open."""

    def __init__(self, location: Location | Path | str) -> None:
        self.location = Location.of(location)
        self.path = self.location.path
        files.prepare(self.path)
        self._identity = _file_identity(self.path)
        self.engine = sa.create_engine(
            f"sqlite:///{self.path}",
            connect_args={"check_same_thread": False, "timeout": files.BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        self._watcher: sqlite3.Connection | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translate(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock from its first statement and
        commits when the block ends (rolls back if it raises).

        The file is checked before and after: when its folder was deleted or the file was
        replaced under a running teeter, SQLite keeps writing happily to the unlinked inode
        and everything vanishes at exit. So a write is refused, or its success withheld,
        with `JournalGone` (nothing is acknowledged that is not in the file on disk)."""
        self.ensure_present("nothing was saved")
        with self._translate():
            session, transaction = self._locked_session()
        with self._translate(), session, transaction:
            yield session
        self.ensure_present("the last change went to a file no longer on disk, so it is lost")

    def _locked_session(self) -> tuple[Session, Any]:
        """A session that already holds the write lock (its BEGIN IMMEDIATE ran), waiting
        in rounds of the busy timeout for as long as `waiting.patience_s` allows."""
        deadline = time.monotonic() + waiting.patience_s
        said = False
        while True:
            session = Session(self._writer, expire_on_commit=False)
            transaction = session.begin()
            try:
                session.connection()  # runs BEGIN IMMEDIATE: the wait happens here
                return session, transaction
            except OperationalError as error:
                session.close()
                busy = "locked" in str(error.orig) or "busy" in str(error.orig)
                if not busy or time.monotonic() >= deadline:
                    raise
                if not said and waiting.notice is not None:
                    waiting.notice()
                    said = True

    def gone(self) -> str | None:
        """Why the file this Database opened is no longer the one at its path, or None."""
        found = _file_identity(self.path)
        if found is None:
            return "was deleted (or its folder was) while teeter had it open"
        if found != self._identity:
            return "was replaced by another file while teeter had it open"
        return None

    def ensure_present(self, consequence: str) -> None:
        reason = self.gone()
        if reason is not None:
            raise JournalGone(self.path, f"{reason}; {consequence}")

    @contextmanager
    def _translate(self) -> Iterator[None]:
        """SQLite's failures as one line naming the file. A constraint violation stays what
        it is (a bug or a race the caller handles), not a problem with the file."""
        try:
            yield
        except IntegrityError:
            raise
        except DBAPIError as error:
            if not isinstance(error.orig, sqlite3.DatabaseError):
                raise
            raise _unavailable(self.path, error.orig) from None
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:
            raise _unavailable(self.path, error) from None

    def data_version(self) -> int:
        """A number that changes whenever anyone (another process, or this one) commits to
        the file: `PRAGMA data_version` on a connection kept only for asking it. It reads
        the WAL index, not the data, so it costs microseconds; screens poll it to show what
        the shell wrote while they were open."""
        try:
            if self._watcher is None:
                self._watcher = sqlite3.connect(
                    self.path, check_same_thread=False, isolation_level=None, timeout=0.2
                )
            return int(self._watcher.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.DatabaseError as error:
            raise _unavailable(self.path, error) from None

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self.engine.dispose()


class JournalGone(DatabaseUnavailable):
    """The journal's file was deleted or replaced under a running teeter."""


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _unavailable(path: Path, error: BaseException | None) -> DatabaseUnavailable:
    return from_sqlite(path, error, "could not be used")


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
    files.configure(dbapi_connection)


def _on_begin(connection: sa.Connection) -> None:
    writes = bool(connection.get_execution_options().get(_WRITE))
    connection.exec_driver_sql(f"BEGIN {'IMMEDIATE' if writes else 'DEFERRED'}")
    if writes:  # every transaction marks the journal's identity page (journal_wal)
        connection.exec_driver_sql(journal_wal.BUMP)
