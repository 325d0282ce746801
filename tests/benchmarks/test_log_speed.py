"""`teeter log X -e N -c N`, the command typed mid-bite, as a whole process (the row
committed with synchronous=FULL), against the floor any Python tool pays:
`python -c "import sqlite3"`. Alternating runs, medians and the median of paired ratios.
Budget (issue 12): ≤ 5×.

Run on purpose: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks`."""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks import person_env
from tests.benchmarks.test_status_speed import _fill

RUNS = int(os.environ.get("TEETER_BENCH_RUNS", "30"))


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(
        command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - began


@pytest.mark.benchmark
def test_teeter_log_against_python_starting(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    _fill(db)
    teeter = str(Path(sys.executable).with_name("teeter"))
    env = person_env(tmp_path / "pycache", TZ="Europe/Paris")
    ours = [teeter, "--db", str(db), "log", "coffee", "-e", "6", "-c", "7", "--note", "bench"]
    floor = [sys.executable, "-c", "import sqlite3"]
    timed(ours, env), timed(floor, env)  # bytecode written, disk cache warm
    before = sqlite3.connect(db).execute("SELECT count(*) FROM exposure").fetchone()[0]
    logs, floors = [], []
    for _ in range(RUNS):
        floors.append(timed(floor, env))
        logs.append(timed(ours, env))
    after = sqlite3.connect(db).execute("SELECT count(*) FROM exposure").fetchone()[0]
    ratio = statistics.median(t / f for t, f in zip(logs, floors, strict=True))
    print(
        f"\nteeter log: {statistics.median(logs) * 1000:.1f} ms, python -c 'import sqlite3' "
        f"{statistics.median(floors) * 1000:.1f} ms, median ratio {ratio:.2f} (budget 5.00)"
    )
    assert after - before == RUNS
