"""`teeter timer start|list|stop` from the shell, with "now" pinned by TEETER_NOW."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from app.domain.records import StimulusKind
from app.domain.safety import CAFFEINE_TIP, CARE_NOTICES, NOT_MEDICAL_ADVICE
from app.storage.file.database import Database
from app.storage.tables import stimuli
from tests.conftest import journal_digest, journal_exists, query

ZONE = "Europe/Paris"
NOON = "2026-03-10T12:00:00+01:00"  # 11:00 UTC, a winter Tuesday in Paris


@pytest.fixture
def clock(clock, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The suite's clock (conftest), starting at noon on a winter Tuesday in Paris."""
    clock.set(NOON)
    return clock


@pytest.fixture
def db(where: str) -> str:
    """The journal the commands run on: a file, then a server journal (conftest `where`)."""
    return where


def teeter(db: Path, *args: str) -> int:
    """Run the command line as the shell would; argparse's own errors exit via SystemExit."""
    try:
        return main(["--db", str(db), *args])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def rows(db: Path | str, sql: str) -> list[tuple]:
    return query(db, sql)


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err


# --- start ---------------------------------------------------------------------------------


def test_start_prints_the_local_end_time_and_stores_utc(clock, db, capsys):
    assert teeter(db, "timer", "start", "coffee", "2h") == 0
    assert capsys.readouterr().out == "coffee: next one not before 14:00 (2h)\n"
    assert rows(db, "SELECT started_at, ends_at, ended_at FROM timer") == [
        ("2026-03-10 11:00:00.000000", "2026-03-10 13:00:00.000000", None)
    ]
    assert rows(db, "SELECT name FROM stimulus") == [("coffee",)]


@pytest.mark.parametrize(
    ("typed", "shown", "until"),
    [
        ("30m", "30m", "12:30"),
        ("90m", "1h30m", "13:30"),
        ("2h30m", "2h30m", "14:30"),
        ("1h 15m", "1h15m", "13:15"),
        ("12h30m", "12h30m", "00:30 tonight"),  # before 04:00: still today's day
        ("168h", "168h", "Tue 17 Mar 12:00"),
    ],
)
def test_start_reads_hours_and_minutes(clock, db, capsys, typed, shown, until):
    assert teeter(db, "timer", "start", "coffee", typed) == 0
    assert capsys.readouterr().out == f"coffee: next one not before {until} ({shown})\n"


@pytest.mark.parametrize("bad", ["", "90", "2x", "h", "0m", "8d", "1.5h", "-5m", "2h-5m"])
def test_a_bad_duration_is_refused_and_nothing_is_created(clock, db, capsys, bad):
    assert teeter(db, "timer", "start", "coffee", "--", bad) == 2
    error = one_error_line(capsys)
    assert error.startswith("teeter timer: ")
    assert not journal_exists(db)


def test_a_dash_duration_without_double_dash_is_a_usage_error(clock, db, capsys):
    assert teeter(db, "timer", "start", "coffee", "-5m") == 2
    one_error_line(capsys)
    assert not journal_exists(db)


@pytest.mark.parametrize("bad", ["90", "0m", "8d", "1.5h"])
def test_a_bad_duration_leaves_an_existing_file_untouched(clock, db, db_path, capsys, bad):
    teeter(db, "log", "tea", "-e", "5", "-c", "5")
    before = journal_digest(db)
    listing = sorted(path.name for path in db_path.parent.iterdir())
    capsys.readouterr()
    assert teeter(db, "timer", "start", "coffee", bad) == 2
    one_error_line(capsys)
    assert journal_digest(db) == before
    assert sorted(path.name for path in db_path.parent.iterdir()) == listing
    assert rows(db, "SELECT name FROM stimulus") == [("tea",)]


def test_an_empty_stimulus_name_is_refused(clock, db, capsys):
    assert teeter(db, "timer", "start", "  ", "2h") == 2
    assert "name" in one_error_line(capsys)
    assert not journal_exists(db)


