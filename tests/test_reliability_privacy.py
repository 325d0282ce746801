"""Privacy: everything teeter writes is the person's alone (0600: the database, its `-wal`
and `-shm`, upgrade backups, exports), whatever the umask it was started with; and nothing
ever tries to reach the network. The second is checked by running the shell commands and a
headless app session in a subprocess whose socket functions are replaced by ones that
record the attempt and refuse.

(A suite-wide guard belongs in tests/conftest.py, shared by everyone: proposed, not added
here.)"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.reliability_helpers import PYTHON, REPO, env, install_fake_v2

NO_NETWORK = textwrap.dedent(
    """
    import asyncio, json, os, socket, sys
    attempts = []

    def refuse(what):
        def refused(*args, **kwargs):
            attempts.append(f"{what} {args[1:] if what.startswith('socket.') else args}")
            raise OSError("network use is not allowed in teeter's tests")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "getnameinfo"):
        setattr(socket, name, refuse(name))

    probe = socket.socket()
    try:  # the guard itself works
        probe.connect(("127.0.0.1", 9))
    except OSError:
        pass
    probe.close()
    assert len(attempts) == 1, attempts
    attempts.clear()

    from app.cli import main
    db, export = sys.argv[1], sys.argv[2]
    codes = {}
    def run(*argv, on=db):
        try:
            codes[" ".join(argv)] = main(["--db", on, *argv])
        except SystemExit as exit_:
            codes[" ".join(argv)] = exit_.code

    run("log", "coffee", "-e", "6", "-c", "8", "--note", "https://example.com")
    run("timer", "start", "coffee", "30m")
    run("timer", "list")
    run("status")
    run("report")
    run("export", "--output", export)
    run("import", export)
    run("import", "--demo", on=db + ".demo")  # the demo goes into a file of its own
    run("timer", "stop", "coffee")

    async def session():
        from app import TeeterApp
        app = TeeterApp(db)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            for _ in range(250):
                await asyncio.sleep(0.02)
                if app.db is not None:
                    break
            for key in ("escape", "c", "escape", "escape", "n", "escape", "l", "escape",
                        "t", "escape", "s", "escape", "question_mark", "escape"):
                await pilot.press(key)
                await pilot.pause()
        return app.db is not None

    opened = asyncio.run(session())
    run("forget", "--yes")
    print(json.dumps({"attempts": attempts, "codes": codes, "opened": opened}))
    """
)


def test_nothing_tries_to_reach_the_network(tmp_path: Path) -> None:
    db = tmp_path / "teeter.db"
    done = subprocess.run(
        [PYTHON, "-c", NO_NETWORK, str(db), str(tmp_path / "export.json")],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []
    assert report["opened"] is True
    assert set(report["codes"].values()) == {0}, report["codes"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_written_is_owner_only_under_a_loose_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The App used as a library (no `teeter` command to set the umask), a permissive
    umask: the database, its journal files, a backup and exports are still 0600."""
    db = tmp_path / "teeter.db"
    probe = textwrap.dedent(
        """
        import os, stat, sys, json
        from pathlib import Path
        os.umask(0o022)
        from tests.reliability_helpers import open_headless
        import asyncio
        path = Path(sys.argv[1])
        asyncio.run(open_headless(path))
        from app.storage.file.database import Database
        from app.storage.tables import exposures
        from app.domain.records import ExposureSource
        import pendulum
        db = Database(path)  # held open: -wal and -shm exist
        now = pendulum.datetime(2026, 11, 24, 9, 30, tz="UTC")
        exposures.log(db, stimulus="tea", occurred_at=now, enjoyment=5, craving=5,
                      source=ExposureSource.SHELL, now=now)
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
        db.close()
        print(json.dumps(modes))
        """
    )
    done = subprocess.run(
        [PYTHON, "-c", probe, str(db)], capture_output=True, text=True, env=env(), cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    modes = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(modes) >= {"teeter.db", "teeter.db-wal", "teeter.db-shm"}, modes
    assert {name: 0o600 for name in modes} == modes, {k: oct(v) for k, v in modes.items()}

    # an upgrade's backup
    from app.storage.file import schema
    from app.storage.file.database import Database

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION)
    monkeypatch.setattr(schema, "STEPS", dict(schema.STEPS))
    install_fake_v2()
    old = os.umask(0o022)
    try:
        Database(db).close()
    finally:
        os.umask(old)
    [backup] = tmp_path.glob("teeter.db.v*-*.bak")
    assert mode(backup) == 0o600


def test_exports_are_owner_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    db = tmp_path / "teeter.db"
    assert main(["--db", str(db), "log", "coffee", "-e", "5", "-c", "5"]) == 0
    for fmt in ("json", "csv"):
        target = tmp_path / f"out.{fmt}"
        assert main(["--db", str(db), "export", "--format", fmt, "--output", str(target)]) == 0
        assert mode(target) == 0o600, fmt
    assert mode(db) == 0o600
    capsys.readouterr()
