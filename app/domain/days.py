"""The person's day: it starts at a chosen hour (04:00 by default), so a 00:30 coffee belongs
to the evening before. Days are computed on calendar dates in the local zone, never as
24-hour blocks, because a day with a DST change lasts 23 or 25 hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:  # pendulum is loaded where a result is one of its times, not to import this
    import pendulum

DEFAULT_DAY_START_HOUR = 4


def check_day_start_hour(hour: int) -> int:
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValueError(f"the day-start hour must be from 0 to 23, not {hour!r}")
    return hour


def local_day(instant: dt.datetime, tz: dt.tzinfo, day_start_hour: int) -> dt.date:
    """The day an instant belongs to, for a person in zone `tz`: the day whose
    `day_bounds` hold it. The wall clock gives the answer except around a clock change at
    the start hour (Chatham falls back from 03:45 to 02:45: with days starting at 03:00, a
    second-pass 02:50 comes after the day began), so the bounds have the last word.
    Standard library only: `teeter log` and `teeter status` use it without pendulum."""
    if instant.tzinfo is None:  # a stored time without its zone is UTC
        instant = instant.replace(tzinfo=dt.UTC)
    local = instant.astimezone(tz)
    day = dt.date(local.year, local.month, local.day)
    if local.hour < day_start_hour:
        day = day - dt.timedelta(days=1)
    if instant >= _first_instant(day + dt.timedelta(days=1), tz, day_start_hour):
        return day + dt.timedelta(days=1)
    if instant < _first_instant(day, tz, day_start_hour):
        return day - dt.timedelta(days=1)
    return day


def day_start(
    day: dt.date, tz: pendulum.Timezone | pendulum.FixedTimezone, day_start_hour: int
) -> pendulum.DateTime:
    """The first instant of `day` (aware, in `tz`), agreeing with `local_day`: when the
    start hour happens twice (fall back) it is the first pass; when it does not exist (a
    spring-forward gap) it is the moment the clocks change, whatever the gap's length."""
    import pendulum

    return pendulum.instance(_first_instant(day, tz, day_start_hour)).in_timezone(tz)


def _first_instant(day: dt.date, tz: dt.tzinfo, day_start_hour: int) -> dt.datetime:
    """`day_start` as an aware UTC datetime of the standard library."""
    wall = dt.datetime(day.year, day.month, day.day, day_start_hour)
    first_pass = wall.replace(tzinfo=tz, fold=0).astimezone(dt.UTC)
    if first_pass.astimezone(tz).replace(tzinfo=None) == wall:
        return first_pass
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
    return after.replace(microsecond=0)


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


# --- days as lived -------------------------------------------------------------------------
# Each entry keeps the UTC offset in force where it was logged (minutes east of UTC), so it
# stays on the day it was lived: three coffees in Kolkata on 5 Dec are on 5 Dec when looked
# at from Los Angeles. An entry without one (None) is read in the viewer's zone.

LIVED_SPREAD = dt.timedelta(hours=26)
"""How far apart two offsets can be (UTC-12 to UTC+14): a query for days seen from one zone
reads this much further each side, then keeps the entries whose own day is in range."""


def offset_minutes(instant: dt.datetime) -> int | None:
    """The UTC offset an aware instant carries, in whole minutes east; None when naive."""
    offset = instant.utcoffset()
    return None if offset is None else round(offset.total_seconds() / 60)


def offset_where(instant: dt.datetime, home: dt.tzinfo) -> int | None:
    """The offset to keep for an entry logged at `instant`: the one it carries, or, when it
    comes as plain UTC (which says nothing about where it was lived), the one the person's
    `home` zone (the machine's) had then. A person who really is at UTC+0 gets 0 either way."""
    own = offset_minutes(instant)
    if own:
        return own
    return offset_minutes(instant.astimezone(home))


def lived_zone(
    instant: dt.datetime,
    utc_offset: int | None,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The zone an entry is read in: the viewer's own when the entry was logged at the
    offset the viewer's zone had then (or says nothing), else the offset it was logged at."""
    if utc_offset is None or offset_minutes(instant.astimezone(tz)) == utc_offset:
        return tz
    import pendulum

    return pendulum.FixedTimezone(utc_offset * 60)


def lived_day(
    instant: dt.datetime,
    utc_offset: int | None,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> dt.date:
    """The day an entry was lived on, whatever zone it is looked at from."""
    return local_day(instant, lived_zone(instant, utc_offset, tz), day_start_hour)


def lived_range(
    first_day: dt.date,
    last_day: dt.date,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> tuple[pendulum.DateTime, pendulum.DateTime]:
    """The UTC range to read for entries lived on `first_day`..`last_day` seen from `tz`:
    those days' bounds, widened by the largest gap between two offsets. `lived_on` then
    keeps the entries whose own day is in range."""
    start = day_bounds(first_day, tz, day_start_hour)[0]
    end = day_bounds(last_day, tz, day_start_hour)[1]
    return start - LIVED_SPREAD, end + LIVED_SPREAD


class _Lived(Protocol):
    @property
    def occurred_at(self) -> dt.datetime: ...
    @property
    def utc_offset(self) -> int | None: ...


_L = TypeVar("_L", bound=_Lived)


def lived_on(
    entries: Iterable[_L],
    first_day: dt.date,
    last_day: dt.date,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> list[_L]:
    """The entries lived on `first_day`..`last_day`, in the order given."""
    return [
        e
        for e in entries
        if first_day <= lived_day(e.occurred_at, e.utc_offset, tz, day_start_hour) <= last_day
    ]


def offset_words(utc_offset: int) -> str:
    """`UTC+05:30`, `UTC-08:00`, `UTC+00:00`."""
    sign = "-" if utc_offset < 0 else "+"
    hours, minutes = divmod(abs(utc_offset), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def lived_clock(
    instant: dt.datetime,
    utc_offset: int | None,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
) -> str:
    """The clock time an entry was logged at where it was logged: `08:05`, and
    `08:05 UTC+05:30` when that zone is not the one it is looked at from."""
    zone = lived_zone(instant, utc_offset, tz)
    clock = instant.astimezone(zone).strftime("%H:%M")
    return clock if zone is tz or utc_offset is None else f"{clock} {offset_words(utc_offset)}"


def lived_clock_on(
    instant: dt.datetime,
    utc_offset: int | None,
    day: dt.date,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
) -> str:
    """`clock_words.time_on_day` (with its after-midnight mark) read where the entry was
    lived, and the zone beside it when that is not `tz` (`08:00 UTC+05:30`)."""
    from app.domain.clock_words import time_on_day

    zone = lived_zone(instant, utc_offset, tz)
    clock = time_on_day(instant, day, zone)
    return clock if zone is tz or utc_offset is None else f"{clock} {offset_words(utc_offset)}"
