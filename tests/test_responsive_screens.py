"""The check-in steps, the Stimuli screen and the Settings screen write off the event loop:
while another process holds the journal's write lock (an import, a second teeter) their keys
keep working, the screen says it is waiting where the person is looking, and the write then
lands — or, if the file stays busy, the screen says so in one line and nothing is written."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from app.domain.records import StimulusKind
from app.storage.file.errors import StorageError
from app.storage.tables import checkins, stimuli
from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.space_screen import SpaceScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.settings_screen import SettingsScreen
from app.ui.screens.stimuli_screen import StimuliScreen, StimulusFormScreen
from tests.conftest import CHECKIN_STEPS, FROZEN, HeldLock, query, settle, until, wait_ready

WAITING = "Waiting for the journal"


def said(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector).render())


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy file gives up after 0.3 s instead of 10 (set before the app opens it)."""
    from app.storage.file import files

    monkeypatch.setattr(files, "BUSY_TIMEOUT_MS", 300)


# --- a check-in step --------------------------------------------------------------------
async def open_notice(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, NoticeScreen)
    await pilot.press(*"coffee", "tab", "8", "tab", "3")


async def test_a_step_saved_behind_a_held_lock_keeps_keys_working_then_moves_on_once(  # type: ignore[no-untyped-def]
    make_app, where
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notice(app, pilot)
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: WAITING in said(app, "#step-error"))
            note = app.screen.query_one("#note", Input)
            note.focus()
            await pilot.press("o", "k")  # the loop is free: typed keys arrive at once
            assert note.value == "ok"
            await pilot.press("enter")  # a second press while saving saves nothing twice
            await pilot.press("ctrl+s")  # and skips no step
            await pilot.press("escape")  # nor does going back pretend the entry was dropped
            assert isinstance(app.screen, NoticeScreen)
            assert "Still saving" in said(app, "#step-error")
            assert query(where, "SELECT count(*) FROM exposure") == [(0,)]  # still held
        finally:
            lock.release()
        await until(lambda: "You changed it since" in said(app, "#step-error"))
        assert isinstance(app.screen, NoticeScreen)  # the note typed meanwhile is not dropped
        assert query(where, "SELECT note FROM exposure") == [("",)]  # as it was at enter
        await pilot.press("enter")  # saves the change: the same entry, rewritten
        await until(lambda: isinstance(app.screen, TrackScreen))
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)  # one step on, not two
    assert query(where, "SELECT enjoyment, craving, note, source FROM exposure") == [
        (8, 3, "ok", "notice")
    ]
    assert query(where, f"SELECT notice, track FROM {CHECKIN_STEPS}") == [("done", "pending")]


async def test_a_step_saved_behind_a_held_lock_leaves_the_palette_opened_meanwhile_alone(  # type: ignore[no-untyped-def]
    make_app, db_path
) -> None:
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notice(app, pilot)
        lock = HeldLock(db_path)
        try:
            await pilot.press("enter")
            await until(lambda: WAITING in said(app, "#step-error"))
            await pilot.press("ctrl+p")  # the loop is free: the palette opens at once
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
        finally:
            lock.release()
        await until(lambda: query(db_path, "SELECT count(*) FROM exposure") == [(1,)])
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)  # the save landing does not close it
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, TrackScreen))
    assert query(db_path, "SELECT enjoyment, craving FROM exposure") == [(8, 3)]


async def test_a_step_whose_file_stays_busy_says_so_and_writes_nothing(  # type: ignore[no-untyped-def]
    make_app, where, short_busy_timeout
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notice(app, pilot)
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: "busy" in said(app, "#step-error"))
            assert isinstance(app.screen, NoticeScreen)  # still there, to try again
            assert query(where, "SELECT count(*) FROM exposure") == [(0,)]
            assert query(where, f"SELECT count(*) FROM {CHECKIN_STEPS}") == [(0,)]
        finally:
            lock.release()
        assert "try again" in said(app, "#step-error")
        await pilot.press("enter")  # the file is free now: the same form saves
        await until(lambda: isinstance(app.screen, TrackScreen))
    assert query(where, "SELECT count(*) FROM exposure") == [(1,)]


