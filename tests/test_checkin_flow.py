"""The whole check-in by key presses, then the exact rows in the database; leaving half-way
and resuming at the next launch."""

from __future__ import annotations

from pathlib import Path

from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.reframe_screen import DEFAULT_LABEL, ReframeScreen
from app.ui.checkin.space_screen import SpaceScreen
from app.ui.checkin.summary_screen import SummaryScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.resume_screen import ResumeScreen
from tests.conftest import CHECKIN_STEPS, query, settle, wait_ready


def rows(journal: Path | str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    return query(journal, sql)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(w.render()) for w in app.screen.query("Static, Label, RatingInput"))


async def test_full_checkin_by_keys_writes_exactly_what_was_entered(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press(*"coffee", "tab", "8", "tab", "3", "tab", *"first cup", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
        # coffee carried over from Notice; log an earlier cup and then another
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", *"07:15", "tab", "9", "tab", "2")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("6", "tab", "7", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)
        await pilot.press(*"2h", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReframeScreen)
        await pilot.press("9", "tab", "tab", "5", "tab", "tab", "1", "enter")  # past surfing
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app)
        assert "3 entries (coffee ×3)" in summary
        assert "coffee for 2h" in summary
        assert "9 → 5, waited it out" in summary
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    assert rows(db_path, "SELECT name, kind, archived FROM stimulus") == [("coffee", "caffeine", 0)]
    assert rows(
        db_path,
        "SELECT occurred_at, enjoyment, craving, note, source FROM exposure ORDER BY id",
    ) == [
        ("2026-11-24 08:30:00.000000", 8, 3, "first cup", "notice"),
        ("2026-11-24 06:15:00.000000", 9, 2, "", "track"),
        ("2026-11-24 08:30:00.000000", 6, 7, "", "track"),
    ]
    assert rows(db_path, "SELECT started_at, ends_at, ended_at FROM timer") == [
        ("2026-11-24 08:30:00.000000", "2026-11-24 10:30:00.000000", None)
    ]
    assert rows(
        db_path, "SELECT label, craving_before, craving_after, outcome, stimulus_id FROM reframe"
    ) == [(DEFAULT_LABEL, 9, 5, "waited", 1)]
    assert rows(
        db_path,
        f"SELECT day, notice, track, space, reframe, completed_at IS NOT NULL FROM {CHECKIN_STEPS}",
    ) == [("2026-11-24", "done", "done", "done", "done", 1)]


async def test_leaving_midway_keeps_steps_and_next_launch_offers_resume(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"phone", "tab", "5", "tab", "8", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")  # skip Track
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)
        await app.action_quit()

    assert rows(db_path, f"SELECT notice, track, space, reframe FROM {CHECKIN_STEPS}") == [
        ("done", "skipped", "pending", "pending")
    ]
    assert rows(db_path, "SELECT enjoyment, craving FROM exposure") == [(5, 8)]

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, ResumeScreen)
        assert "Notice, Track" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReframeScreen)
        await pilot.press("escape")  # back to Space
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)
    steps_and_end = f"SELECT notice, track, space, reframe, completed_at FROM {CHECKIN_STEPS}"
    assert rows(db_path, steps_and_end) == [("done", "skipped", "skipped", "pending", None)]
    assert rows(db_path, "SELECT count(*) FROM exposure") == [(1,)]


async def test_going_back_and_saving_again_rewrites_not_duplicates(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"tea", "tab", "5", "tab", "5", "enter")
        await settle(pilot)
        await pilot.press("escape")  # back from Track to Notice
        await settle(pilot)
        assert isinstance(app.screen, NoticeScreen)
        assert "Enjoying this moment    ■■■■■·····  5" in screen_text(app)  # what was saved
        await pilot.press("6", "tab", "4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
    assert rows(db_path, "SELECT enjoyment, craving, source FROM exposure") == [(6, 4, "notice")]


async def test_escape_on_first_step_goes_home_with_nothing_written(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert rows(db_path, "SELECT count(*) FROM checkin") == [(0,)]


async def test_space_step_refuses_a_second_timer_on_the_same_name_in_another_spelling(
    make_app, db_path, clock
) -> None:  # type: ignore[no-untyped-def]
    """ "Café" typed with a combining accent is the same pleasure as "Café" (storage's name
    key): the Space step starts through the same one call as the Timers screen, so a second
    timer cannot start beside the first."""
    import datetime as dt

    from textual.widgets import Input

    from app.storage.file.database import Database
    from app.storage.tables import timers

    db = Database(db_path)
    timers.start(db, "Café", dt.timedelta(hours=2), clock())
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s")  # skip Notice
        await settle(pilot)
        await pilot.press("ctrl+s")  # skip Track
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)
        app.screen.query_one("#space-stimulus", Input).value = "Cafe\u0301"
        app.screen.query_one("#space-duration", Input).value = "1h"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)  # stays, saying why
        assert "already has a timer running" in str(app.screen.query_one("#step-error").render())
    assert rows(db_path, "SELECT COUNT(*) FROM timer WHERE ended_at IS NULL") == [(1,)]
    assert rows(db_path, "SELECT COUNT(*) FROM stimulus") == [(1,)]
