"""The person's day: it starts at a chosen hour (04:00 by default), so a 00:30 coffee belongs
to the evening before. Days are computed on calendar dates in the local zone, never as
24-hour blocks, because a day with a DST change lasts 23 or 25 hours."""

from __future__ import annotations

import datetime as dt

import pendulum

DEFAULT_DAY_START_HOUR = 4


def check_day_start_hour(hour: int) -> int:
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValueError(f"the day-start hour must be from 0 to 23, not {hour!r}")
    return hour


def local_day(
    instant: dt.datetime, tz: pendulum.Timezone | pendulum.FixedTimezone, day_start_hour: int
) -> dt.date:
    """The day an instant belongs to, for a person in zone `tz`."""
    local = pendulum.instance(instant).in_timezone(tz)
    day = local.date()
    if local.hour < day_start_hour:
        day = day - dt.timedelta(days=1)
    return dt.date(day.year, day.month, day.day)


def day_start(
    day: dt.date, tz: pendulum.Timezone | pendulum.FixedTimezone, day_start_hour: int
) -> pendulum.DateTime:
    """The first instant of `day` (aware, in `tz`), agreeing with `local_day`: when the
    start hour happens twice (fall back) it is the first pass; when it does not exist (a
    spring-forward gap) it is the moment the clocks change, whatever the gap's length."""
    wall = dt.datetime(day.year, day.month, day.day, day_start_hour)
    first_pass = wall.replace(tzinfo=tz, fold=0).astimezone(dt.UTC)
    if first_pass.astimezone(tz).replace(tzinfo=None) == wall:
        return pendulum.instance(first_pass).in_timezone(tz)
    # In a gap: fold=1 reads the wall time with the later offset, an instant before the
    # change; fold=0 with the earlier offset, an instant after it. Find the change between.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(dt.UTC)
    after = first_pass
    while after - before > dt.timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= wall:
            after = middle
        else:
            before = middle
    return pendulum.instance(after.replace(microsecond=0)).in_timezone(tz)


def day_bounds(
    day: dt.date, tz: pendulum.Timezone | pendulum.FixedTimezone, day_start_hour: int
) -> tuple[pendulum.DateTime, pendulum.DateTime]:
    """[start, end) of `day` as aware UTC instants: what a query needs."""
    start = day_start(day, tz, day_start_hour)
    end = day_start(day + dt.timedelta(days=1), tz, day_start_hour)
    return start.in_timezone("UTC"), end.in_timezone("UTC")


def window_bounds(
    last_day: dt.date,
    days: int,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> tuple[pendulum.DateTime, pendulum.DateTime]:
    """[start, end) covering `days` days that end with `last_day`, as aware UTC."""
    if days < 1:
        raise ValueError("a window holds at least one day")
    first_day = last_day - dt.timedelta(days=days - 1)
    return (
        day_bounds(first_day, tz, day_start_hour)[0],
        day_bounds(last_day, tz, day_start_hour)[1],
    )
