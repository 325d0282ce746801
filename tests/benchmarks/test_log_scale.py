"""The log screen on ten years of history (~100k exposures) against three days' worth:
it reads only its window, so both should open in about the same time. Alternating runs in
one process, medians and their ratio printed (run on purpose:
`python -m pytest -m benchmark tests/benchmarks/test_log_scale.py -s`)."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sqlite3
import statistics
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable

from app.storage.file.database import Database
from app.ui.app import TeeterApp
from app.ui.screens.log_screen import LogScreen
from tests.conftest import FROZEN, wait_ready

RUNS = 7
STIMULI = ("coffee", "phone", "chocolate", "email", "wine")
PER_DAY = 27  # all stimuli together: ~100k over ten years
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLModel stores aware UTC datetimes


def build(path: Path, days: int, seed: int = 7) -> int:
    """A database holding `days` days of exposures ending at FROZEN; returns how many.
    The schema comes from teeter itself; the rows go in with one executemany."""
    Database(path).close()
    rng = random.Random(seed)
    now = FROZEN.in_timezone("UTC").naive()
    created = now.strftime(STAMP)
    rows = []
    for day in range(days):
        base = now - dt.timedelta(days=day)
        for _ in range(PER_DAY):
            at = base - dt.timedelta(seconds=rng.randrange(86_400))
            if at > now:
                continue
            sid = rng.randrange(len(STIMULI)) + 1
            e, c = rng.randint(1, 10), rng.randint(1, 10)
            rows.append((sid, at.strftime(STAMP), e, c, "", "shell", created))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO stimulus (id, name, name_key, kind, archived, created_at) "
            "VALUES (?, ?, ?, 'other', 0, ?)",
            [(i, name, name, created) for i, name in enumerate(STIMULI, start=1)],
        )
        conn.executemany(
            "INSERT INTO exposure (stimulus_id, occurred_at, enjoyment, craving, note, source, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return len(rows)


async def open_log(path: Path) -> float:
    """Seconds from pressing `l` on home to the log's table holding rows."""
    app = TeeterApp(path, clock=lambda: FROZEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        start = time.perf_counter()
        await pilot.press("l")
        while True:
            screen = app.screen
            if isinstance(screen, LogScreen) and screen.query_one(DataTable).row_count:
                elapsed = time.perf_counter() - start
                break
            await asyncio.sleep(0.001)
            assert time.perf_counter() - start < 30, "the log never showed rows"
    return elapsed


@pytest.mark.benchmark
async def test_log_opens_as_fast_on_ten_years_as_on_three_days(tmp_path: Path) -> None:
    big, small = tmp_path / "ten-years.db", tmp_path / "three-days.db"
    made = time.perf_counter()
    n_big = build(big, 3653)
    n_small = build(small, 3)
    made = time.perf_counter() - made
    await open_log(big)  # warm imports and the disk cache
    await open_log(small)
    times: dict[Path, list[float]] = {big: [], small: []}
    for _ in range(RUNS):
        for path in (big, small):
            times[path].append(await open_log(path))
    big_ms = statistics.median(times[big]) * 1000
    small_ms = statistics.median(times[small]) * 1000
    ratio = big_ms / small_ms
    print(
        f"\nlog screen open (press l → table has rows), median of {RUNS} alternating runs:"
        f"\n  ten years, {n_big:,} exposures: {big_ms:.1f} ms"
        f"\n  three days, {n_small} exposures: {small_ms:.1f} ms"
        f"\n  ratio {ratio:.2f} (databases built in {made:.1f} s)"
    )
    assert ratio < 2.0
