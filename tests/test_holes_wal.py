"""Issue 19, item 3: a `-wal` that is not the journal's own is refused, never folded in;
`teeter backup` and `teeter restore` are the safe way to keep and put back a copy. And
item 11: a backup is whole under its name, or absent.

Every case uses real SQLite files and real write-ahead logs: a teeter process that dies
with its log unfolded (as a crash or a kill leaves it), copied into place as a person with
`cp` would."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from app.storage.file import files, journal_wal
from tests.reliability_helpers import PYTHON, REPO, env, files_in, teeter

CRASH = textwrap.dedent(
    """
    import os, sys, pendulum
    from app.storage.file.database import Database
    from app.storage.tables import exposures
    from app.domain.records import ExposureSource
    db = Database(sys.argv[1])
    now = pendulum.datetime(2026, 11, 24, 9, 30, tz="UTC")
    for i in range(int(sys.argv[2])):
        exposures.log(db, stimulus=sys.argv[3], occurred_at=now.subtract(minutes=i),
                      enjoyment=5, craving=5, note="", source=ExposureSource.SHELL, now=now)
    os._exit(0)  # dies like a killed process: the log is left beside the file, unfolded
    """
)


def die_with_log(path: Path, entries: int, stimulus: str) -> None:
    done = subprocess.run(
        [PYTHON, "-c", CRASH, str(path), str(entries), stimulus],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def stimuli_in(path: Path) -> list[str]:
    """What the main file alone holds (read without its log, changing nothing)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return sorted(
            name
            for (name,) in conn.execute(
                "SELECT s.name FROM exposure e JOIN stimulus s ON s.id = e.stimulus_id"
            )
        )
    finally:
        conn.close()


def journal(path: Path, stimulus: str, entries: int = 2) -> Path:
    for _ in range(entries):
        assert teeter(path, "log", stimulus, "-e", "5", "-c", "5").returncode == 0
    return path


COMMANDS = (["timer", "list"], ["report"], ["export"], ["log", "tea", "-e", "5", "-c", "5"])


