"""Every entry point that spaces, suggests or promises, against every kind of pleasure: is
the notice shown, is an interval suggested, how is a timer's end worded. One table of
pleasures; each test walks the whole table through one entry point, so a new screen that
forgets the rule shows up here as a row that disagrees.

The pleasures are logged the same way (long gaps rated best), so wherever spacing may be
suggested, a suggestion of 2 h exists; "wine" is left at kind "other" on purpose."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from app.commands.report import report_lines
from app.domain.balance import analyse_stimulus
from app.domain.cards import cards
from app.domain.experiment import suggest_from_baseline
from app.domain.records import ExposureSource, StimulusKind
from app.domain.safety import (
    CAFFEINE_TIP,
    NO_GAP_ADVICE,
    NOT_MEDICAL_ADVICE,
    WITHDRAWAL_CARD,
    guidance,
)
from app.domain.spacing import suggest_interval
from app.domain.status_line import status_line
from app.storage.file.database import Database
from app.storage.tables import experiments, exposures, stimuli, timers
from app.ui.screens import home_view, log_view
from tests.conftest import FROZEN, PARIS, settle, until, wait_ready


@dataclass(frozen=True)
class Row:
    name: str
    kind: StimulusKind
    care: bool  # the care notice, and no spacing suggested, started or offered
    tip: bool = False  # caffeine's taper tip


TABLE = [
    Row("bread", StimulusKind.FOOD, care=False),
    Row("coffee", StimulusKind.CAFFEINE, care=False, tip=True),
    Row("lemonade", StimulusKind.DRINK, care=False),
    Row("evening glass", StimulusKind.ALCOHOL, care=True),
    Row("night pills", StimulusKind.SEDATIVE, care=True),
    Row("pain meds", StimulusKind.OPIOID, care=True),
    Row("puffs", StimulusKind.NICOTINE, care=True),
    Row("party stuff", StimulusKind.SUBSTANCE, care=True),
    Row("wine", StimulusKind.OTHER, care=True),  # a recognised name left at "other"
]
IDS = [f"{r.name}:{r.kind.value}" for r in TABLE]
CARE = "A word of care"  # how every care notice begins


def log_history(db: Database, name: str, kind: StimulusKind) -> None:
    """Long gaps rated best: wherever spacing may be suggested, 2 h is."""
    moment = FROZEN.subtract(hours=12)
    for gap, enjoyment in zip([0, 10, 10, 10, 200, 200, 200], [6, 4, 5, 4, 8, 7, 8], strict=True):
        moment = moment.add(minutes=gap)
        exposures.log(
            db,
            stimulus=name,
            occurred_at=moment,
            enjoyment=enjoyment,
            craving=3,
            source=ExposureSource.SHELL,
            now=moment,
            kind=kind,
        )


@pytest.fixture
def table_db(db: Database) -> Database:
    for row in TABLE:
        log_history(db, row.name, row.kind)
    assert {s.name: s.kind for s in stimuli.list_active(db)}["wine"] is StimulusKind.OTHER
    return db


def history(db: Database, name: str):  # type: ignore[no-untyped-def]
    found = stimuli.find(db, name)
    assert found is not None
    return found, exposures.between(db, FROZEN.subtract(days=2), FROZEN, found.id)


# --- the rule itself ---------------------------------------------------------------------
@pytest.mark.parametrize("row", TABLE, ids=IDS)
def test_the_rule(row: Row) -> None:
    care = guidance(row.kind, row.name)
    assert care.care_first is row.care
    assert care.may_suggest_spacing is not row.care
    if row.care:
        assert CARE in (care.notice or "")
        assert (care.notice_with_disclaimer or "").endswith(NOT_MEDICAL_ADVICE)
    elif row.tip:
        assert care.notice == CAFFEINE_TIP
    else:
        assert care.notice is None
    assert care.timer_end == f"{row.name}: timer done"


# --- suggestions: Space step, Timers screen ("use it"), the experiment ---------------------
@pytest.mark.parametrize("row", TABLE, ids=IDS)
def test_interval_suggestion(table_db: Database, row: Row) -> None:
    found, logged = history(table_db, row.name)
    analysis = analyse_stimulus(logged, PARIS, 4)
    suggestion = suggest_interval(analysis, found.kind)
    assert (suggestion is None) is row.care
    if suggestion is not None:
        assert suggestion.interval == dt.timedelta(hours=2)


@pytest.mark.parametrize("row", TABLE, ids=IDS)
def test_experiment_spacing_days(table_db: Database, row: Row) -> None:
    found, logged = history(table_db, row.name)
    hint = suggest_from_baseline(logged, row.name, found.kind, PARIS, 4)
    assert (hint.interval is None) is row.care
    if row.care:
        assert "doctor or pharmacist" in hint.reason
        with pytest.raises(experiments.NotOffered):
            experiments.start(table_db, [found.id], FROZEN.date(), FROZEN)
        assert experiments.running(table_db) is None
    else:
        started = experiments.start(table_db, [found.id], FROZEN.date(), FROZEN)
        experiments.abandon(table_db, started.id, FROZEN)


# --- the log screen, `teeter report`, reframe cards --------------------------------------
@pytest.mark.parametrize("row", TABLE, ids=IDS)
def test_log_gap_evidence(table_db: Database, row: Row) -> None:
    found, logged = history(table_db, row.name)
    analysis = analyse_stimulus(logged, PARIS, 4)
    shown = log_view.gap_evidence(analysis, guidance(found.kind, found.name)).plain
    assert "2–6 h" in shown  # the person's own numbers stay
    assert ("most enjoyed" in shown) is not row.care
    assert (NO_GAP_ADVICE[:1].upper() + NO_GAP_ADVICE[1:] in shown) is row.care


def test_report_gap_advice(table_db: Database) -> None:
    lines = report_lines(table_db, FROZEN, 3, 4, None, colour=False)
    parts: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("== "):
            current = parts.setdefault(line.strip("= "), [])
        elif parts:
            current.append(line)
    for row in TABLE:
        text = "\n".join(parts[row.name])
        assert "2–6 h" in text
        assert (NO_GAP_ADVICE in text) is row.care
        assert (f"your {row.name} averaged" in text) is not row.care


@pytest.mark.parametrize("row", TABLE, ids=IDS)
def test_reframe_cards(table_db: Database, row: Row) -> None:
    found, logged = history(table_db, row.name)
    shown = cards(reframes=[], exposures=logged, name=row.name, kind=found.kind, tz=PARIS)
    assert (WITHDRAWAL_CARD in shown) is row.care
    assert any("averaged" in card for card in shown) is not row.care


# --- a timer's end: home, `teeter status` --------------------------------------------------
@pytest.mark.parametrize("row", TABLE, ids=IDS)
def test_timer_end_words(table_db: Database, row: Row) -> None:
    timer = timers.start(table_db, row.name, dt.timedelta(hours=1), FROZEN.subtract(hours=2))
    home = home_view.timers([timer], FROZEN).plain
    assert "timer done" in home and "ready" not in home and "wait is over" not in home
    line = status_line([(row.name, timer.ends_at)], None, FROZEN)
    assert line == f"{row.name}: timer done"


# --- `teeter timer start` ------------------------------------------------------------------
def test_teeter_timer_start(
    table_db: Database, where: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TEETER_NOW", FROZEN.isoformat())
    for row in TABLE:
        assert main(["--db", where, "timer", "start", row.name, "1h"]) == 0
        out, err = capsys.readouterr()
        assert out.startswith(f"{row.name}: next one not before ")
        assert (CARE in err) is row.care
        assert (CAFFEINE_TIP in err) is row.tip
        assert (NOT_MEDICAL_ADVICE in err) is (row.care or row.tip)


# --- the screens, driven by keys -------------------------------------------------------
async def test_timers_screen_start_and_use_it(make_app, table_db: Database) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from app.ui.screens.confirm_screen import ConfirmScreen
    from app.ui.screens.timers_screen import TimersScreen

    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimersScreen)
        for row in TABLE:
            screen.query_one("#timers-stimulus", Input).value = row.name
            await settle(pilot)
            notice = screen.query_one("#timers-notice")
            assert notice.display is (row.care or row.tip), row
            assert screen.query_one("#timers-suggested").display is not row.care, row
            screen.query_one("#timers-duration", Input).value = "1h"
            screen.query_one("#timers-duration", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            if row.care:  # the care notice first; "not now" starts nothing
                assert isinstance(app.screen, ConfirmScreen), row
                assert CARE in str(app.screen.query_one("#confirm-question").render())
                await pilot.press("n")
                await settle(pilot)
                assert isinstance(app.screen, TimersScreen)
                assert not [t for t in timers.active(table_db) if t.stimulus_name == row.name]
            else:
                assert isinstance(app.screen, TimersScreen), row
                assert [t for t in timers.active(table_db) if t.stimulus_name == row.name]


async def test_space_step_changing_the_kind_clears_the_suggestion(make_app, table_db) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from app.ui.checkin.space_screen import SpaceScreen
    from app.ui.widgets.choice import ChoiceInput

    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c", "ctrl+s", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpaceScreen)

        def shown(selector: str) -> str:
            return str(screen.query_one(selector).render())

        for row in TABLE:
            screen.query_one("#space-stimulus", Input).value = row.name
            await settle(pilot)
            assert ("Suggestion, yours to ignore: 2h" in shown("#space-suggestion")) is not row.care
            assert ("teeter is not medical advice" in shown("#space-notice")) is (
                row.care or row.tip
            )
            assert shown("#space-kind").startswith("Kind (change if wrong)")  # not asked again
        screen.query_one("#space-stimulus", Input).value = "sourdough"  # never logged
        await settle(pilot)
        assert shown("#space-kind").startswith("What kind is it?")  # a new name is asked
        screen.query_one("#space-stimulus", Input).value = "bread"
        await settle(pilot)
        assert "Suggestion, yours to ignore: 2h" in shown("#space-suggestion")
        kinds = screen.query_one("#space-kind", ChoiceInput)
        kinds.focus()
        await pilot.press("5")  # alcohol
        await settle(pilot)
        assert shown("#space-suggestion") == ""  # not left under the notice
        assert "life-threatening" in shown("#space-notice")
        await pilot.press("1")  # back to food
        await settle(pilot)
        assert "Suggestion, yours to ignore: 2h" in shown("#space-suggestion")
        assert shown("#space-notice") == ""


async def test_the_experiment_with_a_substance(make_app, table_db) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import SelectionList

    from app.ui.screens.experiment_screen import ExperimentScreen

    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExperimentScreen)
        intro = "\n".join(str(w.render()) for w in screen.query(".experiment-note"))
        assert "Substances" in intro and "not medical advice" in intro
        assert "headaches" in intro  # caffeine's tip
        picker = screen.query_one("#experiment-pick", SelectionList)
        offered = {str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)}
        assert offered == {row.name for row in TABLE if not row.care}
        left_out = str(screen.query_one("#experiment-left-out").render())
        for row in TABLE:
            assert (row.name in left_out) is row.care


async def test_first_launch_says_not_medical_advice_once(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        notes = [n for n in app._notifications if "not medical advice" in n.message]
        assert len(notes) == 1 and not notes[0].markup
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot)
        assert not [n for n in again._notifications if "not medical advice" in n.message]


async def test_the_first_launch_note_waits_for_the_offer_to_resume(make_app, db) -> None:  # type: ignore[no-untyped-def]
    """A journal opened for the first time with a check-in under way (a demo, an import):
    the note does not cover the offer to resume at 80×24; it shows once home is on top."""
    from app.domain.checkin import Step, StepState
    from app.storage.tables import checkins
    from app.ui.screens.resume_screen import ResumeScreen

    checkins.mark_step(db, FROZEN.date(), Step.NOTICE, StepState.DONE, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for _ in range(100):
            if isinstance(app.screen, ResumeScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.pause(0.2)
        assert not [n for n in app._notifications if "not medical advice" in n.message]
        await pilot.press("escape")  # later
        for _ in range(100):
            if [n for n in app._notifications if "not medical advice" in n.message]:
                break
            await pilot.pause(0.02)
        assert [n for n in app._notifications if "not medical advice" in n.message]


def care_notes(app) -> list[object]:  # type: ignore[no-untyped-def]
    return [n for n in app._notifications if "not medical advice" in n.message]


async def test_the_first_launch_note_never_covers_a_form_and_is_not_lost(make_app, clock) -> None:  # type: ignore[no-untyped-def]
    """Pressed c at once, a new person's first Notice step is not half hidden by the note
    (at 80×24 it covered most of the kinds a new name is asked to pick from); back home,
    the note they had no time to read is there again. Read for long enough, it stays gone."""
    from app.ui.checkin.notice_screen import NoticeScreen
    from app.ui.screens.home_screen import HomeScreen
    from tests.sight import screen_lines

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await until(lambda: bool(care_notes(app)))
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press(*"wine")
        await settle(pilot)
        assert not care_notes(app)
        lines = "\n".join(screen_lines(app.screen))
        assert "5 alcohol" in lines and "Before you start" not in lines
        await pilot.press("escape", "y")  # leave it unsaved: back home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await until(lambda: bool(care_notes(app)))  # shown again: it was up for a moment
        clock.advance(seconds=25)  # read
        await pilot.press("l")
        await settle(pilot)
        assert not care_notes(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.pause(0.1)
        assert not care_notes(app)  # not a third time


def test_teeter_help_says_not_medical_advice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "teeter is not medical advice" in out


def test_a_new_stimulus_from_every_shell_entry_gets_its_kind_from_its_name(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TEETER_NOW", FROZEN.isoformat())
    assert main(["--db", str(db_path), "log", "2 Beers", "-e", "5", "-c", "6"]) == 0
    assert main(["--db", str(db_path), "timer", "start", "Oxy", "1h"]) == 0
    assert main(["--db", str(db_path), "log", "ginger", "-e", "5", "-c", "6"]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(db_path)
    try:
        kinds = dict(conn.execute("SELECT name, kind FROM stimulus"))
    finally:
        conn.close()
    assert kinds == {"2 Beers": "alcohol", "Oxy": "opioid", "ginger": "other"}


async def test_quick_log_asks_the_kind_of_a_new_pleasure(make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new name gets the kind question, answered in advance from the name and said so;
    one keypress changes it; a known name is not asked again."""
    from textual.widgets import Input

    from app.ui.screens.home_screen import HomeScreen
    from app.ui.screens.quick_log_screen import QuickLogScreen

    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, QuickLogScreen)
        await pilot.press(*"2 beers")
        await settle(pilot)
        told = str(app.screen.query_one("#kind-told").render())
        assert '"beers" reads as alcohol' in told
        await pilot.press("tab", "tab", "4", "tab", "9", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#stimulus", Input).value = "[b]x"  # it offers the last one
        await settle(pilot)
        assert app.screen.query_one("#new-kind").display
        app.screen.query_one("#kind-choice").focus()
        await pilot.press("1")  # food
        await settle(pilot)
        assert "saved as food" in str(app.screen.query_one("#kind-told").render())
        app.screen.query_one("#enjoyment").focus()
        await pilot.press("6", "tab", "3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#stimulus", Input).value = "2 Beers"
        await settle(pilot)
        assert not app.screen.query_one("#new-kind").display  # known now: not asked again
    conn = sqlite3.connect(db_path)
    try:
        kinds = dict(conn.execute("SELECT name, kind FROM stimulus"))
    finally:
        conn.close()
    assert kinds == {"2 beers": "alcohol", "[b]x": "food"}


def test_teeter_timer_stop_brings_the_support_notice_once(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def at(minutes: int) -> None:
        monkeypatch.setenv("TEETER_NOW", FROZEN.add(minutes=minutes).isoformat())

    for n in range(4):
        at(n * 60)
        assert main(["--db", str(db_path), "timer", "start", "chips", "30m"]) == 0
        capsys.readouterr()
        at(n * 60 + 5)
        assert main(["--db", str(db_path), "timer", "stop", "chips"]) == 0
        out, err = capsys.readouterr()
        assert out.startswith("chips: timer ended at")
        if n == 2:  # the third early end in a week
            assert "findahelpline.com" in err and NOT_MEDICAL_ADVICE in err
        else:
            assert "findahelpline.com" not in err
