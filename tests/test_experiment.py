"""The three-day experiment: day logic and the comparison (pure), storage (one at a time,
abandon, completion), and the screens across three simulated days, a DST night included."""

from __future__ import annotations

import datetime as dt
import json

import pendulum
import pytest

from app.domain.days import local_day
from app.domain.experiment import (
    Experiment,
    ExperimentState,
    ExperimentStimulus,
    Summary,
    status_line,
    suggest_from_baseline,
    summarise,
)
from app.domain.records import Exposure, ExposureSource, Stimulus, StimulusKind, TimerEnd
from app.storage.tables import experiments, exposures, stimuli, timers
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.screens.experiment_screen import ExperimentScreen
from app.ui.screens.home_screen import HomeScreen
from tests.conftest import FROZEN, PARIS, MovableClock, settle, wait_ready
from tests.test_checkin_flow import rows

DAY1 = dt.date(2026, 11, 24)
COFFEE = ExperimentStimulus(1, "coffee")


def exp(first_day: dt.date = DAY1) -> Experiment:
    return Experiment(1, first_day, 3, ExperimentState.RUNNING, FROZEN, (COFFEE,))


def at(day: dt.date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=PARIS)


def exposure(i: int, when: dt.datetime, enjoyment: int, craving: int, sid: int = 1) -> Exposure:
    name = {1: "coffee", 2: "tea"}[sid]
    return Exposure(i, sid, name, pendulum.instance(when).in_timezone("UTC"), enjoyment, craving)


# --- days -------------------------------------------------------------------------------
def test_day_numbers_and_status_line() -> None:
    e = exp()
    assert [e.day_number(DAY1 + dt.timedelta(days=i)) for i in range(4)] == [1, 2, 3, 4]
    assert status_line(e, DAY1) == "experiment: day 1 of 3 (baseline)"
    assert status_line(e, DAY1 + dt.timedelta(days=1)) == "experiment: day 2 of 3 (spaced)"
    assert status_line(e, DAY1 + dt.timedelta(days=2)) == "experiment: day 3 of 3 (spaced)"
    assert e.is_over(DAY1 + dt.timedelta(days=3)) and not e.is_over(e.last_day)


@pytest.mark.parametrize(
    ("first_day", "utc", "number"),
    [
        # autumn: 2026-10-25 has 25 hours in Paris
        (dt.date(2026, 10, 24), "2026-10-25T00:30:00Z", 1),  # 02:30 CEST
        (dt.date(2026, 10, 24), "2026-10-25T01:30:00Z", 1),  # 02:30 CET, the hour again
        (dt.date(2026, 10, 24), "2026-10-25T02:59:00Z", 1),  # 03:59 CET
        (dt.date(2026, 10, 24), "2026-10-25T03:00:00Z", 2),  # 04:00 CET
        (dt.date(2026, 10, 24), "2026-10-27T02:59:00Z", 3),
        # spring: 2027-03-28 has 23 hours
        (dt.date(2027, 3, 27), "2027-03-28T01:59:00Z", 1),  # 03:59 CEST (02:xx never was)
        (dt.date(2027, 3, 27), "2027-03-28T02:00:00Z", 2),  # 04:00 CEST
        (dt.date(2027, 3, 29), "2027-03-29T01:59:00Z", 0),  # before it began
    ],
)
def test_days_hold_across_dst(first_day, utc, number) -> None:  # type: ignore[no-untyped-def]
    today = local_day(pendulum.parse(utc), PARIS, 4)  # type: ignore[arg-type]
    assert exp(first_day).day_number(today) == number


# --- the suggestion from day 1 ------------------------------------------------------------
def test_suggestion_doubles_day_ones_mean_gap() -> None:
    day1 = [exposure(i, at(DAY1, 8).add(minutes=45 * i), 6, 5) for i in range(3)]
    hint = suggest_from_baseline(day1, "coffee", StimulusKind.CAFFEINE, PARIS, 4)
    assert hint.interval == dt.timedelta(hours=1, minutes=30)
    assert hint.reason == (
        "day 1's mean gap was 45m: doubled, rounded to the half hour, at least 1h"
    )


