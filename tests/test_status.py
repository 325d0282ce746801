"""`teeter status`: one calm line for a shell prompt, read-only, and light enough for every
prompt (no Textual, SQLAlchemy, SQLModel or pendulum in the process)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pendulum
import pytest

from app.cli import main
from app.domain import days
from app.domain import status_line as status_line_module
from app.domain.checkin import STEPS, Step, StepState
from app.domain.status_line import checkin_part, status_line, timer_parts
from app.storage.file import files, quick, schema
from app.storage.file.database import Database
from app.storage.tables import checkins, settings, timers
from app.wall_clock import instant as current_instant

ZONE = "Europe/Paris"
UTC = dt.UTC


def at(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso).astimezone(UTC)


@pytest.fixture
def clock(clock, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The suite's clock (conftest), starting at noon on a winter Tuesday in Paris."""
    clock.set("2026-03-10T12:00:00+01:00")
    return clock


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "teeter.db"


@pytest.fixture
def database(db_path: Path):
    database = Database(db_path)
    yield database
    database.close()


def status(db_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", str(db_path), "status"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def listing(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


# --- the line ------------------------------------------------------------------------------

NOW = at("2026-03-10T12:00:00+01:00")


def test_a_running_timer_shows_the_time_left() -> None:
    assert timer_parts([("coffee", NOW + dt.timedelta(hours=1, minutes=12))], NOW) == [
        "coffee 1h12m"
    ]


def test_a_timer_that_ran_out_shows_ready() -> None:
    assert timer_parts([("coffee", NOW)], NOW) == ["coffee: timer done"]
    assert timer_parts([("coffee", NOW - dt.timedelta(days=2))], NOW) == ["coffee: timer done"]


def test_the_last_seconds_show_as_seconds() -> None:
    assert timer_parts([("tea", NOW + dt.timedelta(seconds=40))], NOW) == ["tea 40s"]


def test_one_part_per_stimulus_soonest_first_a_running_timer_wins() -> None:
    parts = timer_parts(
        [
            ("coffee", NOW - dt.timedelta(minutes=5)),  # ran out, but a new one is running
            ("social", NOW + dt.timedelta(minutes=20)),
            ("coffee", NOW + dt.timedelta(hours=2)),
            ("wine", NOW - dt.timedelta(minutes=1)),
        ],
        NOW,
    )
    assert parts == ["wine: timer done", "social 20m", "coffee 2h"]


def test_a_name_cannot_put_control_characters_into_the_prompt() -> None:
    assert timer_parts([("cof\x1b[31mfee\n", NOW)], NOW) == ["cof [31mfee: timer done"]


@pytest.mark.parametrize(
    ("states", "part"),
    [
        (None, None),
        (("pending",) * 4, None),  # not started: saying "0/4" on every prompt would nag
        (("done", "pending", "pending", "pending"), "check-in 1/4"),
        (("done", "skipped", "pending", "pending"), "check-in 2/4"),
        (("skipped", "skipped", "done", "pending"), "check-in 3/4"),
        (("done", "done", "skipped", "done"), None),  # finished: nothing left to say
    ],
)
def test_the_check_in_shows_only_while_under_way(states, part) -> None:
    assert checkin_part(states) == part


def test_the_parts_are_joined_with_a_middle_dot() -> None:
    line = status_line(
        [("coffee", NOW + dt.timedelta(minutes=72)), ("tea", NOW)],
        ("done", "done", "pending", "pending"),
        NOW,
    )
    assert line == "tea: timer done · coffee 1h12m · check-in 2/4"
    assert status_line([], None, NOW) == ""


# --- the day, without pendulum -------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "around"),
    [
        ("Europe/Paris", "2026-03-29"),  # spring forward 02:00 -> 03:00
        ("Europe/Paris", "2026-10-25"),  # fall back 03:00 -> 02:00
        ("America/New_York", "2026-03-08"),
        ("America/New_York", "2026-11-01"),
        ("Australia/Lord_Howe", "2026-04-05"),  # a 30-minute change
        ("Pacific/Apia", "2011-12-30"),  # a day that never happened
        ("Asia/Kolkata", "2026-06-01"),
    ],
)
def test_the_day_is_the_same_in_a_standard_library_zone_across_dst(zone: str, around: str) -> None:
    """`teeter status` and `teeter log` read the zone with the standard library (no pendulum):
    the one day rule gives the same days with it as with pendulum's zone."""
    middle = dt.datetime.fromisoformat(around).replace(tzinfo=UTC)
    stdlib_zone, pendulum_zone = ZoneInfo(zone), pendulum.timezone(zone)
    instant = middle - dt.timedelta(hours=36)
    while instant < middle + dt.timedelta(hours=36):
        for hour in range(24):
            assert days.local_day(instant, stdlib_zone, hour) == days.local_day(
                instant, pendulum_zone, hour
            ), (instant, hour)
        instant += dt.timedelta(minutes=15)


