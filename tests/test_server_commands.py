"""The shell commands on a server journal, as a person types them: copying a file's journal
in, export and import both ways, forget, status (also with the server down), refusals, and
two clients in different zones writing one journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from app.domain.days import lived_day
from app.storage.file.database import Database
from app.storage.tables import exposures
from tests import pg_server
from tests.conftest import journal_digest, journal_exists, query

NOW = "2026-11-24T09:30:00+01:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str], journal: str, output: Path) -> dict[str, object]:
    code, _, err = run(capsys, "--db", journal, "export", "--output", str(output))
    assert code == 0, err
    document = json.loads(output.read_text())
    document.pop("exported_at")
    return document  # type: ignore[no-any-return]


def test_copy_moves_a_file_journal_in_whole_and_leaves_the_file(
    capsys, db_path: Path, pg_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "--db", str(db_path), "import", "--demo")[0] == 0
    before = db_path.read_bytes(), journal_digest(str(db_path))
    code, out, err = run(capsys, "--db", str(db_path), "copy", "--to", pg_url)
    assert code == 0, err
    assert out.startswith(f"copied {db_path} into postgresql://{pg_server.USER}@/")
    assert "26 exposures, 3 stimuli" in out and pg_server.PASSWORD not in out
    assert (db_path.read_bytes(), journal_digest(str(db_path))) == before
    assert export(capsys, str(db_path), tmp_path / "a.json") == export(
        capsys, pg_url, tmp_path / "b.json"
    )
    # a second copy would merge two journals: refused, nothing written
    after = journal_digest(pg_url)
    code, out, err = run(capsys, "--db", str(db_path), "copy", "--to", pg_url)
    assert code == 2 and out == "" and "already holds entries" in err and err.count("\n") == 1
    assert journal_digest(pg_url) == after


def test_export_and_import_are_lossless_both_ways(
    capsys, db_path: Path, pg_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "--db", str(db_path), "import", "--demo")[0] == 0
    first = export(capsys, str(db_path), tmp_path / "file.json")
    assert run(capsys, "--db", pg_url, "import", str(tmp_path / "file.json"))[0] == 0
    assert export(capsys, pg_url, tmp_path / "server.json") == first
    back = tmp_path / "back.db"
    assert run(capsys, "--db", str(back), "import", str(tmp_path / "server.json"))[0] == 0
    assert export(capsys, str(back), tmp_path / "back.json") == first


def test_forget_on_a_server_deletes_every_row_and_says_what_it_cannot_promise(
    capsys, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "--db", pg_url, "import", "--demo")[0] == 0
    code, out, err = run(capsys, "--db", pg_url, "forget", "--yes")
    assert code == 0 and out.startswith("forgot everything in postgresql://")
    assert "backups, WAL archives and replicas" in err and pg_server.PASSWORD not in out + err
    for table in ("stimulus", "exposure", "timer", "reframe", "checkin", "setting"):
        assert query(pg_url, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert run(capsys, "--db", pg_url, "log", "tea", "-e", "5", "-c", "5")[0] == 0


def test_status_on_a_server_matches_a_file_and_is_quiet_when_the_server_is_down(
    capsys, clock, db_path: Path, pg_cluster: pg_server.Cluster
) -> None:  # type: ignore[no-untyped-def]
    url = pg_cluster.url(pg_cluster.new_database())
    assert run(capsys, "--db", url, "status") == (0, "", "")  # no journal yet: nothing
    assert not journal_exists(url)  # and nothing created
    for journal in (str(db_path), url):
        run(capsys, "--db", journal, "timer", "start", "coffee", "1h")
    assert run(capsys, "--db", url, "status") == run(capsys, "--db", str(db_path), "status")
    assert run(capsys, "--db", url, "status")[1] == "coffee 1h\n"
    unreachable = url.replace(str(pg_cluster.socket_dir).replace("/", "%2F"), "%2Fnowhere")
    started = time.monotonic()
    assert run(capsys, "--db", unreachable, "status") == (0, "", "")
    assert time.monotonic() - started < 2.5


def test_refusals_are_one_line_without_the_password_and_create_nothing(
    capsys, pg_cluster: pg_server.Cluster
) -> None:  # type: ignore[no-untyped-def]
    name = pg_cluster.new_database()
    wrong = pg_cluster.url(name, password="not-it")
    code, out, err = run(capsys, "--db", wrong, "log", "coffee", "-e", "5", "-c", "5")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "refused the user name or password" in err and "not-it" not in err
    assert not journal_exists(pg_cluster.url(name))
    remote = "postgresql://me:s3cret@db.example.org/teeter?sslmode=disable"
    code, out, err = run(capsys, "--db", remote, "log", "coffee", "-e", "5", "-c", "5")
    assert code == 2 and "unencrypted" in err and "s3cret" not in err
    code, _, err = run(capsys, "--db", pg_cluster.url(name), "backup", "x.bak")
    assert code == 2 and "export" in err and not Path("x.bak").exists()


def test_clients_in_different_zones_agree_on_the_day_each_entry_was_lived(
    pg_url: str,
) -> None:
    """Kolkata logs on Saturday morning (Friday evening in Los Angeles); Los Angeles logs
    late on Friday (Saturday morning in Kolkata). Each entry stays on the day it was lived,
    whichever zone reads it."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "TEETER_DB": pg_url}
    sat_kolkata = pendulum.datetime(2026, 12, 5, 8, 0, tz="Asia/Kolkata")
    fri_la = pendulum.datetime(2026, 12, 4, 22, 30, tz="America/Los_Angeles")
    for zone, at, name in (
        ("Asia/Kolkata", sat_kolkata, "chai"),
        ("America/Los_Angeles", fri_la, "wine"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "app", "log", name, "-e", "6", "-c", "4", "--at", "5m ago"],
            env={**env, "TZ": zone, "TEETER_NOW": at.add(minutes=5).isoformat()},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    db = Database(pg_url)
    found = {
        e.stimulus_name: e
        for e in exposures.between(db, sat_kolkata.subtract(days=2), sat_kolkata.add(days=2))
    }
    db.close()
    assert found["chai"].utc_offset == 330 and found["wine"].utc_offset == -480
    for viewer in ("Asia/Kolkata", "America/Los_Angeles", "Europe/Paris"):
        tz = pendulum.timezone(viewer)
        chai, wine = found["chai"], found["wine"]
        assert lived_day(chai.occurred_at, chai.utc_offset, tz, 4).isoformat() == "2026-12-05"
        assert lived_day(wine.occurred_at, wine.utc_offset, tz, 4).isoformat() == "2026-12-04"
    assert found["chai"].occurred_at == sat_kolkata  # the same instant, to the second


def test_the_password_can_come_from_pgpassword_or_pgpass_and_is_never_shown(
    capsys, pg_cluster: pg_server.Cluster, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    name = pg_cluster.new_database()
    bare = pg_cluster.url(name, password=None)  # no password in the URL
    monkeypatch.setenv("PGPASSWORD", pg_server.PASSWORD)
    code, out, err = run(capsys, "--db", bare, "log", "tea", "-e", "5", "-c", "5")
    assert code == 0, err
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    password = pg_server.PASSWORD.replace("\\", "\\\\").replace(":", "\\:")
    pgpass.write_text(f"*:*:{name}:{pg_server.USER}:{password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    code, out, err = run(capsys, "--db", bare, "timer", "list")
    assert code == 0, err
    assert query(pg_cluster.url(name), "SELECT count(*) FROM exposure") == [(1,)]
    assert pg_server.PASSWORD not in out + err
