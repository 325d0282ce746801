"""Creating a stimulus and recording an exposure, in plain SQL on a `sqlite3` connection (or
`portable.ServerSql` on PostgreSQL: the SQL is written for both) inside a write transaction
the caller holds: the one definition of those rows.

Both write paths use it: the app's (`exposures.log`, through SQLAlchemy's own connection
inside `Database.write`) and the shell's (`shell_write`, plain sqlite3, because `teeter log`
is typed mid-bite and importing SQLModel costs ten times the rest of the command). What a
valid row is stays defined once: the domain checks the values, the frozen schema's
constraints check them again, and this module writes them — a test writes the same entries
through both paths and compares every column.

Standard library and domain only."""

from __future__ import annotations

import datetime as dt
import sqlite3

from app.domain.days import offset_where
from app.domain.lexicon import default_kind
from app.domain.ratings import check_rating
from app.domain.records import ExposureSource, StimulusKind
from app.domain.text import clean_name, clean_note, name_key


def stored_time(when: dt.datetime) -> str:
    """An aware instant as teeter stores it (as SQLModel's column does): naive UTC text,
    `YYYY-MM-DD HH:MM:SS.ffffff`, which sorts and compares as a string. PostgreSQL reads
    the same text as UTC: teeter's server sessions run with `TimeZone=UTC`."""
    if when.tzinfo is None:
        raise ValueError("a stored time must be aware")
    utc = when.astimezone(dt.UTC).replace(tzinfo=None)
    return utc.isoformat(sep=" ", timespec="microseconds")


def ensure_stimulus(
    conn: sqlite3.Connection, name: str, now: dt.datetime, kind: StimulusKind | None = None
) -> tuple[int, str, bool]:
    """(id, name as stored, created) of the stimulus called `name` (any case), created if new.

    `kind` is what the person said it is: a new stimulus gets it, an existing one changes to
    it. Without one, a new stimulus gets the kind its name plainly is ("wine" is alcohol,
    see `app.domain.lexicon`), else "other"; an existing one keeps its kind."""
    cleaned = clean_name(name)
    found = conn.execute(
        "SELECT id, name, kind FROM stimulus WHERE name_key = ?", (name_key(cleaned),)
    ).fetchone()
    if found is None:
        chosen = kind or default_kind(cleaned)
        cursor = conn.execute(
            "INSERT INTO stimulus (name, name_key, kind, archived, created_at)"
            " VALUES (?, ?, ?, FALSE, ?) RETURNING id",
            (cleaned, name_key(cleaned), chosen.value, stored_time(now)),
        )
        return int(cursor.fetchone()[0]), cleaned, True
    stimulus_id, stored_name, stored_kind = found
    if kind is not None and stored_kind != kind.value:
        conn.execute("UPDATE stimulus SET kind = ? WHERE id = ?", (kind.value, stimulus_id))
    return int(stimulus_id), str(stored_name), False


def insert_exposure(
    conn: sqlite3.Connection,
    *,
    stimulus_id: int,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str,
    source: ExposureSource,
    now: dt.datetime,
    utc_offset: int | None = None,
) -> int:
    """A new exposure row (its stimulus brought back from the archive: logging it again
    means it is in use); its id. Validates before writing. It keeps the UTC offset where it
    was lived: `utc_offset`, else `occurred_at`'s own or the machine zone's
    (`app.domain.days.offset_where`)."""
    if utc_offset is None:
        from app.wall_clock import local_zone

        utc_offset = offset_where(occurred_at, local_zone())
    check_rating(enjoyment, "enjoyment")
    check_rating(craving, "craving")
    note = clean_note(note)
    conn.execute("UPDATE stimulus SET archived = FALSE WHERE id = ? AND archived", (stimulus_id,))
    cursor = conn.execute(
        "INSERT INTO exposure"
        " (stimulus_id, occurred_at, enjoyment, craving, note, source, created_at, utc_offset)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            stimulus_id,
            stored_time(occurred_at),
            enjoyment,
            craving,
            note,
            source.value,
            stored_time(now),
            utc_offset,
        ),
    )
    return int(cursor.fetchone()[0])
