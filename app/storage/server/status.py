"""`teeter status` for a journal on a server: psycopg alone (no SQLAlchemy, no pendulum),
the same reads as for a file (`quick.read_snapshot`), and silence on any failure.

A prompt must not hang when the server is down: a Unix socket or a refused port answers at
once, and anything slower is cut at `CONNECT_TIMEOUT_S` (libpq's smallest timeout). The
session is read-only and creates nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.storage.file import quick
from app.storage.file.portable import ServerSql
from app.storage.server import url as server_url

CONNECT_TIMEOUT_S = 2
SCHEMA_APPLICATION_ID = quick.APPLICATION_ID


def snapshot(url: str, today: Callable[[int], dt.date]) -> quick.Snapshot | None:
    """Open timers and today's check-in on the server journal at `url`; None when it
    cannot be read for any reason (no extra, no server, no journal, a newer schema)."""
    conn = _connect(url)
    if conn is None:
        return None
    try:
        sql = ServerSql(conn)
        version = _version(sql)
        if version is None:
            return None
        return quick.read_snapshot(sql, today, version)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a prompt line is never worth a traceback
        return None
    finally:
        conn.close()


def _connect(url: str):  # type: ignore[no-untyped-def]
    try:
        import psycopg

        mode = server_url.tls_mode(url)
        extra: dict[str, object] = {"sslmode": mode} if mode else {}
        conn = psycopg.connect(
            url,
            connect_timeout=CONNECT_TIMEOUT_S,
            options="-c TimeZone=UTC -c default_transaction_read_only=on",
            application_name="teeter status",
            **extra,  # type: ignore[arg-type]
        )
    except Exception:  # noqa: BLE001 - no extra, a bad URL, no server: a quiet prompt
        return None
    return conn


def _version(sql: ServerSql) -> int | None:
    """The journal's schema version when it is a teeter journal this teeter reads."""
    found = sql.execute(
        "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
        ("teeter_schema",),
    ).fetchone()
    if found is None:
        return None
    row = sql.execute("SELECT application_id, version FROM teeter_schema").fetchone()
    if row is None or row[0] != SCHEMA_APPLICATION_ID:
        return None
    return int(row[1]) if 1 <= row[1] <= quick.KNOWN_SCHEMA_VERSION else None


def stored_day_start_hour(url: str) -> int:
    """The server journal's day-start hour, read without creating anything; the default
    when it cannot be read (`teeter log` reads a typed time with it before it writes, and
    its write says what is wrong with the server)."""
    conn = _connect(url)
    if conn is None:
        return quick.DEFAULT_DAY_START_HOUR
    try:
        sql = ServerSql(conn)
        known = _version(sql) is not None
        return quick.day_start_hour(sql) if known else quick.DEFAULT_DAY_START_HOUR  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001
        return quick.DEFAULT_DAY_START_HOUR
    finally:
        conn.close()