@pytest.mark.parametrize(
    ("gap_minutes", "expected"),
    [(10, 60), (20, 60), (38, 90), (50, 90), (52, 90), (53, 120), (75, 150), (200, 390)],
)
def test_suggestion_rounds_to_the_half_hour_and_at_least_an_hour(gap_minutes, expected) -> None:  # type: ignore[no-untyped-def]
    day1 = [exposure(i, at(DAY1, 6).add(minutes=gap_minutes * i), 6, 5) for i in range(2)]
    hint = suggest_from_baseline(day1, "coffee", StimulusKind.OTHER, PARIS, 4)
    assert hint.interval == dt.timedelta(minutes=expected)


def test_suggestion_uses_the_gap_evidence_when_day_one_holds_enough() -> None:
    times = [0, 10, 20, 30, 210, 390, 570]  # three 10-minute gaps, three 3-hour gaps
    joy = [7, 4, 4, 5, 8, 8, 7]
    day1 = [
        exposure(i, at(DAY1, 5).add(minutes=m), e, 5)
        for i, (m, e) in enumerate(zip(times, joy, strict=True))
    ]
    hint = suggest_from_baseline(day1, "coffee", StimulusKind.OTHER, PARIS, 4)
    assert hint.interval == dt.timedelta(hours=2)
    assert hint.reason == (
        "from day 1: your coffee averaged 7.7 after gaps of 2–6 h (4.3 after under 30 min)"
    )


def test_no_suggestion_without_a_gap_or_for_a_substance() -> None:
    one = [exposure(1, at(DAY1, 8), 6, 5)]
    hint = suggest_from_baseline(one, "coffee", StimulusKind.OTHER, PARIS, 4)
    assert hint.interval is None
    assert hint.reason == "day 1 had one coffee logged, so there is no gap to start from"
    assert "no coffee" in suggest_from_baseline([], "coffee", StimulusKind.OTHER, PARIS, 4).reason
    two = [*one, exposure(2, at(DAY1, 9), 6, 5)]
    substance = suggest_from_baseline(two, "wine", StimulusKind.SUBSTANCE, PARIS, 4)
    assert substance.interval is None and "doctor" in substance.reason
    by_name = suggest_from_baseline(two, "wine", StimulusKind.OTHER, PARIS, 4)
    assert by_name.interval is None  # the name says alcohol, whatever the kind


# --- the comparison ---------------------------------------------------------------------
def test_summary_compares_day_one_with_the_spaced_days() -> None:
    day2, day3 = DAY1 + dt.timedelta(days=1), DAY1 + dt.timedelta(days=2)
    items = [
        exposure(1, at(DAY1, 7), 7, 4),
        exposure(2, at(DAY1, 7, 45), 5, 6),
        exposure(3, at(DAY1, 8, 30), 4, 7),
        exposure(4, at(day2, 5), 8, 3),
        exposure(5, at(day2, 7, 30), 7, 3),
        exposure(6, at(day2, 9), 6, 6, sid=2),
        exposure(7, at(DAY1 + dt.timedelta(days=3), 9), 1, 10),  # after the experiment
    ]
    found = summarise(DAY1, 3, (COFFEE,), items, PARIS, 4)
    (coffee,) = found.stimuli
    assert (coffee.baseline.exposures, coffee.baseline.per_day) == (3, 3)
    assert (coffee.spaced.exposures, coffee.spaced.logged_days, coffee.spaced.per_day) == (2, 1, 2)
    assert coffee.baseline.mean_gap_minutes == 45 and coffee.spaced.mean_gap_minutes == 150
    assert coffee.sentence == (
        "from day 1 to the spaced days enjoyment rose 5.3 → 7.5 and craving fell 5.7 → 3, "
        "at 2 a day instead of 3; gaps within a day averaged 2h30m instead of 45m"
    )
    assert [(d.number, d.day, d.exposures) for d in found.day_entries] == [
        (1, DAY1, 3),
        (2, day2, 2),
        (3, day3, 0),  # a missed day is just that
    ]
    assert Summary.from_json(found.to_json()) == found
    assert json.loads(found.to_json())["version"] == 1


