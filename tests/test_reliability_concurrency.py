"""Concurrency: a running app, two other processes holding the file open, and a burst of
shell `teeter log` commands all write the same file, which does not exist yet when they
start. Nobody ever sees "database is locked", and every write lands exactly once."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from textual.widgets import Input

from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.quick_log_screen import QuickLogScreen
from tests.conftest import CHECKIN_STEPS, wait_ready
from tests.reliability_helpers import PYTHON, REPO, check_file, command, env, rows

WRITER = textwrap.dedent(
    """
    import sys, datetime as dt
    import pendulum
    from app.domain.checkin import Step, StepState
    from app.domain.records import ExposureSource, TimerEnd
    from app.storage.tables import checkins, exposures, settings, timers
    from app.storage.file.database import Database

    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    now = pendulum.datetime(2026, 11, 24, 9, 30, tz="Europe/Paris")
    db = Database(path)
    for i in range(count):
        exposures.log(db, stimulus="tea", occurred_at=now.subtract(minutes=i), enjoyment=5,
                      craving=5, note=f"{tag}-{i}", source=ExposureSource.TRACK, now=now)
        timer = timers.start(db, f"{tag}-timer", dt.timedelta(minutes=30), now)
        timers.finish(db, timer.id, TimerEnd.ENDED_EARLY, now.add(minutes=1))
        checkins.mark_step(db, now.date(), list(Step)[i % 4], StepState.DONE, now)
        settings.put(db, "theme", f"{tag}-{i}")
    db.close()
    print("done")
    """
)

PER_WRITER = 8
SHELL_LOGS = 6
APP_LOGS = 3


async def _quick_log(app, pilot, note: str) -> None:  # type: ignore[no-untyped-def]
    while not isinstance(app.screen, HomeScreen):  # a resume offer may have appeared
        await app.pop_screen()
        await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    form.query_one("#stimulus", Input).value = "tea"
    form.query_one("#note", Input).value = note
    form.query_one("#enjoyment").focus()
    await pilot.press("7", "tab", "3", "enter")
    for _ in range(500):  # the save runs off the event loop, behind the other writers
        await pilot.pause(0.02)
        if not isinstance(app.screen, QuickLogScreen):
            break
    assert not isinstance(app.screen, QuickLogScreen), form.query_one("#form-error").render()


async def test_app_processes_and_shell_write_at_once(make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not db_path.exists()
    writers = [
        subprocess.Popen(
            [PYTHON, "-c", WRITER, str(db_path), tag, str(PER_WRITER)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            cwd=REPO,
        )
        for tag in ("first", "second")
    ]
    shells = [
        subprocess.Popen(
            command(db_path, "log", "tea", "-e", "4", "-c", "6", "--note", f"shell-{i}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            cwd=REPO,
        )
        for i in range(SHELL_LOGS)
    ]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for i in range(APP_LOGS):
            await _quick_log(app, pilot, f"app-{i}")
        assert app.is_running
    outputs = [p.communicate(timeout=60) for p in writers + shells]
    for proc, (out, err) in zip(writers + shells, outputs, strict=True):
        assert "locked" not in err and "busy" not in err and "Traceback" not in err, err
        assert proc.returncode == 0, err
        assert out.strip(), err

    assert check_file(db_path) == ("ok", [])
    notes = sorted(note for (note,) in rows(db_path, "SELECT note FROM exposure"))
    expected = sorted(
        [f"{tag}-{i}" for tag in ("first", "second") for i in range(PER_WRITER)]
        + [f"shell-{i}" for i in range(SHELL_LOGS)]
        + [f"app-{i}" for i in range(APP_LOGS)]
    )
    assert notes == expected
    assert rows(db_path, "SELECT count(*) FROM stimulus WHERE name_key = 'tea'") == [(1,)]
    assert rows(db_path, "SELECT count(*) FROM timer") == [(2 * PER_WRITER,)]
    assert rows(db_path, "SELECT count(*) FROM checkin") == [(1,)]
    steps = f"SELECT notice, track, space, reframe FROM {CHECKIN_STEPS}"
    assert rows(db_path, steps) == [("done",) * 4]
