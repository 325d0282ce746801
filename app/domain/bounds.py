"""The span of time teeter can show: every date and time that comes in (typed, imported,
upgraded) is checked against it, so no stored value can make a day calculation overflow.

Python's dates end at years 1 and 9999 and a day's bounds, a week's window or a local zone
step past them (year 1 minus a day, 9999-12-31 in Tokyo): one entry there crashed every
report. Nobody logs a coffee in 1969 or in 2200, so those years are the limits.

An entry (something that happened) is held to the narrower `app.domain.plausible` rule: from
2000 to now. This span is for every other date and for reading a file written elsewhere."""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)
SPAN = f"{EARLIEST.year}–{LATEST.year - 1}"


class OutOfRange(ValueError):
    """A date or time outside the years teeter can show."""


def within(when: dt.datetime | dt.date) -> bool:
    if isinstance(when, dt.datetime):
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return EARLIEST <= when < LATEST
    return EARLIEST.date() <= when < LATEST.date()


def check(when: dt.datetime | dt.date, what: str = "a time") -> None:
    if not within(when):
        raise OutOfRange(f"{what} must be within the years {SPAN}")
