"""The stimuli screen by key presses, checked against the rows in the database: rename keeps
history, a name clash writes nothing, archive hides from pickers, delete removes exactly
what the confirmation said (and nothing when cancelled). Plus the storage functions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable

from app.domain.records import ExposureSource, Outcome, StimulusKind, TimerEnd
from app.domain.text import StimulusNameError
from app.storage.file.database import Database
from app.storage.tables import exposures, reframes, stimuli, timers
from app.storage.tables.stimuli import StimulusCounts
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.stimuli_screen import StimuliScreen, StimulusFormScreen
from app.ui.screens.stimuli_view import delete_question, what_goes_with
from tests.conftest import FROZEN, query, settle, wait_ready

MARKUP = "[bold]x [/] [@click=app.quit]y"


def rows(journal: Path | str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    return query(journal, sql)


def table_counts(db_path: Path | str) -> dict[str, int]:
    return {
        table: rows(db_path, f"SELECT count(*) FROM {table}")[0][0]
        for table in ("stimulus", "exposure", "timer", "reframe")
    }


def seed(db: Database, name: str, exposed: int, timed: int = 0, reframed: int = 0) -> int:
    for n in range(exposed):
        exposures.log(
            db,
            stimulus=name,
            occurred_at=FROZEN.subtract(hours=n + 1),
            enjoyment=7,
            craving=4,
            source=ExposureSource.SHELL,
            now=FROZEN,
        )
    for n in range(timed):  # ended and answered, so no urge question pops up
        timer = timers.start(db, name, dt.timedelta(hours=1), FROZEN.subtract(days=n + 1))
        timers.finish(db, timer.id, TimerEnd.RAN_OUT, FROZEN)
        timers.record_urge(db, timer.id, 3)
    for n in range(reframed):
        reframes.add(
            db,
            occurred_at=FROZEN.subtract(minutes=n + 1),
            stimulus=name,
            label="only wanting",
            craving_before=7,
            craving_after=4,
            outcome=Outcome.WAITED,
        )
    found = stimuli.find(db, name)
    assert found is not None
    return found.id


def table_text(app) -> str:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    return "\n".join(
        " | ".join(str(cell) for cell in table.get_row_at(n)) for n in range(table.row_count)
    )


def names_in_table(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


async def open_stimuli(app, pilot) -> StimuliScreen:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, StimuliScreen)
    return app.screen


async def select(app, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=names_in_table(app).index(name))
    await settle(pilot)


# --- the screen -------------------------------------------------------------------------
async def test_lists_every_stimulus_with_kind_status_and_exposures(make_app, db) -> None:  # type: ignore[no-untyped-def]
    seed(db, "coffee", 3)
    tea = seed(db, "tea", 1)
    stimuli.set_archived(db, tea, True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        assert table_text(app).splitlines() == [
            "coffee | caffeine | 3 | ",
            "tea | caffeine | 1 | archived",
        ]
        footer = {key.key for key in app.screen.query("FooterKey")}  # type: ignore[attr-defined]
        assert {"a", "r", "k", "x", "d", "escape"} <= footer
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_add_with_a_kind(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        assert "No pleasures yet" in str(app.screen.query_one("#stimuli-hint").render())
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StimulusFormScreen)
        await pilot.press(*"espresso", "tab", "home", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StimuliScreen)
        assert names_in_table(app) == ["espresso"]
    assert rows(db_path, "SELECT name, kind, archived FROM stimulus") == [
        ("espresso", "caffeine", 0)
    ]


async def test_add_takes_the_kind_a_name_plainly_is_and_says_so(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Valium")
        await settle(pilot)
        told = str(app.screen.query_one("#stimulus-kind-told").render())
        assert '"valium" reads as sedative / sleeping pill' in told
        await pilot.press("enter")  # enter keeps the kind from the name
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"ginger", "enter")
        await settle(pilot)
    assert rows(db_path, "SELECT name, kind FROM stimulus ORDER BY name") == [
        ("Valium", "sedative"),
        ("ginger", "other"),
    ]


async def test_rename_keeps_history_under_the_same_id(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    coffee = seed(db, "coffee", 4, timed=1, reframed=1)
    before = rows(where, "SELECT id, stimulus_id, enjoyment FROM exposure ORDER BY id")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+u", *"Morning coffee", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StimuliScreen)
        assert table_text(app) == "Morning coffee | caffeine | 4 | "
    assert rows(where, "SELECT id, name FROM stimulus") == [(coffee, "Morning coffee")]
    assert rows(where, "SELECT id, stimulus_id, enjoyment FROM exposure ORDER BY id") == before
    assert {e.stimulus_name for e in exposures.between(db, FROZEN.subtract(days=1), FROZEN)} == {
        "Morning coffee"
    }
    assert table_counts(where) == {"stimulus": 1, "exposure": 4, "timer": 1, "reframe": 1}


async def test_a_name_clash_ignoring_case_is_refused_and_nothing_written(
    make_app, db, where
) -> None:  # type: ignore[no-untyped-def]
    seed(db, "Coffee", 1)
    seed(db, "tea", 1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await select(app, pilot, "tea")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+u", *"COFFEE", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StimulusFormScreen)  # still open, saying why
        error = str(app.screen.query_one("#form-error").render())
        assert 'already a stimulus called "COFFEE"' in error
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"coffee", "enter")
        await settle(pilot)
        assert "already a stimulus" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
    assert rows(where, "SELECT name FROM stimulus ORDER BY name") == [("Coffee",), ("tea",)]


async def test_set_kind_and_archive_hides_from_pickers(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    seed(db, "evening thing", 2)
    seed(db, "coffee", 1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await select(app, pilot, "evening thing")
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("up", "enter")  # from "other" up to "other substance"
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert "evening thing | other substance | 2 | archived" in table_text(app)
        footer = {k.description for k in app.screen.query("FooterKey")}  # type: ignore[attr-defined]
        assert "Unarchive" in footer and "Archive" not in footer
    assert [s.name for s in stimuli.list_active(db)] == ["coffee"]
    assert rows(where, "SELECT name, kind, archived FROM stimulus ORDER BY name") == [
        ("coffee", "caffeine", 0),
        ("evening thing", "substance", 1),
    ]
    assert table_counts(where)["exposure"] == 3  # history kept
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await select(app, pilot, "evening thing")
        await pilot.press("x")
        await settle(pilot)
    assert {s.name for s in stimuli.list_active(db)} == {"evening thing", "coffee"}


async def test_delete_removes_exactly_what_the_confirmation_said(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    seed(db, "coffee", 42, timed=3, reframed=1)
    seed(db, "tea", 2, timed=1, reframed=2)
    assert table_counts(where) == {"stimulus": 2, "exposure": 44, "timer": 4, "reframe": 3}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await select(app, pilot, "coffee")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert question == (
            "Delete coffee and its 42 entries, 3 timers and 1 reframe? This cannot be undone."
        )
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, StimuliScreen)
        assert names_in_table(app) == ["tea"]
    assert table_counts(where) == {"stimulus": 1, "exposure": 2, "timer": 1, "reframe": 2}
    assert rows(
        where, "SELECT DISTINCT s.name FROM exposure e JOIN stimulus s ON s.id = e.stimulus_id"
    ) == [("tea",)]


@pytest.mark.parametrize("keys", [["n"], ["escape"], ["enter"]])  # enter: Cancel has the focus
async def test_cancelling_the_confirmation_deletes_nothing(make_app, db, where, keys) -> None:  # type: ignore[no-untyped-def]
    seed(db, "coffee", 2, timed=1)
    before = table_counts(where)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stimuli(app, pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, StimuliScreen)
        assert names_in_table(app) == ["coffee"]
    assert table_counts(where) == before


async def test_a_markup_like_name_shows_literally(make_app, db) -> None:  # type: ignore[no-untyped-def]
    seed(db, MARKUP, 1)
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await open_stimuli(app, pilot)
        assert names_in_table(app) == [MARKUP]
        await pilot.press("d")
        await settle(pilot)
        assert MARKUP in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert f"Rename {MARKUP}" in str(app.screen.query_one(".step-progress").render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click(DataTable, offset=(4, 1))  # a click on the name runs nothing
        await settle(pilot)
        assert app.is_running


async def test_a_long_list_shows_its_first_screenful_then_all_in_order(make_app, db) -> None:  # type: ignore[no-untyped-def]
    """With many pleasures the table takes the rows a terminal can show first and the rest
    once that is drawn: every name arrives, in order, once; the columns are as wide as the
    widest name from the start; a renamed one far down stays selected; a second reload
    before the rest of the first arrived does not add them twice."""
    names = [f"pleasure {n:03}" for n in range(80)] + ["zz the longest name of them all"]
    for name in names:
        stimuli.create(db, name, StimulusKind.OTHER, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stimuli(app, pilot)
        assert names_in_table(app) == names
        table = screen.query_one(DataTable)
        screen.reload()
        screen.reload()  # before the rest of the first one arrived
        assert 0 < table.row_count < len(names)
        name_column = table.ordered_columns[0]
        assert name_column.content_width == len(names[-1])  # before that name is in it
        await settle(pilot)
        assert names_in_table(app) == names
        await select(app, pilot, "pleasure 070")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+u", *"pleasure 070 renamed", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StimuliScreen)
        shown_names = names_in_table(app)
        assert len(shown_names) == len(names) and "pleasure 070 renamed" in shown_names
        cursor = table.cursor_coordinate.row
        assert shown_names[cursor] == "pleasure 070 renamed"
        rows_shown = table.scrollable_content_region.height - 1  # under the column labels
        assert table.scroll_y <= cursor < table.scroll_y + rows_shown


async def test_a_tall_terminal_gets_every_row_it_can_show_in_the_first_pass(make_app, db) -> None:  # type: ignore[no-untyped-def]
    names = [f"pleasure {n:03}" for n in range(150)]
    for name in names:
        stimuli.create(db, name, StimulusKind.OTHER, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 100)) as pilot:
        screen = await open_stimuli(app, pilot)
        screen.reload()
        assert 100 <= screen.query_one(DataTable).row_count < len(names)
        await settle(pilot)
        assert names_in_table(app) == names


# --- storage and wording ----------------------------------------------------------------
def test_create_refuses_a_taken_name_and_rename_may_change_case(db) -> None:  # type: ignore[no-untyped-def]
    coffee = stimuli.create(db, "coffee", StimulusKind.CAFFEINE, FROZEN)
    with pytest.raises(stimuli.NameTaken):
        stimuli.create(db, "  COFFEE ", StimulusKind.OTHER, FROZEN)
    with pytest.raises(StimulusNameError):
        stimuli.rename(db, coffee.id, "   ")
    assert stimuli.rename(db, coffee.id, "Coffee").name == "Coffee"
    assert stimuli.find(db, "coffee") == stimuli.get(db, coffee.id)
    with pytest.raises(stimuli.StimulusNotFound):
        stimuli.rename(db, 999, "tea")


def test_counts_and_delete_agree_and_a_change_in_between_deletes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    coffee = seed(db, "coffee", 2, timed=1, reframed=3)
    counts = stimuli.counts(db, coffee)
    assert counts == StimulusCounts(exposures=2, timers=1, reframes=3)
    seed(db, "coffee", 1)  # another teeter logged one meanwhile
    with pytest.raises(stimuli.CountsChanged):
        stimuli.delete(db, coffee, expected=counts)
    assert stimuli.counts(db, coffee).exposures == 3
    assert stimuli.delete(db, coffee) == StimulusCounts(exposures=3, timers=1, reframes=3)
    assert stimuli.list_all(db) == []


def test_list_all_includes_archived_with_exposure_counts(db) -> None:  # type: ignore[no-untyped-def]
    seed(db, "b", 2)
    a = stimuli.create(db, "A", StimulusKind.FOOD, FROZEN)
    stimuli.set_archived(db, a.id, True)
    listed = [(e.stimulus.name, e.stimulus.archived, e.exposures) for e in stimuli.list_all(db)]
    assert listed == [("A", True, 0), ("b", False, 2)]


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        (StimulusCounts(), ""),
        (StimulusCounts(exposures=1), "1 entry"),
        (StimulusCounts(timers=2, reframes=1), "2 timers and 1 reframe"),
        (StimulusCounts(42, 3, 1), "42 entries, 3 timers and 1 reframe"),
    ],
)
def test_what_goes_with(counts, words) -> None:  # type: ignore[no-untyped-def]
    assert what_goes_with(counts) == words


def test_delete_question_with_nothing_recorded_and_an_experiment() -> None:
    assert delete_question("tea", StimulusCounts()).plain == (
        "Delete tea? Nothing else is recorded for it. This cannot be undone."
    )
    assert (
        "It also leaves 1 experiment."
        in delete_question("tea", StimulusCounts(exposures=1, experiments=1)).plain
    )
