"""A journal on a PostgreSQL server: the engine, the schema, the lock, the errors.

**The schema.** The same tables as a file, made by the same ordered steps
(`app.storage.file.schema`: v1 in PostgreSQL's words, later steps written once for both). The
version lives in a one-row table, `teeter_schema` (PostgreSQL has no `user_version`). A
journal is created, or upgraded, in one transaction under an advisory lock: PostgreSQL's
DDL is transactional, so a failure leaves no half-made tables, and two first launches at
once make it once. A database that holds other tables and no `teeter_schema` is another
program's and is refused untouched; a newer schema is refused as on a file.

**The lock.** Every write transaction's first statement adds one to the journal's write
counter (the single row of `journal_identity`, `BUMP`), which takes that row's lock until
commit. So writers queue up front, as with SQLite's `BEGIN IMMEDIATE`, and since the
transactions run at READ COMMITTED each statement after the lock sees everything the writer
before committed: a read-then-write (is this name taken? what is today's check-in?) never
races another and never fails with a serialisation error to be retried. The counter is
also what open screens poll to see another machine's changes (`data_version`).

**The connection.** Sessions run with `TimeZone=UTC` (times round-trip as aware UTC, and
the UTC text `rows` writes is read as UTC), a short connect timeout, and TLS unless the
server is local (`app.storage.server.url.tls_mode`). Passwords come from the URL, `PGPASSWORD` or
`~/.pgpass` (libpq reads the last two) and are never printed."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from app.storage.file import files, schema
from app.storage.file.errors import DatabaseUnavailable, NewerSchema, NotTeeterDatabase
from app.storage.file.portable import ServerSql
from app.storage.server import url as server_url

VERSION_TABLE = "teeter_schema"
IDENTITY_TABLE = "journal_identity"
COUNTER_AT = 49  # 1-based: `teeter-journal:` + 32 hex + `:` come before the counter
BUMP = (
    f"UPDATE {IDENTITY_TABLE} SET stamp = substr(stamp, 1, {COUNTER_AT - 1}) || "
    f"lpad((CAST(substr(stamp, {COUNTER_AT}) AS BIGINT) + 1)::text, 20, '0')"
)
CONNECT_TIMEOUT_S = 5
EXTRA_MISSING = "a journal on a server needs the postgres extra: pip install 'teeter[postgres]'"


def engine_for(url: str, *, connect_timeout: int = CONNECT_TIMEOUT_S) -> sa.Engine:
    """An engine for `url` (nothing connects yet). DatabaseUnavailable when the extra is
    not installed or the URL asks for too little TLS."""
    shown = server_url.shown(url)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseUnavailable(shown, EXTRA_MISSING) from None  # type: ignore[arg-type]
    try:
        server_url.check(url)
        mode = server_url.tls_mode(url)
    except server_url.BadUrl as error:
        raise DatabaseUnavailable(shown, str(error).split(": ", 1)[-1]) from None  # type: ignore[arg-type]
    try:
        target = sa.engine.make_url(url).set(drivername="postgresql+psycopg")
    except sa.exc.ArgumentError:
        raise DatabaseUnavailable(shown, "is not a URL teeter can read") from None  # type: ignore[arg-type]
    args: dict[str, Any] = {
        "connect_timeout": connect_timeout,
        # a writer waits for another's lock as long as on a file (files.BUSY_TIMEOUT_MS)
        "options": f"-c TimeZone=UTC -c lock_timeout={files.BUSY_TIMEOUT_MS}",
        "application_name": "teeter",
    }
    if mode is not None:
        args["sslmode"] = mode
    return sa.create_engine(target, connect_args=args, pool_pre_ping=True)


def prepare(engine: sa.Engine, shown: str) -> None:
    """Make the database a teeter journal of the current schema, or raise a StorageError:
    created or upgraded whole in one transaction, or left exactly as it was."""
    with translated(shown), engine.connect() as conn, conn.begin():
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({schema.APPLICATION_ID})")
        tables = set(
            conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).scalars()
        )
        sql = ServerSql(conn.connection.driver_connection)
        if VERSION_TABLE not in tables:
            if tables:
                raise NotTeeterDatabase(
                    shown,  # type: ignore[arg-type]
                    f"holds tables of another program ({', '.join(sorted(tables)[:3])}), "
                    "not a teeter journal; give teeter a database of its own",
                )
            schema.upgrade(sql, 0)  # type: ignore[arg-type]
            conn.exec_driver_sql(
                f"CREATE TABLE {VERSION_TABLE} ("
                " application_id INTEGER NOT NULL, version INTEGER NOT NULL)"
            )
            conn.exec_driver_sql(
                f"INSERT INTO {VERSION_TABLE} VALUES ({schema.APPLICATION_ID}, "
                f"{schema.SCHEMA_VERSION})"
            )
            return
        found = conn.exec_driver_sql(f"SELECT application_id, version FROM {VERSION_TABLE}").all()
        if len(found) != 1 or found[0][0] != schema.APPLICATION_ID:
            raise NotTeeterDatabase(shown, "has a damaged teeter_schema table")  # type: ignore[arg-type]
        version = int(found[0][1])
        if version > schema.SCHEMA_VERSION:
            raise NewerSchema(shown, version, schema.SCHEMA_VERSION)  # type: ignore[arg-type]
        lacking = schema.missing_from(shape(conn), version)
        if lacking is not None:
            raise NotTeeterDatabase(shown, f"{lacking}, so it is not a whole teeter journal")  # type: ignore[arg-type]
        if version < schema.SCHEMA_VERSION:
            schema.upgrade(sql, version)  # type: ignore[arg-type]
            conn.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version = {schema.SCHEMA_VERSION}")
            conn.exec_driver_sql(BUMP)


def shape(conn: sa.Connection) -> schema.Shape:
    """Every table of the journal's schema and its columns in order."""
    found: dict[str, list[str]] = {}
    for table, column in conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ):
        found.setdefault(table, []).append(column)
    return {table: tuple(columns) for table, columns in found.items()}


