"""Schema versions, kept in `PRAGMA user_version`, upgraded by ordered steps.

Why `user_version` and not Alembic: teeter owns one small file on one machine; the version
is one integer read in microseconds at start-up with plain sqlite3 (which `teeter status`
needs), every step runs in the same transaction as the version bump (a crash leaves the old
or the new schema, never half), and there is no extra dependency or migration directory.

To change the schema: add `_step_N` below, register it in STEPS, raise SCHEMA_VERSION, and
keep a fixture database of the previous version in tests. Never edit a released step."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

APPLICATION_ID = 0x74656574  # "teet": marks a file as teeter's (PRAGMA application_id)
SCHEMA_VERSION = 6
LIVED_OFFSETS_STEP = 5  # the step that gave exposures and reframes their utc_offset
STEP_ROWS_STEP = 6  # the step that moved a check-in's steps into rows of checkin_step


def _step_1(conn: sqlite3.Connection) -> None:
    """The frozen first schema, in the engine's own words (`schema_v1.sql` for SQLite,
    `schema_v1_postgresql.sql` for PostgreSQL: the same tables, columns and constraints)."""
    from importlib import resources  # here, not above: `teeter status` imports this module

    from app.storage.file.portable import POSTGRESQL, dialect_of

    name = "schema_v1_postgresql.sql" if dialect_of(conn) == POSTGRESQL else "schema_v1.sql"
    ddl = resources.files("app.storage").joinpath(name).read_text("utf-8")
    for statement in ddl.split(";"):
        body = "\n".join(
            line for line in statement.splitlines() if not line.lstrip().startswith("--")
        ).strip()
        if body:
            conn.execute(body)


def _step_2(conn: sqlite3.Connection) -> None:
    """Each journal gets an identity and a write counter, so a `-wal` beside it can be
    told apart from one of another file or another copy (`app.storage.file.journal_wal`)."""
    from app.storage.file import journal_wal

    conn.execute(
        f"CREATE TABLE {journal_wal.TABLE} ("
        "id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), stamp VARCHAR NOT NULL)"
    )
    conn.execute(
        f"INSERT INTO {journal_wal.TABLE} (id, stamp) VALUES (1, ?)", (journal_wal.new_stamp(),)
    )


def _step_3(conn: sqlite3.Connection) -> None:
    """Kinds that mean something: "substance" splits into the classes whose care differs
    (alcohol, sedative, opioid, nicotine, other substance), and a stimulus whose name
    plainly is one (wine kept as "drink", xanax as "other") moves to that class. A kind
    the person chose for a name teeter does not recognise stays as it was."""
    from app.domain.lexicon import kind_before_the_split
    from app.domain.records import StimulusKind

    rows = conn.execute(
        "SELECT id, name, kind FROM stimulus WHERE kind IN ('substance', 'drink', 'other')"
    ).fetchall()
    for stimulus_id, name, kind in rows:
        moved = kind_before_the_split(StimulusKind(kind), name)
        if moved.value != kind:
            conn.execute("UPDATE stimulus SET kind = ? WHERE id = ?", (moved.value, stimulus_id))


def _step_4(conn: sqlite3.Connection) -> None:
    """Timers reach the person with teeter closed: claims record, once for every process,
    that a notification was sent or a question shown; urge ratings given long after a
    timer's end are kept apart from the end-of-timer answer, each with its own time."""
    from app.storage.file.portable import word

    time, key = word(conn, "time"), word(conn, "id")  # DATETIME and INTEGER … on SQLite
    conn.execute(
        f"CREATE TABLE claim ( key VARCHAR NOT NULL PRIMARY KEY, claimed_at {time} NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE urge_rating ("
        f" id {key},"
        " stimulus_id INTEGER NOT NULL REFERENCES stimulus (id) ON DELETE CASCADE,"
        " timer_id INTEGER REFERENCES timer (id) ON DELETE SET NULL,"
        f" rated_at {time} NOT NULL,"
        " urge INTEGER NOT NULL,"
        " source VARCHAR NOT NULL,"
        " CONSTRAINT ck_urge_rating_urge CHECK (urge BETWEEN 1 AND 10))"
    )
    conn.execute("CREATE INDEX ix_urge_rating_stimulus_time ON urge_rating (stimulus_id, rated_at)")
    conn.execute("CREATE INDEX ix_urge_rating_timer_id ON urge_rating (timer_id)")