@pytest.mark.parametrize(
    "pinned",
    [
        "2026-03-10T12:00:00+01:00",
        "2026-03-10T11:00:00Z",
        "2026-03-10T11:00:00",
        "2026-03-10 11:00",
        "2026-03-10",
        "2026-03-10T11:00:00.123456+00:00",
        "20260310T110000Z",
    ],
)
def test_the_pinned_clock_reads_like_app_clock(clock, monkeypatch, pinned: str) -> None:  # type: ignore[no-untyped-def]
    from app.clock import system_now

    monkeypatch.setenv("TEETER_NOW", pinned)  # exactly as typed, not through the clock
    assert current_instant() == system_now()
    assert current_instant().utcoffset() == dt.timedelta(0)


# --- reading the file ----------------------------------------------------------------------


def test_the_copied_constants_match_their_sources() -> None:
    assert quick.APPLICATION_ID == schema.APPLICATION_ID
    assert quick.KNOWN_SCHEMA_VERSION == schema.SCHEMA_VERSION
    assert quick.DEFAULT_DAY_START_HOUR == days.DEFAULT_DAY_START_HOUR
    assert quick.DAY_START_HOUR_KEY == settings.DAY_START_HOUR
    assert tuple(step.value for step in STEPS) == quick.STEP_COLUMNS
    assert StepState.PENDING.value == status_line_module.PENDING


def _today(_hour: int) -> dt.date:
    return dt.date(2026, 3, 10)


def test_no_file_is_none_and_stays_no_file(db_path: Path) -> None:
    assert quick.snapshot(db_path, _today) is None
    assert not db_path.exists()
    assert list(db_path.parent.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"hello, not a database\n", b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["empty file", "text file", "damaged"],
)
def test_a_file_that_is_not_a_database_is_none_and_untouched(db_path: Path, content: bytes):
    db_path.write_bytes(content)
    before = listing(db_path.parent)
    assert quick.snapshot(db_path, _today) is None
    assert listing(db_path.parent) == before


def test_another_programs_database_is_none_and_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE timer (x)")
    conn.commit()
    conn.close()
    before = listing(db_path.parent)
    assert quick.snapshot(db_path, _today) is None
    assert listing(db_path.parent) == before


