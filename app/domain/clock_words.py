"""Clock times that say which day they belong to. A bare "03:30" under Friday reads as
Friday morning, and "not before 04:00" for a timer that ends next week reads as today:
both need the day named when it is not the obvious one. Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt

import pendulum

NEXT_MORNING = "+1d"
"""Marks a time after midnight that still counts for the evening before."""
NEXT_MORNING_LEGEND = "+1d: after midnight, counted with the day before"


def time_on_day(
    moment: dt.datetime, day: dt.date, tz: pendulum.Timezone | pendulum.FixedTimezone
) -> str:
    """`23:10` for a time on its day's own date; `03:30 +1d` for one after midnight that
    belongs to the day before (days start at the person's hour, not at midnight)."""
    local = pendulum.instance(moment).in_timezone(tz)
    clock = local.format("HH:mm")
    return f"{clock} {NEXT_MORNING}" if local.date() > day else clock
