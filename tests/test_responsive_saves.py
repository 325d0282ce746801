"""A save while another process holds the journal's write lock (an import, a second
teeter) never freezes the app: keys keep working, the person is told it is waiting for the
file, and the save then lands — or, if the file stays busy, says so and writes nothing."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app.ui.screens.quick_log_screen import QuickLogScreen
from tests.conftest import HeldLock, query, until, wait_ready


def form_error(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#form-error").render())


async def fill_quick_log(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, QuickLogScreen)
    app.screen.query_one("#stimulus", Input).value = "coffee"
    app.screen.query_one("#enjoyment").value = 7
    app.screen.query_one("#craving").value = 4


async def test_a_save_behind_a_held_lock_keeps_keys_working_then_lands(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await fill_quick_log(app, pilot)
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: "Waiting for the journal" in form_error(app))
            note = app.screen.query_one("#note", Input)
            note.focus()
            await pilot.press("o", "k")  # the loop is free: typed keys arrive at once
            assert note.value == "ok"
            await pilot.press("enter")  # a second press while saving saves nothing twice
            await pilot.press("escape")  # nor does leaving pretend the row was dropped
            assert isinstance(app.screen, QuickLogScreen)
            assert "Still saving" in form_error(app)
            seen = query(where, "SELECT count(*) FROM exposure")
            assert seen == [(0,)]  # nothing yet: the lock is still held
        finally:
            lock.release()
        # it landed as it was when enter was pressed; the "ok" typed meanwhile is not dropped
        await until(lambda: "You changed it since" in form_error(app))
        assert isinstance(app.screen, QuickLogScreen)
        assert app.screen.query_one("#note", Input).value == "ok"
        assert query(where, "SELECT enjoyment, craving, note FROM exposure") == [(7, 4, "")]
        await pilot.press("enter")  # saves the change to the same entry, not a second one
        await until(lambda: not isinstance(app.screen, QuickLogScreen))
    assert query(where, "SELECT enjoyment, craving, note FROM exposure") == [(7, 4, "ok")]


async def test_a_correction_typed_while_an_edit_waits_is_kept_not_dropped(  # type: ignore[no-untyped-def]
    make_app, db, where
) -> None:
    """The entry screen (enter on a row of home) saves an edit; changed again while that
    save waited for the file, it stays open with the change, and ctrl+s saves it too."""
    from app.ui.screens.entry_screen import ExposureEntryScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await fill_quick_log(app, pilot)
        await pilot.press("enter")
        await until(lambda: not isinstance(app.screen, QuickLogScreen))
        await until(lambda: bool(app.screen.query_one("#home-entries").option_count))
        app.screen.query_one("#home-entries").focus()
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ExposureEntryScreen))
        screen = app.screen
        screen.query_one("#enjoyment").value = 5
        lock = HeldLock(where)
        try:
            await pilot.press("ctrl+s")
            await until(lambda: "Waiting for the journal" in form_error(app))
            screen.query_one("#craving").value = 9  # a second thought, while it waits
        finally:
            lock.release()
        await until(lambda: "You changed it since" in form_error(app))
        assert app.screen is screen
        assert query(where, "SELECT enjoyment, craving FROM exposure") == [(5, 4)]
        await pilot.press("ctrl+s")
        await until(lambda: app.screen is not screen)
    assert query(where, "SELECT enjoyment, craving FROM exposure") == [(5, 9)]


async def test_a_file_that_stays_busy_says_so_and_writes_nothing(
    make_app, db, where, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from app.storage.file import files

    monkeypatch.setattr(files, "BUSY_TIMEOUT_MS", 300)  # instead of waiting 10 s
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await fill_quick_log(app, pilot)
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: "busy" in form_error(app))
            assert isinstance(app.screen, QuickLogScreen)  # still there, to try again
        finally:
            lock.release()
        assert "try again" in form_error(app)
        await pilot.press("enter")  # the file is free now: the same form saves
        await until(lambda: not isinstance(app.screen, QuickLogScreen))
    assert query(where, "SELECT count(*) FROM exposure") == [(1,)]


async def test_a_reframe_edit_keeps_a_change_typed_while_it_waited(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    """The same for a reframe opened from home; and escape while it saves says it is still
    saving instead of leaving (the save would then land behind the person's back)."""
    from app.storage.tables import reframes
    from app.ui.screens.reframe_entry_screen import ReframeEntryScreen
    from tests.conftest import FROZEN

    reframes.add(
        db,
        occurred_at=FROZEN.subtract(minutes=30),
        stimulus="coffee",
        label="just the habit",
        craving_before=7,
        craving_after=4,
        outcome=None,
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await until(lambda: bool(app.screen.query_one("#home-entries").option_count))
        app.screen.query_one("#home-entries").focus()
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ReframeEntryScreen))
        screen = app.screen
        screen.query_one("#reframe-before").value = 8
        lock = HeldLock(where)
        try:
            await pilot.press("ctrl+s")
            await until(lambda: "Waiting for the journal" in form_error(app))
            screen.query_one("#reframe-after").value = 2
            await pilot.press("escape")
            assert app.screen is screen
            assert "Still saving" in form_error(app)
        finally:
            lock.release()
        await until(lambda: "You changed it since" in form_error(app))
        assert query(where, "SELECT craving_before, craving_after FROM reframe") == [(8, 4)]
        await pilot.press("ctrl+s")
        await until(lambda: app.screen is not screen)
    assert query(where, "SELECT craving_before, craving_after FROM reframe") == [(8, 2)]


async def test_a_pleasure_added_while_the_file_waits_keeps_a_change_made_meanwhile(  # type: ignore[no-untyped-def]
    make_app, db, where
) -> None:
    """The Stimuli add form: changed while its save waited, it stays open with the change;
    enter then changes the pleasure just added (one row, never a second one), and escape
    would leave it as saved."""
    from app.ui.screens.stimuli_screen import StimuliScreen
    from app.ui.screens.stimulus_form import StimulusFormScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("s")
        await until(lambda: isinstance(app.screen, StimuliScreen))
        await pilot.press("a")
        await until(lambda: isinstance(app.screen, StimulusFormScreen))
        form = app.screen
        await pilot.press(*"espreso")
        lock = HeldLock(where)
        try:
            await pilot.press("enter")
            await until(lambda: "Waiting for the journal" in form_error(app))
            await pilot.press("backspace", *"so")  # the typo seen while it waits
            await pilot.press("escape")  # leaving now would drop the change unseen
            assert app.screen is form and "Still saving" in form_error(app)
        finally:
            lock.release()
        await until(lambda: "You changed it since" in form_error(app))
        assert app.screen is form
        assert form.query_one(Input).value == "espresso"
        assert query(where, "SELECT name, kind FROM stimulus") == [("espreso", "other")]
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, StimuliScreen))
        await until(lambda: app.screen.query_one("DataTable").row_count == 1)
    # the kind followed the corrected name, and was saved with it
    assert query(where, "SELECT name, kind FROM stimulus") == [("espresso", "caffeine")]
