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
    """A teeter journal, checked and upgraded on open: a SQLite file (a path), or a
    database on a PostgreSQL server (a `postgresql://` URL, `app.storage.server.engine`).

    Everything above this class is the same for both: the same models, the same queries,
    writes that take the lock up front. What only a file has (its identity on disk, its
    `-wal`, `PRAGMA data_version`) is checked only for a file."""

    def __init__(self, location: Location | Path | str) -> None:
        self.location = Location.of(location)
        self.name = self.location.describe()  # never with a password
        self._watcher: sqlite3.Connection | None = None
        if self.location.is_server:
            self._open_server(self.location.url)
            return
        self.url: str | None = None
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
        self._reader = self.engine  # a read transaction on a file is already a snapshot

    def _open_server(self, url: str) -> None:
        from app.storage.server import engine as server

        self.url = url
        self.path = Path(self.name)  # for messages only: nothing on disk is touched
        self._identity = None
        self.engine = server.engine_for(url)
        server.prepare(self.engine, self.name)
        event.listen(self.engine, "begin", _on_server_begin)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        # One snapshot for every query of a read, as a file's read transaction gives: at
        # READ COMMITTED, a screen's several queries could each see a different journal.
        self._reader = self.engine.execution_options(isolation_level="REPEATABLE READ")

    @property
    def on_server(self) -> bool:
        return self.url is not None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translate(), Session(self._reader, expire_on_commit=False) as session:
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
                said_by = str(error.orig)  # SQLite's busy file, or a server's lock timeout
                busy = "locked" in said_by or "busy" in said_by or "lock timeout" in said_by
                if not busy or time.monotonic() >= deadline:
                    raise
                if not said and waiting.notice is not None:
                    waiting.notice()
                    said = True

    def gone(self) -> str | None:
        """Why the file this Database opened is no longer the one at its path, or None
        (always None on a server: it has no file of ours to lose)."""
        if self.on_server:
            return None
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
        if self.on_server:
            from app.storage.server import engine as server

            with server.translated(self.name):
                yield
            return
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
        the shell wrote while they were open.

        On a server it is the journal's write counter, which every write transaction
        raises (`app.storage.server.engine`): one indexed one-row read, a round trip."""
        if self.on_server:
            from app.storage.server import engine as server

            with server.translated(self.name), self.engine.connect() as conn:
                return server.write_counter(conn)
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


def _on_server_begin(connection: sa.Connection) -> None:
    """A writer's first statement raises the write counter, taking its row's lock until
    commit: PostgreSQL's counterpart of BEGIN IMMEDIATE (`app.storage.server.engine`)."""
    if connection.get_execution_options().get(_WRITE):
        from app.storage.server import engine as server

        connection.exec_driver_sql(server.BUMP)


def _on_begin(connection: sa.Connection) -> None:
    writes = bool(connection.get_execution_options().get(_WRITE))
    connection.exec_driver_sql(f"BEGIN {'IMMEDIATE' if writes else 'DEFERRED'}")
    if writes:  # every transaction marks the journal's identity page (journal_wal)
        connection.exec_driver_sql(journal_wal.BUMP)
