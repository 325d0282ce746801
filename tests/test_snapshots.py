"""SVG snapshots of the main screens at 80×24 with a frozen clock and fixed data. The
database lives at a fixed path so the help screen (which names it) is the same every run.
Regenerate after an intended change: `python -m pytest tests/test_snapshots.py
--snapshot-update`, then look at the new SVGs before committing them."""

from __future__ import annotations

import datetime as dt
import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.records import ExposureSource
from app.storage.file.database import Database
from app.storage.tables import exposures, settings, timers
from tests.conftest import FROZEN, wait_ready

FIXED_DIR = Path("/tmp/teeter-snapshots")
LOCK_PATH = Path("/tmp/teeter-snapshots.lock")
SIZE = (80, 24)
NOTE = (
    "Third one today, after lunch.\nIt tasted flat and I wanted a fourth anyway; "
    "noticed the pull more than the taste. [bold]not markup[/]"
)


@pytest.fixture
def fixed_db() -> Iterator[Path]:
    # Several checkouts on one machine share the fixed path: take turns, or one run's
    # clean-up deletes another run's database mid-snapshot.
    with open(LOCK_PATH, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield from _fixed_db()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _fixed_db() -> Iterator[Path]:
    shutil.rmtree(FIXED_DIR, ignore_errors=True)
    path = FIXED_DIR / "teeter.db"
    db = Database(path)
    for minutes_ago, name, enjoyment, craving in [
        (200, "coffee", 8, 3),
        (120, "coffee", 6, 5),
        (45, "coffee", 4, 7),
        (90, "[bold]phone[/]", 5, 6),
    ]:
        exposures.log(
            db,
            stimulus=name,
            occurred_at=FROZEN.subtract(minutes=minutes_ago),
            enjoyment=enjoyment,
            craving=craving,
            note=NOTE if minutes_ago == 45 else "",
            source=ExposureSource.SHELL,
            now=FROZEN,
        )
    timers.start(db, "coffee", dt.timedelta(hours=2), FROZEN.subtract(minutes=30))
    settings.put(db, settings.CARE_NOTE_SEEN, "2026-11-01")  # past its first launch
    db.close()
    yield path
    shutil.rmtree(FIXED_DIR, ignore_errors=True)


def snap(snap_compare, make_app, db: Path, *keys: str) -> bool:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_ready(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.app.workers.wait_for_complete() if not keys or keys[0] != "c" else None
        await pilot.pause()

    return snap_compare(make_app(path=db), terminal_size=SIZE, run_before=run_before)


def test_home(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db)


def test_notice_step(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db, "c", "7", "tab", "6")


def test_track_step(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db, "c", "ctrl+s")


def test_space_step(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db, "c", "ctrl+s", "ctrl+s")


def test_reframe_step(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db, "c", "ctrl+s", "ctrl+s", "ctrl+s")


def test_timers(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db, "t")


def test_help(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, make_app, fixed_db, "question_mark")


def test_entry(snap_compare, make_app, fixed_db) -> None:  # type: ignore[no-untyped-def]
    """The latest exposure opened from home: every field, the whole note."""
    assert snap(snap_compare, make_app, fixed_db, "enter")
