"""Reading your own journal: whole notes at 80 columns, a note search, a history beyond 30
days (weeks, months, days, each opening its entries), and a home that fills its room."""

from __future__ import annotations

import asyncio

import pendulum
import pytest
from textual.widgets import DataTable, Input

from app.domain.history import Period, summarise
from app.domain.records import Exposure, ExposureSource
from app.storage.tables import exposures, history, settings
from app.ui.screens.entries_screen import EntriesScreen
from app.ui.screens.history_screen import HistoryScreen
from app.ui.screens.log_screen import LogScreen
from app.ui.screens.note_search_screen import NoteSearchScreen
from tests.conftest import FROZEN, PARIS, wait_ready
from tests.sight import screen_lines

LONG_NOTE = (
    "the first cup of the day on the balcony while the street was still quiet, slow and "
    "warm, and for once I did not reach for the phone at all [bold]x[/]"
)


def add(db, name: str, when: pendulum.DateTime, e: int, c: int, note: str = "") -> None:  # type: ignore[no-untyped-def]
    exposures.log(
        db,
        stimulus=name,
        occurred_at=when,
        enjoyment=e,
        craving=c,
        note=note,
        source=ExposureSource.SHELL,
        now=when,
    )


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def words_on_screen(app) -> str:  # type: ignore[no-untyped-def]
    """The screen's words in reading order (the focus bar is not a word)."""
    return " ".join(" ".join(screen_lines(app.screen)).replace("▌", " ").split())


def history_db(db) -> None:  # type: ignore[no-untyped-def]
    """Coffee over ten weeks (better each week), tea once; notes on a few."""
    start = FROZEN.subtract(weeks=10)
    for week in range(10):
        for n in range(3):
            at = start.add(weeks=week, days=n, hours=n)
            add(db, "coffee", at, 3 + week // 2, 8 - week // 2, "balcony" if week == 0 else "")
    add(db, "tea", FROZEN.subtract(days=1), 7, 2, LONG_NOTE)


async def test_a_whole_note_is_readable_in_the_log_at_80_columns(make_app, db) -> None:  # type: ignore[no-untyped-def]
    add(db, "coffee", FROZEN.subtract(hours=2), 7, 3, LONG_NOTE)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one("#log-table", DataTable)
        note = table.get_row_at(0)[-1]
        assert str(note) == LONG_NOTE  # whole, never cut with an ellipsis
        assert table.columns["note"].width < len(LONG_NOTE)
        (row,) = table.rows.values()
        assert row.height * table.columns["note"].width >= len(LONG_NOTE)  # wrapped
        assert table.region.right <= app.screen.region.right


async def test_note_search_finds_whole_notes(make_app, db) -> None:  # type: ignore[no-untyped-def]
    history_db(db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, NoteSearchScreen)
        await pilot.press(*"BALCONY")
        await settle(app, pilot)
        assert "4 entries, newest first" in str(app.screen.query_one("#search-count").render())
        assert " ".join(LONG_NOTE.split()) in words_on_screen(app)  # whole, and [bold] literal
        app.screen.query_one(Input).value = "100%"
        await settle(app, pilot)
        assert "No note contains that" in str(app.screen.query_one("#search-count").render())


def test_search_is_literal_and_bounded(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "coffee", FROZEN, 5, 5, "50% off")
    add(db, "coffee", FROZEN.add(minutes=1), 5, 5, "500 off")
    assert [e.note for e in history.with_note(db, "50%")] == ["50% off"]
    assert [e.note for e in history.with_note(db, "0_o")] == []
    assert history.with_note(db, "   ") == []


def test_weeks_and_months_keep_both_means_apart() -> None:
    def ex(i: int, at: str, e: int, c: int) -> Exposure:
        return Exposure(i, 1, "coffee", pendulum.parse(at, tz=PARIS), e, c)

    items = [
        ex(1, "2026-11-23 09:00", 4, 8),  # Monday
        ex(2, "2026-11-29 23:00", 6, 6),  # Sunday, same week
        ex(3, "2026-11-30 02:00", 8, 2),  # after midnight: still Sunday, same week
        ex(4, "2026-12-01 09:00", 9, 1),
    ]
    weeks = summarise(items, PARIS, 4, Period.WEEK)
    assert [(s.label, s.count, s.mean_enjoyment, s.mean_craving) for s in weeks] == [
        ("week of Mon 30 Nov 2026", 1, 9.0, 1.0),
        ("week of Mon 23 Nov 2026", 3, 6.0, 16 / 3),
    ]
    months = summarise(items, PARIS, 4, Period.MONTH)
    assert [m.label for m in months] == ["December 2026", "November 2026"]


async def test_history_goes_back_beyond_30_days_and_opens_a_week(make_app, db) -> None:  # type: ignore[no-untyped-def]
    history_db(db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        heading = str(screen.query_one("#history-heading").render())
        assert heading.startswith("coffee") and "by week" in heading
        table = screen.query_one(DataTable)
        assert table.row_count == 10  # ten weeks, the oldest 70 days back
        oldest = [str(c) for c in table.get_row_at(table.row_count - 1)]
        newest = [str(c) for c in table.get_row_at(0)]
        assert oldest[1:] == ["3", "3", "8"] and newest[1:] == ["3", "7", "4"]
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")  # open the oldest week
        await settle(app, pilot)
        assert isinstance(app.screen, EntriesScreen)
        assert "balcony" in words_on_screen(app)
        await pilot.press("escape", "m")
        await settle(app, pilot)
        assert "by month" in str(screen.query_one("#history-heading").render())
        await pilot.press("right")  # tea
        await settle(app, pilot)
        assert str(screen.query_one("#history-heading").render()).startswith("tea")


async def test_history_day_list_opens_everything_that_day(make_app, db) -> None:  # type: ignore[no-untyped-def]
    history_db(db)
    add(db, "coffee", FROZEN.subtract(days=1).add(minutes=30), 4, 6, "with the tea")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("h", "m", "m")
        await settle(app, pilot)
        assert "by day" in str(app.screen.query_one("#history-heading").render())
        await pilot.press("home", "enter")  # coffee's latest day: yesterday
        await settle(app, pilot)
        assert isinstance(app.screen, EntriesScreen)
        text = words_on_screen(app)
        assert "with the tea" in text and "tea" in text and "reach for the phone" in text


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 8), ((200, 50), 20)])
async def test_home_fills_the_room_it_has(make_app, db, size, rows) -> None:  # type: ignore[no-untyped-def]
    for minutes in range(20):
        add(db, "coffee", FROZEN.subtract(minutes=5 * (20 - minutes)), 5, 5)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        await pilot.pause()
        entries = app.screen.query_one("#home-entries")
        assert entries.region.height >= rows  # rows in sight, the rest a scroll away
        drawn = " ".join(screen_lines(app.screen))
        assert drawn.count("coffee") >= rows
        assert "Press c" in drawn  # the hint is still in sight


def test_history_snapshot(snap_compare, make_app, fixed_history_db) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_ready(pilot.app, pilot)
        await pilot.press("h")
        for _ in range(5):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        await asyncio.sleep(0)
        await pilot.pause()

    assert snap_compare(
        make_app(path=fixed_history_db), terminal_size=(80, 24), run_before=run_before
    )


@pytest.fixture
def fixed_history_db(tmp_path):  # type: ignore[no-untyped-def]
    from app.storage.file.database import Database

    path = tmp_path / "history.db"
    db = Database(path)
    history_db(db)
    settings.put(db, settings.CARE_NOTE_SEEN, "2026-11-01")  # past its first launch: no toast
    db.close()
    return path
