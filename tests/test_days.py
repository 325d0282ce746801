"""The local day: a configurable start hour, calendar arithmetic, DST days of 23 and 25 h."""

from __future__ import annotations

import datetime as dt

import pendulum

from app.domain.days import day_bounds, local_day, window_bounds

BERLIN = pendulum.timezone("Europe/Berlin")
NEW_YORK = pendulum.timezone("America/New_York")


def at(tz: pendulum.Timezone, *parts: int) -> pendulum.DateTime:
    return pendulum.datetime(*parts, tz=tz)


def test_0359_belongs_to_the_evening_before_and_0400_starts_the_day() -> None:
    assert local_day(at(BERLIN, 2026, 11, 24, 3, 59), BERLIN, 4) == dt.date(2026, 11, 23)
    assert local_day(at(BERLIN, 2026, 11, 24, 4, 0), BERLIN, 4) == dt.date(2026, 11, 24)
    assert local_day(at(BERLIN, 2026, 11, 24, 0, 30), BERLIN, 0) == dt.date(2026, 11, 24)


def test_utc_instants_are_judged_in_the_local_zone() -> None:
    instant = pendulum.datetime(2026, 11, 24, 2, 30, tz="UTC")  # 03:30 in Berlin
    assert local_day(instant, BERLIN, 4) == dt.date(2026, 11, 23)


def test_spring_forward_day_is_23_hours() -> None:
    # The clocks jump at 02:00 on 29 Mar (Berlin), before 04:00: it is the 28th's day.
    start, end = day_bounds(dt.date(2026, 3, 28), BERLIN, 4)
    assert end - start == dt.timedelta(hours=23)
    assert day_bounds(dt.date(2026, 3, 29), BERLIN, 4)[1] - end == dt.timedelta(hours=24)
    start, end = day_bounds(dt.date(2026, 3, 7), NEW_YORK, 4)
    assert end - start == dt.timedelta(hours=23)


def test_fall_back_day_is_25_hours() -> None:
    start, end = day_bounds(dt.date(2026, 10, 24), BERLIN, 4)
    assert end - start == dt.timedelta(hours=25)
    start, end = day_bounds(dt.date(2026, 10, 31), NEW_YORK, 4)
    assert end - start == dt.timedelta(hours=25)


def test_the_repeated_hour_of_fall_back_stays_in_one_day() -> None:
    # 02:30 happens twice on 25 Oct in Berlin; both belong to the day that began 24 Oct 04:00.
    first = pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC")
    second = pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC")
    assert local_day(first, BERLIN, 4) == local_day(second, BERLIN, 4) == dt.date(2026, 10, 24)


def test_day_start_inside_a_spring_gap_moves_to_after_the_gap() -> None:
    # 02:00-03:00 does not exist on 29 Mar in Berlin: a 02:00 day start becomes 03:00.
    start, _ = day_bounds(dt.date(2026, 3, 29), BERLIN, 2)
    assert start == pendulum.datetime(2026, 3, 29, 1, 0, tz="UTC")


def test_window_bounds_cover_whole_days() -> None:
    start, end = window_bounds(dt.date(2026, 11, 24), 3, BERLIN, 4)
    assert start == at(BERLIN, 2026, 11, 22, 4, 0)
    assert end == at(BERLIN, 2026, 11, 25, 4, 0)
    every_instant = [start.add(minutes=m) for m in range(0, 72 * 60, 17)]
    days = {local_day(i, BERLIN, 4) for i in every_instant}
    assert days == {dt.date(2026, 11, d) for d in (22, 23, 24)}
