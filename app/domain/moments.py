"""When something happened, as a person types it: `now`, `14:05`, `yesterday 22:10`,
`2026-11-24 14:05`, or an ISO 8601 time with an offset. A time in the future is refused."""

from __future__ import annotations

import datetime as dt
import re

import pendulum

from app.domain import bounds

FUTURE_SLACK = dt.timedelta(minutes=1)
_CLOCK = re.compile(r"^(?:(?P<yesterday>yesterday)\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})$", re.I)
_DATE_CLOCK = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<h>\d{1,2}):(?P<m>\d{2})$")


class MomentError(ValueError):
    """A time teeter cannot read, or one that has not happened yet."""


def parse_moment(text: str, now: pendulum.DateTime) -> pendulum.DateTime:
    """An aware instant in `now`'s zone. Clock times mean today (or yesterday)."""
    cleaned = text.strip()
    tz = now.timezone or pendulum.UTC
    try:
        if not cleaned or cleaned.lower() == "now":
            return now
        if match := _CLOCK.match(cleaned):
            day = now.date() - dt.timedelta(days=1 if match["yesterday"] else 0)
            moment = _local(day, int(match["h"]), int(match["m"]), tz)
        elif match := _DATE_CLOCK.match(cleaned):
            day = dt.date.fromisoformat(match["date"])
            moment = _local(day, int(match["h"]), int(match["m"]), tz)
        else:
            parsed = dt.datetime.fromisoformat(cleaned)
            if parsed.tzinfo is None:
                raise MomentError(f"cannot read the time {text!r}: add an offset or use HH:MM")
            moment = pendulum.instance(parsed).in_timezone(tz)
    except (ValueError, OverflowError) as error:
        if isinstance(error, MomentError):
            raise
        raise MomentError(
            f"cannot read the time {text!r}: use now, HH:MM, yesterday HH:MM or YYYY-MM-DD HH:MM"
        ) from None
    if not bounds.within(moment):
        raise MomentError(f"{text!r} is outside the years teeter can show ({bounds.SPAN})")
    if moment > now + FUTURE_SLACK:
        raise MomentError(f"{text!r} is in the future; log what has already happened")
    return moment


def _local(day: dt.date, hour: int, minute: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError("no such clock time")
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz)