def _step_5(conn: sqlite3.Connection) -> None:
    """Days as lived: exposures and reframes keep the UTC offset in force where they were
    logged, so travelling never moves them to another day. Rows from before get the offset
    the person's zone (the zone teeter runs in now) had at their time: each stays on the
    day it was shown on until now."""

    from app.domain.days import offset_minutes
    from app.wall_clock import local_zone

    zone = local_zone()
    for table in ("exposure", "reframe"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN utc_offset INTEGER")
        rows = conn.execute(f"SELECT id, occurred_at FROM {table}").fetchall()
        conn.executemany(
            f"UPDATE {table} SET utc_offset = ? WHERE id = ?",
            [
                (offset_minutes(_stored_utc(stored).astimezone(zone)), row_id)
                for row_id, stored in rows
            ],
        )


def _step_6(conn: sqlite3.Connection) -> None:
    """A check-in's steps as rows: one row of `checkin_step` per step done or skipped (a
    step without a row is pending), so a new step is a change to the domain's list
    (`app.domain.checkin.STEPS`), not to the schema. The four columns schema 1 gave the steps
    are copied over, then dropped."""
    conn.execute(
        "CREATE TABLE checkin_step ("
        " checkin_id INTEGER NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,"
        " step VARCHAR NOT NULL,"
        " state VARCHAR NOT NULL,"
        " PRIMARY KEY (checkin_id, step))"
    )
    for step in ("notice", "track", "space", "reframe"):  # schema 1's columns: frozen here
        conn.execute(
            f"INSERT INTO checkin_step (checkin_id, step, state)"
            f" SELECT id, '{step}', {step} FROM checkin WHERE {step} != 'pending'"
        )
        conn.execute(f"ALTER TABLE checkin DROP COLUMN {step}")


def _stored_utc(stored: str | dt.datetime) -> dt.datetime:
    """A stored time as aware UTC: naive UTC text on SQLite, an aware time on PostgreSQL."""
    import datetime as dt

    when = stored if isinstance(stored, dt.datetime) else dt.datetime.fromisoformat(stored)
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _step_1,
    2: _step_2,
    3: _step_3,
    4: _step_4,
    5: _step_5,
    6: _step_6,
}


def upgrade(conn: sqlite3.Connection, from_version: int) -> None:
    """Run every step after `from_version`. The caller holds the write transaction.

    The steps run on both engines (`app.storage.file.portable`); only where the version is kept
    differs: SQLite's `PRAGMA user_version` here, a one-row table on PostgreSQL (its caller,
    `app.storage.server.engine`, writes it)."""
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](conn)
    from app.storage.file.portable import SQLITE, dialect_of

    if dialect_of(conn) != SQLITE:
        return
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


Shape = dict[str, tuple[str, ...]]


def shape(conn: sqlite3.Connection) -> Shape:
    """Every table of a database (SQLite's own aside) and its columns in order."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: tuple(row[1] for row in conn.execute(f'PRAGMA table_info("{table}")'))
        for table in tables
    }


_EXPECTED: dict[tuple[object, ...], Shape] = {}


def expected_shape(version: int) -> Shape:
    """The tables and columns a file of `version` must have: the current version's as
    `schema_shapes` keeps it (a test holds it to its steps), an older one (a file about to
    be upgraded) built by `built_shape`."""
    from app.storage.file import schema_shapes

    if version == schema_shapes.VERSION:
        return schema_shapes.SHAPE
    return built_shape(version)


def built_shape(version: int) -> Shape:
    """The tables and columns running steps 1 to `version` on an empty in-memory database
    gives (some milliseconds and the steps' imports, once per version and process)."""
    key = tuple(STEPS[step] for step in range(1, version + 1))
    if key not in _EXPECTED:
        conn = sqlite3.connect(":memory:")
        try:
            for step in key:
                step(conn)  # type: ignore[operator]
            _EXPECTED[key] = shape(conn)
        finally:
            conn.close()
    return _EXPECTED[key]


def missing_from(found: Shape, version: int) -> str | None:
    """What a file of `version` lacks (a table, or a column of one), said in a few words;
    None when everything teeter uses is there. Extra tables or columns are allowed."""
    for table, columns in expected_shape(version).items():
        if table not in found:
            return f"its table {table} is missing"
        lacking = [c for c in columns if c not in found[table]]
        if lacking:
            return f"its table {table} lacks {', '.join(lacking)}"
    return None
