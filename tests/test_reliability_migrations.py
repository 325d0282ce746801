"""Schema versions: a real file of every released schema (today only v1, in tests/fixtures/)
opens with everything in it; an upgrade writes an owner-only backup first, keeps every row,
keeps foreign keys enforced, and a kill in the middle leaves the old file or the new one.

The upgrade machinery is also driven by a fake step after the real ones
(`reliability_helpers.install_fake_v2`): it adds a column, and can pause to be killed."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pendulum
import pytest
from sqlalchemy.exc import IntegrityError

from app.domain.lexicon import kind_before_the_split
from app.domain.records import ExposureSource, StimulusKind
from app.storage.file import files, schema
from app.storage.file.database import Database
from app.storage.file.errors import StorageError
from app.storage.tables import exposures, stimuli
from app.storage.tables.models import ExposureRow
from tests.conftest import CHECKIN_STEPS, FROZEN, wait_ready
from tests.reliability_helpers import PYTHON, REPO, check_file, env, install_fake_v2

FIXTURES = Path(__file__).with_name("fixtures")
RELEASED = {1: FIXTURES / "teeter_v1.db"}  # add each released schema's file here
V1_COUNTS = {
    "checkin": 2,
    "experiment": 1,
    "experiment_stimulus": 2,
    "exposure": 24,
    "reframe": 2,
    "setting": 2,
    "stimulus": 5,
    "timer": 3,
}


def connect(path: Path) -> sqlite3.Connection:
    """A committed fixture is only ever read, as immutable: no `-wal`/`-shm` beside it."""
    if path.parent == FIXTURES:
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    return sqlite3.connect(path)


def copy_of(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / "teeter.db"
    shutil.copyfile(fixture, target)
    target.chmod(0o600)
    return target


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in the columns the file had (sorted, so order is no
    matter)."""
    conn = connect(path)
    try:
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        out = {}
        for name in names:
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            out[name] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def columns(path: Path, table: str) -> list[str]:
    conn = connect(path)
    try:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def v1_view(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows as schema 1 sees them (a later schema may add columns)."""
    conn = connect(path)
    try:
        out = {}
        for table in V1_COUNTS:
            wanted = ", ".join(f'"{c}"' for c in columns(RELEASED[1], table))
            source = f'"{table}"'
            if table == "checkin" and "notice" not in columns(path, "checkin"):
                source = CHECKIN_STEPS  # schema step 6 keeps the steps as rows
            out[table] = sorted(conn.execute(f"SELECT {wanted} FROM {source}"), key=repr)
        return out
    finally:
        conn.close()


def upgraded(rows: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    """Schema 1's rows as the real steps leave them: step 3 gives stimuli whose name plainly
    is a substance their class (the fixture's "wine", kept as "substance", becomes alcohol);
    everything else is untouched."""
    names = columns(RELEASED[1], "stimulus")
    name_at, kind_at = names.index("name"), names.index("kind")
    out = {table: list(found) for table, found in rows.items() if table in V1_COUNTS}
    stimuli_rows = []
    for row in rows["stimulus"]:
        moved = list(row)
        moved[kind_at] = kind_before_the_split(StimulusKind(row[kind_at]), str(row[name_at])).value
        stimuli_rows.append(tuple(moved))
    out["stimulus"] = sorted(stimuli_rows, key=repr)
    return out


def test_step_3_gives_the_v1_wine_its_class(tmp_path: Path) -> None:
    path = copy_of(RELEASED[1], tmp_path)
    Database(path).close()
    conn = connect(path)
    try:
        kinds = dict(conn.execute("SELECT name, kind FROM stimulus"))
    finally:
        conn.close()
    assert kinds["wine"] == "alcohol"  # was "substance"
    assert kinds["coffee"] == "caffeine" and kinds["chocolate"] == "food"
    assert kinds["[b]抹茶[/b] latte ☕"] == "drink"  # a kind the person chose stays


def user_version(path: Path) -> int:
    conn = connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def orphan_write_refused(path: Path) -> None:
    """Foreign keys are enforced on teeter's connections: an exposure of no stimulus is
    refused, and the file has no orphans."""
    db = Database(path)
    try:
        with pytest.raises(IntegrityError), db.write() as session:
            session.add(
                ExposureRow(
                    stimulus_id=999_999,
                    occurred_at=FROZEN,
                    enjoyment=5,
                    craving=5,
                    created_at=FROZEN,
                )
            )
    finally:
        db.close()
    assert check_file(path) == ("ok", [])


def test_the_v1_fixture_is_what_its_script_makes() -> None:
    path = RELEASED[1]
    assert user_version(path) == 1
    assert {t: len(rows) for t, rows in tables(path).items()} == V1_COUNTS
    assert not list(FIXTURES.glob("teeter_v1.db-*")), "commit the file without -wal/-shm"


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_every_released_file_opens_with_everything_in_it(
    version: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of(RELEASED[version], tmp_path)
    before = v1_view(path)
    db = Database(path)
    try:
        assert user_version(path) == schema.SCHEMA_VERSION
        names = {s.name for s in stimuli.list_active(db)}
        assert "[b]抹茶[/b] latte ☕" in names and "chocolate" not in names  # archived
        found = exposures.between(db, FROZEN.subtract(days=30), FROZEN.add(days=1))
        assert len(found) == V1_COUNTS["exposure"]
        assert "[@click=app.quit]no[/]" in {e.note for e in found}
        exposures.log(
            db,
            stimulus="coffee",
            occurred_at=FROZEN,
            enjoyment=6,
            craving=4,
            source=ExposureSource.SHELL,
            now=FROZEN,
        )
    finally:
        db.close()
    after = v1_view(path)
    assert len(after["exposure"]) == len(before["exposure"]) + 1
    assert set(before["exposure"]) <= set(after["exposure"])
    expected = upgraded(before) if version < schema.SCHEMA_VERSION else before
    assert {t: r for t, r in after.items() if t != "exposure"} == {
        t: r for t, r in expected.items() if t != "exposure"
    }
    orphan_write_refused(path)
    if version == schema.SCHEMA_VERSION:
        assert not list(tmp_path.glob("*.bak")), "no upgrade, no backup"


async def test_the_app_opens_the_v1_fixture(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = copy_of(RELEASED[1], tmp_path)
    app = make_app(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        assert app.failure is None
        assert app.day_start_hour == 4


# --- the upgrade machinery, with a fake schema 2 ---------------------------------------------


def test_upgrade_writes_a_private_backup_first_and_keeps_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(RELEASED[1], tmp_path)
    before = tables(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION)
    monkeypatch.setattr(schema, "STEPS", dict(schema.STEPS))
    install_fake_v2()
    Database(path).close()

    [backup] = tmp_path.glob("teeter.db.v1-*.bak")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert tables(backup) == before, "the backup is the file as it was"
    assert user_version(backup) == 1
    assert user_version(path) == schema.SCHEMA_VERSION
    assert "mood" in columns(path, "exposure")
    assert v1_view(path) == upgraded(before)
    orphan_write_refused(path)
    db = Database(path)  # opening again: nothing to do, no second backup
    db.close()
    assert len(list(tmp_path.glob("*.bak"))) == 1


def test_a_failing_step_leaves_the_old_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(RELEASED[1], tmp_path)
    before = tables(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE exposure ADD COLUMN mood VARCHAR")
        conn.execute("ALTER TABLE nowhere ADD COLUMN x")  # fails half-way through the step

    fake = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", fake)
    monkeypatch.setattr(schema, "STEPS", {**schema.STEPS, fake: broken})
    with pytest.raises(StorageError) as raised:
        Database(path)
    message = str(raised.value)
    assert str(path) in message and "\n" not in message and "upgraded" in message
    assert tables(path) == before and user_version(path) == 1
    assert len(list(tmp_path.glob("teeter.db.v1-*.bak"))) == 1


def test_two_upgrades_in_the_same_second_get_separate_backups(tmp_path: Path) -> None:
    path = copy_of(RELEASED[1], tmp_path)
    first = files.backup(path, 1)
    second = files.backup(path, 1)
    assert first != second
    assert tables(first) == tables(second) == tables(path)


def _upgrade_in_a_child(path: Path, marker: Path, pause: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PYTHON, "-m", "tests.reliability_helpers", "upgrade", str(path), str(marker), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        cwd=REPO,
    )


def test_a_kill_during_the_upgrade_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(RELEASED[1], tmp_path)
    before = tables(path)
    marker = tmp_path / "upgrading"
    child = _upgrade_in_a_child(path, marker, pause=30)
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the upgrade never started"
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()

    # the old file, whole: the step's changes were never committed
    assert check_file(path) == ("ok", [])
    assert user_version(path) == 1 and "mood" not in columns(path, "exposure")
    assert tables(path) == before
    [backup] = tmp_path.glob("teeter.db.v1-*.bak")
    assert tables(backup) == before

    # and the next start upgrades it, with a backup of its own
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION)
    monkeypatch.setattr(schema, "STEPS", dict(schema.STEPS))
    install_fake_v2()
    Database(path).close()
    assert user_version(path) == schema.SCHEMA_VERSION
    assert v1_view(path) == upgraded(before)
    assert len(list(tmp_path.glob("teeter.db.v1-*.bak"))) == 2
    orphan_write_refused(path)


def kill_loop(tmp_path: Path, kills: int, seed: int) -> dict[str, int]:
    """Kill upgrades at random moments (during the backup, the step, the commit) and check
    after each that the file is the old one or the new one, never something between."""
    import random

    rng = random.Random(seed)
    original = tables(RELEASED[1])
    seen = {"old": 0, "new": 0, "kills": 0}
    calibrate = tmp_path / "calibrate"
    calibrate.mkdir()
    started = time.monotonic()
    _upgrade_in_a_child(copy_of(RELEASED[1], calibrate), calibrate / "m", pause=0.05).wait()
    typical = time.monotonic() - started  # most of it is start-up; the upgrade is the end
    for i in range(kills):
        work = tmp_path / f"run{i}"
        work.mkdir()
        path = copy_of(RELEASED[1], work)
        child = _upgrade_in_a_child(path, work / "marker", pause=0.05)
        time.sleep(typical * rng.uniform(0.6, 1.05))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            seen["kills"] += 1
        child.wait()
        assert check_file(path) == ("ok", [])
        version = user_version(path)
        assert version in (1, schema.SCHEMA_VERSION + 1)
        seen["old" if version == 1 else "new"] += 1
        expected = original if version == 1 else upgraded(original)
        assert v1_view(path) == {t: expected[t] for t in V1_COUNTS}
    return seen


@pytest.mark.slow
def test_upgrade_killed_at_random_moments(tmp_path: Path) -> None:
    seen = kill_loop(tmp_path, kills=60, seed=11)
    print("upgrade kills:", seen)
    assert seen["old"] + seen["new"] == 60


def test_times_in_the_fixture_read_back_as_utc(tmp_path: Path) -> None:
    path = copy_of(RELEASED[1], tmp_path)
    db = Database(path)
    try:
        [latest] = exposures.between(db, FROZEN.subtract(minutes=1), FROZEN.add(minutes=1))
    finally:
        db.close()
    assert latest.occurred_at == pendulum.datetime(2026, 11, 24, 8, 30, tz="UTC")
