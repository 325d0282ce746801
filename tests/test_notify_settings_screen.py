"""The settings screen's notification part: the two switches apply at once; the reminder
and quiet hours are saved with ctrl+s only when they can be read."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from app.storage.tables import notify_settings
from tests.conftest import settle
from tests.test_help_settings import error_text, open_settings, setting_rows


async def type_into(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *text)


async def test_switches_apply_at_once_and_the_reminder_saves_with_the_form(  # type: ignore[no-untyped-def]
    make_app, db_path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#settings-terminal-notify", Checkbox).value is True
        screen.query_one("#settings-hide-names", Checkbox).toggle()
        screen.query_one("#settings-terminal-notify", Checkbox).toggle()
        await settle(pilot)
        assert setting_rows(db_path) == {
            notify_settings.HIDE_NAMES: "on",
            notify_settings.TERMINAL_NOTIFY: "off",
        }
        await type_into(pilot, "#settings-reminder", "20:30")
        await type_into(pilot, "#settings-quiet", "22:00-07:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(app) == ""
    rows = setting_rows(db_path)
    assert (rows["reminder_at"], rows["quiet_hours"]) == ("20:30", "22:00-07:00")


async def test_a_reminder_that_cannot_be_read_saves_nothing(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await type_into(pilot, "#settings-hour", "6")
        await type_into(pilot, "#settings-reminder", "8pm")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(app) == "Cannot read the time '8pm': use HH:MM, e.g. 20:30"
    assert setting_rows(db_path) == {}
