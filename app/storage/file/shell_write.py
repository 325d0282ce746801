"""`teeter log` writing with the standard library: the command a person types mid-bite.

Importing SQLModel and SQLAlchemy costs about ten times everything else `teeter log` does,
so the shell's write goes through plain `sqlite3` — with the same discipline as the app:
the file prepared (created, refused or upgraded) by `files.prepare`, the same PRAGMAs
(`synchronous=FULL`, WAL, foreign keys, busy timeout), the write lock taken up front
(`BEGIN IMMEDIATE`), the journal's identity page bumped like every teeter write
(`journal_wal.BUMP`), and the rows written by `rows`, the one definition the app uses too."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.domain.records import Exposure, ExposureSource, Stimulus, StimulusKind
from app.domain.text import clean_note, name_key
from app.storage.file import files, journal_wal, rows, waiting
from app.storage.file.errors import from_sqlite
from app.storage.server import url as server_url


@dataclass(frozen=True)
class Logged:
    exposure: Exposure
    before: Stimulus | None  # the stimulus as it was (None: created by this entry)
    after: Stimulus


def log_exposure(
    path: Path | str,
    *,
    stimulus: str,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str,
    source: ExposureSource,
    now: dt.datetime,
    kind: StimulusKind | None = None,
) -> Logged:
    """Record one exposure, committed and synced before this returns; a StorageError (one
    line) when the file cannot take it, and ValueError for a value the domain refuses."""

    from app.domain.days import offset_where
    from app.wall_clock import local_zone

    offset = offset_where(occurred_at, local_zone())  # where it was lived
    values = (stimulus, occurred_at, enjoyment, craving, note, source, now, kind, offset)
    if isinstance(path, str) and server_url.is_url(path):
        exposure_id, stimulus_id, name, before, after = _on_server(path, *values)
    else:
        exposure_id, stimulus_id, name, before, after = _in_file(Path(path), *values)
    assert after is not None
    exposure = Exposure(
        id=exposure_id,
        stimulus_id=stimulus_id,
        stimulus_name=name,
        occurred_at=occurred_at.astimezone(dt.UTC),
        enjoyment=enjoyment,
        craving=craving,
        note=clean_note(note),
        source=source,
        utc_offset=offset,
    )
    return Logged(exposure, before, after)


Written = tuple[int, int, str, Stimulus | None, Stimulus | None]
"""(exposure id, stimulus id, its name as stored, the stimulus before, and after)."""


def _write(
    conn: sqlite3.Connection,
    stimulus: str,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str,
    source: ExposureSource,
    now: dt.datetime,
    kind: StimulusKind | None,
    offset: int,
) -> Written:
    """The rows, inside the write transaction the caller holds (on either engine)."""
    before = _stimulus(conn, stimulus)
    stimulus_id, name, _ = rows.ensure_stimulus(conn, stimulus, now, kind)
    exposure_id = rows.insert_exposure(
        conn,
        stimulus_id=stimulus_id,
        occurred_at=occurred_at,
        enjoyment=enjoyment,
        craving=craving,
        note=note,
        source=source,
        now=now,
        utc_offset=offset,
    )
    return exposure_id, stimulus_id, name, before, _stimulus(conn, name)


def _in_file(path: Path, *args: object) -> Written:
    """Plain sqlite3: the file prepared, the write lock taken up front, the identity bumped."""
    files.prepare(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=files.BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise from_sqlite(path, error, "could not be opened") from None
    try:
        files.configure(conn)
        waiting.begin_write(conn)  # a long import elsewhere: wait, saying so
        conn.execute(journal_wal.BUMP)
        written = _write(conn, *args)  # type: ignore[arg-type]
        conn.execute("COMMIT")
    except sqlite3.IntegrityError:
        raise
    except sqlite3.Error as error:
        raise from_sqlite(path, error, "could not be used") from None
    finally:
        conn.close()  # without COMMIT, nothing was written
    return written


def _on_server(url: str, *args: object) -> Written:
    """A server journal: through `Database` (SQLAlchemy is needed to speak to it anyway),
    whose write takes the lock up front; the same rows, in the same SQL."""
    from app.storage.file.database import Database
    from app.storage.tables.stimuli import driver_connection

    db = Database(url)
    try:
        with db.write() as session:
            return _write(driver_connection(session), *args)  # type: ignore[arg-type]
    finally:
        db.close()


def _stimulus(conn: sqlite3.Connection, name: str) -> Stimulus | None:
    found = conn.execute(
        "SELECT id, name, kind, archived FROM stimulus WHERE name_key = ?", (name_key(name),)
    ).fetchone()
    if found is None:
        return None
    return Stimulus(
        id=found[0], name=found[1], kind=StimulusKind(found[2]), archived=bool(found[3])
    )