def holds_journal(engine: sa.Engine, shown: str) -> bool:
    """Whether the database has a teeter schema yet (reads only; creates nothing)."""
    with translated(shown), engine.connect() as conn:
        return bool(
            conn.exec_driver_sql(
                "SELECT 1 FROM pg_tables WHERE schemaname = current_schema()"
                f" AND tablename = '{VERSION_TABLE}'"
            ).first()
        )


def write_counter(conn: sa.Connection) -> int:
    stamp = conn.exec_driver_sql(f"SELECT stamp FROM {IDENTITY_TABLE}").scalar_one()
    return int(str(stamp)[COUNTER_AT - 1 :])


class translated:
    """psycopg's failures as one line naming the journal (without its password). A
    constraint violation stays what it is (a race the caller handles)."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, error: BaseException | None, _tb: object) -> None:
        if error is None:
            return
        import psycopg

        orig = error.orig if isinstance(error, sa.exc.DBAPIError) else error
        if isinstance(orig, psycopg.IntegrityError) or not isinstance(orig, psycopg.Error):
            return  # not the server's: it goes on as it was
        raise unavailable(self.shown, orig) from None


def unavailable(shown: str, error: BaseException) -> DatabaseUnavailable:
    """What went wrong with the server, said as what the person can do about it."""
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    lower = text.lower()
    if "lock timeout" in lower:
        why = "stayed busy in another teeter for too long; try again"
    elif "password authentication failed" in lower or "no password supplied" in lower:
        why = "the server refused the user name or password (nothing was read or written)"
    elif "does not exist" in lower and "database" in lower:
        why = "no such database on the server (create it first: createdb NAME)"
    elif "role" in lower and "does not exist" in lower:
        why = "the server has no such user"
    elif "timeout" in lower:
        why = "the server did not answer in time (is it running? is the host right?)"
    elif any(
        part in lower
        for part in ("connection refused", "no such file", "could not translate host", "failed")
    ) and ("connect" in lower or "socket" in lower):
        why = "cannot reach the server (is it running? is the host right?)"
    elif (
        "closed the connection" in lower
        or "terminating connection" in lower
        or ("consuming input failed" in lower)
    ):
        why = "the server went away mid-way; what was being saved was not saved, try again"
    elif "permission denied" in lower:
        why = f"the server refused: {first}"
    elif "ssl" in lower:
        why = f"could not set up TLS with the server ({first})"
    else:
        why = f"could not be used ({first})"
    return DatabaseUnavailable(shown, why)  # type: ignore[arg-type]
