"""A person always knows which field they are in: whatever has the focus carries a bar at
its left edge (a glyph, so it shows in every theme and with NO_COLOR), and nothing else
does. Arrows never put a value into an empty rating."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.screens.timers_screen import TimersScreen
from app.ui.widgets.rating import RatingInput
from tests.conftest import settle, wait_ready
from tests.sight import focus_bar_at, screen_lines

THEMES = ["textual-dark", "textual-light", "ansi-dark", "ansi-light", "solarized-light"]


async def open_track(app, pilot) -> TrackScreen:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, TrackScreen)
    return app.screen


def bars(screen) -> int:  # type: ignore[no-untyped-def]
    return sum(line.count("▌") for line in screen_lines(screen))


@pytest.mark.parametrize("theme", THEMES)
async def test_every_field_of_a_form_shows_the_bar_when_focused(make_app, theme) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        screen = await open_track(app, pilot)
        seen = []
        for _ in range(5):  # stimulus, when, enjoyment, craving, note
            await settle(pilot)
            focused = app.focused
            assert focused is not None
            assert focus_bar_at(focused), f"{focused} has no focus bar in {theme}"
            assert bars(screen) == 1, "only the focused field carries the bar"
            seen.append(focused.id)
            await pilot.press("tab")
        assert seen == ["stimulus", "when", "enjoyment", "craving", "note"]


async def test_the_bar_shows_without_colour(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await open_track(app, pilot)
        assert focus_bar_at(app.focused)


async def test_timers_list_and_field_focus_differ(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.storage.tables import timers

    timers.start(db, "coffee", dt.timedelta(hours=1), clock.now)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimersScreen)
        options = app.screen.query_one("#timers-list")
        assert app.focused is options and focus_bar_at(options)
        await pilot.press("tab")
        await settle(pilot)
        field = app.screen.query_one("#timers-stimulus")
        assert app.focused is field and focus_bar_at(field)
        assert not focus_bar_at(options)
        await pilot.press("tab", "tab")  # past the duration to the first preset
        await settle(pilot)
        button = app.screen.query_one("#timers-preset-30m")
        assert app.focused is button and focus_bar_at(button)
        assert not focus_bar_at(app.screen.query_one("#timers-preset-1h"))


async def test_confirm_buttons_differ_after_tab(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.push_screen(ConfirmScreen("Delete it?", confirm="Delete", danger=True))
        await settle(pilot)
        cancel, confirm = app.screen.query_one("#cancel"), app.screen.query_one("#confirm")
        assert app.focused is cancel, "the safe choice has the focus"
        assert focus_bar_at(cancel) and not focus_bar_at(confirm)
        await pilot.press("tab")
        await settle(pilot)
        assert focus_bar_at(confirm) and not focus_bar_at(cancel)


async def test_arrows_never_fill_an_empty_rating(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_track(app, pilot)
        await pilot.press("tab", "tab")  # to enjoyment, past stimulus and when
        enjoyment = screen.query_one("#enjoyment", RatingInput)
        assert app.focused is enjoyment
        await pilot.press("up", "right", "down", "left")
        await settle(pilot)
        assert enjoyment.value is None
        assert "type a digit first" in str(enjoyment.render())
        await pilot.press("7", "up", "up", "left")
        assert enjoyment.value == 8


async def test_sixteen_colour_terminals_use_their_own_colours(make_app) -> None:  # type: ignore[no-untyped-def]
    """TERM=linux: half-tone borders became black on black and text dim grey. On a
    16-colour terminal the app uses the terminal's own blue for borders and its own
    foreground for text, passed through as ANSI colours."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.use_few_colours()  # what a real 16-colour terminal gets at mount
        await settle(pilot)
        assert app.ansi_color is True
        variables = app.get_css_variables()
        assert variables["card-border"] == "ansi_blue"
        assert variables["text-muted"] == "ansi_default"
        card = app.screen.query_one("#home-checkin")
        assert card.styles.border_top[1].ansi is not None  # a real ANSI colour, not a shade
        await open_track(app, pilot)
        assert focus_bar_at(app.focused)


async def test_many_colour_terminals_keep_the_theme(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert not app.few_colours
        assert app.get_css_variables()["card-border-alpha"] == "50%"


async def test_keys_typed_in_one_burst_land_in_the_field_tab_moved_to(make_app) -> None:  # type: ignore[no-untyped-def]
    """A terminal hands a fast typist's keys (or a paste) over in one read: a tab among them
    moves the focus before the next key is given out, so each digit lands in its rating."""
    from textual import events

    from app.ui.checkin.notice_screen import NoticeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NoticeScreen)
        burst = [*"coffee", "tab", "8", "tab", "3", "tab", *"first", "shift+tab", "4"]
        for key in burst:  # queued together, as one read
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert screen.query_one("#stimulus", Input).value == "coffee"
        assert screen.query_one("#enjoyment", RatingInput).value == 8
        assert screen.query_one("#craving", RatingInput).value == 4
        assert screen.query_one("#note", Input).value == "first"


async def test_a_burst_that_ends_in_enter_saves_what_was_typed_in_order(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    """The enter at the end of a pasted line is read after the name and ratings before it
    have landed in their fields: the step saves them, it does not find the name empty."""
    import sqlite3

    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        for key in [*"coffee", "tab", "8", "tab", "3", "tab", *"first cup", "enter"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
    with sqlite3.connect(db_path) as conn:
        saved = conn.execute(
            "SELECT name, enjoyment, craving, note FROM exposure JOIN stimulus"
            " ON stimulus.id = exposure.stimulus_id"
        ).fetchall()
    assert saved == [("coffee", 8, 3, "first cup")]
