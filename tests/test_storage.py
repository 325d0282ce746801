"""The database file: creation, permissions, time round trips, refusal of bad files, and
writes that never meet "database is locked"."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pendulum
import pytest

from app.domain.checkin import Step, StepState
from app.domain.records import ExposureSource, TimerEnd
from app.storage.file import files, schema
from app.storage.file.database import Database
from app.storage.file.errors import NewerSchema, NotTeeterDatabase
from app.storage.tables import checkins, exposures, stimuli, timers

NOW = pendulum.datetime(2026, 11, 24, 9, 30, tz="Europe/Paris")


def log(db: Database, name: str = "coffee", when: pendulum.DateTime = NOW, **kw: object):  # type: ignore[no-untyped-def]
    return exposures.log(
        db,
        stimulus=name,
        occurred_at=when,
        enjoyment=kw.get("enjoyment", 7),  # type: ignore[arg-type]
        craving=kw.get("craving", 4),  # type: ignore[arg-type]
        note=kw.get("note", ""),  # type: ignore[arg-type]
        source=ExposureSource.TRACK,
        now=NOW,
    )


def test_new_file_and_its_wal_are_owner_only(db_path: Path) -> None:
    db = Database(db_path)
    log(db)
    for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    db.close()
    assert not list(db_path.parent.glob(".teeter.db.new-*"))


def test_schema_version_and_pragmas(file_db: Database, db_path: Path) -> None:
    db = file_db
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with db.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_frozen_v1_schema_matches_the_models(db: Database) -> None:
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    import app.storage.tables.models  # noqa: F401

    inspector = sa.inspect(db.engine)
    for table in SQLModel.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name


def test_times_round_trip_as_aware_utc(db: Database) -> None:
    saved = log(db, when=pendulum.datetime(2026, 3, 29, 3, 30, tz="Europe/Berlin"))
    [back] = exposures.between(db, NOW.subtract(years=1), NOW.add(days=1))
    assert back.occurred_at.utcoffset() == dt.timedelta(0)
    assert back.occurred_at == saved.occurred_at
    assert back.occurred_at == pendulum.datetime(2026, 3, 29, 1, 30, tz="UTC")


def test_names_are_unique_ignoring_case(db: Database) -> None:
    log(db, "Coffee")
    log(db, "COFFEE")
    log(db, "coffee ")
    assert [s.name for s in stimuli.list_active(db)] == ["Coffee"]
    assert len(exposures.between(db, NOW.subtract(days=1), NOW.add(days=1))) == 3


def test_window_query_reads_only_the_window(db: Database) -> None:
    for days_ago in range(10):
        log(db, when=NOW.subtract(days=days_ago))
    found = exposures.between(db, NOW.subtract(days=2, minutes=1), NOW.add(minutes=1))
    assert len(found) == 3
    if db.on_server:
        return  # the plan below is SQLite's; PostgreSQL's planner picks by table size
    with db.read() as session:
        plan = (
            session.connection()
            .exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM exposure WHERE occurred_at >= '2026' "
                "AND occurred_at < '2027'"
            )
            .all()
        )
    assert "INDEX" in " ".join(str(row) for row in plan)


def test_checkin_steps_and_completion(db: Database) -> None:
    day = dt.date(2026, 11, 24)
    assert checkins.for_day(db, day) is None
    for step in (Step.NOTICE, Step.TRACK, Step.SPACE):
        checkins.mark_step(db, day, step, StepState.DONE, NOW)
    record = checkins.mark_step(db, day, Step.REFRAME, StepState.SKIPPED, NOW)
    assert record.progress.complete and record.completed_at == NOW


def test_timer_ends_once_and_ran_out_keeps_its_own_end(db: Database) -> None:
    timer = timers.start(db, "coffee", dt.timedelta(hours=2), NOW)
    later = NOW.add(hours=5)
    ended = timers.finish(db, timer.id, TimerEnd.RAN_OUT, later)
    assert ended is not None and ended.ended_at == timer.ends_at
    assert timers.finish(db, timer.id, TimerEnd.RAN_OUT, later) is None
    assert timers.active(db) == []


def test_ratings_are_checked_before_writing(db: Database) -> None:
    with pytest.raises(ValueError):
        log(db, enjoyment=11)
    assert stimuli.list_active(db) == []


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize(
    "content,error",
    [
        (b"", NotTeeterDatabase),
        (b"hello, I am a text file\n", NotTeeterDatabase),
        (b"SQLite format 3\x00" + b"\xff" * 200, NotTeeterDatabase),
    ],
)
def test_bad_files_are_refused_untouched(tmp_path: Path, content: bytes, error: type) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        Database(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_other_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _snapshot(path)
    with pytest.raises(NotTeeterDatabase, match="another program"):
        Database(path)
    assert _snapshot(path) == before


def test_newer_schema_is_refused_untouched(file_db: Database, db_path: Path) -> None:
    file_db.close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = _snapshot(db_path)
    with pytest.raises(NewerSchema, match="newer teeter"):
        Database(db_path)
    assert _snapshot(db_path) == before


def test_backup_is_owner_only_copy(file_db: Database, db_path: Path) -> None:
    log(file_db, note="keep me")
    file_db.close()
    backup = files.backup(db_path, 1)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT note FROM exposure").fetchall() == [("keep me",)]


def test_two_processes_writing_at_once_never_see_locked(where: str) -> None:
    """Three connections interleave read-then-write transactions; the lock taken up front
    (BEGIN IMMEDIATE, or the write counter's row on a server) makes each wait its turn
    instead of failing."""
    db_path = where
    Database(db_path).close()
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        db = Database(db_path)
        try:
            for i in range(40):
                log(db, name, when=NOW.subtract(minutes=i))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("coffee", "tea", "phone")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db = Database(db_path)
    assert len(exposures.between(db, NOW.subtract(days=1), NOW.add(days=1))) == 120


def test_directory_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "teeter.db"
    Database(path).close()
    assert path.exists()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert os.access(path, os.R_OK)


def test_logging_an_archived_stimulus_brings_it_back(db: Database) -> None:
    coffee = log(db, "coffee").stimulus_id
    with db.write() as session:
        from app.storage.tables.models import StimulusRow

        row = session.get(StimulusRow, coffee)
        assert row is not None
        row.archived = True
    assert stimuli.list_active(db) == []
    log(db, "Coffee")
    assert [s.name for s in stimuli.list_active(db)] == ["coffee"]
