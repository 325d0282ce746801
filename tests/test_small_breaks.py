"""The small things that broke trust: keys that meant something else in a dialog, a second
check-in stacked on the first, a theme forgotten at restart, a panel that escape could not
close, footers that showed keys of the screen underneath, a re-save that moved a moment."""

from __future__ import annotations

import sqlite3

import pendulum
import pytest
from textual.widgets import Footer

from app.domain.checkin import Step, StepState
from app.storage.tables import checkins
from app.ui.checkin.base import StepScreen
from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from app.ui.screens.resume_screen import ResumeScreen
from app.ui.screens.timers_screen import TimersScreen
from tests.conftest import wait_ready


def footer_keys(app) -> set[str]:  # type: ignore[no-untyped-def]
    """The keys the visible footer offers (the footer of the screen on top)."""
    footer = app.screen.query_one(Footer)
    return {item.key for item in footer.query("FooterKey") if item.display}


async def settled_footer_keys(app, pilot) -> set[str]:  # type: ignore[no-untyped-def]
    """The footer fills itself after the screen appears: wait for it on a loaded machine."""
    for _ in range(50):
        keys = footer_keys(app)
        if keys:
            return keys
        await pilot.pause(0.02)
    return footer_keys(app)


async def half_done_checkin(db, clock) -> None:  # type: ignore[no-untyped-def]
    from app.domain.days import local_day

    day = local_day(clock.now, clock.now.timezone, 4)
    checkins.mark_step(db, day, Step.NOTICE, StepState.DONE, clock.now)


async def test_l_on_the_resume_dialog_opens_the_log(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    await half_done_checkin(db, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        keys = await settled_footer_keys(app, pilot)
        assert {"l", "escape"} <= keys, "the dialog's own keys, not home's"
        assert "t" not in footer_keys(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)


async def test_palette_check_in_inside_a_check_in_stacks_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        before = len(app.screen_stack)
        app.action_checkin()
        await pilot.pause()
        assert len(app.screen_stack) == before
        assert sum(isinstance(s, StepScreen) for s in app.screen_stack) == 1


async def test_a_theme_from_the_palette_is_kept_across_restarts(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.theme = "gruvbox"  # what the palette's Theme command does
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot)
        assert again.theme == "gruvbox"


async def test_settings_offers_the_themes_the_palette_offers(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("comma")
        await pilot.pause()
        select = app.screen.query_one(Select)
        offered = {value for _, value in select._options if isinstance(value, str)}
        assert offered == set(app.available_themes)


async def test_escape_closes_the_keys_panel_and_only_it(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        app.action_show_help_panel()
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
        assert isinstance(app.screen, TimersScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_confirm_dialog_shows_its_own_keys(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.push_screen(ConfirmScreen("Sure?"))
        await pilot.pause()
        keys = await settled_footer_keys(app, pilot)
        assert {"y", "n"} <= keys and "c" not in keys


@pytest.mark.parametrize(("width", "shown"), [(80, False), (140, True), (200, True)])
async def test_experiment_and_settings_keys_in_the_footer_when_there_is_room(
    make_app, width, shown
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_ready(app, pilot)
        keys = await settled_footer_keys(app, pilot)
        assert ("e" in keys) is shown and ("comma" in keys) is shown
        assert {"c", "l", "n", "t", "s", "q"} <= keys
        await pilot.press("comma")  # works at any width
        await pilot.pause()
        assert app.screen.sub_title == "Settings"


async def test_timers_screen_says_its_name(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.sub_title == "Timers"


async def test_saving_notice_again_keeps_its_moment(make_app, db_path, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"coffee", "tab", "8", "tab", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrackScreen)
        clock.advance(minutes=40)
        await pilot.press("escape")  # back to Notice, fix a rating, save again
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("7", "enter")  # the form opens on enjoyment
        await pilot.pause()
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT occurred_at, enjoyment FROM exposure").fetchall()
    conn.close()
    assert len(rows) == 1
    assert rows[0][1] == 7
    saved_at = pendulum.parse(rows[0][0])
    assert saved_at == clock.now.subtract(minutes=40)
