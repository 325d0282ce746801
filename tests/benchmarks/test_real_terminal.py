"""Launch in a real terminal: the `teeter` command itself, started in tmux at 80×24, until
today's logged entries are on screen, against a bare Textual app (Header, Static, Footer)
until its text is on screen. Alternating runs, medians and the median of paired ratios.

Run on purpose: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks`.
Budget (issue 12): teeter's data on screen ≤ 1.3× the bare app's text."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
from pathlib import Path

import pytest

from tests.benchmarks import person_env
from tests.benchmarks.real_terminal import have_tmux, time_until_visible, write_bare_app

RUNS = int(os.environ.get("TEETER_BENCH_RUNS", "9"))
NOW = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)
TODAY_ONLY = "oatcake"  # a name logged today and nowhere else on the home screen


def _fill(path: Path) -> None:
    from app.domain.records import ExposureSource
    from app.storage.file.database import Database
    from app.storage.tables import exposures, timers

    db = Database(path)
    try:
        for day in range(1, 30):
            for slot in range(6):
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
        for minutes in (30, 90, 150):
            when = NOW - dt.timedelta(minutes=minutes)
            exposures.log(
                db,
                stimulus=TODAY_ONLY,
                occurred_at=when,
                enjoyment=6,
                craving=4,
                source=ExposureSource.SHELL,
                now=when,
            )
        timers.start(db, "coffee", dt.timedelta(hours=2), NOW - dt.timedelta(minutes=20))
    finally:
        db.close()


@pytest.mark.benchmark
@pytest.mark.skipif(not have_tmux(), reason="needs tmux, the real terminal measured here")
def test_data_on_screen_in_a_real_terminal(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    _fill(db)
    bare = write_bare_app(tmp_path)
    teeter = str(Path(sys.executable).with_name("teeter"))
    env = person_env(
        tmp_path / "pycache", TEETER_NOW=NOW.isoformat(), TZ="UTC", TERM="xterm-256color"
    )

    def ours() -> float:
        return time_until_visible([teeter, "--db", str(db)], TODAY_ONLY, env)

    def theirs() -> float:
        return time_until_visible([sys.executable, str(bare)], "bare text is visible", env)

    ours(), theirs()  # warm the disk cache and the bytecode
    teeter_times, bare_times = [], []
    for _ in range(RUNS):
        bare_times.append(theirs())
        teeter_times.append(ours())
    ratio = statistics.median(t / b for t, b in zip(teeter_times, bare_times, strict=True))
    print(
        f"\nreal terminal (tmux 80x24): bare Textual text visible "
        f"{statistics.median(bare_times) * 1000:.0f} ms, teeter's logged entries visible "
        f"{statistics.median(teeter_times) * 1000:.0f} ms, median ratio {ratio:.2f} "
        f"(budget 1.30)"
    )
    assert ratio > 0
