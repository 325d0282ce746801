"""When an entry can have happened: not in the future, not before teeter's era.

One rule for every way a time comes in (typed in the shell or the app, read from an import),
so `teeter log` and `teeter import` never disagree about the same instant. A minute of slack
absorbs clocks that differ a little between machines and the seconds spent typing.

This is the narrow rule, for when something happened. `app.domain.bounds` is the wide one, for
any date teeter stores or shows (an experiment's planned days, a day range): 1970–2199. Every
time this rule accepts is inside it, so an accepted entry can never overflow a day's
arithmetic."""

from __future__ import annotations

import datetime as dt

FUTURE_SLACK = dt.timedelta(minutes=1)
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Nothing teeter records can predate this: a time before it is a typo (1900, year 1)."""


class ImplausibleTime(ValueError):
    """A time that cannot be an entry's: it has not happened yet, or is far too old."""


def check_recorded(moment: dt.datetime, now: dt.datetime, shown: str) -> dt.datetime:
    """`moment` if it can be when something was recorded; `shown` names it in the message."""
    if moment > now + FUTURE_SLACK:
        raise ImplausibleTime(f"{shown} is in the future")
    if moment < EARLIEST:
        raise ImplausibleTime(f"{shown} is before the year 2000, when teeter's times begin")
    return moment
