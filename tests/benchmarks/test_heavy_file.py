"""Home, log, Stimuli and Timers screens on a heavy file — ten years (~100k exposures), 500
stimuli, 5k timers, 2k reframes — against a three-day file: each screen reads only what it
shows, so each should open in about the same time (budget, issue 12: each ≤ 1.15×).

Each figure runs from the key press (or the launch) to the first frame drawn with the
screen's data in it: Textual hands each frame to its terminal through `App._display`, and the
benchmark looks at the screen as it does. (It used to await `Pilot.press`, which returns
only once every animation has ended — the log's tab bar gliding to a pleasure far along it
— and then poll, which on a busy loop sees the data a frame or more after it is drawn.)
Each run starts from a collected heap: the earlier runs' apps are garbage, and a 100 ms
collection of them landing in one run and not another measured the garbage collector.

Alternating runs in one process, medians of each and their ratio. Run on purpose:
`python -m pytest -m benchmark -s tests/benchmarks/test_heavy_file.py`."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable

from app.storage.file.database import Database
from app.ui.app import TeeterApp
from tests.conftest import FROZEN, wait_ready

RUNS = int(os.environ.get("TEETER_BENCH_RUNS", "5"))
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def build(path: Path, days: int, stimuli: int, timers: int, reframes: int) -> None:
    """A journal of `days` days ending at FROZEN: ~27 exposures a day, mostly on five
    go-to pleasures, the rest spread over `stimuli`; schema and PRAGMAs from teeter."""
    Database(path).close()
    rng = random.Random(11)
    now = FROZEN.in_timezone("UTC").naive()
    created = now.strftime(STAMP)
    names = ["coffee", "phone", "chocolate", "email", "news"]
    names += [f"pleasure {n}" for n in range(stimuli - len(names))]
    exposures, timer_rows, reframe_rows = [], [], []
    for day in range(days):
        base = now - dt.timedelta(days=day)
        for _ in range(27):
            at = base - dt.timedelta(seconds=rng.randrange(86_400))
            sid = rng.randrange(5) + 1 if rng.random() < 0.8 else rng.randrange(len(names)) + 1
            exposures.append(
                (sid, at.strftime(STAMP), rng.randint(1, 10), rng.randint(1, 10), "", "shell",
                 created)
            )  # fmt: skip
    for n in range(timers):
        start = now - dt.timedelta(minutes=50 * (n + 2))
        end = start + dt.timedelta(minutes=45)
        timer_rows.append(
            (rng.randrange(5) + 1, start.strftime(STAMP), end.strftime(STAMP),
             end.strftime(STAMP), "ran_out", rng.randint(1, 10), 1)
        )  # fmt: skip
    for n in range(reframes):
        at = now - dt.timedelta(hours=40 * n + 1)
        reframe_rows.append(
            (at.strftime(STAMP), rng.randrange(5) + 1, "a pull, not an order", 7, 4, 5, "waited")
        )
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO stimulus (id, name, name_key, kind, archived, created_at) "
            "VALUES (?, ?, ?, 'other', 0, ?)",
            [(i, name, name, created) for i, name in enumerate(names, start=1)],
        )
        conn.executemany(
            "INSERT INTO exposure (stimulus_id, occurred_at, enjoyment, craving, note, source, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            exposures,
        )
        conn.executemany(
            "INSERT INTO timer (stimulus_id, started_at, ends_at, ended_at, end_reason, urge, "
            "urge_asked) VALUES (?, ?, ?, ?, ?, ?, ?)",
            timer_rows,
        )
        conn.executemany(
            "INSERT INTO reframe (occurred_at, stimulus_id, label, craving_before, craving_after,"
            " surf_minutes, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
            reframe_rows,
        )
        running = now - dt.timedelta(minutes=10)
        conn.execute(
            "INSERT INTO timer (stimulus_id, started_at, ends_at, urge_asked) VALUES (1, ?, ?, 0)",
            (running.strftime(STAMP), (running + dt.timedelta(hours=2)).strftime(STAMP)),
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _has_rows(selector: str) -> Callable[[TeeterApp], bool]:
    def ready(app: TeeterApp) -> bool:
        tables = app.screen.query(selector)
        return bool(tables) and tables.first(DataTable).row_count > 0

    return ready


def _home_ready(app: TeeterApp) -> bool:
    overview = getattr(app.screen, "overview", None)
    return overview is not None and bool(overview.today)


def _timers_ready(app: TeeterApp) -> bool:
    return app.screen.__class__.__name__ == "TimersScreen" and bool(
        app.screen.query("#timers-list")
    )


def _log_ready(app: TeeterApp) -> bool:
    return app.screen.__class__.__name__ == "LogScreen" and _has_rows("DataTable")(app)


SCREENS: dict[str, tuple[str | None, Callable[[TeeterApp], bool]]] = {
    "home (launch → today's entries)": (None, lambda app: _home_ready(app)),
    "log (l → its table)": ("l", _log_ready),
    "stimuli (s → its table)": ("s", _has_rows("#stimuli-table")),
    "timers (t → its list)": ("t", _timers_ready),
}


def first_frame_with(app: TeeterApp, ready: Callable[[TeeterApp], bool]) -> list[float]:
    """Filled with the moment the app first draws a frame while `ready` holds (headless,
    `_display` stops short of writing, after the frame is composed)."""
    seen: list[float] = []
    display = app._display

    def drawing(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        if renderable is not None and not seen and ready(app):
            seen.append(time.perf_counter())

    app._display = drawing  # type: ignore[method-assign]
    return seen


async def until_drawn(seen: list[float], start: float, what: str) -> float:
    while not seen:
        await asyncio.sleep(0.001)
        assert time.perf_counter() - start < 30, f"{what} never showed its data"
    return seen[0] - start


async def open_screen(path: Path, key: str | None, ready: Callable[[TeeterApp], bool]) -> float:
    gc.collect()
    start = time.perf_counter()
    app = TeeterApp(path, clock=lambda: FROZEN)
    if key is None:  # what the person sees first: the home screen with today's entries
        seen = first_frame_with(app, ready)
    async with app.run_test(size=(120, 40)) as pilot:
        if key is None:
            elapsed = await until_drawn(seen, start, "home")
            await wait_ready(app, pilot)
            return elapsed
        await wait_ready(app, pilot)
        while app.screen.__class__.__name__ != "HomeScreen":  # an urge question, a resume
            app.pop_screen()
            await pilot.pause()
        gc.collect()  # the apps of earlier runs are garbage: collecting them is not this run's
        seen = first_frame_with(app, ready)
        start = time.perf_counter()
        press = asyncio.create_task(pilot.press(key))  # it returns after every animation
        elapsed = await until_drawn(seen, start, key)
        await press
        return elapsed


@pytest.mark.benchmark
async def test_screens_open_as_fast_on_a_heavy_file(tmp_path: Path) -> None:
    heavy, light = tmp_path / "heavy.db", tmp_path / "light.db"
    build(heavy, 3653, stimuli=500, timers=5000, reframes=2000)
    build(light, 3, stimuli=5, timers=5, reframes=3)
    lines = []
    for name, (key, ready) in SCREENS.items():
        await open_screen(heavy, key, ready)
        await open_screen(light, key, ready)
        heavy_runs, light_runs = [], []
        for _ in range(RUNS):
            heavy_runs.append(await open_screen(heavy, key, ready))
            light_runs.append(await open_screen(light, key, ready))
        h, lt = statistics.median(heavy_runs), statistics.median(light_runs)
        lines.append(f"  {name}: {h * 1000:.0f} ms vs {lt * 1000:.0f} ms, ratio {h / lt:.2f}")
    print("\nheavy file (10 years, 500 stimuli, 5k timers, 2k reframes) vs three days "
          "(budget each ≤ 1.15):\n" + "\n".join(lines))  # fmt: skip
    assert lines
