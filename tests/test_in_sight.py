"""At 80×24 a person always sees why enter did nothing: every message a form shows is drawn
inside the visible screen, not below it and not under the footer."""

from __future__ import annotations

from app.ui.checkin.reframe_screen import ReframeScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.quick_log_screen import QuickLogScreen
from app.ui.widgets.countdown import Countdown
from tests.conftest import settle, wait_ready
from tests.sight import in_sight, shown_text
from tests.test_reframe import open_reframe


async def test_track_missing_craving_is_said_in_sight(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
        await pilot.press(*"coffee", "tab", "tab", "7", "enter")
        await settle(pilot)
        message = app.screen.query_one("#step-error")
        assert "rate craving from 1 to 10" in shown_text(message)
        assert in_sight(message)
        assert app.focused is app.screen.query_one("#craving")
        assert in_sight(app.screen.query_one("#craving"))


async def test_reframe_running_countdown_is_said_in_sight(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reframe(app, pilot)
        await pilot.press("7", "tab", "tab", "tab", "space")
        assert screen.query_one(Countdown).running
        for key in ("escape", "enter"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ReframeScreen)
            message = screen.query_one("#step-error")
            assert "countdown is still running" in shown_text(message).lower()
            assert in_sight(message)
        await pilot.press("space")


async def test_quick_log_message_is_in_sight(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"chips", "tab", "tab", "4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QuickLogScreen)
        message = app.screen.query_one("#form-error")
        assert "rate craving" in shown_text(message)
        assert in_sight(message)


async def test_timers_message_is_in_sight(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"coffee", "tab", *"90", "enter")
        await settle(pilot)
        message = app.screen.query_one("#timers-error")
        assert "cannot read the duration" in shown_text(message)
        assert in_sight(message)


async def test_settings_message_is_in_sight(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("comma")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"25", "enter")
        await settle(pilot)
        message = app.screen.query_one("#settings-error")
        assert "from 0 to 23" in shown_text(message)
        assert in_sight(message)
