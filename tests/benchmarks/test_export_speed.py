"""`teeter export` of ten years (~100k exposures) as whole processes: wall time (budget
≤ 3 s) and peak memory against exporting three days (budget: flat, i.e. about the same),
for JSON and CSV. Run on purpose: `python -m pytest -m benchmark -s tests/benchmarks`."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.test_log_scale import build

RUNS = int(os.environ.get("TEETER_BENCH_RUNS", "3"))


# Measured from a small wrapper process: a child's peak memory counts what it inherited at
# fork, so forking straight from pytest (~100 MiB) would hide teeter's own figure.
WRAPPER = """
import resource, subprocess, sys, time
began = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - began
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def export(db: Path, target: Path, fmt: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak KiB) of one `teeter export` process."""
    teeter = str(Path(sys.executable).with_name("teeter"))
    command = [teeter, "--db", str(db), "export", "--format", fmt, "-o", str(target), "--force"]
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


@pytest.mark.benchmark
def test_export_of_ten_years_is_fast_and_flat(tmp_path: Path) -> None:
    big, small = tmp_path / "ten-years.db", tmp_path / "three-days.db"
    count = build(big, 3650)
    build(small, 3)
    for fmt in ("json", "csv"):
        export(big, tmp_path / f"warm.{fmt}", fmt)
        heavy = [export(big, tmp_path / f"big.{fmt}", fmt) for _ in range(RUNS)]
        light = [export(small, tmp_path / f"small.{fmt}", fmt) for _ in range(RUNS)]
        wall = statistics.median(run[0] for run in heavy)
        cpu = statistics.median(run[1] for run in heavy)
        memory = statistics.median(h[2] / s[2] for h, s in zip(heavy, light, strict=True))
        size = (tmp_path / f"big.{fmt}").stat().st_size / 1e6
        print(
            f"\nexport {fmt} of {count:,} exposures ({size:.1f} MB): {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU (budget 3 s); peak memory "
            f"{statistics.median(run[2] for run in heavy) / 1024:.0f} MiB, "
            f"{memory:.2f}× a three-day export (budget: flat)"
        )
    assert count > 90_000