def test_a_second_running_timer_for_the_same_stimulus_is_refused(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "2h")
    capsys.readouterr()
    clock.set("2026-03-10T12:20:00+01:00")
    assert teeter(db, "timer", "start", "Coffee", "30m") == 2
    error = one_error_line(capsys)
    assert "coffee already has a timer running until 14:00 (1h40m left)" in error
    assert "teeter timer stop coffee" in error
    assert rows(db, "SELECT count(*) FROM timer") == [(1,)]


def test_the_refusal_quotes_a_name_with_spaces_so_it_can_be_pasted(clock, db, capsys):
    teeter(db, "timer", "start", "social media", "1h")
    capsys.readouterr()
    assert teeter(db, "timer", "start", "social media", "1h") == 2
    assert "teeter timer stop 'social media'" in one_error_line(capsys)


def test_a_timer_that_ran_out_does_not_block_the_next_one(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "30m")
    clock.set("2026-03-10T12:45:00+01:00")
    assert teeter(db, "timer", "start", "coffee", "1h") == 0
    assert capsys.readouterr().out.endswith("coffee: next one not before 13:45 (1h)\n")
    # the one that ran out stays open: the app asks about the craving for it, then closes it
    assert rows(db, "SELECT ends_at, ended_at FROM timer ORDER BY id") == [
        ("2026-03-10 11:30:00.000000", None),
        ("2026-03-10 12:45:00.000000", None),
    ]


def test_the_end_is_an_instant_so_a_dst_change_is_counted_right(clock, db, capsys):
    clock.set("2026-03-29T01:30:00+01:00")  # at 02:00 Paris clocks jump to 03:00
    assert teeter(db, "timer", "start", "coffee", "1h") == 0
    assert capsys.readouterr().out == "coffee: next one not before 03:30 (1h)\n"


def test_the_notice_of_the_stimulus_kind_goes_to_stderr(clock, db, capsys):
    database = Database(db)
    try:
        now = pendulum.parse(NOON)
        for name, kind in [
            ("wine", StimulusKind.ALCOHOL),
            ("coffee", StimulusKind.CAFFEINE),
            ("chocolate", StimulusKind.FOOD),
        ]:
            stimuli.set_kind(database, stimuli.ensure(database, name, now).id, kind)
    finally:
        database.close()
    assert teeter(db, "timer", "start", "wine", "4h") == 0
    out, err = capsys.readouterr()
    assert out == "wine: next one not before 16:00 (4h)\n"
    assert err == CARE_NOTICES[StimulusKind.ALCOHOL] + " " + NOT_MEDICAL_ADVICE + "\n"
    assert teeter(db, "timer", "start", "coffee", "2h") == 0
    out, err = capsys.readouterr()
    assert out == "coffee: next one not before 14:00 (2h)\n"
    assert err == f"{CAFFEINE_TIP} {NOT_MEDICAL_ADVICE}\n"
    assert teeter(db, "timer", "start", "chocolate", "1h") == 0
    assert capsys.readouterr() == ("chocolate: next one not before 13:00 (1h)\n", "")


