"""The seam between the app and its data: a journal exists only once the database is open,
the keys that need it are disabled (not bells) until then, and the database is named by a
location that messages describe exactly as the person gave it."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from app.storage.file.database import Database
from app.storage.file.journal import open_journal
from app.storage.file.location import Location
from app.ui.host import JournalNotOpen
from app.ui.screens.home_screen import HomeScreen
from tests.conftest import FROZEN, wait_ready

JOURNAL_KEYS = ("checkin", "open_log", "quick_log", "open_timers", "open_stimuli", "forget")


def test_a_location_names_its_file_as_given(tmp_path: Path) -> None:
    where = Location.file(tmp_path / "my journal.db")
    assert where.is_file and where.kind == "file"
    assert where.path == tmp_path / "my journal.db"
    assert where.describe() == str(tmp_path / "my journal.db") == str(where)
    assert Location.of(where) is where
    assert Location.of(str(tmp_path / "my journal.db")) == where


def test_the_journal_knows_its_day_by_its_clock_and_hour(db_path: Path) -> None:
    late = pendulum.datetime(2026, 11, 25, 2, 30, tz="Europe/Paris")  # before 04:00
    journal = open_journal(Location.file(db_path), lambda: late)
    try:
        assert journal.location == Location.file(db_path)
        assert journal.today().isoformat() == "2026-11-24"  # the day starts at 04:00
        start, end = journal.bounds()
        assert start <= late < end
        assert journal.zone().name == "Europe/Paris"
    finally:
        journal.close()


async def test_keys_need_the_journal_and_are_disabled_until_it_is_open(db_path: Path) -> None:
    from app.ui.app import TeeterApp

    class NeverOpens(TeeterApp):
        def open_database(self) -> None:  # type: ignore[override]
            pass

    app = NeverOpens(db_path, clock=lambda: FROZEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.is_open
        with pytest.raises(JournalNotOpen):
            _ = app.journal
        for action in JOURNAL_KEYS:
            assert app.check_action(action, ()) is None  # shown greyed, not run
        assert app.check_action("open_help", ()) is True
        for key in ("c", "l", "n", "t", "s"):
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "help: how teeter works" in titles and "log: three days" not in titles


@pytest.mark.parametrize(("keys", "opens"), [("c", "NoticeScreen"), ("cl", "LogScreen")])
async def test_a_key_pressed_before_the_journal_opens_runs_once_it_opens(
    db_path: Path, keys: str, opens: str
) -> None:
    """Home shows today from a first look before the journal is open: a person who sees it
    and presses c at once gets the check-in when the journal opens, not a lost key (the
    last key pressed wins, and the offer to resume is not put in its way)."""
    from app.ui.app import TeeterApp

    class OpensLate(TeeterApp):
        def open_database(self) -> None:  # type: ignore[override]
            pass  # opened below, after the keys

    app = OpensLate(db_path, clock=lambda: FROZEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not app.is_open
        TeeterApp.open_database(app)
        for _ in range(500):
            if type(app.screen).__name__ == opens:
                break
            await pilot.pause(0.02)
        await pilot.pause()  # let the new screen finish mounting before the app closes
        assert type(app.screen).__name__ == opens


async def test_keys_come_alive_once_the_journal_is_open(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert app.journal.db is app.db and isinstance(app.db, Database)
        for action in JOURNAL_KEYS:
            assert app.check_action(action, ()) is True
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogScreen"