def assert_refused_untouched(path: Path) -> None:
    """Every kind of command refuses with one line, and nothing in the folder changes
    (SQLite's `-shm` index aside, which holds no data)."""
    before = {k: v for k, v in files_in(path.parent).items() if not k.endswith("-shm")}
    for args in COMMANDS:
        done = teeter(path, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and "write-ahead log" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    status = teeter(path, "status")
    assert (status.returncode, status.stdout, status.stderr) == (0, "", "")
    after = {k: v for k, v in files_in(path.parent).items() if not k.endswith("-shm")}
    assert after == before


def test_3_a_wal_of_another_teeter_file_is_refused_and_both_files_stay(tmp_path: Path) -> None:
    mine = journal(tmp_path / "mine" / "teeter.db", "coffee")
    other = journal(tmp_path / "other" / "teeter.db", "wine")
    die_with_log(other, 3, "wine")
    shutil.copy(other.with_name("teeter.db-wal"), mine.with_name("teeter.db-wal"))
    assert_refused_untouched(mine)
    assert stimuli_in(mine) == ["coffee", "coffee"]
    # moved aside, as the message says: the journal opens as it is
    mine.with_name("teeter.db-wal").rename(tmp_path / "aside-wal")
    mine.with_name("teeter.db-shm").unlink(missing_ok=True)
    assert teeter(mine, "timer", "list").returncode == 0


def test_3_an_older_copy_put_back_with_cp_beside_a_newer_wal_is_refused(tmp_path: Path) -> None:
    path = journal(tmp_path / "teeter.db", "coffee")
    old = tmp_path / "old-copy.db"
    shutil.copy(path, old)  # a copy made by hand while nothing was open
    journal(path, "tea", 1)  # later entries, folded into the file (a clean exit)
    die_with_log(path, 2, "wine")  # then a crash leaves the newest in the log
    shutil.copy(old, path)  # the person puts the old copy back; the log stays
    assert_refused_untouched(path)


def test_3_a_wal_of_a_non_teeter_database_is_refused(tmp_path: Path) -> None:
    path = journal(tmp_path / "teeter.db", "coffee")
    stranger = tmp_path / "stranger.db"
    conn = sqlite3.connect(stranger, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    shutil.copy(tmp_path / "stranger.db-wal", path.with_name("teeter.db-wal"))
    conn.close()
    assert_refused_untouched(path)


def test_3_the_journals_own_wal_after_a_crash_is_folded_in(tmp_path: Path) -> None:
    path = journal(tmp_path / "teeter.db", "coffee")
    die_with_log(path, 3, "wine")
    assert stimuli_in(path) == ["coffee", "coffee"]  # the three are only in the log
    done = teeter(path, "report", "--stimulus", "wine")
    assert done.returncode == 0, done.stderr
    assert stimuli_in(path) == ["coffee", "coffee", "wine", "wine", "wine"]


def test_3_every_writer_marks_its_transactions(tmp_path: Path) -> None:
    """The check relies on each write transaction carrying the identity page: the shell
    writers, an import, an upgrade and forget each leave a log the next open accepts."""
    path = tmp_path / "teeter.db"
    conn_keep = None
    exported = tmp_path / "export.json"
    exported.write_text(
        '{"format": "teeter-export", "version": 1, "exposures": [{"stimulus": "tea",'
        ' "occurred_at": "2026-11-24T07:00:00+00:00", "enjoyment": 4, "craving": 6}]}'
    )
    for args in (
        ["import", "--demo"],
        ["log", "coffee", "-e", "5", "-c", "5"],
        ["timer", "start", "coffee", "1h"],
        ["timer", "stop", "coffee"],
        ["import", str(exported)],
        ["forget", "--yes"],
    ):
        # a reader holds the file open, so each command's log stays beside it
        if conn_keep is None and path.exists():
            conn_keep = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            conn_keep.execute("SELECT count(*) FROM exposure").fetchone()
        done = teeter(path, *args, TEETER_NOW="2026-11-24T09:30:00+01:00")
        assert done.returncode == 0, (args, done.stderr)
        if path.with_name("teeter.db-wal").exists():
            assert journal_wal.foreign_reason(path) is None, args
    if conn_keep is not None:
        conn_keep.close()


def test_3_backup_then_restore_brings_the_journal_back(tmp_path: Path) -> None:
    path = journal(tmp_path / "teeter.db", "coffee")
    copy = tmp_path / "saved" / "copy.db"
    copy.parent.mkdir()
    die_with_log(path, 2, "wine")  # part of what is backed up is only in the log
    done = teeter(path, "backup", str(copy))
    assert done.returncode == 0, done.stderr
    assert "4 entries" in done.stdout
    assert copy.stat().st_mode & 0o777 == 0o600
    assert stimuli_in(copy) == ["coffee", "coffee", "wine", "wine"]
    assert teeter(path, "backup", str(copy)).returncode == 2  # never replaced unasked

    journal(path, "tea", 2)
    done = teeter(path, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert "kept in" in done.stdout
    [kept] = tmp_path.glob("teeter.db.v*-*.bak")
    exported = teeter(path, "export")
    assert '"tea"' not in exported.stdout and exported.stdout.count('"wine"') >= 2
    assert "tea" in stimuli_in(kept)
    # the journal keeps its identity: a later crash's log is still its own
    die_with_log(path, 1, "juice")
    assert teeter(path, "report").returncode == 0


def test_3_restore_refuses_what_is_not_a_teeter_journal(tmp_path: Path) -> None:
    path = journal(tmp_path / "teeter.db", "coffee")
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    before = files_in(tmp_path)
    done = teeter(path, "restore", str(bogus), "--yes")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert files_in(tmp_path) == before
    assert teeter(path, "restore", str(path), "--yes").returncode == 2


# --- 11. backups: a temporary name, synced, verified, renamed ---------------------------


KILLED_BACKUP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.storage.file import files
    path = Path(sys.argv[1])
    print("ready", flush=True)
    while True:
        files.backup(path, 1)
    """
)


def test_11_a_kill_during_a_backup_never_leaves_a_bak_that_looks_good(tmp_path: Path) -> None:
    from tests.test_reliability_bad_files import make_journal

    path = make_journal(tmp_path / "teeter.db", entries=200)
    rng = random.Random(11)
    for _ in range(8):
        child = subprocess.Popen(
            [PYTHON, "-c", KILLED_BACKUP, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            cwd=REPO,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
    backups = list(tmp_path.glob("teeter.db.v1-*.bak"))
    assert backups, "the loop made backups before each kill"
    for backup in backups:
        conn = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
        try:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT count(*) FROM exposure").fetchone()[0] == 200
        finally:
            conn.close()
    assert not list(tmp_path.glob("teeter.db.v1-*.bak-*")), "no journal files beside backups"
    # what a kill left under a temporary name is removed with everything else by forget
    assert teeter(path, "forget", "--yes").returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_11_a_backup_that_does_not_verify_takes_no_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage.file import whole_copy
    from app.storage.file.errors import StorageError

    path = journal(tmp_path / "teeter.db", "coffee")

    def broken(copy: Path) -> int:
        raise sqlite3.DatabaseError("the copy did not read back as a whole teeter journal")

    monkeypatch.setattr(whole_copy, "_verify", broken)
    with pytest.raises(StorageError) as raised:
        files.backup(path, 2)
    assert "left as it was" in str(raised.value)
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert left == ["teeter.db"]
