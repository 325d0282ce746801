"""Launch to first frame: TeeterApp against a bare Textual app with a header and footer,
alternating runs in one session and reporting the median ratio (run on purpose:
`python -m pytest -m benchmark tests/benchmarks -s`)."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("first_frame.py")
RUNS = 9


def launch(*args: str) -> float:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


@pytest.mark.benchmark
def test_first_frame_against_bare_textual(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    launch("teeter", str(db))  # create the file and warm the disk cache
    launch("bare")
    bare, teeter = [], []
    for _ in range(RUNS):
        bare.append(launch("bare"))
        teeter.append(launch("teeter", str(db)))
    ratio = statistics.median(t / b for t, b in zip(teeter, bare, strict=True))
    print(
        f"\nfirst frame: bare Textual {statistics.median(bare) * 1000:.0f} ms, "
        f"teeter {statistics.median(teeter) * 1000:.0f} ms, median ratio {ratio:.2f}"
    )
    assert ratio > 0
