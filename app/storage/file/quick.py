"""Reads for `teeter status`, which a shell prompt runs before every command.

So this module imports only the standard library (no SQLAlchemy, no SQLModel, no pendulum:
each costs tens of milliseconds per prompt), never creates or changes anything, and never
raises: when there is no readable teeter database it answers None and the prompt stays quiet.

Nothing created includes SQLite's companion files. A read-only connection to a WAL database
creates `-wal` and `-shm` when they are missing, so when no `-wal` exists (no teeter has the
file open, and every change has been folded into the main file) the file is opened as
immutable instead, which reads the main file alone. Should a writer fold in changes during
that millisecond, the read fails or is stale for one prompt; nothing can be damaged, because
nothing here writes. When a `-wal` exists, the ordinary read-only open uses it.

Times are stored by SQLAlchemy as UTC text `YYYY-MM-DD HH:MM:SS.ffffff` and read back here as
aware UTC datetimes; days are stored as `YYYY-MM-DD`."""

from __future__ import annotations

import datetime as dt
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from app.domain.steps import STEPS
from app.storage.file import journal_wal
from app.storage.file.schema import APPLICATION_ID, SCHEMA_VERSION, STEP_ROWS_STEP

# The schema's own numbers (`schema` imports only sqlite3 at the top). When the schema version
# goes up, check that the queries below still read what they need.
KNOWN_SCHEMA_VERSION = SCHEMA_VERSION
STEP_ROWS_VERSION = STEP_ROWS_STEP  # from here on, steps are rows of checkin_step
# Copies (their modules import pendulum or SQLModel); tests keep them equal.
DEFAULT_DAY_START_HOUR = 4  # app.domain.days.DEFAULT_DAY_START_HOUR (it imports pendulum)
DAY_START_HOUR_KEY = "day_start_hour"  # app.storage.tables.settings.DAY_START_HOUR
STEP_COLUMNS = tuple(step.value for step in STEPS)  # columns of `checkin` before version 6
BUSY_TIMEOUT_S = 0.2  # a prompt never waits long; a busy file just means a quiet prompt


# A timer not ended yet, as (stimulus name, end as aware UTC). Its end may have passed: the
# app closes a timer that ran out (after asking about the urge), never the shell.
OpenTimer = tuple[str, dt.datetime]


class Snapshot:
    """What the prompt line is made of. (A plain class: `typing` alone costs ~5 ms.)"""

    __slots__ = ("timers", "checkin_steps")

    def __init__(
        self, timers: tuple[OpenTimer, ...], checkin_steps: tuple[str, ...] | None
    ) -> None:
        self.timers = timers  # soonest end first
        self.checkin_steps = checkin_steps  # today's step states in order; None: not started

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return (self.timers, self.checkin_steps) == (other.timers, other.checkin_steps)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Snapshot(timers={self.timers!r}, checkin_steps={self.checkin_steps!r})"


def snapshot(path: Path, today: Callable[[int], dt.date]) -> Snapshot | None:
    """Open timers and today's check-in, read in one transaction. `today(day_start_hour)`
    gives the person's current day for the stored day-start hour. None when `path` is not a
    readable teeter database (missing, not SQLite, another program's, newer, damaged, busy)."""
    conn = _connect(path)
    if conn is None:
        return None
    try:
        conn.execute("BEGIN")
        if not is_teeter(conn):
            return None
        return read_snapshot(conn, today)
    except (sqlite3.Error, ValueError, TypeError, OverflowError):
        return None
    finally:
        conn.close()


