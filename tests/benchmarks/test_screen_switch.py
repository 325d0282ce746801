"""Key press to the next screen drawn, headless: home → check-in, step → step, home → log.
Median of repeated switches (run on purpose: `python -m pytest -m benchmark tests/benchmarks
-s`). Budget: under 50 ms median."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from tests.conftest import wait_ready

ROUNDS = 15


async def reach(pilot, screen_type: type) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5000):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.001)
    raise AssertionError(f"stuck on {pilot.app.screen!r}, waiting for {screen_type.__name__}")


async def timed(pilot, key: str, until: type) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    await pilot.press(key)
    await reach(pilot, until)
    await pilot.pause()  # let it draw
    return time.perf_counter() - start


@pytest.mark.benchmark
async def test_key_press_to_next_screen(make_app, db_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.benchmarks.test_first_frame import filled

    filled(db_path, with_timer=False)  # a timer running out would ask its question
    app = make_app()
    results: dict[str, list[float]] = {
        "home → check-in": [],
        "Notice → Track": [],
        "home → log": [],
    }
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for _ in range(ROUNDS):
            clock.advance(days=1)  # a fresh day: the check-in starts again at Notice
            results["home → check-in"].append(await timed(pilot, "c", NoticeScreen))
            results["Notice → Track"].append(await timed(pilot, "ctrl+s", TrackScreen))
            await pilot.press("escape")
            await pilot.press("escape")
            await reach(pilot, HomeScreen)
            results["home → log"].append(await timed(pilot, "l", LogScreen))
            await pilot.press("escape")
            await reach(pilot, HomeScreen)
    print()
    for name, seconds in results.items():
        print(f"{name}: median {statistics.median(seconds) * 1000:.1f} ms (budget 50 ms)")
