"""Help says where the data is and what teeter is not; settings are checked before anything
is saved, and what is saved survives a restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from app.domain.safety import DEFAULT_HELP_TEXT
from app.storage.tables import settings
from app.ui.screens.help_screen import HelpScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.settings_screen import SettingsScreen, parse_hour
from tests.conftest import settle, wait_ready


def setting_rows(db_path: Path) -> dict[str, str]:
    """The settings the person chose (the first-launch note's date is teeter's own)."""
    conn = sqlite3.connect(db_path)
    try:
        rows = dict(conn.execute("SELECT key, value FROM setting").fetchall())
    finally:
        conn.close()
    rows.pop("care_note_seen", None)
    return rows


def help_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(w.render()) for w in app.screen.query("#help-body Static"))


def error_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#settings-error").render())


async def open_settings(app, pilot) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("comma")
    await settle(pilot)
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def set_hour(pilot, hour: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#settings-hour", Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *hour, "ctrl+s")
    await settle(pilot)


# --- help -------------------------------------------------------------------------------
async def test_help_shows_the_model_the_data_file_and_that_it_is_not_medical_advice(
    make_app, db_path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert str(db_path) in text
        assert "not medical advice" in text and "does not diagnose" in text
        assert "wanting, not about liking" in text
        for step in ("Notice:", "Track:", "Space:", "Reframe:"):
            assert step in text
        for command in ("teeter export --output", "teeter import FILE", "teeter forget --yes"):
            assert command in text
        assert "professional can help" in text
        assert "life-threatening" in text and "prescriber" in text
        assert "tilting toward craving" in text and "Urge surfing is the name" in text
        assert DEFAULT_HELP_TEXT in text
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0  # longer than the screen, and it scrolls
        await pilot.press("end")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_help_shows_the_persons_own_help_text_literally(make_app, db) -> None:  # type: ignore[no-untyped-def]
    settings.put_help_text(db, "Call [bold]Sam[/] on 555-0100")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.action_open_help()
        await settle(pilot)
        assert "Call [bold]Sam[/] on 555-0100" in help_text(app)


async def test_help_opens_before_the_database_is_ready(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_help()  # may run before the database opened: help needs no data
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


# --- settings ---------------------------------------------------------------------------
async def test_day_start_hour_and_theme_survive_a_restart(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await set_hour(pilot, "6")
        assert app.day_start_hour == 6  # applied at once
        assert error_text(app) == ""
        app.screen.query_one(Select).value = "nord"
        await settle(pilot)
        assert app.theme == "nord"
    assert setting_rows(db_path) == {"day_start_hour": "6", "theme": "nord"}

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot)
        assert again.day_start_hour == 6
        assert again.theme == "nord"
        await pilot.press("comma")
        await settle(pilot)
        assert again.screen.query_one("#settings-hour", Input).value == "6"
        assert again.screen.query_one(Select).value == "nord"


async def test_a_new_day_start_moves_today(make_app, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = clock.now.replace(hour=5, minute=0)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        assert app.today().day == 24
        await set_hour(pilot, "6")
        assert app.today().day == 23  # 05:00 now belongs to the evening before


@pytest.mark.parametrize(("typed", "why"), [("24", "not 24"), ("x", 'not "x"'), ("", 'not ""')])
async def test_a_bad_hour_is_refused_and_nothing_saved(make_app, db_path, typed, why) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        app.screen.query_one(TextArea).text = "my own words"
        await set_hour(pilot, typed)
        assert "from 0 to 23" in error_text(app) and why in error_text(app)
        assert app.day_start_hour == 4
        assert isinstance(app.screen, SettingsScreen)
    assert setting_rows(db_path) == {}  # not the help text either


async def test_custom_help_text_is_saved_and_emptied_back_to_the_default(make_app, db) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        area = app.screen.query_one(TextArea)
        assert area.text == DEFAULT_HELP_TEXT
        area.focus()
        area.select_all()  # then type over it
        await pilot.press(*"Ring Alex: 555-0100", "ctrl+s")
        await settle(pilot)
        assert settings.get(db, settings.HELP_TEXT) == "Ring Alex: 555-0100"
        assert settings.help_text(db) == "Ring Alex: 555-0100"
        area.text = "   \n  "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert settings.get(db, settings.HELP_TEXT) is None
        assert settings.help_text(db) == DEFAULT_HELP_TEXT
        assert area.text == DEFAULT_HELP_TEXT


async def test_settings_and_stimuli_need_the_database(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        early = app.db is None
        if early:  # pressed before the file is open: kept, no screen yet
            await app.run_action("open_settings")  # as a key or the palette would
            await app.run_action("open_stimuli")
        await wait_ready(app, pilot)
        if early:  # once it is open, the last key pressed runs
            for _ in range(200):
                if type(app.screen).__name__ == "StimuliScreen":
                    break
                await pilot.pause(0.02)
            assert type(app.screen).__name__ == "StimuliScreen"
            await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("stimuli: manage", "help: how teeter works", "settings: open"):
            assert title in titles


def test_parse_hour() -> None:
    assert parse_hour(" 0 ") == 0 and parse_hour("23") == 23
    for bad in ("24", "-1", "x", "4.5", ""):
        with pytest.raises(ValueError, match="from 0 to 23"):
            parse_hour(bad)


def test_settings_helpers(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        settings.put_day_start_hour(db, 24)
    assert settings.get(db, settings.DAY_START_HOUR) is None
    settings.put_day_start_hour(db, 0)
    assert settings.day_start_hour(db) == 0
    assert settings.put_help_text(db, "\x1b[31mcall\x1b[0m me") is True
    assert settings.help_text(db) == "[31mcall[0m me"  # escape characters never stored
    with pytest.raises(ValueError):
        settings.put_help_text(db, "x" * 2001)
    assert settings.put_help_text(db, "") is False
    assert settings.help_text(db) == DEFAULT_HELP_TEXT
