"""Home and quick log, on a fresh database and with data; text a person typed stays text."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.checkin import Step, StepState
from app.domain.records import ExposureSource
from app.storage.tables import checkins, exposures, timers
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.quick_log_screen import QuickLogScreen
from tests.conftest import FROZEN, wait_ready

MARKUP = "[bold]x [/] [@click=app.quit]y [link=https://example.com]z"


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    if selector == "#home-today":
        return home_today(app)
    return str(app.screen.query_one(selector).render())


def home_today(app) -> str:  # type: ignore[no-untyped-def]
    """What home's "Logged today" shows: its rows, or the line saying there are none."""
    listing = app.screen.query_one("#home-entries")
    if not listing.display:
        return str(app.screen.query_one("#home-nothing").render())
    return "\n".join(str(option.prompt) for option in listing.options)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_home_on_a_fresh_database(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.sub_title == "Tuesday 24 November 2026"
        assert "not started" in text_of(app, "#home-checkin")
        assert "No timers running" in text_of(app, "#home-timers")
        assert "Nothing logged yet today" in text_of(app, "#home-today")
        assert "Press c to begin" in text_of(app, "#home-hint")
        footer_keys = {key.key for key in app.screen.query("FooterKey")}  # type: ignore[attr-defined]
        assert {"c", "n", "q"} <= footer_keys


async def test_home_with_data_and_a_markup_like_name(make_app, db) -> None:  # type: ignore[no-untyped-def]
    exposures.log(
        db,
        stimulus=MARKUP,
        occurred_at=FROZEN.subtract(hours=1),
        enjoyment=7,
        craving=3,
        note="",
        source=ExposureSource.SHELL,
        now=FROZEN,
    )
    timers.start(db, MARKUP, dt.timedelta(hours=1, minutes=12), FROZEN.subtract(minutes=2))
    checkins.mark_step(db, FROZEN.date(), Step.NOTICE, StepState.DONE, FROZEN)
    checkins.mark_step(db, FROZEN.date(), Step.TRACK, StepState.SKIPPED, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await app.pop_screen() if app.screen.__class__.__name__ == "ResumeScreen" else None
        await pilot.pause()
        timers_text = text_of(app, "#home-timers")
        assert MARKUP[:23] + "…" in timers_text and "1:10:00" in timers_text
        assert "[bold]x [/] [@click=app…" in text_of(app, "#home-today")
        assert "2 of 4" in text_of(app, "#home-checkin")
        await pilot.click("#home-today")  # a click on the name runs nothing
        assert app.is_running


async def test_timers_count_down_from_the_stored_end(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    timers.start(db, "coffee", dt.timedelta(hours=2), FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert "2:00:00" in text_of(app, "#home-timers")
        clock.advance(minutes=47, seconds=30)
        app.screen.tick()  # type: ignore[attr-defined]
        assert "1:12:30" in text_of(app, "#home-timers")


async def test_quick_log_saves_both_ratings(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuickLogScreen)
        await pilot.press(*"[/]chips", "tab", "tab", "4", "tab", "9", "enter")
        for _ in range(250):  # the save runs off the event loop
            await pilot.pause(0.02)
            if isinstance(app.screen, HomeScreen):
                break
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "[/]chips" in text_of(app, "#home-today")
    import sqlite3

    conn = sqlite3.connect(db_path)
    assert conn.execute(
        "SELECT s.name, enjoyment, craving, source FROM exposure JOIN stimulus s "
        "ON s.id = stimulus_id"
    ).fetchall() == [("[/]chips", 4, 9, "quick")]


async def test_quick_log_with_a_missing_rating_shows_why_and_writes_nothing(
    make_app, db_path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"chips", "tab", "tab", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickLogScreen)
        assert "rate craving" in text_of(app, "#form-error")
        await pilot.press("escape")  # what was typed is not saved: teeter asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    import sqlite3

    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM exposure").fetchone() == (0,)
