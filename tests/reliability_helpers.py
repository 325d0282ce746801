"""Shared by the reliability tests: running `teeter` in a subprocess the way a shell does,
without root's power to ignore file permissions, and checking a database file from outside.

Run as a module it is also a tiny driver for the headless app, so a test can start the real
App in a process it may kill or restrict:
`python -m tests.reliability_helpers headless PATH` prints one JSON line:
{"failure": <the App's one-line failure or null>, "ready": <database opened>};
`python -m tests.reliability_helpers upgrade PATH MARKER PAUSE` opens PATH with a fake
next schema installed (see `install_fake_v2`)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def env(**extra: str) -> dict[str, str]:
    """The test's environment (TZ, TEETER_DB and TEETER_NOW set by conftest) with the repo
    importable: a subprocess sees the test's frozen now, never the wall clock."""
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + os.pathsep + out.get("PYTHONPATH", "")
    out.update(extra)
    return out


def command(db: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "app", "--db", str(db), *args]


def teeter(
    db: Path, *args: str, prefix: Sequence[str] = (), timeout: float = 60, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`teeter --db DB ARGS...` in a subprocess, as a person runs it from a shell."""
    return subprocess.run(
        [*prefix, *command(db, *args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(**extra),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
    )


def unprivileged() -> list[str] | None:
    """A command prefix under which file permissions apply: nothing for an ordinary user;
    for root (CI containers, this sandbox) `setpriv` dropping the capabilities that bypass
    them. None when neither is possible (the test then skips)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run(
        [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--", "true"],
        capture_output=True,
    )
    if probe.returncode != 0:
        return None
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def files_in(directory: Path) -> dict[str, bytes]:
    """Every file in `directory` (not recursive) by name, with its bytes: "nothing was
    modified" means this is equal before and after."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def check_file(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    """(`PRAGMA integrity_check`, `PRAGMA foreign_key_check` rows) read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return integrity, orphans


def rows(path: Path, query: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def assert_one_clean_line(stderr: str, path: Path) -> None:
    """An expected failure: one line naming the file, and no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert str(path) in lines[0], stderr
    assert lines[0].startswith("teeter"), stderr


async def open_headless(db_path: Path, size: tuple[int, int] = (80, 24)) -> dict[str, object]:
    """Start the real App headless on `db_path`; report whether it opened or failed."""
    from app import TeeterApp

    app = TeeterApp(db_path)
    ready = False
    async with app.run_test(size=size):
        for _ in range(250):
            await asyncio.sleep(0.02)
            if app.db is not None or app.failure is not None or not app.is_running:
                break
        ready = app.db is not None
    return {"failure": app.failure, "ready": ready}


# Names and a note as a person might type them: markup-like tags, an action, a link, a
# trailing backslash, escape sequences, a bell, a carriage return, wide and combining text.
TYPED_NAMES = [
    "[@click=app.quit]quit[/]",
    "[link=https://example.com]x[/link]\\",
    "\x1b[31mred\x07 [b]bold\r",
    "抹茶😀 e\u0301 [/",
]
TYPED_NOTE = "[@click=app.bell]ring[/]\n[link=https://x]y\\ \x1b]8;;http://x\x1b\\ 抹茶 [/"


def fill(db) -> None:  # type: ignore[no-untyped-def]
    """Today's data made of TYPED_NAMES and TYPED_NOTE: an exposure of each, two running
    timers, a reframe."""
    import datetime as dt

    from app.domain.records import ExposureSource, Outcome
    from app.storage.tables import exposures, reframes, timers
    from tests.conftest import FROZEN

    for i, name in enumerate(TYPED_NAMES):  # one each: home lists the last six
        exposures.log(
            db,
            stimulus=name,
            occurred_at=FROZEN.subtract(minutes=10 + 20 * i),
            enjoyment=3 + i,
            craving=7 - i,
            note=TYPED_NOTE,
            source=ExposureSource.TRACK,
            now=FROZEN,
        )
    timers.start(db, TYPED_NAMES[0], dt.timedelta(hours=1), FROZEN.subtract(minutes=5))
    timers.start(db, TYPED_NAMES[3], dt.timedelta(hours=2), FROZEN.subtract(minutes=5))
    reframes.add(
        db,
        occurred_at=FROZEN.subtract(minutes=3),
        stimulus=TYPED_NAMES[1],
        label=TYPED_NOTE,
        craving_before=8,
        craving_after=3,
        outcome=Outcome.WAITED,
    )


def install_fake_v2(marker: Path | None = None, pause: float = 0.0) -> int:
    """Pretend one more schema exists after the real ones (the name is from when the real
    one was 1): its step adds a column to `exposure` and fills it, after every real step.
    With `marker`, the step writes that file once it has changed the table and then sleeps
    `pause` seconds, still inside the upgrade's transaction: the moment to kill it. Returns
    the fake version."""
    import time

    from app.storage.file import schema

    def step_2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE exposure ADD COLUMN mood VARCHAR")
        conn.execute("UPDATE exposure SET mood = 'calm'")
        if marker is not None:
            marker.write_text("upgrading")
        time.sleep(pause)

    fake = max(schema.STEPS) + 1
    schema.SCHEMA_VERSION = fake
    schema.STEPS = {**schema.STEPS, fake: step_2}
    return fake


def _main(argv: Sequence[str]) -> int:
    if len(argv) == 2 and argv[0] == "headless":  # the App as a library: umask as inherited
        print(json.dumps(asyncio.run(open_headless(Path(argv[1])))))
        return 0
    if len(argv) == 4 and argv[0] == "upgrade":  # upgrade PATH MARKER PAUSE
        from app.storage.file.database import Database

        os.umask(0o077)
        install_fake_v2(Path(argv[2]), float(argv[3]))
        Database(argv[1]).close()
        print("upgraded")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
