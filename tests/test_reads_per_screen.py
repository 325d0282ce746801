"""The log's window and the Stimuli list are read in a fixed number of statements, however
many pleasures a person has: on a ten-year file with 500 of them, a look-up per pleasure is
what made a screen open slower than on a three-day file (issue 12). Each statement is an
index search (SQLite's plan; PostgreSQL's planner chooses by table size, so a handful of
rows proves nothing there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pendulum
import pytest
from sqlalchemy import event

from app.domain.records import StimulusKind
from app.storage.file.database import Database
from app.storage.tables import exposures, stimuli
from tests.conftest import FROZEN, PARIS, log_in_paris

LAST_DAY = dt.date(2026, 11, 24)  # the window: Sun 22 – Tue 24 Nov, days from 04:00


add = log_in_paris


@contextmanager
def selects(db: Database) -> Iterator[list[tuple[str, object]]]:
    """The SELECT statements run inside the block, with their parameters."""
    found: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            found.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def window(db: Database) -> tuple[list, dict]:  # type: ignore[type-arg]
    return exposures.lived_window(db, LAST_DAY, 3, PARIS, 4)


def pleasures(db: Database, first: int, count: int) -> None:
    """`count` pleasures, each logged a month before the window and once inside it."""
    for n in range(first, first + count):
        add(db, f"pleasure {n}", "2026-10-20 09:00", enjoyment=9)
        add(db, f"pleasure {n}", "2026-11-23 10:00")


def test_the_log_window_is_two_statements_for_two_pleasures_or_twelve(db: Database) -> None:
    pleasures(db, 0, 2)
    with selects(db) as few:
        inside, previous = window(db)
    assert len(inside) == 2 and len(previous) == 2
    pleasures(db, 2, 10)
    with selects(db) as many:
        inside, previous = window(db)
    assert len(inside) == 12 and len(previous) == 12
    assert len(few) == len(many) == 2  # the window, then every earlier exposure at once
    assert {e.occurred_at for e in previous.values()} == {
        pendulum.datetime(2026, 10, 20, 9, tz=PARIS)
    }


def test_the_first_gap_is_measured_from_the_exposure_just_before_the_first_shown(
    db: Database,
) -> None:
    add(db, "coffee", "2026-10-01 08:00")
    add(db, "coffee", "2026-11-21 23:00")  # the evening before: read with the window, not in it
    add(db, "coffee", "2026-11-22 08:00")
    add(db, "coffee", "2026-11-23 08:00")
    add(db, "tea", "2026-09-01 17:00")
    add(db, "tea", "2026-09-02 17:00")  # a long way back, found by its own look-up
    add(db, "tea", "2026-11-24 07:00")
    add(db, "sugar", "2026-11-22 15:00")  # nothing before: no first gap
    inside, previous = window(db)
    assert [(e.stimulus_name, e.occurred_at.astimezone(PARIS).day) for e in inside] == [
        ("coffee", 22),
        ("sugar", 22),
        ("coffee", 23),
        ("tea", 24),
    ]
    found = {exposure.stimulus_name: exposure.occurred_at for exposure in previous.values()}
    assert found == {
        "coffee": pendulum.datetime(2026, 11, 21, 23, tz=PARIS),
        "tea": pendulum.datetime(2026, 9, 2, 17, tz=PARIS),
    }
    assert list(previous) == [inside[0].stimulus_id, inside[3].stimulus_id]


def test_the_stimuli_list_is_one_statement_for_three_pleasures_or_thirty(db: Database) -> None:
    def listed() -> tuple[list[tuple[str, int]], int]:
        with selects(db) as statements:
            entries = stimuli.list_all(db)
        return [(e.stimulus.name, e.exposures) for e in entries], len(statements)

    for n in range(3):
        add(db, f"pleasure {n:02d}", f"2026-11-2{n} 09:00")
    few, few_statements = listed()
    assert few == [("pleasure 00", 1), ("pleasure 01", 1), ("pleasure 02", 1)]
    for n in range(3, 30):
        stimuli.create(db, f"pleasure {n:02d}", StimulusKind.OTHER, FROZEN)
    add(db, "pleasure 29", "2026-11-23 09:00")
    add(db, "pleasure 29", "2026-11-24 09:00")
    many, many_statements = listed()
    assert len(many) == 30 and many[-1] == ("pleasure 29", 2) and many[3] == ("pleasure 03", 0)
    assert few_statements == many_statements == 1


def test_kinds_reads_only_the_pleasures_asked_for(db: Database) -> None:
    tea = stimuli.create(db, "tea", StimulusKind.CAFFEINE, FROZEN)
    stimuli.create(db, "wine", StimulusKind.ALCOHOL, FROZEN)
    assert stimuli.kinds(db, [tea.id]) == {tea.id: StimulusKind.CAFFEINE}
    assert len(stimuli.kinds(db)) == 2


@pytest.mark.parametrize(
    "read",
    [window, stimuli.list_all],
    ids=["log window", "stimuli list"],
)
def test_every_statement_searches_an_index(
    file_db: Database, read: Callable[[Database], object]
) -> None:
    pleasures(file_db, 0, 3)
    add(file_db, "pleasure 0", "2026-11-21 23:00")
    with selects(file_db) as statements:
        read(file_db)
    assert statements
    with file_db.engine.connect() as conn:
        for statement, parameters in statements:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()  # type: ignore[arg-type]
            details = [row[-1] for row in plan]
            scans = [d for d in details if d.startswith("SCAN") and "stimulus" not in d]
            assert not scans, details
            assert any("ix_exposure" in d for d in details), details
