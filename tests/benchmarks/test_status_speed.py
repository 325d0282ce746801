"""How much does `teeter status` cost a shell prompt? Compared, as whole processes, with the
floor any Python tool pays: `python -c "import sqlite3"`.

A benchmark, not a timed test: it prints the figures and asserts only that it measured the
real thing. Run it on purpose: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks`.

The two commands alternate, so a busy machine slows both alike, and the medians are
compared. Both run as an installed teeter does: with cached bytecode (written once to a
private prefix, as a normal install has its .pyc files) and from the default data directory
(so `platformdirs` is paid for, as at a real prompt)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.domain.checkin import Step, StepState
from app.domain.records import ExposureSource, TimerEnd
from app.storage.file.database import Database
from app.storage.tables import checkins, exposures, timers

RUNS = int(os.environ.get("TEETER_BENCH_RUNS", "60"))
NOW = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)


def _fill(path: Path) -> None:
    """Some weeks of a person's data: what a prompt really reads past."""
    db = Database(path)
    try:
        for day in range(30):
            for slot in range(8):
                when = NOW - dt.timedelta(days=day, hours=slot * 2)
                exposures.log(
                    db,
                    stimulus=("coffee", "social media", "chocolate")[slot % 3],
                    occurred_at=when,
                    enjoyment=1 + (day + slot) % 10,
                    craving=1 + (day * slot) % 10,
                    source=ExposureSource.SHELL,
                    now=when,
                )
        for day in range(29, 0, -1):  # oldest first, each run out before the next starts
            began = NOW - dt.timedelta(days=day)
            timer = timers.start(db, "coffee", dt.timedelta(hours=2), began)
            timers.finish(db, timer.id, TimerEnd.RAN_OUT, began + dt.timedelta(hours=2))
        timers.start(db, "coffee", dt.timedelta(hours=2), NOW - dt.timedelta(minutes=48))
        timers.start(db, "social media", dt.timedelta(minutes=30), NOW - dt.timedelta(hours=1))
        checkins.mark_step(db, dt.date(2026, 3, 10), Step.NOTICE, StepState.DONE, NOW)
        checkins.mark_step(db, dt.date(2026, 3, 10), Step.TRACK, StepState.SKIPPED, NOW)
    finally:
        db.close()


def _teeter() -> list[str]:
    script = Path(sys.executable).with_name("teeter")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app"]


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


@pytest.mark.benchmark
def test_status_against_bare_python(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    db_path = data_home / "teeter" / "teeter.db"  # platformdirs' user data path on Linux
    _fill(db_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEETER_DB", "PYTHONDONTWRITEBYTECODE"}
    }
    env.update(
        XDG_DATA_HOME=str(data_home),
        PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"),
        TEETER_NOW=NOW.isoformat(),
        TZ="Europe/Paris",
    )
    status = [*_teeter(), "status"]
    bare = [sys.executable, "-c", "import sqlite3"]
    with_env = {**env, "TEETER_DB": str(db_path)}  # skips platformdirs: the README's tip
    runs = {
        "bare": (bare, env),
        "status": (status, env),
        "status, TEETER_DB set": (status, with_env),
    }

    for command, command_env in runs.values():
        if command is status:
            shown = subprocess.run(
                command, env=command_env, capture_output=True, text=True, check=True
            )
            expected = "social media: timer done · coffee 1h12m · check-in 2/4\n"
            assert (shown.stdout, shown.stderr) == (expected, "")
    before = sorted(path.name for path in db_path.parent.iterdir())
    for _ in range(3):  # warm the bytecode cache and the page cache
        for command, command_env in runs.values():
            _time(command, command_env)

    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(RUNS):
        for name, (command, command_env) in runs.items():
            times[name].append(_time(command, command_env))
    assert sorted(path.name for path in db_path.parent.iterdir()) == before

    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"\n{RUNS} alternating runs each; medians:")
    print(f"  python -c 'import sqlite3'      {medians['bare']:5.1f} ms")
    for name in ("status", "status, TEETER_DB set"):
        ratio = medians[name] / medians["bare"]
        print(f"  teeter {name:<24} {medians[name]:5.1f} ms  ratio {ratio:.2f}")
    shutil.rmtree(tmp_path / "pycache", ignore_errors=True)
