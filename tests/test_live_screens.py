"""Open screens follow the file and the day: what another process writes shows within about
a second, the day turns at the day-start hour (and after a clock jump either way), and none
of it moves the person's typing, focus or place. Nothing here calls a reload by hand: the
app's own polling has to find each change."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pendulum
from textual.widgets import DataTable, Input

from app.domain.records import ExposureSource
from app.storage.tables import exposures, timers
from app.ui.checkin.space_screen import SpaceScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from app.ui.screens.timers_screen import TimersScreen
from tests.conftest import FROZEN, PARIS, settle, wait_ready
from tests.test_home_screen import home_today


def shell(db_path: Path, now: pendulum.DateTime, *args: str) -> str:
    """Another process: the real `teeter` command line, at the test's "now"."""
    env = {**os.environ, "TEETER_NOW": now.isoformat(), "TZ": "Europe/Paris"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db_path), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


async def until(pilot, condition, seconds: float = 3.0) -> float:  # type: ignore[no-untyped-def]
    """Wait (real time, the polling is real) until `condition()`; returns how long it took."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not condition():
        assert loop.time() - start < seconds, "the screen never showed the change"
        await pilot.pause(0.05)
    return loop.time() - start


async def home(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    while not isinstance(app.screen, HomeScreen):
        app.pop_screen()
        await settle(pilot)


async def test_home_shows_what_the_shell_logged_within_a_second(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        assert "Nothing logged yet today" in home_today(app)
        shell(where, FROZEN, "log", "coffee", "-e", "6", "-c", "8")
        took = await until(pilot, lambda: "coffee" in home_today(app))
        assert took < 1.5
        shell(where, FROZEN, "timer", "start", "tea", "1h")
        await until(pilot, lambda: "tea" in str(app.screen.query_one("#home-timers").render()))
        shell(where, FROZEN, "undo")
        await until(pilot, lambda: "coffee" not in home_today(app))


async def test_timers_screen_keeps_what_is_typed_while_it_reloads(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    timers.start(db, "coffee", dt.timedelta(hours=1), FROZEN)
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimersScreen)
        field = app.screen.query_one("#timers-stimulus", Input)
        field.focus()
        await pilot.press(*"cho")
        shell(where, FROZEN, "timer", "start", "tea", "2h")
        screen = app.screen
        await until(pilot, lambda: len(screen.running) == 2)
        assert app.focused is field and field.value == "cho" and field.cursor_position == 3
        await pilot.press("c")
        assert field.value == "choc"


async def test_log_screen_keeps_its_row_and_scroll(make_app, db, where, clock) -> None:  # type: ignore[no-untyped-def]
    for hours_ago in range(30, 0, -3):
        exposures.log(
            db,
            stimulus="coffee",
            occurred_at=FROZEN.subtract(hours=hours_ago),
            enjoyment=5,
            craving=5,
            source=ExposureSource.SHELL,
            now=FROZEN,
        )
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogScreen)
        await until(pilot, lambda: screen.loaded)
        grid = screen.query_one(DataTable)
        grid.focus()
        await pilot.press("down", "down", "down")
        await settle(pilot)
        body = screen.query_one("#log-body")
        place = (grid.cursor_row, body.scroll_y)
        chosen = grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key
        shell(where, FROZEN, "log", "coffee", "-e", "2", "-c", "9")
        await until(pilot, lambda: grid.row_count == 11)
        await settle(pilot)
        assert (grid.cursor_row, body.scroll_y) == place
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key == chosen
        assert app.focused is grid


async def test_home_turns_to_the_new_day_at_the_day_start_hour(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = pendulum.datetime(2026, 11, 25, 3, 59, 58, tz=PARIS)
    exposures.log(
        db,
        stimulus="wine",
        occurred_at=clock.now.subtract(hours=2),
        enjoyment=6,
        craving=6,
        source=ExposureSource.SHELL,
        now=clock.now,
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        screen = app.screen
        assert screen.sub_title == "Tuesday 24 November 2026"  # 03:59 belongs to the evening
        assert "wine" in home_today(app)
        clock.advance(seconds=4)  # 04:00:02
        await until(pilot, lambda: screen.sub_title == "Wednesday 25 November 2026")
        assert "Nothing logged yet today" in home_today(app)
        clock.now = clock.now.subtract(hours=30)  # the clock jumps back a day and more
        await until(pilot, lambda: screen.sub_title == "Monday 23 November 2026")


async def test_the_space_step_counts_down(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    timers.start(db, "coffee", dt.timedelta(hours=1), FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s", "ctrl+s")  # skip Notice and Track
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpaceScreen)
        line = screen.query_one("#space-running")
        assert "1:00:00" in str(line.render())
        clock.advance(minutes=12, seconds=30)
        await until(pilot, lambda: "47:30" in str(line.render()))
