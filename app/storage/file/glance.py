"""The home screen's first look at the journal, read with the standard library alone.

What a person waits for when teeter opens is their own data. SQLModel and SQLAlchemy cost
about half a second to import on a small machine, so the home screen is drawn from this read
(a few milliseconds of plain `sqlite3`) while the full storage stack loads in the background.
It answers exactly what `overview.overview` answers — the same rows, the same order, the
same domain values (a test compares the two on the same file) — and like `quick.snapshot`
it never creates or changes a file and answers None rather than raising: the full open that
follows says what is wrong with a file, once."""

from __future__ import annotations

import datetime as dt
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from app.clock import Zone
from app.domain.checkin import CheckInProgress
from app.domain.days import lived_on, lived_range
from app.domain.overview import Overview
from app.domain.records import (
    CheckIn,
    Exposure,
    ExposureSource,
    Outcome,
    Reframe,
    Timer,
    TimerEnd,
)
from app.storage.file import journal_wal, quick

Bounds = Callable[[int], tuple[dt.date, dt.datetime, dt.datetime]]


def home_overview(path: Path, bounds: Bounds, zone: Zone) -> tuple[int, Overview] | None:
    """(day-start hour, what home shows) for the file at `path`. `bounds(day_start_hour)`
    gives today's date and its [start, end) in UTC, in the person's `zone`: entries are
    counted on the day they were lived (`app.domain.days.lived_on`)."""
    try:
        if not path.is_file():
            return None
        real = path.resolve()  # SQLite keeps the log beside the real file, not a link
        wal = real.with_name(real.name + "-wal")
        if wal.exists() and journal_wal.foreign_reason(path) is not None:
            return None  # another file's log: the full open refuses it, with one line
        mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        uri = f"file:{urllib.parse.quote(str(path.resolve()))}?{mode}"
        conn = sqlite3.connect(uri, uri=True, timeout=quick.BUSY_TIMEOUT_S, isolation_level=None)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        conn.execute("BEGIN")
        if not quick.is_teeter(conn):
            return None
        hour = quick.day_start_hour(conn)
        day, start, end = bounds(hour)
        found = Overview(
            day=day,
            checkin=_checkin(conn, day),
            timers=_open_timers(conn),
            today=_today(conn, day, zone, hour),
            reframes=_reframes_on(conn, day, zone, hour),
        )
        conn.execute("COMMIT")
    except (sqlite3.Error, ValueError, TypeError, OverflowError, KeyError):
        return None
    finally:
        conn.close()
    return hour, found


def _stored(when: dt.datetime) -> str:
    """An instant as SQLAlchemy stores it: naive UTC text, comparable as a string."""
    return when.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _utc(stored: object) -> dt.datetime:
    when = quick.parse_utc(stored)
    if when is None:
        raise ValueError(f"unreadable stored time {stored!r}")
    return when


def _checkin(conn: sqlite3.Connection, day: dt.date) -> CheckIn | None:
    found = quick.checkin_on(conn, day)
    if found is None:
        return None
    (checkin_id, stored_day, started_at, completed_at), pairs = found
    if not isinstance(checkin_id, int) or not isinstance(stored_day, str):
        raise ValueError("unreadable check-in")
    return CheckIn(
        id=checkin_id,
        day=dt.date.fromisoformat(stored_day),
        progress=CheckInProgress.from_stored(pairs),
        started_at=_utc(started_at),
        completed_at=_utc(completed_at) if completed_at is not None else None,
    )


def _open_timers(conn: sqlite3.Connection) -> list[Timer]:
    rows = conn.execute(
        "SELECT timer.id, timer.stimulus_id, stimulus.name, timer.started_at, timer.ends_at,"
        " timer.end_reason, timer.urge, timer.urge_asked FROM timer"
        " JOIN stimulus ON stimulus.id = timer.stimulus_id"
        " WHERE timer.ended_at IS NULL ORDER BY timer.ends_at, timer.id"
    ).fetchall()
    return [
        Timer(
            id=row[0],
            stimulus_id=row[1],
            stimulus_name=row[2],
            started_at=_utc(row[3]),
            ends_at=_utc(row[4]),
            ended_at=None,
            end_reason=TimerEnd(row[5]) if row[5] else None,
            urge=row[6],
            urge_asked=bool(row[7]),
        )
        for row in rows
    ]


def _today(conn: sqlite3.Connection, day: dt.date, zone: Zone, hour: int) -> list[Exposure]:
    start, end = lived_range(day, day, zone, hour)
    return lived_on(_exposures(conn, start, end), day, day, zone, hour)


def _exposures(conn: sqlite3.Connection, start: dt.datetime, end: dt.datetime) -> list[Exposure]:
    rows = conn.execute(
        "SELECT exposure.id, exposure.stimulus_id, stimulus.name, exposure.occurred_at,"
        " exposure.enjoyment, exposure.craving, exposure.note, exposure.source,"
        " exposure.utc_offset FROM exposure"
        " JOIN stimulus ON stimulus.id = exposure.stimulus_id"
        " WHERE exposure.occurred_at >= ? AND exposure.occurred_at < ?"
        " ORDER BY exposure.occurred_at, exposure.id",
        (_stored(start), _stored(end)),
    ).fetchall()
    return [
        Exposure(
            id=row[0],
            stimulus_id=row[1],
            stimulus_name=row[2],
            occurred_at=_utc(row[3]),
            enjoyment=row[4],
            craving=row[5],
            note=row[6],
            source=ExposureSource(row[7]),
            utc_offset=row[8],
        )
        for row in rows
    ]


def _reframes_on(
    conn: sqlite3.Connection, day: dt.date, zone: Zone, hour: int
) -> list[tuple[Reframe, str | None]]:
    start, end = lived_range(day, day, zone, hour)
    named = _reframes(conn, start, end)
    kept = {id(r) for r in lived_on([r for r, _ in named], day, day, zone, hour)}
    return [(r, name) for r, name in named if id(r) in kept]


def _reframes(
    conn: sqlite3.Connection, start: dt.datetime, end: dt.datetime
) -> list[tuple[Reframe, str | None]]:
    rows = conn.execute(
        "SELECT reframe.id, reframe.occurred_at, reframe.stimulus_id, reframe.label,"
        " reframe.craving_before, reframe.craving_after, reframe.outcome, reframe.surf_minutes,"
        " stimulus.name, reframe.utc_offset"
        " FROM reframe LEFT JOIN stimulus ON stimulus.id = reframe.stimulus_id"
        " WHERE reframe.occurred_at >= ? AND reframe.occurred_at < ?"
        " ORDER BY reframe.occurred_at, reframe.id",
        (_stored(start), _stored(end)),
    ).fetchall()
    return [
        (
            Reframe(
                id=row[0],
                occurred_at=_utc(row[1]),
                stimulus_id=row[2],
                label=row[3],
                craving_before=row[4],
                craving_after=row[5],
                outcome=Outcome(row[6]) if row[6] else None,
                surf_minutes=row[7],
                utc_offset=row[9],
            ),
            row[8],
        )
        for row in rows
    ]
