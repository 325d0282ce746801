"""Time with an injected clock: DST days in three zones (one southern), the 03:59/04:00 day
boundary, a person who changes zone, the clock jumping while timers run. Each entry belongs
to exactly one day: the day `local_day` names is the day whose `day_bounds` hold it, and
the database queries agree. (tests/test_days.py has the basic DST day lengths for Berlin and
New York; this extends them.)"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.checkin import Step, StepState
from app.domain.days import day_bounds, local_day, window_bounds
from app.domain.records import ExposureSource
from app.storage.file.database import Database
from app.storage.tables import checkins, exposures, timers
from app.storage.tables.models import ExposureRow, StimulusRow
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.resume_screen import ResumeScreen
from tests.conftest import CHECKIN_STEPS, MovableClock, wait_ready

UTC = dt.UTC
# zone: (the day the clocks go forward, the day they go back), 2026
DST = {
    "Europe/Paris": (dt.date(2026, 3, 29), dt.date(2026, 10, 25)),
    "America/New_York": (dt.date(2026, 3, 8), dt.date(2026, 11, 1)),
    "Australia/Sydney": (dt.date(2026, 10, 4), dt.date(2026, 4, 5)),  # southern: reversed
}
MORE_ZONES = [
    "Europe/London",
    "Australia/Lord_Howe",  # a half-hour change
    "Asia/Kathmandu",  # +05:45
    "Pacific/Chatham",  # +12:45 / +13:45, changes at 02:45
    "Pacific/Apia",  # skipped 30 Dec 2011 entirely
    "America/Havana",  # changes at midnight
    "Antarctica/Troll",  # a two-hour change
    "Pacific/Kiritimati",  # +14
]


@pytest.mark.parametrize("zone", list(DST))
@pytest.mark.parametrize("change", ["forward", "back"])
def test_dst_days_last_23_or_25_hours(zone: str, change: str) -> None:
    tz = pendulum.timezone(zone)
    forward, back = DST[zone]
    date = forward if change == "forward" else back
    # the change happens around 02:00-03:00, before 04:00: it belongs to the day before
    start, end = day_bounds(date - dt.timedelta(days=1), tz, 4)
    assert end - start == dt.timedelta(hours=23 if change == "forward" else 25)
    for neighbour in (date - dt.timedelta(days=2), date):
        start, end = day_bounds(neighbour, tz, 4)
        assert end - start == dt.timedelta(hours=24)


@pytest.mark.parametrize("zone", list(DST))
def test_every_stored_entry_is_found_in_exactly_its_own_day(zone: str, db: Database) -> None:
    """Entries every 23 minutes for four days around each change, stored and queried back
    day by day: the days' queries partition them, and agree with `local_day`."""
    tz = pendulum.timezone(zone)
    instants = []
    for date in DST[zone]:
        first = pendulum.datetime(date.year, date.month, date.day, tz=tz).subtract(days=2)
        instants += [first.add(minutes=23 * i).in_timezone("UTC") for i in range(4 * 24 * 60 // 23)]
    with db.write() as session:
        row = StimulusRow(name="coffee", name_key="coffee", created_at=instants[0])
        session.add(row)
        session.flush()
        assert row.id is not None
        for instant in instants:
            session.add(
                ExposureRow(
                    stimulus_id=row.id,
                    occurred_at=instant,
                    enjoyment=5,
                    craving=5,
                    note=instant.isoformat(),
                    created_at=instant,
                )
            )
    days = {local_day(i, tz, 4) for i in instants}
    seen: list[str] = []
    for day in sorted(days):
        found = exposures.between(db, *day_bounds(day, tz, 4))
        assert all(local_day(e.occurred_at, tz, 4) == day for e in found), day
        seen += [e.note for e in found]
    assert sorted(seen) == sorted(i.isoformat() for i in instants)  # each once, none lost


# --- each entry belongs to exactly one day (property) ----------------------------------------


@functools.cache
def changes(zone: str, year: int) -> tuple[dt.datetime, ...]:
    """The instants in `year` when `zone`'s offset changes: an hourly scan, then a search
    for the minute."""
    tz = ZoneInfo(zone)

    def offset(t: dt.datetime) -> dt.timedelta | None:
        return t.astimezone(tz).utcoffset()

    def at(seconds: int) -> dt.datetime:
        return dt.datetime.fromtimestamp(seconds, UTC)

    out = []
    t = int(dt.datetime(year, 1, 1, tzinfo=UTC).timestamp())
    while at(t).year == year:
        if offset(at(t + 3600)) != offset(at(t)):
            low, high = t, t + 3600  # whole seconds: a change happens on one
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (
                    (middle, high) if offset(at(middle)) == offset(at(low)) else (low, middle)
                )
            out.append(at(high))
        t += 3600
    return tuple(out)


def instants_near_changes() -> st.SearchStrategy[tuple[str, pendulum.DateTime]]:
    zones = st.sampled_from([*DST, *MORE_ZONES])

    def near(zone: str) -> st.SearchStrategy[tuple[str, pendulum.DateTime]]:
        def pick(year: int, which: int, minutes: int) -> tuple[str, pendulum.DateTime]:
            found = changes(zone, year) or (dt.datetime(year, 6, 1, tzinfo=UTC),)
            base = found[which % len(found)]
            return zone, pendulum.instance(base + dt.timedelta(minutes=minutes))

        return st.builds(
            pick, st.integers(2005, 2035), st.integers(0, 3), st.integers(-36 * 60, 36 * 60)
        )

    anywhere = st.builds(
        lambda zone, seconds: (zone, pendulum.from_timestamp(seconds, tz="UTC")),
        zones,
        st.integers(946_684_800, 2_208_988_800),  # 2000 to 2040
    )
    return st.one_of(zones.flatmap(near), anywhere)


TRIED = {"days": 0}


@settings(max_examples=300, deadline=None)
@given(instants_near_changes(), st.integers(0, 23))
def test_each_instant_belongs_to_exactly_one_day(
    zone_and_instant: tuple[str, pendulum.DateTime], hour: int
) -> None:
    zone, instant = zone_and_instant
    TRIED["days"] += 1
    tz = pendulum.timezone(zone)
    day = local_day(instant, tz, hour)
    start, end = day_bounds(day, tz, hour)
    assert start <= instant < end, (zone, hour, instant, day, start, end)
    before = day_bounds(day - dt.timedelta(days=1), tz, hour)
    after = day_bounds(day + dt.timedelta(days=1), tz, hour)
    assert before[1] == start and after[0] == end  # days tile time: no gap, no overlap


def test_a_day_start_in_the_repeated_hour_keeps_each_entry_in_one_day() -> None:
    tz = pendulum.timezone("America/New_York")
    first_pass = pendulum.datetime(2026, 11, 1, 5, 30, tz="UTC")  # 01:30 EDT, the first one
    day = local_day(first_pass, tz, 1)
    start, end = day_bounds(day, tz, 1)
    assert start <= first_pass < end, (day, start, end)


def test_a_day_start_inside_a_two_hour_gap_keeps_each_entry_in_one_day() -> None:
    tz = pendulum.timezone("Antarctica/Troll")
    just_after = pendulum.datetime(2026, 3, 29, 1, 5, tz="UTC")  # 03:05 local, after the gap
    day = local_day(just_after, tz, 2)
    start, end = day_bounds(day, tz, 2)
    assert start <= just_after < end, (day, start, end)


def test_report_days_tried() -> None:
    print("time: instants tried for one-day membership", TRIED["days"])


# --- with the app: 03:59 and 04:00, a change of zone, clock jumps --------------------------


def log_at(db: Database, when: pendulum.DateTime, note: str) -> None:
    exposures.log(
        db,
        stimulus="coffee",
        occurred_at=when,
        enjoyment=5,
        craving=5,
        note=note,
        source=ExposureSource.SHELL,
        now=when,
    )


def today_text(app) -> str:  # type: ignore[no-untyped-def]
    from tests.test_home_screen import home_today

    return home_today(app)


async def settle_home(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    while not isinstance(app.screen, HomeScreen):
        app.pop_screen()
        await pilot.pause()


@pytest.mark.parametrize("zone", list(DST))
async def test_0359_and_0400_on_the_day_the_clocks_go_back(make_app, db, zone: str) -> None:  # type: ignore[no-untyped-def]
    tz = pendulum.timezone(zone)
    back = DST[zone][1]
    at_0359 = pendulum.datetime(back.year, back.month, back.day, 3, 59, tz=tz)
    at_0400 = pendulum.datetime(back.year, back.month, back.day, 4, 0, tz=tz)
    log_at(db, at_0359, "late")
    log_at(db, at_0400, "early")
    clock = MovableClock(at_0400.add(seconds=30))
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_home(app, pilot)
        assert app.today() == back
        shown = today_text(app)
        assert "04:00" in shown and "03:59" not in shown
        clock.now = at_0359.add(seconds=30)  # the clock jumps back a minute
        app.data_changed()
        await pilot.pause()
        assert app.today() == back - dt.timedelta(days=1)
        shown = today_text(app)
        assert "03:59" in shown and "04:00" not in shown


def checkin_rows(path: str) -> list[tuple[object, ...]]:
    from tests.conftest import query

    return query(path, f"SELECT * FROM {CHECKIN_STEPS} ORDER BY day")


async def test_a_done_day_is_not_offered_again_in_another_zone(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    """Checked in fully in Paris in the morning; opened in New York the same calendar day
    (Paris afternoon) and in Sydney the next one: no resume offer, past days untouched."""
    paris = pendulum.datetime(2026, 11, 24, 8, 0, tz="Europe/Paris")
    for step in Step:
        checkins.mark_step(db, paris.date(), step, StepState.DONE, paris)
    log_at(db, paris, "paris")
    before = checkin_rows(where)
    for now in (
        pendulum.datetime(2026, 11, 24, 7, 0, tz="America/New_York"),
        pendulum.datetime(2026, 11, 25, 9, 0, tz="Australia/Sydney"),
    ):
        app = make_app(clock=MovableClock(now))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_ready(app, pilot)
            await pilot.pause()
            assert not isinstance(app.screen, ResumeScreen), now
            checkin = str(app.screen.query_one("#home-checkin").render())
            if app.today() == paris.date():
                assert "4 of 4 done" in checkin
            else:
                assert "not started" in checkin
    assert checkin_rows(where) == before


async def test_a_half_done_day_is_offered_once_in_its_own_day_only(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    paris = pendulum.datetime(2026, 11, 24, 22, 0, tz="Europe/Paris")
    checkins.mark_step(db, paris.date(), Step.NOTICE, StepState.DONE, paris)
    before = checkin_rows(where)
    cases = [  # (now, resume offered?)
        (pendulum.datetime(2026, 11, 24, 18, 30, tz="America/New_York"), True),  # still the 24th
        (pendulum.datetime(2026, 11, 25, 8, 0, tz="Asia/Tokyo"), False),  # the 25th
    ]
    for now, offered in cases:
        app = make_app(clock=MovableClock(now))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_ready(app, pilot)
            await pilot.pause()
            assert isinstance(app.screen, ResumeScreen) is offered, now
    assert checkin_rows(where) == before


def test_a_three_day_window_in_a_new_zone_still_holds_every_entry_once(db: Database) -> None:
    paris = pendulum.timezone("Europe/Paris")
    start = pendulum.datetime(2026, 11, 20, 0, 0, tz=paris)
    for i in range(0, 7 * 24, 5):
        log_at(db, start.add(hours=i), f"e{i}")
    for zone in ("Europe/Paris", "America/New_York", "Australia/Sydney", "Pacific/Kiritimati"):
        tz = pendulum.timezone(zone)
        last = dt.date(2026, 11, 26)
        windows = [window_bounds(last - dt.timedelta(days=3 * k), 3, tz, 4) for k in range(3)]
        notes = [e.note for w in windows for e in exposures.between(db, *w)]
        assert len(notes) == len(set(notes)), zone  # windows never overlap


async def test_clock_jumps_while_a_timer_runs(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    """Forward three hours (the machine slept): the timer has run out at its own end.
    Back a day (a clock correction): nothing reopens, nothing is counted twice."""
    start = pendulum.datetime(2026, 11, 24, 9, 0, tz="Europe/Paris")
    timer = timers.start(db, "coffee", dt.timedelta(hours=1), start)
    clock = MovableClock(start.add(minutes=10))
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_home(app, pilot)
        assert "50:00" in str(app.screen.query_one("#home-timers").render())
        clock.advance(hours=3)
        app.timer_watch.tick()  # what its one-second interval does
        await pilot.pause()
        assert type(app.screen).__name__ == "UrgeScreen"  # the question the timer ends with
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(days=-1)
        app.timer_watch.tick()
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen)
        home.reload()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No timers running" in str(home.query_one("#home-timers").render())
        assert app.is_running
    from tests.conftest import query

    [(ended_at, reason)] = query(
        where, f"SELECT ended_at, end_reason FROM timer WHERE id = {timer.id}"
    )
    assert reason == "ran_out"
    assert pendulum.parse(ended_at.replace(" ", "T") + "Z") == timer.ends_at  # its own end


async def test_the_urge_question_says_the_end_in_the_clocks_zone_not_the_machines() -> None:
    """A clock whose now carries a plain fixed offset (no pendulum zone object): the urge
    question still says when the timer ended on that clock, not in the machine's zone
    (Europe/Paris in the suite)."""
    from textual.app import App

    from app.domain.records import Timer
    from app.ui.screens.urge_screen import UrgeScreen

    chatham = dt.timezone(dt.timedelta(hours=13, minutes=45))
    now = pendulum.DateTime(2026, 11, 24, 21, 50, tzinfo=chatham)
    ended = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)  # 21:45 on that clock
    timer = Timer(1, 1, "coffee", ended - dt.timedelta(hours=1), ended)

    class Asking(App[None]):
        def on_mount(self) -> None:
            self.push_screen(UrgeScreen(timer, now, while_closed=False))

    app = Asking()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
    assert "It ended at 21:45." in text
    assert "09:00" not in text
