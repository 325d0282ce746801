"""Issue 19, data loss: each test reproduces one attack from the adversarial run and shows
it now ends in one clear line, the right exit status and nothing lost.

Full-disk cases mount a small tmpfs (root only: CI runs as root; elsewhere they skip and
say why); /dev/full stands in where any full device will do."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.reliability_helpers import PYTHON, REPO, command, env, files_in, teeter
from tests.test_reliability_bad_files import make_journal, small_tmpfs


def run_into(
    stdout: Path | str, db: Path, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`teeter --db DB ARGS > stdout`, as a shell redirection does it."""
    with open(stdout, "wb") as sink:
        return subprocess.run(
            command(db, *args),
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            env=env(**extra),
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )


def exposures_in(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM exposure").fetchone()[0]
    finally:
        conn.close()


def fill(disk: Path, leave: int) -> None:
    """Fill `disk` until fewer than `leave` bytes are free."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    with contextlib.suppress(OSError):
        while os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize >= leave:
            os.write(fd, b"\0" * 1024)
    os.close(fd)


# --- 1. short or failed writes to stdout -------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI is root)")
def test_1_export_redirected_to_a_nearly_full_disk_fails_loudly(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=30)
    with small_tmpfs(tmp_path / "disk", "128k") as disk:
        fill(disk, leave=8192)
        done = run_into(disk / "backup.json", journal, "export")
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert "standard output could not take everything" in done.stderr
        assert "incomplete" in done.stderr


def test_1_output_to_a_full_device_is_a_failure_for_reading_commands(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=3)
    for args in (["export"], ["export", "--format", "csv"], ["report"], ["timer", "list"]):
        done = run_into("/dev/full", journal, *args)
        assert done.returncode == 1, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr


def test_1_log_and_timer_never_report_failure_for_what_they_saved(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=3)
    done = run_into("/dev/full", journal, "log", "coffee", "-e", "5", "-c", "5")
    assert done.returncode == 0, done.stderr
    assert "done and saved" in done.stderr and "do not run it again" in done.stderr
    assert exposures_in(journal) == 4
    for args in (["timer", "start", "tea", "1h"], ["timer", "stop", "tea"]):
        done = run_into("/dev/full", journal, *args)
        assert done.returncode == 0, done.stderr
        # the last line: a new "tea" is told its kind, and caffeine's tip comes first
        assert done.stderr.splitlines()[-1].startswith(f"teeter timer {args[1]}: done and saved")


def test_1_status_stays_silent_on_a_full_device(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=3)
    assert teeter(journal, "timer", "start", "tea", "1h").returncode == 0
    done = run_into("/dev/full", journal, "status")
    assert (done.returncode, done.stderr) == (0, "")


def test_1_a_reader_going_away_is_still_not_an_error(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=30)
    shell = f"{' '.join(command(journal, 'export'))} | head -c 10 >/dev/null"
    done = subprocess.run(shell, shell=True, capture_output=True, text=True, env=env(), cwd=REPO)
    assert "Traceback" not in done.stderr and done.stderr == ""


# --- 2. an empty --db or TEETER_DB -------------------------------------------------------


@pytest.mark.parametrize("how", ["--db", "TEETER_DB"])
def test_2_an_empty_database_path_is_a_usage_error_not_the_default(
    tmp_path: Path, how: str
) -> None:
    home = tmp_path / "home"
    real = home / ".local" / "share" / "teeter" / "teeter.db"
    real.parent.mkdir(parents=True)
    make_journal(real, entries=3)
    before = files_in(real.parent)
    extra = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    if how == "--db":
        argv = [PYTHON, "-m", "app", "--db", "", "forget", "--yes"]
    else:
        argv = [PYTHON, "-m", "app", "forget", "--yes"]
        extra["TEETER_DB"] = ""
    done = subprocess.run(argv, capture_output=True, text=True, env=env(**extra), cwd=REPO)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "empty" in done.stderr, done.stderr
    assert files_in(real.parent) == before
    assert exposures_in(real) == 3
    status = subprocess.run(
        [PYTHON, "-m", "app", "status"],
        capture_output=True,
        text=True,
        env=env(**{**extra, "TEETER_DB": ""}),
        cwd=REPO,
    )
    assert (status.returncode, status.stdout, status.stderr) == (2, "", "")


def test_2_json_export_still_reads_back(tmp_path: Path) -> None:
    """The checked stdout changes nothing in what a good export holds."""
    journal = make_journal(tmp_path / "teeter.db", entries=5)
    done = run_into(tmp_path / "out.json", journal, "export")
    assert done.returncode == 0
    assert len(json.loads((tmp_path / "out.json").read_text())["exposures"]) == 5


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI is root)")
def test_17_export_output_to_a_full_disk_exits_1_not_2(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=30)
    with small_tmpfs(tmp_path / "disk", "128k") as disk:
        fill(disk, leave=4096)
        done = teeter(journal, "export", "--output", str(disk / "backup.json"))
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and "no partial export" in done.stderr
        assert not (disk / "backup.json").exists()