async def test_an_entry_stored_whose_step_mark_failed_is_not_logged_twice(  # type: ignore[no-untyped-def]
    make_app, db_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notice(app, pilot)
        await pilot.press("ctrl+s")  # on to Track
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
        real, tries = checkins.mark_step, []

        def busy_once(*args):  # type: ignore[no-untyped-def]
            tries.append(args)
            if len(tries) == 1:  # the file got busy between the entry and the mark
                raise StorageError(f"{db_path}: stayed busy in another teeter; try again")
            return real(*args)

        monkeypatch.setattr(checkins, "mark_step", busy_once)
        app.screen.query_one("#stimulus", Input).value = "tea"
        app.screen.query_one("#enjoyment").value = 6
        app.screen.query_one("#craving").value = 7
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TrackScreen)
        assert "Saved, but the step is not marked yet" in said(app, "#step-error")
        assert query(db_path, "SELECT count(*) FROM exposure") == [(1,)]
        await pilot.press("enter")  # only the mark is left to do
        await settle(pilot)
        assert isinstance(app.screen, SpaceScreen)
    assert query(db_path, "SELECT enjoyment, craving, source FROM exposure") == [(6, 7, "track")]
    assert query(db_path, f"SELECT notice, track FROM {CHECKIN_STEPS}") == [("skipped", "done")]


# --- the Stimuli screen -----------------------------------------------------------------
async def open_stimuli(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, StimuliScreen)


async def test_a_rename_behind_a_held_lock_waits_in_the_form_then_lands(  # type: ignore[no-untyped-def]
    make_app, db, where
) -> None:
    stimuli.create(db, "coffee", StimulusKind.CAFFEINE, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+u", *"Morning coffee")
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: WAITING in said(app, "#form-error"))
            await pilot.press("enter", "escape")  # neither a second rename nor a silent drop
            assert isinstance(app.screen, StimulusFormScreen)
            assert "Still saving" in said(app, "#form-error")
            name = app.screen.query_one("#stimulus-name", Input)
            await pilot.press("!")  # the loop is free: typed keys arrive at once
            assert name.value == "Morning coffee!"
            assert query(where, "SELECT name FROM stimulus") == [("coffee",)]
        finally:
            lock.release()
        # it lands as it was when enter was pressed; the "!" typed meanwhile stays in the form
        await until(lambda: "You changed it since" in said(app, "#form-error"))
        assert isinstance(app.screen, StimulusFormScreen) and name.value == "Morning coffee!"
        assert query(where, "SELECT name FROM stimulus") == [("Morning coffee",)]
        await pilot.press("enter")  # the same pleasure renamed again, not a second one
        await until(lambda: isinstance(app.screen, StimuliScreen))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]) == "Morning coffee!"
    assert query(where, "SELECT name FROM stimulus") == [("Morning coffee!",)]


async def test_an_archive_behind_a_held_lock_waits_on_the_status_line_then_lands(  # type: ignore[no-untyped-def]
    make_app, db, where
) -> None:
    stimuli.create(db, "coffee", StimulusKind.CAFFEINE, FROZEN)
    stimuli.create(db, "tea", StimulusKind.CAFFEINE, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 0  # coffee
        lock = HeldLock(where)
        try:
            await pilot.press("x")
            await until(lambda: WAITING in said(app, "#stimuli-status"))
            await pilot.press("down")  # the loop is free: the cursor moves at once
            assert table.cursor_row == 1
            await pilot.press("x")  # no second change while the first is on its way
            assert "Still saving" in said(app, "#stimuli-status")
            assert query(where, "SELECT name, archived FROM stimulus ORDER BY name") == [
                ("coffee", 0),
                ("tea", 0),
            ]
        finally:
            lock.release()
        await until(lambda: not app.screen.query_one("#stimuli-status").message)
        await settle(pilot)
    assert query(where, "SELECT name, archived FROM stimulus ORDER BY name") == [
        ("coffee", 1),
        ("tea", 0),
    ]


async def test_a_stimulus_whose_file_stays_busy_says_so_and_writes_nothing(  # type: ignore[no-untyped-def]
    make_app, where, short_busy_timeout
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"ginger")
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: "busy" in said(app, "#form-error"))
            assert isinstance(app.screen, StimulusFormScreen)  # still open, to try again
        finally:
            lock.release()
        assert query(where, "SELECT count(*) FROM stimulus") == [(0,)]
        await pilot.press("enter")  # the file is free now: the same form saves
        await until(lambda: isinstance(app.screen, StimuliScreen))
    assert query(where, "SELECT name FROM stimulus") == [("ginger",)]


