"""Fixing an entry in the app: open it from home's "Logged today" or the log's table, change
any field or delete it, and take a deletion (or an early end, a cancel, an archive) back with
u within its window. Every check reads the database, not just the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, TextArea

from app.domain.records import ExposureSource, Outcome, TimerEnd
from app.storage.tables import exposures, reframes, stimuli, timers
from app.ui.screens.entry_screen import ExposureEntryScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from app.ui.screens.reframe_entry_screen import ReframeEntryScreen
from app.ui.screens.stimuli_screen import StimuliScreen
from app.ui.screens.timers_screen import TimersScreen
from tests.conftest import FROZEN, hold_write_lock, query, settle, wait_ready
from tests.test_home_screen import home_today

MARKUP = "[bold]x [/] [@click=app.quit]y"


def log(db, name: str, minutes_ago: int, e: int = 7, c: int = 3, note: str = ""):  # type: ignore[no-untyped-def]
    return exposures.log(
        db,
        stimulus=name,
        occurred_at=FROZEN.subtract(minutes=minutes_ago),
        enjoyment=e,
        craving=c,
        note=note,
        source=ExposureSource.SHELL,
        now=FROZEN.subtract(minutes=minutes_ago),
    )


def table(journal: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    return query(journal, sql)


def rows(db_path: str) -> list[tuple]:  # type: ignore[type-arg]
    return table(
        db_path,
        "SELECT s.name, e.occurred_at, e.enjoyment, e.craving, e.note, e.source, e.created_at "
        "FROM exposure e JOIN stimulus s ON s.id = e.stimulus_id ORDER BY e.id",
    )


async def home(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    while not isinstance(app.screen, HomeScreen):  # a resume offer or an urge question
        app.pop_screen()
        await settle(pilot)


async def test_edit_every_field_from_home(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    log(db, "tea", 120)
    log(db, "coffee", 30, note="first line\nsecond line, kept whole")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        assert app.focused is app.screen.query_one("#home-entries")  # latest highlighted
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExposureEntryScreen)
        assert screen.query_one(TextArea).text == "first line\nsecond line, kept whole"
        screen.query_one("#stimulus", Input).value = MARKUP
        screen.query_one("#when", Input).value = "08:05"
        await pilot.press("2", "tab", "9")  # enjoyment has the focus, then craving
        screen.query_one(TextArea).text = "changed\nnote"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert MARKUP[:20] in home_today(app) and "enjoyment  2   craving  9" in home_today(app)
    name, at, e, c, note, source, _ = rows(where)[1]
    assert (name, e, c, note, source) == (MARKUP, 2, 9, "changed\nnote", "shell")
    assert str(at).startswith("2026-11-24 07:05:00")  # 08:05 in Paris, stored as UTC


async def test_a_bad_edit_says_why_and_writes_nothing(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    log(db, "coffee", 30)
    before = rows(where)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        for field, value, error in (
            ("#when", "today 23:59", "in the future"),  # a bare 23:59 is last night
            ("#when", "25:99", "cannot read the time"),
            ("#stimulus", "   ", "needs a name"),
        ):
            screen.query_one(field, Input).value = value
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is screen
            assert error in str(screen.query_one("#form-error").render())
            screen.query_one("#when", Input).value = "2026-11-24 09:00"
            screen.query_one("#stimulus", Input).value = "coffee"
        await pilot.press("escape")  # leaves it as it was
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert rows(where) == before


async def test_untouched_time_keeps_its_seconds(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    exposures.log(
        db,
        stimulus="coffee",
        occurred_at=FROZEN.subtract(minutes=5, seconds=17),
        enjoyment=5,
        craving=5,
        source=ExposureSource.QUICK,
        now=FROZEN,
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("6", "ctrl+s")
        await settle(pilot)
    assert str(rows(where)[0][1]).startswith("2026-11-24 08:24:43")
    assert rows(where)[0][2] == 6


async def test_delete_from_home_then_undo_puts_it_back_exactly(make_app, db, where, clock) -> None:  # type: ignore[no-untyped-def]
    log(db, "tea", 120)
    log(db, "coffee", 30, note="keep me")
    before = rows(where)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "coffee" not in home_today(app) and len(rows(where)) == 1
        toasts = [n.message for n in app._notifications]
        assert any("Press u within 20 s to undo" in m for m in toasts)
        clock.advance(seconds=19)
        await pilot.press("u")
        await settle(pilot)
        assert rows(where) == before
        assert "coffee" in home_today(app)
        await pilot.press("down", "d")  # the highlight had moved to tea, before coffee
        await settle(pilot)
        clock.advance(seconds=21)  # too late now
        await pilot.press("u")
        await settle(pilot)
        assert rows(where) == before[:1]
        assert "coffee" not in home_today(app)


async def test_delete_from_the_entry_screen(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    log(db, "coffee", 30)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert rows(where) == []
        await pilot.press("u")
        await settle(pilot)
        assert len(rows(where)) == 1


async def test_edit_and_delete_from_the_log_table(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    for minutes_ago, e in ((60 * 26, 8), (60 * 5, 6), (30, 3)):
        log(db, "coffee", minutes_ago, e=e)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        grid = app.screen.query_one(DataTable)
        grid.focus()
        await pilot.press("down", "enter")  # the second exposure
        await settle(pilot)
        assert isinstance(app.screen, ExposureEntryScreen)
        assert app.screen.exposure.enjoyment == 6
        await pilot.press("9", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        await settle(pilot)
        assert grid.cursor_row == 1  # still on the entry just changed
        assert "9" in [str(cell) for cell in grid.get_row_at(1)]
        await pilot.press("d")
        await settle(pilot)
        assert [r[2] for r in rows(where)] == [8, 3]
        assert grid.row_count == 2
        await pilot.press("u")
        await settle(pilot)
        assert sorted(r[2] for r in rows(where)) == [3, 8, 9]


async def test_a_reframe_opens_from_home_and_can_be_changed_or_deleted(make_app, db) -> None:  # type: ignore[no-untyped-def]
    thought = reframes.add(
        db,
        occurred_at=FROZEN.subtract(minutes=10),
        stimulus="coffee",
        label=MARKUP,
        craving_before=8,
        craving_after=4,
        outcome=Outcome.WAITED,
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        assert "reframe coffee" in home_today(app) and "craving 8 → 4" in home_today(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReframeEntryScreen)
        assert screen.query_one("#reframe-label", Input).value == MARKUP
        screen.query_one("#reframe-stimulus", Input).value = ""
        await pilot.press("7", "tab", "2", "tab", "2", "ctrl+s")  # before, after, outcome
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        (saved,) = reframes.latest(db)
        assert (saved.stimulus_id, saved.craving_before, saved.craving_after) == (None, 7, 2)
        assert saved.outcome is Outcome.HAD_IT and saved.label == MARKUP
        assert saved.id == thought.id
        await pilot.press("d")
        await settle(pilot)
        assert reframes.latest(db) == []
        await pilot.press("u")
        await settle(pilot)
        assert reframes.latest(db) == [saved]


@pytest.mark.parametrize(
    ("key", "how"), [("e", TimerEnd.ENDED_EARLY), ("delete", TimerEnd.CANCELLED)]
)
async def test_ending_or_cancelling_a_timer_can_be_undone(make_app, db, key, how) -> None:  # type: ignore[no-untyped-def]
    started = timers.start(db, "coffee", dt.timedelta(hours=2), FROZEN.subtract(minutes=10))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimersScreen)
        await pilot.press(key)
        await settle(pilot)
        assert timers.active(db) == []
        assert timers.recent_endings(db, FROZEN.subtract(hours=1))[0].end_reason is how
        await pilot.press("u")
        await settle(pilot)
        (again,) = timers.active(db)
        assert again.id == started.id and again.ends_at == started.ends_at
        assert "1:50:00" in str(app.screen.query_one("#timers-list").render_line(0))


async def test_archiving_a_stimulus_can_be_undone(make_app, db) -> None:  # type: ignore[no-untyped-def]
    stimuli.ensure(db, "coffee", FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StimuliScreen)
        await pilot.press("x")
        await settle(pilot)
        assert stimuli.list_active(db) == []
        await pilot.press("u")
        await settle(pilot)
        assert [s.name for s in stimuli.list_active(db)] == ["coffee"]


async def test_u_with_nothing_to_undo_changes_nothing(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    log(db, "coffee", 30)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(rows(where)) == 1


async def test_saving_while_another_process_writes_waits_without_freezing(  # type: ignore[no-untyped-def]
    make_app, db, where
) -> None:
    log(db, "coffee", 30)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        other = hold_write_lock(where)  # another writer holds the journal
        try:
            await pilot.press("2", "ctrl+s")
            await pilot.pause(0.6)
            assert app.screen is screen  # still here, keys still answered
            assert "Waiting for the journal" in str(screen.query_one("#form-error").render())
            await pilot.press("ctrl+s")  # a second press never saves twice
        finally:
            other.rollback()
            other.close()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert [r[2] for r in rows(where)] == [2]
