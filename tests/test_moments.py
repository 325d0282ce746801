"""Times as people say them (`app.domain.moments`), read against a fixed "now": the clock
forms mean the last time that clock showed, day words mean *practice* days."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from app.domain.days import local_day
from app.domain.moments import MomentError, parse_moment
from app.domain.plausible import EARLIEST, ImplausibleTime, check_recorded
from app.domain.wording import day_words, moment_words

PARIS = "Europe/Paris"
# Tuesday 1 December 2026... at 00:49 on Wednesday the 2nd: the practice day is still Tuesday.
AFTER_MIDNIGHT = pendulum.datetime(2026, 12, 2, 0, 49, tz=PARIS)
AFTERNOON = pendulum.datetime(2026, 11, 24, 15, 0, tz=PARIS)  # Tuesday 24 November


def at(day: int, hour: int, minute: int, month: int = 12) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=PARIS)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("now", AFTER_MIDNIGHT),
        ("", AFTER_MIDNIGHT),
        ("23:59", at(1, 23, 59)),  # the evening that just passed, not tomorrow's
        ("00:30", at(2, 0, 30)),
        ("11:15pm", at(1, 23, 15)),
        ("9pm", at(1, 21, 0)),
        ("12am", at(2, 0, 0)),
        ("12:10 PM", at(1, 12, 10)),
        ("0:50", at(2, 0, 50)),  # a minute ahead is still now (clocks and typing differ)
        ("0:51", at(1, 0, 51)),
        ("yesterday 22:10", at(30, 22, 10, month=11)),  # the day before the header's today
        ("yesterday 01:30", at(1, 1, 30)),  # the small hours that ended Monday's day
        ("today 21:00", at(1, 21, 0)),
        ("today 00:10", at(2, 0, 10)),
        ("mon 09:00", at(30, 9, 0, month=11)),
        ("Tuesday 8am", at(1, 8, 0)),  # today is (practice) Tuesday and 08:00 has passed
        ("wed 09:00", at(25, 9, 0, month=11)),  # calendar Wednesday, but a week back
        ("20m ago", at(2, 0, 29)),
        ("-20m", at(2, 0, 29)),
        ("1h30m ago", at(1, 23, 19)),
        ("- 1 h 15 min", at(1, 23, 34)),
        ("2d ago", at(30, 0, 49, month=11)),
        ("2026-11-30 14:05", at(30, 14, 5, month=11)),
        ("2026-11-30T14:05:30", at(30, 14, 5, month=11).add(seconds=30)),
        ("2026-12-01T22:00:00Z", at(1, 23, 0)),
        ("2026-12-01T22:00:00+00:00", at(1, 23, 0)),
    ],
)
def test_what_people_type_after_midnight(typed: str, meant: pendulum.DateTime) -> None:
    assert parse_moment(typed, AFTER_MIDNIGHT) == meant


def test_a_clock_time_later_today_means_yesterdays() -> None:
    assert parse_moment("16:00", AFTERNOON) == at(23, 16, 0, month=11)
    assert parse_moment("14:05", AFTERNOON) == at(24, 14, 5, month=11)
    assert parse_moment("2:05pm", AFTERNOON) == at(24, 14, 5, month=11)


def test_day_words_follow_the_day_start_hour() -> None:
    """With days starting at midnight, `yesterday` is the calendar's yesterday."""
    assert parse_moment("yesterday 22:10", AFTER_MIDNIGHT, 0) == at(1, 22, 10)
    assert parse_moment("yesterday 01:30", AFTER_MIDNIGHT, 0) == at(1, 1, 30)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("today 03:00", "in the future"),
        ("2026-12-02 01:00", "in the future"),
        ("2099-01-01T00:00:00+00:00", "in the future"),
        ("1900-01-01 00:00", "before the year 2000"),
        ("1999-12-31T23:00:00Z", "before the year 2000"),
        ("25:00", "cannot read"),
        ("12:61", "cannot read"),
        ("13pm", "cannot read"),
        ("14", "cannot read"),
        ("tomorrow 09:00", "cannot read"),
        ("20 ago", "cannot read"),
        ("20x ago", "cannot read"),
        ("yesterday-ish", "cannot read"),
        ("999999d ago", "cannot read"),
    ],
)
def test_future_old_and_unreadable_are_one_clear_line(typed: str, says: str) -> None:
    with pytest.raises(MomentError) as caught:
        parse_moment(typed, AFTER_MIDNIGHT)
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_the_plausible_window_is_one_rule() -> None:
    now = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    assert check_recorded(now + dt.timedelta(seconds=59), now, "x")
    assert check_recorded(EARLIEST, now, "x") == EARLIEST
    for bad in (now + dt.timedelta(minutes=2), EARLIEST - dt.timedelta(seconds=1)):
        with pytest.raises(ImplausibleTime):
            check_recorded(bad, now, "x")


def test_every_echo_names_the_practice_day() -> None:
    tz = pendulum.timezone(PARIS)
    assert day_words(local_day(AFTER_MIDNIGHT, tz, 4)) == "Tue 1 Dec"
    assert moment_words(at(1, 23, 59), AFTER_MIDNIGHT, tz, 4) == "23:59"
    assert moment_words(at(2, 0, 30), AFTER_MIDNIGHT, tz, 4) == "00:30"
    assert moment_words(at(30, 22, 0, month=11), AFTER_MIDNIGHT, tz, 4) == "22:00 yesterday"
    assert moment_words(at(2, 9, 0), AFTER_MIDNIGHT, tz, 4) == "09:00 tomorrow"
    assert moment_words(at(28, 9, 0, month=11), AFTER_MIDNIGHT, tz, 4) == "Sat 28 Nov 09:00"
    noon = at(1, 12, 0)
    assert moment_words(at(2, 0, 30), noon, tz, 4) == "00:30 tonight"


def test_chatham_a_day_starting_in_the_repeated_hour_holds_its_instants() -> None:
    """Chatham falls back from 03:45 to 02:45 (5 Apr 2026): with days starting at 03:00, a
    second-pass 02:50 comes after the day began, so it is that day's, not the day before's."""
    from app.domain.days import day_bounds

    tz = pendulum.timezone("Pacific/Chatham")
    second_pass = pendulum.datetime(2026, 4, 4, 14, 5, tz="UTC")  # 02:50 +12:45
    assert pendulum.instance(second_pass).in_timezone(tz).hour == 2
    day = local_day(second_pass, tz, 3)
    start, end = day_bounds(day, tz, 3)
    assert day == dt.date(2026, 4, 5) and start <= second_pass < end
