"""Launch costs, as whole processes, alternating runs within one session and reporting
median ratios (run on purpose: `python -m pytest -m benchmark tests/benchmarks -s`):

- launch to first frame of TeeterApp vs a bare Textual app with a header and footer;
- launch to home-with-data on screen vs that same bare first frame;
- peak memory of the app with data vs the bare app.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pendulum
import pytest

from tests.benchmarks import person_env

SCRIPT = Path(__file__).with_name("first_frame.py")
RUNS = 9


_CACHE = Path(tempfile.gettempdir()) / "teeter-bench-pycache"


def launch(*args: str) -> tuple[float, int]:
    """One headless launch, as an installed teeter runs: with its bytecode cached."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=True,
        env=person_env(_CACHE),
    )
    seconds, peak = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(peak)


def filled(
    path: Path, with_timer: bool = True, now: pendulum.DateTime | None = None, days: int = 1
) -> Path:
    """Twelve entries on three pleasures in the hours before `now`, and the same on each of
    the `days - 1` days after it (a benchmark that moves its clock on a day at a time sees a
    filled day and log each time). `now` is the wall clock only for a real `teeter` process,
    which reads it too."""
    from app.domain.records import ExposureSource
    from app.storage.file.database import Database
    from app.storage.tables import exposures, timers

    db = Database(path)
    now = pendulum.now() if now is None else now
    for day, i in ((day, i) for day in range(days) for i in range(12)):
        that_day = now.add(days=day)
        exposures.log(
            db,
            stimulus=("coffee", "phone", "chocolate")[i % 3],
            occurred_at=that_day.subtract(minutes=40 * i),
            enjoyment=1 + i % 10,
            craving=10 - i % 10,
            note="",
            source=ExposureSource.SHELL,
            now=that_day,
        )
    if with_timer:
        timers.start(db, "coffee", dt.timedelta(hours=2), now)
    db.close()
    return path


@pytest.mark.benchmark
def test_launch_and_memory_against_bare_textual(tmp_path: Path) -> None:
    db = filled(tmp_path / "bench.db")
    launch("teeter", str(db))  # warm the disk cache
    launch("bare")
    bare, first, data = [], [], []
    for _ in range(RUNS):
        bare.append(launch("bare"))
        first.append(launch("teeter", str(db)))
        data.append(launch("teeter-data", str(db)))

    def median_ratio(ours: list[tuple[float, int]], index: int) -> float:
        return statistics.median(o[index] / b[index] for o, b in zip(ours, bare, strict=True))

    def ms(runs: list[tuple[float, int]]) -> float:
        return statistics.median(r[0] for r in runs) * 1000

    print(
        f"\nfirst frame: bare Textual {ms(bare):.0f} ms, teeter {ms(first):.0f} ms, "
        f"median ratio {median_ratio(first, 0):.2f} (budget 1.20)"
        f"\nhome with data: {ms(data):.0f} ms, median ratio to the bare first frame "
        f"{median_ratio(data, 0):.2f}"
        f"\npeak memory: bare {statistics.median(b[1] for b in bare) / 1024:.0f} MiB, "
        f"teeter with data {statistics.median(d[1] for d in data) / 1024:.0f} MiB, "
        f"median ratio {median_ratio(data, 1):.2f}"
    )
    assert median_ratio(first, 0) > 0
