"""When something happened, as a person says it. One reader for the shell and the app:

- `now` (or nothing);
- a clock time, `14:05`, `2:05pm`, `9pm`: its most recent past occurrence, up to 24 h back,
  so at 00:49 `23:59` is the evening that just passed;
- a day and a clock time, `yesterday 22:10`, `today 07:00`, `mon 09:00`: that clock time
  within that *practice* day (days start at the day-start hour), so at 00:49 `yesterday`
  is the day before the one teeter's header calls today, and `yesterday 01:30` is the small
  hours at the end of it; a weekday is the most recent one whose time has passed;
- a time ago, `20m ago`, `-20m`, `1h30m ago`, `2d ago`;
- a date and time, `2026-11-24 14:05` (local), or ISO 8601 with an offset.

The future and the implausibly old are refused (`app.domain.plausible`)."""

from __future__ import annotations

import datetime as dt
import re

from app.domain.days import DEFAULT_DAY_START_HOUR, local_day
from app.domain.plausible import ImplausibleTime, check_recorded

TYPE_CHECKING = False  # pendulum is loaded only to read a time other than now
if TYPE_CHECKING:
    import pendulum

_CLOCK = r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_WEEKDAYS = {
    **dict.fromkeys(("mon", "monday"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fri", "friday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}
_DAY_CLOCK = re.compile(rf"^(?:(?P<day>[a-z]+)\s+)?{_CLOCK}$")
_UNITS = {"d": "days", "day": "days", "days": "days"}
_UNITS |= dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours")
_UNITS |= dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "minutes")
_PART = re.compile(r"(\d{1,6})\s*([a-z]+)")
_AGO = re.compile(r"^(?:-\s*(?P<minus>.+)|(?P<ago>.+?)\s+ago)$")
_DATE_CLOCK = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[ t](?P<h>\d{1,2}):(?P<m>\d{2})$")
HINT = "use now, 14:05, 2:05pm, yesterday 22:10, mon 09:00, 20m ago or YYYY-MM-DD HH:MM"


class MomentError(ValueError):
    """A time teeter cannot read, or one that cannot have happened yet."""


def parse_moment(
    text: str, now: dt.datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR
) -> dt.datetime:
    """An aware instant in `now`'s zone; MomentError (one line) when it cannot be used. It
    is `now` itself for "now", else a pendulum time."""
    cleaned = " ".join(text.strip().lower().split())
    try:
        moment = _read(cleaned, now, day_start_hour)
    except (ValueError, OverflowError) as error:
        if isinstance(error, MomentError):
            raise
        raise MomentError(f"cannot read the time {text.strip()!r}: {HINT}") from None
    try:
        check_recorded(moment, now, repr(text.strip()))
    except ImplausibleTime as error:
        hint = "; log what has already happened" if moment > now else ""
        raise MomentError(f"{error}{hint}") from None
    return moment


def _read(text: str, given: dt.datetime, day_start_hour: int) -> dt.datetime:
    if text in ("", "now"):  # the common case, read without loading pendulum
        return given
    import pendulum

    now = pendulum.instance(given)
    tz = now.timezone or pendulum.UTC
    if match := _AGO.match(text):
        return now - _span(match["minus"] or match["ago"])
    if match := _DAY_CLOCK.match(text):
        hour, minute = _clock(match)
        return _on_day(match["day"], hour, minute, now, day_start_hour)
    if match := _DATE_CLOCK.match(text):
        day = dt.date.fromisoformat(match["date"])
        return _local(day, int(match["h"]), int(match["m"]), tz)
    parsed = dt.datetime.fromisoformat(text.upper())
    if parsed.tzinfo is None:  # a local wall time, like the forms above
        return pendulum.instance(parsed, tz=tz)
    return pendulum.instance(parsed).in_timezone(tz)


def _span(text: str) -> dt.timedelta:
    """`20m`, `1h30m`, `1 h 15 min`, `2d`: a stretch of time back from now."""
    parts = _PART.findall(text)
    if not parts or _PART.sub("", text).strip():
        raise ValueError(text)
    amounts = {"days": 0, "hours": 0, "minutes": 0}
    for number, unit in parts:
        if unit not in _UNITS:
            raise ValueError(unit)
        amounts[_UNITS[unit]] += int(number)
    return dt.timedelta(**amounts)


def _clock(match: re.Match[str]) -> tuple[int, int]:
    hour, minute, ampm = int(match["h"]), int(match["m"] or 0), match["ampm"]
    if ampm is None and match["m"] is None:
        raise ValueError("a bare number is not a time")  # `14`: hours? a date? refuse
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise ValueError("no such clock time")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError("no such clock time")
    return hour, minute


def _on_day(
    word: str | None, hour: int, minute: int, now: pendulum.DateTime, day_start_hour: int
) -> pendulum.DateTime:
    import pendulum

    tz = now.timezone or pendulum.UTC
    if word is None:  # the most recent past occurrence: today's, or else yesterday's
        today = _local(now.date(), hour, minute, tz)
        return today if _not_future(today, now) else _local(now.date() - _DAY, hour, minute, tz)
    practice_day = local_day(now, tz, day_start_hour)
    if word == "today":
        return _in_practice_day(practice_day, hour, minute, tz, day_start_hour)
    if word == "yesterday":
        return _in_practice_day(practice_day - _DAY, hour, minute, tz, day_start_hour)
    if word not in _WEEKDAYS:
        raise ValueError(word)
    day = practice_day - dt.timedelta(days=(practice_day.weekday() - _WEEKDAYS[word]) % 7)
    moment = _in_practice_day(day, hour, minute, tz, day_start_hour)
    if not _not_future(moment, now):  # later today on that weekday: the week before
        moment = _in_practice_day(day - 7 * _DAY, hour, minute, tz, day_start_hour)
    return moment


_DAY = dt.timedelta(days=1)


def _not_future(moment: pendulum.DateTime, now: pendulum.DateTime) -> bool:
    try:
        check_recorded(moment, now, "")
    except ImplausibleTime:
        return False
    return True


def _in_practice_day(
    day: dt.date,
    hour: int,
    minute: int,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> pendulum.DateTime:
    """`hour:minute` within practice `day`: the small hours before the day-start hour are
    the end of that day, on the next calendar date."""
    return _local(day + (_DAY if hour < day_start_hour else dt.timedelta(0)), hour, minute, tz)


def _local(
    day: dt.date, hour: int, minute: int, tz: pendulum.Timezone | pendulum.FixedTimezone
) -> pendulum.DateTime:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError("no such clock time")
    import pendulum

    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz)
