"""Issue 19, the smaller holes (items 12-17), one test each, reproducing the attack."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import textwrap
import time
from pathlib import Path

import pendulum

from app.domain.records import TimerEnd
from app.storage.file.database import Database
from app.storage.tables import timers
from tests.reliability_helpers import PYTHON, REPO, command, env, files_in, teeter
from tests.test_reliability_bad_files import as_user, make_journal, read_only  # noqa: F401

UTC = dt.UTC


# --- 12. forget on a read-only file ------------------------------------------------------


def test_12_forget_on_a_read_only_file_leaves_no_wal_or_shm(
    tmp_path: Path,
    as_user: list[str],  # noqa: F811
) -> None:
    path = make_journal(tmp_path / "teeter.db", entries=3)
    before = files_in(tmp_path)
    with read_only(path, mode=0o444):
        done = teeter(path, "forget", "--yes", prefix=as_user)
    assert done.returncode == 1 and "read-only" in done.stderr, done.stderr
    assert files_in(tmp_path) == before


# --- 13. the clock behind a timer's start ------------------------------------------------


def test_13_a_timer_stopped_with_the_clock_behind_never_ends_before_it_began(
    db: Database,
) -> None:
    start = pendulum.datetime(2026, 11, 24, 9, 0, tz="UTC")
    timer = timers.start(db, "coffee", dt.timedelta(hours=1), start)
    earlier = start.subtract(hours=2)  # the clock was set back
    assert timer.remaining(earlier) == dt.timedelta(hours=1), "never more than its length"
    ended = timers.finish(db, timer.id, TimerEnd.ENDED_EARLY, earlier)
    assert ended is not None and ended.ended_at is not None
    assert ended.ended_at >= ended.started_at


def test_13_timer_list_with_the_clock_behind_shows_at_most_the_duration(tmp_path: Path) -> None:
    path = tmp_path / "teeter.db"
    started = teeter(path, "timer", "start", "tea", "1h", TEETER_NOW="2026-11-24T09:00:00+00:00")
    assert started.returncode == 0, started.stderr
    listed = teeter(path, "timer", "list", TEETER_NOW="2026-11-24T06:00:00+00:00")
    assert listed.returncode == 0 and "1h left" in listed.stdout, listed.stdout


# --- 15. a shell writer while an import holds the lock ------------------------------------


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")  # what a long import does
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def test_15_a_shell_log_waits_for_a_long_import_and_says_so(tmp_path: Path) -> None:
    path = make_journal(tmp_path / "teeter.db", entries=1)
    holder = subprocess.Popen(
        [PYTHON, "-c", HOLD_LOCK, str(path), "12"],
        stdout=subprocess.PIPE,
        text=True,
        env=env(),
        cwd=REPO,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    started = time.monotonic()
    done = subprocess.run(
        command(path, "log", "s0", "-e", "5", "-c", "5"),
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=120,
    )
    holder.wait()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("logged s0")
    assert done.stderr.count("\n") == 1 and "waiting for the journal" in done.stderr
    assert time.monotonic() - started > 10
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM exposure").fetchone()[0] == 2
    conn.close()


# --- 17. dashed values; a full disk is not bad input --------------------------------------


def test_17_values_starting_with_a_dash_reach_teeters_own_checks(tmp_path: Path) -> None:
    path = tmp_path / "teeter.db"
    done = teeter(path, "log", "tea", "-e", "5", "-c", "5", "--note", "-2+3")
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT note FROM exposure").fetchone() == ("-2+3",)
    conn.close()
    done = teeter(path, "timer", "start", "tea", "-5m")
    assert done.returncode == 2 and "expected one argument" not in done.stderr
    assert "duration" in done.stderr, done.stderr
    done = teeter(path, "log", "tea", "-e", "-3", "-c", "5")
    assert done.returncode == 2 and "enjoyment" in done.stderr, done.stderr
