"""Leaving a screen never throws away typing without a word: escape and ctrl+q ask first
when a form holds something unsaved (the safe answer, Stay, has the focus), and leave at
once when nothing would be lost."""

from __future__ import annotations

import sqlite3

from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.settings_screen import SettingsScreen
from app.ui.widgets.rating import RatingInput
from tests.conftest import query, settle, wait_ready
from tests.test_focus import open_track


def count(db_path, table: str) -> int:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


async def test_ctrl_q_on_a_half_filled_form_asks_and_stay_keeps_it(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_track(app, pilot)
        await pilot.press(*"coffee", "tab", "tab", "7")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused is app.screen.query_one("#cancel")
        await pilot.press("enter")  # enter on the focused Stay
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert screen.query_one("#enjoyment", RatingInput).value == 7
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert app.return_code == 0
    assert count(db_path, "exposure") == 0


async def test_ctrl_q_with_nothing_typed_quits_at_once(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_track(app, pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0


async def test_escape_on_an_untouched_step_goes_back_without_asking(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_track(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NoticeScreen)


async def test_escape_on_a_typed_step_asks(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_track(app, pilot)
        await pilot.press(*"tea", "tab", "tab", "3", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # escape on the question: stay
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, NoticeScreen)


async def test_settings_escape_with_an_unsaved_hour_asks(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("comma")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", "6", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "not saved" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("ctrl+s", "escape")  # saved: leaving asks nothing
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.day_start_hour == 6


async def test_escape_on_a_changed_entry_asks(make_app, db, where, clock) -> None:  # type: ignore[no-untyped-def]
    from app.domain.records import ExposureSource
    from app.storage.tables import exposures

    exposures.log(
        db,
        stimulus="coffee",
        occurred_at=clock.now.subtract(minutes=10),
        enjoyment=6,
        craving=4,
        source=ExposureSource.SHELL,
        now=clock.now,
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("enter")  # home's latest entry has the focus
        await settle(pilot)
        assert app.screen.query_one("#enjoyment", RatingInput).value == 6
        await pilot.press("9", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert query(where, "SELECT enjoyment FROM exposure") == [(6,)]