def test_a_newer_schema_is_none(db_path: Path) -> None:
    files.prepare(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert quick.snapshot(db_path, _today) is None


def test_a_directory_is_none(tmp_path: Path) -> None:
    assert quick.snapshot(tmp_path, _today) is None


def test_a_closed_database_is_read_without_creating_wal_or_shm(database, db_path) -> None:
    timers.start(database, "coffee", dt.timedelta(hours=2), NOW)
    database.close()  # the last connection folds the WAL in and removes it
    before = listing(db_path.parent)
    assert sorted(before) == ["teeter.db"]
    found = quick.snapshot(db_path, _today)
    assert found == quick.Snapshot((("coffee", NOW + dt.timedelta(hours=2)),), None)
    assert listing(db_path.parent) == before


def test_an_open_database_is_read_through_its_wal(database, db_path) -> None:
    with database.read() as session:  # keeps a pooled connection, and so the WAL, alive
        session.connection()
    timers.start(database, "coffee", dt.timedelta(hours=2), NOW)
    checkins.mark_step(database, dt.date(2026, 3, 10), Step.NOTICE, StepState.DONE, NOW)
    assert (db_path.parent / "teeter.db-wal").stat().st_size > 0  # not folded in yet
    found = quick.snapshot(db_path, _today)
    assert found == quick.Snapshot(
        (("coffee", NOW + dt.timedelta(hours=2)),), ("done", "pending", "pending", "pending")
    )


def test_ended_timers_are_left_out_and_stored_times_come_back_as_utc(database, db_path):
    first = timers.start(database, "coffee", dt.timedelta(hours=2), NOW)
    timers.start(database, "tea", dt.timedelta(minutes=30), NOW)
    from app.domain.records import TimerEnd

    timers.finish(database, first.id, TimerEnd.ENDED_EARLY, NOW)
    found = quick.snapshot(db_path, _today)
    assert found is not None
    [(name, ends_at)] = found.timers
    assert (name, ends_at) == ("tea", NOW + dt.timedelta(minutes=30))
    assert ends_at.tzinfo is UTC


@pytest.mark.parametrize(("stored", "hour"), [(None, 4), ("7", 7), ("0", 0), ("25", 4), ("x", 4)])
def test_the_day_start_hour_is_read_like_settings_does(database, db_path, stored, hour):
    if stored is not None:
        settings.put(database, settings.DAY_START_HOUR, stored)
    asked: list[int] = []
    quick.snapshot(db_path, lambda h: asked.append(h) or dt.date(2026, 3, 10))
    assert asked == [hour] == [settings.day_start_hour(database)]


# --- the command ---------------------------------------------------------------------------


def test_no_database_prints_nothing_and_creates_nothing(clock, db_path, capsys) -> None:
    assert status(db_path, capsys) == ""
    assert not db_path.exists()
    assert list(db_path.parent.iterdir()) == []


def test_an_empty_database_prints_nothing(clock, db_path, capsys) -> None:
    files.prepare(db_path)
    before = listing(db_path.parent)
    assert status(db_path, capsys) == ""
    assert listing(db_path.parent) == before


def test_a_broken_file_prints_nothing(clock, db_path, capsys) -> None:
    db_path.write_text("not a database")
    assert status(db_path, capsys) == ""
    assert db_path.read_text() == "not a database"


def test_a_timer_counts_down_then_shows_ready(clock, db_path, capsys) -> None:
    main(["--db", str(db_path), "timer", "start", "coffee", "2h"])
    main(["--db", str(db_path), "timer", "start", "tea", "30m"])
    capsys.readouterr()
    clock.set("2026-03-10T12:48:00+01:00")
    assert status(db_path, capsys) == "tea: timer done · coffee 1h12m\n"
    clock.set("2026-03-10T13:59:30+01:00")
    assert status(db_path, capsys) == "tea: timer done · coffee 30s\n"
    clock.set("2026-03-10T14:00:00+01:00")
    assert status(db_path, capsys) == "tea: timer done · coffee: timer done\n"
    main(["--db", str(db_path), "timer", "start", "coffee", "1h"])
    capsys.readouterr()
    assert status(db_path, capsys) == "tea: timer done · coffee 1h\n"


def test_a_stopped_timer_disappears(clock, db_path, capsys) -> None:
    main(["--db", str(db_path), "timer", "start", "coffee", "2h"])
    main(["--db", str(db_path), "timer", "stop", "coffee"])
    capsys.readouterr()
    assert status(db_path, capsys) == ""


def test_a_check_in_under_way_today_is_shown(clock, database, db_path, capsys) -> None:
    today = dt.date(2026, 3, 10)
    checkins.mark_step(database, today, Step.NOTICE, StepState.DONE, NOW)
    checkins.mark_step(database, today, Step.TRACK, StepState.SKIPPED, NOW)
    assert status(db_path, capsys) == "check-in 2/4\n"
    main(["--db", str(db_path), "timer", "start", "coffee", "1h12m"])
    capsys.readouterr()
    assert status(db_path, capsys) == "coffee 1h12m · check-in 2/4\n"
    checkins.mark_step(database, today, Step.SPACE, StepState.DONE, NOW)
    checkins.mark_step(database, today, Step.REFRAME, StepState.DONE, NOW)
    assert status(db_path, capsys) == "coffee 1h12m\n"


def test_the_check_in_follows_the_day_start_hour(clock, database, db_path, capsys) -> None:
    checkins.mark_step(database, dt.date(2026, 3, 10), Step.NOTICE, StepState.DONE, NOW)
    clock.set("2026-03-11T03:30:00+01:00")  # before 04:00: still the 10th
    assert status(db_path, capsys) == "check-in 1/4\n"
    clock.set("2026-03-11T04:00:00+01:00")  # a new day: yesterday's is not today's business
    assert status(db_path, capsys) == ""
    settings.put(database, settings.DAY_START_HOUR, "0")
    clock.set("2026-03-11T03:30:00+01:00")
    assert status(db_path, capsys) == ""


def test_the_check_in_day_holds_across_a_clock_change_at_the_day_start(
    clock, database, db_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Chatham falls back from 03:45 to 02:45 on 5 April 2026. With days starting at 03:00,
    the second 02:50 comes after 5 April began, as the app counts it; the clock's offset
    alone would have put it on the 4th."""
    pendulum.set_local_timezone(pendulum.timezone("Pacific/Chatham"))
    try:
        settings.put(database, settings.DAY_START_HOUR, "3")
        checkins.mark_step(database, dt.date(2026, 4, 5), Step.NOTICE, StepState.DONE, NOW)
        clock.set("2026-04-04T13:05:00+00:00")  # the first 02:50: still the 4th
        assert status(db_path, capsys) == ""
        clock.set("2026-04-04T14:05:00+00:00")  # the second 02:50: the 5th
        assert status(db_path, capsys) == "check-in 1/4\n"
    finally:
        pendulum.set_local_timezone()


def test_status_writes_nothing_while_showing_something(clock, database, db_path, capsys):
    timers.start(database, "coffee", dt.timedelta(hours=2), NOW)
    database.close()
    before = listing(db_path.parent)
    assert status(db_path, capsys) == "coffee 2h\n"
    assert listing(db_path.parent) == before


# --- the process ---------------------------------------------------------------------------

PROBE = """
import json, sys
from app.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
heavy = sorted(m for m in ("textual", "sqlalchemy", "sqlmodel", "pendulum") if m in sys.modules)
sys.stderr.write(json.dumps({"code": code, "heavy": heavy}))
"""


def run_probe(*args: str, env: dict[str, str]) -> tuple[str, dict]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )
    return done.stdout, json.loads(done.stderr)


def test_status_in_its_own_process_loads_no_heavy_module(db_path: Path) -> None:
    database = Database(db_path)
    try:
        timers.start(database, "coffee", dt.timedelta(hours=2), NOW)
        checkins.mark_step(database, dt.date(2026, 3, 10), Step.NOTICE, StepState.DONE, NOW)
    finally:
        database.close()
    env = {"TZ": ZONE, "TEETER_NOW": "2026-03-10T12:48:00+01:00"}
    out, report = run_probe("--db", str(db_path), "status", env=env)
    assert out == "coffee 1h12m · check-in 1/4\n"
    # pendulum too: it alone would cost ~30 ms on every prompt
    assert report == {"code": 0, "heavy": []}


def test_status_without_a_database_is_silent_in_its_own_process(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "teeter.db"
    out, report = run_probe("--db", str(missing), "status", env={"TZ": ZONE})
    assert (out, report) == ("", {"code": 0, "heavy": []})
    assert not missing.parent.exists()


def test_the_real_command_prints_the_line(db_path: Path) -> None:
    database = Database(db_path)
    try:
        timers.start(database, "coffee", dt.timedelta(hours=2), NOW)
    finally:
        database.close()
    done = subprocess.run(
        [sys.executable, "-m", "app", "status"],
        capture_output=True,
        text=True,
        env={**os.environ, "TEETER_DB": str(db_path), "TEETER_NOW": "2026-03-10T13:00+01:00"},
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "coffee 1h\n", "")