def read_snapshot(
    conn: sqlite3.Connection, today: Callable[[int], dt.date], version: int | None = None
) -> Snapshot:
    """The snapshot's reads, inside a transaction the caller began, in SQL both engines
    take (a server journal's status passes `portable.ServerSql` and its schema `version`,
    `app.storage.server.status`; a file's version is its `user_version`)."""
    day = today(day_start_hour(conn))
    rows = conn.execute(
        "SELECT stimulus.name, timer.ends_at FROM timer"
        " JOIN stimulus ON stimulus.id = timer.stimulus_id"
        " WHERE timer.ended_at IS NULL ORDER BY timer.ends_at, timer.id"
    ).fetchall()
    checkin = checkin_on(conn, day, version)
    timers: list[OpenTimer] = []
    for name, ends_at in rows:
        when = parse_utc(ends_at)
        if when is not None and isinstance(name, str):
            timers.append((name, when))
    steps = None
    if checkin is not None:
        states = dict(checkin[1])
        steps = tuple(str(states.get(step.value, "pending")) for step in STEPS)
    return Snapshot(tuple(timers), steps)


CheckInRead = tuple[tuple[object, ...], list[tuple[str, str]]]


def checkin_on(
    conn: sqlite3.Connection, day: dt.date, version: int | None = None
) -> CheckInRead | None:
    """The check-in of `day` as (id, day, started_at, completed_at) and its (step, state)
    pairs, from a file of either shape: rows of `checkin_step` from version 6, the four
    columns of `checkin` before (a file not yet upgraded by the app). None: not started."""
    row = conn.execute(
        "SELECT id, day, started_at, completed_at FROM checkin WHERE day = ?", (day.isoformat(),)
    ).fetchone()
    if row is None:
        return None
    if version is None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= STEP_ROWS_VERSION:
        pairs = conn.execute(
            "SELECT step, state FROM checkin_step WHERE checkin_id = ?", (row[0],)
        ).fetchall()
    else:  # the steps a file of that age has, by their column names
        found = conn.execute("SELECT * FROM checkin WHERE id = ?", (row[0],))
        names = [column[0] for column in found.description]
        pairs = [(n, v) for n, v in zip(names, found.fetchone(), strict=True) if n in STEP_COLUMNS]
    return tuple(row), [(str(step), str(state)) for step, state in pairs]


def stored_day_start_hour(path: Path) -> int:
    """The stored day-start hour, read without creating or changing anything; the default
    when there is no readable teeter database yet (`teeter log` reads a typed time with it
    before it writes)."""
    conn = _connect(path)
    if conn is None:
        return DEFAULT_DAY_START_HOUR
    try:
        return day_start_hour(conn) if is_teeter(conn) else DEFAULT_DAY_START_HOUR
    except (sqlite3.Error, ValueError, TypeError):
        return DEFAULT_DAY_START_HOUR
    finally:
        conn.close()


def _connect(path: Path) -> sqlite3.Connection | None:
    try:
        if not path.is_file():
            return None
        real = path.resolve()  # SQLite keeps the log beside the real file, not a link
        wal = real.with_name(real.name + "-wal")
        if wal.exists() and journal_wal.foreign_reason(path) is not None:
            return None  # another file's log: what it holds is not this journal's
        mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        uri = f"file:{urllib.parse.quote(str(path.resolve()))}?{mode}"
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except (OSError, ValueError, sqlite3.Error):
        return None


def parse_utc(stored: object) -> dt.datetime | None:
    """A stored UTC time as an aware datetime; None when it cannot be read. (A server
    hands back a datetime already.)"""
    if isinstance(stored, dt.datetime):
        return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored.astimezone(dt.UTC)
    if not isinstance(stored, str):
        return None
    try:
        when = dt.datetime.fromisoformat(stored)
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def is_teeter(conn: sqlite3.Connection) -> bool:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return app_id == APPLICATION_ID and 1 <= version <= KNOWN_SCHEMA_VERSION


def day_start_hour(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (DAY_START_HOUR_KEY,)).fetchone()
    try:
        hour = int(row[0]) if row is not None else DEFAULT_DAY_START_HOUR
    except (TypeError, ValueError):
        return DEFAULT_DAY_START_HOUR
    return hour if 0 <= hour <= 23 else DEFAULT_DAY_START_HOUR