def test_xanax_gets_the_care_notice_before_the_start_line(tmp_path: Path) -> None:
    """A name never seen before that plainly is a sedative: the care notice comes first (in
    the order a person reading the terminal sees it), then the one start line."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TEETER_NOW": NOON, "TZ": ZONE, "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--db",
            str(tmp_path / "t.db"),
            "timer",
            "start",
            "xanax",
            "2h",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    start = lines.index("xanax: next one not before 14:00 (2h)")
    care = next(i for i, line in enumerate(lines) if "life-threatening" in line)
    assert care < start
    assert 'teeter reads "xanax" as a sedative' in lines[care]
    assert "prescriber" in lines[care] and NOT_MEDICAL_ADVICE in lines[care]
    assert any(line.startswith("xanax: new, kind sedative") for line in lines[:start])
    assert rows(tmp_path / "t.db", "SELECT name, kind FROM stimulus") == [("xanax", "sedative")]


def test_kind_option_sets_the_kind_and_bad_kind_writes_nothing(clock, db, capsys):
    assert teeter(db, "timer", "start", "tea", "1h", "--kind", "food") == 0
    assert "tea: new, kind food" in capsys.readouterr().err
    assert rows(db, "SELECT name, kind FROM stimulus") == [("tea", "food")]
    assert teeter(db, "timer", "start", "vino", "1h", "--kind", "booze") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "unknown kind 'booze'" in err
    assert rows(db, "SELECT name FROM stimulus") == [("tea",)]


# --- list ----------------------------------------------------------------------------------


def test_list_without_a_database_says_so_and_creates_nothing(clock, db, capsys):
    assert teeter(db, "timer", "list") == 0
    assert capsys.readouterr().out == "no active timers\n"
    assert not journal_exists(db)


def test_list_with_no_timers(clock, db, capsys):
    teeter(db, "log", "tea", "-e", "5", "-c", "5")
    capsys.readouterr()
    assert teeter(db, "timer", "list") == 0
    assert capsys.readouterr().out == "no active timers\n"


def test_two_timers_at_once_soonest_first_with_time_left(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "2h")
    teeter(db, "timer", "start", "social media", "45m")
    capsys.readouterr()
    clock.set("2026-03-10T12:15:00+01:00")
    assert teeter(db, "timer", "list") == 0
    assert capsys.readouterr().out == (
        "social media  30m left, until 12:45\ncoffee        1h45m left, until 14:00\n"
    )


def test_time_left_comes_from_the_stored_end_after_any_gap(clock, db, capsys):
    """Quit, sleep for an hour, come back: the time left is end minus now, never counted."""
    teeter(db, "timer", "start", "coffee", "2h")
    capsys.readouterr()
    clock.set("2026-03-10T13:01:00+01:00")
    teeter(db, "timer", "list")
    assert capsys.readouterr().out == "coffee  59m left, until 14:00\n"


def test_a_timer_that_ran_out_is_listed_as_ran_out_and_left_open(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "30m")
    capsys.readouterr()
    clock.set("2026-03-10T13:00:00+01:00")
    assert teeter(db, "timer", "list") == 0
    out = capsys.readouterr().out
    assert out == "coffee  ran out at 12:30; how strong is the craving now? teeter urge coffee N\n"
    assert "ended today" not in out
    assert rows(db, "SELECT ended_at, end_reason FROM timer") == [(None, None)]


def test_list_shows_the_timers_that_ended_today_and_how(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "2h")
    teeter(db, "timer", "start", "tea", "1h")
    clock.set("2026-03-10T12:30:00+01:00")
    teeter(db, "timer", "stop", "coffee")
    database = Database(db)
    try:
        from app.domain.records import TimerEnd
        from app.storage.tables import timers

        tea = next(t for t in timers.active(database) if t.stimulus_name == "tea")
        timers.finish(database, tea.id, TimerEnd.RAN_OUT, pendulum.parse("2026-03-10T13:05+01:00"))
        timers.record_urge(database, tea.id, 4)
    finally:
        database.close()
    capsys.readouterr()
    clock.set("2026-03-10T14:00:00+01:00")
    assert teeter(db, "timer", "list") == 0
    assert capsys.readouterr().out == (
        "no active timers\n"
        "ended today:\n"
        "  coffee  ended at 12:30 (set until 14:00)\n"
        "  tea     ran out at 13:00, craving 4/10\n"
    )


def test_ended_today_follows_the_day_start_hour(clock, db, capsys):
    clock.set("2026-03-10T22:00:00+01:00")
    teeter(db, "timer", "start", "coffee", "2h")
    clock.set("2026-03-10T23:00:00+01:00")
    teeter(db, "timer", "stop", "coffee")
    capsys.readouterr()
    clock.set("2026-03-11T02:00:00+01:00")  # before 04:00: still the evening of the 10th
    teeter(db, "timer", "list")
    assert "coffee  ended at 23:00 (set until 00:00)" in capsys.readouterr().out
    clock.set("2026-03-11T05:00:00+01:00")
    teeter(db, "timer", "list")
    assert capsys.readouterr().out == "no active timers\n"


# --- stop ----------------------------------------------------------------------------------


def test_stop_ends_the_timer_early_and_says_so_plainly(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "2h")
    capsys.readouterr()
    clock.set("2026-03-10T12:30:00+01:00")
    assert teeter(db, "timer", "stop", "COFFEE") == 0
    out = capsys.readouterr().out
    assert out == "coffee: timer ended at 12:30 (it was set until 14:00)\n"
    for judgement in ("fail", "gave in", "only", "broke", "streak", "!"):
        assert judgement not in out
    assert rows(db, "SELECT ended_at, end_reason FROM timer") == [
        ("2026-03-10 11:30:00.000000", "ended_early")
    ]
    teeter(db, "timer", "list")
    assert capsys.readouterr().out.startswith("no active timers\n")


def test_stop_only_touches_that_stimulus(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "2h")
    teeter(db, "timer", "start", "tea", "1h")
    assert teeter(db, "timer", "stop", "tea") == 0
    assert rows(
        db,
        "SELECT s.name, t.end_reason FROM timer t"
        " JOIN stimulus s ON s.id = t.stimulus_id ORDER BY s.name",
    ) == [("coffee", None), ("tea", "ended_early")]


@pytest.mark.parametrize("setup", ["no file", "unknown stimulus", "already stopped"])
def test_stop_with_nothing_running_is_a_usage_error(clock, db, capsys, setup):
    if setup != "no file":
        teeter(db, "timer", "start", "tea" if setup == "unknown stimulus" else "coffee", "1h")
    if setup == "already stopped":
        teeter(db, "timer", "stop", "coffee")
    capsys.readouterr()
    assert teeter(db, "timer", "stop", "coffee") == 2
    assert "no timer is running for coffee" in one_error_line(capsys)
    assert journal_exists(db) is (setup != "no file")


def test_stop_after_it_ran_out_changes_nothing(clock, db, capsys):
    teeter(db, "timer", "start", "coffee", "30m")
    capsys.readouterr()
    clock.set("2026-03-10T13:00:00+01:00")
    assert teeter(db, "timer", "stop", "coffee") == 0
    assert "already ran out at 12:30" in capsys.readouterr().out
    assert rows(db, "SELECT ended_at, end_reason FROM timer") == [(None, None)]


def test_timer_without_an_action_is_a_usage_error(clock, db, capsys):
    assert teeter(db, "timer") == 2
    one_error_line(capsys)
    assert not journal_exists(db)


def test_times_are_stored_as_utc_whatever_the_local_zone(clock, db, capsys, monkeypatch):
    pendulum.set_local_timezone(pendulum.timezone("America/New_York"))
    monkeypatch.setenv("TEETER_NOW", "2026-07-01T08:00:00-04:00")
    teeter(db, "timer", "start", "coffee", "90m")
    assert capsys.readouterr().out == "coffee: next one not before 09:30 (1h30m)\n"
    ends = rows(db, "SELECT ends_at FROM timer")[0][0]
    assert dt.datetime.fromisoformat(ends) == dt.datetime(2026, 7, 1, 13, 30)


def test_wide_names_keep_the_timer_list_aligned(clock, db, capsys):
    """咖啡 and ☕ take two terminal cells per character: columns are padded by cells, so
    every "left" starts in the same terminal column."""
    from rich.cells import cell_len

    for name in ("咖啡", "tea", "☕ latte", "naïve"):
        teeter(db, "timer", "start", name, "2h")
    capsys.readouterr()
    assert teeter(db, "timer", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    starts = {cell_len(line[: line.index("  2h left")]) for line in lines}
    assert starts == {cell_len("☕ latte")}, lines