def test_summary_without_a_side_says_so_plainly() -> None:
    day2 = DAY1 + dt.timedelta(days=1)
    tea = ExperimentStimulus(2, "tea")
    items = [exposure(1, at(day2, 9), 7, 4), exposure(2, at(DAY1, 9), 6, 6, sid=2)]
    coffee, tea_side = summarise(DAY1, 3, (COFFEE, tea), items, PARIS, 4).stimuli
    assert coffee.sentence == (
        "nothing logged for it on day 1, so there is no baseline to compare with"
    )
    assert tea_side.sentence == (
        "nothing logged for it on the spaced days, so there is nothing to compare"
    )
    (empty,) = summarise(DAY1, 3, (COFFEE,), [], PARIS, 4).stimuli
    assert empty.sentence == "nothing logged for it during the three days"
    assert empty.baseline.per_day is None and empty.baseline.mean_enjoyment is None


# --- storage ----------------------------------------------------------------------------
def test_one_running_experiment_at_a_time_and_abandoning(db) -> None:  # type: ignore[no-untyped-def]
    coffee = stimuli.ensure(db, "coffee", FROZEN)
    with pytest.raises(experiments.NoStimuli):
        experiments.start(db, [], DAY1, FROZEN)
    first = experiments.start(db, [coffee.id, coffee.id], DAY1, FROZEN)
    assert first.stimuli == (ExperimentStimulus(coffee.id, "coffee", StimulusKind.CAFFEINE),)
    with pytest.raises(experiments.AlreadyRunning):
        experiments.start(db, [coffee.id], DAY1, FROZEN)
    later = FROZEN.add(hours=5)
    assert experiments.abandon(db, first.id, later)
    assert not experiments.abandon(db, first.id, later)  # once
    (past,) = experiments.past(db)
    assert past.state is ExperimentState.ABANDONED and past.ended_at == later
    assert past.summary is None and experiments.running(db) is None
    assert experiments.start(db, [coffee.id], DAY1, later).state is ExperimentState.RUNNING


def test_settle_completes_only_after_the_last_day(db) -> None:  # type: ignore[no-untyped-def]
    coffee = stimuli.ensure(db, "coffee", FROZEN)
    started = experiments.start(db, [coffee.id], DAY1, FROZEN)
    assert experiments.settle(db, DAY1 + dt.timedelta(days=2), PARIS, 4) is None
    done = experiments.settle(db, DAY1 + dt.timedelta(days=3), PARIS, 4)
    assert done is not None and done.id == started.id
    assert done.state is ExperimentState.COMPLETED
    assert done.ended_at == pendulum.datetime(2026, 11, 27, 3, tz="UTC")  # day 3 ends 04:00
    assert Summary.from_json(done.summary or "").stimuli[0].name == "coffee"
    assert experiments.settle(db, DAY1 + dt.timedelta(days=4), PARIS, 4) is None


# --- screens ----------------------------------------------------------------------------
def log(app, when: dt.datetime, enjoyment: int, craving: int, name: str = "coffee") -> None:  # type: ignore[no-untyped-def]
    exposures.log(
        app.db,
        stimulus=name,
        occurred_at=when,
        enjoyment=enjoyment,
        craving=craving,
        source=ExposureSource.SHELL,
        now=app.now(),
    )


def home_line(app) -> str:  # type: ignore[no-untyped-def]
    widget = app.screen_stack[0].query_one("#home-experiment")  # home, even under a modal
    return str(widget.render()) if widget.display else ""


async def next_day(app, pilot, clock: MovableClock) -> None:  # type: ignore[no-untyped-def]
    clock.advance(days=1)
    app.data_changed()
    await settle(pilot)


