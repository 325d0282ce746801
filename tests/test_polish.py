"""What people expect of a terminal tool: every action in the palette, NO_COLOR honoured."""

from __future__ import annotations

import pytest

from app.ui.screens.home_screen import HomeScreen
from tests.conftest import wait_ready


async def test_every_home_action_is_in_the_command_palette(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        palette_actions = {
            command.callback.__name__.removeprefix("action_")
            for command in app.get_system_commands(app.screen)
        }
    home_actions = {
        binding.action.removeprefix("app.")
        for binding in HomeScreen.BINDINGS
        if binding.action != "app.quit"  # type: ignore[union-attr]
    }
    assert home_actions <= palette_actions, home_actions - palette_actions
    assert {"check-in: start or resume", "log: three days", "timers: open"} <= titles


@pytest.mark.parametrize("value", ["1", ""])
async def test_no_color_makes_the_app_monochrome(make_app, monkeypatch, value: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", value)
    app = make_app()
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
