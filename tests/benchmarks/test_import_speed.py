"""How long 100k exposures take to import (run on purpose: pytest -m benchmark -s)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from app.storage.file.database import Database
from app.storage.transfer.json_export import export_json
from app.storage.transfer.merge import import_bundle
from app.storage.transfer.parse import read_file

COUNT = 100_000
LIMIT_SECONDS = 20  # "seconds, not minutes", with room for a slow CI machine
NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


def _export_file(path: Path) -> None:
    names = [f"stimulus {n}" for n in range(20)]
    start = NOW - dt.timedelta(minutes=7 * COUNT)
    exposures = [
        {
            "stimulus": names[i % len(names)],
            "occurred_at": (start + dt.timedelta(minutes=7 * i)).isoformat(),
            "enjoyment": 1 + i % 10,
            "craving": 1 + (i * 7) % 10,
            "note": 'a note, with "quotes"' if i % 4 == 0 else "",
            "source": "track",
        }
        for i in range(COUNT)
    ]
    document = {"format": "teeter-export", "version": 1, "exposures": exposures}
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.benchmark
def test_100k_exposures_import_in_seconds(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    _export_file(source)
    db = Database(tmp_path / "teeter.db")
    try:
        began = time.perf_counter()
        summary = import_bundle(db, read_file(source), NOW)
        first = time.perf_counter() - began

        began = time.perf_counter()
        again = import_bundle(db, read_file(source), NOW)
        second = time.perf_counter() - began

        began = time.perf_counter()
        exported = export_json(db, NOW)
        export_seconds = time.perf_counter() - began
    finally:
        db.close()
    assert summary.added["exposures"] == COUNT and again.added["exposures"] == 0
    assert exported.count('"occurred_at"') == COUNT
    print(
        f"\n100k exposures: import {first:.2f} s, re-import (all present) {second:.2f} s, "
        f"export {export_seconds:.2f} s"
    )
    assert first < LIMIT_SECONDS and second < LIMIT_SECONDS


def _peak_rss_kib(*command: str, env: dict[str, str]) -> int:
    """The peak resident memory of one child process, from the kernel's own accounting."""
    import subprocess
    import sys

    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


@pytest.mark.benchmark
def test_import_memory_is_a_small_multiple_of_the_file(tmp_path: Path) -> None:
    """`teeter import` of 100k exposures, whole process, against the same process importing
    only the modules it needs: what the import itself holds, as a multiple of the file."""
    import sys

    from tests.benchmarks import person_env

    source = tmp_path / "big.json"
    _export_file(source)
    env = person_env(tmp_path / "pycache", TEETER_NOW=NOW.isoformat())
    python = sys.executable
    importing = _peak_rss_kib(
        python, "-m", "app", "--db", str(tmp_path / "j.db"), "import", str(source), env=env
    )
    modules = "import sqlalchemy, sqlmodel, pendulum, app.cli, app.storage.transfer.merge"
    baseline = _peak_rss_kib(python, "-c", modules, env=env)
    size_kib = source.stat().st_size / 1024
    print(
        f"\nimport of a {size_kib / 1024:.1f} MB export: peak {importing / 1024:.0f} MB, "
        f"modules alone {baseline / 1024:.0f} MB, the import's own "
        f"{(importing - baseline) / size_kib:.1f}x the file"
    )