async def test_three_days_from_start_to_stored_summary(make_app, db, where, clock) -> None:  # type: ignore[no-untyped-def]
    stimuli.ensure(db, "coffee", FROZEN)
    stimuli.ensure(db, "tea", FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert home_line(app) == ""
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExperimentScreen)
        picker = app.screen.query_one("#experiment-pick")
        assert app.focused is picker
        await pilot.press("space", "b")  # coffee, the first listed
        await settle(pilot)
        assert not app.screen.query_one("#experiment-start").display
        assert "Day 1 of 3 · baseline" in str(app.screen.query_one("#experiment-current").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert home_line(app).startswith("experiment: day 1 of 3 (baseline)")

        for when, e, c in [(at(DAY1, 7), 7, 4), (at(DAY1, 7, 45), 5, 6), (at(DAY1, 8, 30), 4, 7)]:
            log(app, when, e, c)
        log(app, at(DAY1, 9), 9, 1, name="tea")  # not in the experiment

        await next_day(app, pilot, clock)
        day2 = DAY1 + dt.timedelta(days=1)
        assert home_line(app).startswith("experiment: day 2 of 3 (spaced)")
        await pilot.press("e")
        await settle(pilot)
        current = str(app.screen.query_one("#experiment-current").render())
        assert "coffee: 1h30m — day 1's mean gap was 45m" in current
        assert "Tue 24 Nov  day 1 (baseline)  3 entries" in current
        await pilot.press("t")  # start the suggested timer
        await settle(pilot)
        (started,) = timers.active(app.db)
        assert started.ends_at - started.started_at == dt.timedelta(hours=1, minutes=30)
        timers.finish(app.db, started.id, TimerEnd.CANCELLED, app.now())  # no urge question
        await pilot.press("escape")
        log(app, at(day2, 5), 8, 3)
        log(app, at(day2, 7, 30), 7, 3)

        await next_day(app, pilot, clock)
        assert home_line(app).startswith("experiment: day 3 of 3 (spaced)")  # nothing logged
        clock.advance(days=1)
    assert rows(where, "SELECT started_at, ends_at, end_reason FROM timer") == [
        ("2026-11-25 08:30:00.000000", "2026-11-25 10:00:00.000000", "cancelled")
    ]
    assert rows(where, "SELECT state, summary IS NULL FROM experiment") == [("running", 1)]

    app = make_app()  # the first launch after day 3 completes it
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_ready(app, pilot)
        assert home_line(app) == "experiment: the three days are over · e shows the summary"
        await pilot.press("e")
        await settle(pilot)
        text = str(app.screen.query_one("#experiment-summary").render())
        assert "From day 1 to the spaced days enjoyment rose 5.3 → 7.5" in text
        assert "enjoyment (mean)      5.3       7.5" in text
        assert "Thu 26 Nov  day 3  no entries that day" in text
        assert app.screen.query_one("#experiment-start").display  # a new one can start

    ((state, first_day, ended_at, summary),) = rows(
        where, "SELECT state, first_day, ended_at, summary FROM experiment"
    )
    assert (state, first_day, ended_at) == (
        "completed",
        "2026-11-24",
        "2026-11-27 03:00:00.000000",
    )
    stored = Summary.from_json(summary)
    assert [e.exposures for e in stored.day_entries] == [3, 2, 0]
    assert stored.stimuli[0].spaced.mean_enjoyment == 7.5


async def test_experiment_across_the_autumn_dst_night(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(pendulum.datetime(2026, 10, 24, 4, 30, tz=PARIS))  # CEST
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        coffee = stimuli.ensure(app.db, "coffee", app.now())
        experiments.start(app.db, [coffee.id], app.today(), app.now())
        log(app, at(dt.date(2026, 10, 24), 8), 6, 5)
        log(app, pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC"), 5, 7)  # 02:30 CET: day 1
        log(app, pendulum.datetime(2026, 10, 25, 3, 30, tz="UTC"), 8, 3)  # 04:30 CET: day 2
        app.data_changed()
        await settle(pilot)
        assert home_line(app).startswith("experiment: day 1 of 3 (baseline)")
        # 24 hours later it is 03:30 on the clock (the night had 25 hours): still day 1
        clock.advance(hours=24)
        app.data_changed()
        await settle(pilot)
        assert clock.now.hour == 3
        assert home_line(app).startswith("experiment: day 1 of 3 (baseline)")
        clock.advance(hours=1)
        app.data_changed()
        await settle(pilot)
        assert home_line(app).startswith("experiment: day 2 of 3 (spaced)")
        await next_day(app, pilot, clock)
        assert home_line(app).startswith("experiment: day 3 of 3 (spaced)")
        await next_day(app, pilot, clock)
        assert home_line(app).startswith("experiment: the three days are over")
    ((ended_at, summary),) = rows(db_path, "SELECT ended_at, summary FROM experiment")
    assert ended_at == "2026-10-27 03:00:00.000000"  # 04:00 CET
    stored = Summary.from_json(summary)
    assert [(e.day.isoformat(), e.exposures) for e in stored.day_entries] == [
        ("2026-10-24", 2),
        ("2026-10-25", 1),
        ("2026-10-26", 0),
    ]


async def test_abandoning_asks_first_and_is_recorded_plainly(make_app, db, where, clock) -> None:  # type: ignore[no-untyped-def]
    coffee = stimuli.ensure(db, "coffee", FROZEN)
    experiments.start(db, [coffee.id], DAY1, FROZEN)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        clock.advance(days=1)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "day 2 of 3" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # keep going
        await settle(pilot)
        assert rows(where, "SELECT state FROM experiment") == [("running",)]
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ExperimentScreen)
        assert app.screen.query_one("#experiment-start").display
        past = str(app.screen.query_one("#experiment-summary").render())
        assert "Stopped on Wed 25 Nov" in past
        await pilot.press("escape")
        await settle(pilot)
        assert home_line(app) == ""
    assert rows(where, "SELECT state, ended_at, summary FROM experiment") == [
        ("abandoned", "2026-11-25 08:30:00.000000", None)
    ]


async def test_palette_lists_the_experiment(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "experiment: three days" in titles


def test_space_step_hook_words_the_suggestion_only_on_spaced_days(db) -> None:  # type: ignore[no-untyped-def]
    from app.storage.tables.suggestions import experiment_hint
    from app.ui.checkin.space_view import experiment_suggestion

    coffee = stimuli.ensure(db, "coffee", FROZEN)
    tea = stimuli.ensure(db, "tea", FROZEN)
    for minutes in (0, 45, 90):
        exposures.log(
            db,
            stimulus="coffee",
            occurred_at=at(DAY1, 7).add(minutes=minutes),
            enjoyment=6,
            craving=5,
            source=ExposureSource.SHELL,
            now=FROZEN,
        )
    experiments.start(db, [coffee.id], DAY1, FROZEN)
    clock = MovableClock()

    def space_suggestion(stimulus: Stimulus) -> str:  # the read, then its wording
        today = local_day(clock(), PARIS, 4)
        found = experiment_hint(db, stimulus.id, today, PARIS, 4)
        return experiment_suggestion(found) if found else ""

    assert space_suggestion(coffee) == ""  # day 1 is the baseline
    clock.advance(days=1)
    assert space_suggestion(coffee) == (
        "Experiment, day 2 of 3: 1h30m — day 1's mean gap was 45m: doubled, rounded to "
        "the half hour, at least 1h."
    )
    assert space_suggestion(tea) == ""  # not part of it


async def test_home_settles_the_experiment_once_a_day_not_on_every_reload(  # type: ignore[no-untyped-def]
    make_app, clock, monkeypatch
) -> None:
    """Completing a finished experiment is a write: home does it when it opens and when the
    day changes, never on every reload (a formatter used to, each time home was drawn)."""
    settled: list[dt.date] = []
    real = experiments.settle

    def counting(db, today, tz, day_start_hour):  # type: ignore[no-untyped-def]
        settled.append(today)
        return real(db, today, tz, day_start_hour)

    monkeypatch.setattr(experiments, "settle", counting)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for _ in range(3):
            app.data_changed()
            await settle(pilot)
        assert settled == [DAY1]
        await next_day(app, pilot, clock)
        app.data_changed()
        await settle(pilot)
        assert settled == [DAY1, DAY1 + dt.timedelta(days=1)]