# --- the Settings screen ----------------------------------------------------------------
def chosen_settings(journal: str) -> dict[str, str]:
    """The settings the person chose (the first-launch note's date is teeter's own)."""
    rows = dict(query(journal, "SELECT key, value FROM setting"))
    rows.pop("care_note_seen", None)
    return rows


async def open_settings(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("comma")
    await settle(pilot)
    assert isinstance(app.screen, SettingsScreen)
    await pilot.press("ctrl+a", "ctrl+k", "6")  # the hour field has the focus


async def test_settings_saved_behind_a_held_lock_keep_keys_working_then_land(  # type: ignore[no-untyped-def]
    make_app, where
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        lock = HeldLock(where)
        try:
            await pilot.press("ctrl+s")
            await until(lambda: WAITING in said(app, "#settings-error"))
            reminder = app.screen.query_one("#settings-reminder", Input)
            reminder.focus()
            await pilot.press(*"20:30")  # the loop is free: typed keys arrive at once
            assert reminder.value == "20:30"
            await pilot.press("ctrl+s", "escape")  # no second save beside it, no silent drop
            assert "Still saving" in said(app, "#settings-error")
            assert isinstance(app.screen, SettingsScreen)
            assert chosen_settings(where) == {}
        finally:
            lock.release()
        await until(lambda: app.day_start_hour == 6)
        await settle(pilot)
        assert said(app, "#settings-error") == ""
        assert app.screen.has_unsaved_input()  # the reminder typed meanwhile is not saved
    assert chosen_settings(where) == {"day_start_hour": "6"}


async def test_settings_whose_file_stays_busy_say_so_and_save_nothing(  # type: ignore[no-untyped-def]
    make_app, where, short_busy_timeout
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        lock = HeldLock(where)
        try:
            await pilot.press("ctrl+s")
            await until(lambda: "busy" in said(app, "#settings-error"))
        finally:
            lock.release()
        assert app.day_start_hour == 4  # not applied: it was not saved
        assert chosen_settings(where) == {}
        await pilot.press("ctrl+s")  # the file is free now: the same form saves
        await until(lambda: app.day_start_hour == 6)
    assert chosen_settings(where) == {"day_start_hour": "6"}


# --- the timer watch --------------------------------------------------------------------
async def test_a_timer_ending_behind_a_held_lock_keeps_keys_working_then_asks(  # type: ignore[no-untyped-def]
    make_app, db, where, clock
) -> None:
    import datetime as dt

    from app.storage.tables import timers
    from app.ui.screens.help_screen import HelpScreen
    from app.ui.screens.home_screen import HomeScreen
    from app.ui.screens.urge_screen import UrgeScreen

    timers.start(db, "coffee", dt.timedelta(minutes=1), FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        lock = HeldLock(where)
        try:
            clock.now = FROZEN.add(minutes=2)  # it has run out: its question is claimed
            app.timer_watch.tick()  # with a write, which waits for the file
            await pilot.press("question_mark")  # the loop is free: help opens at once
            await until(lambda: isinstance(app.screen, HelpScreen))
            assert query(where, "SELECT urge_asked FROM timer") == [(0,)]
        finally:
            lock.release()
        await until(lambda: isinstance(app.screen, UrgeScreen))
        assert query(where, "SELECT urge_asked FROM timer") == [(1,)]  # claimed, then asked
