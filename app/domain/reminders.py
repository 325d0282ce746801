"""The daily check-in reminder: an optional local time, and a quiet-hours range in which
nothing is sent. Pure values and rules; the watcher and the settings read them.

A reminder belongs to a practice day (days start at the day-start hour), so a reminder set
for 01:00 with days starting at 04:00 comes in the night that closes that day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pendulum

from app.domain.days import day_bounds

_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")


class ReminderError(ValueError):
    """A reminder time or quiet-hours range teeter cannot read."""


def parse_clock(text: str) -> dt.time:
    """`20:30` or `7:05`: a local clock time."""
    match = _CLOCK.match(text.strip())
    if match is None or not (0 <= int(match["h"]) <= 23 and 0 <= int(match["m"]) <= 59):
        raise ReminderError(f"cannot read the time {text!r}: use HH:MM, e.g. 20:30")
    return dt.time(int(match["h"]), int(match["m"]))


@dataclass(frozen=True)
class QuietHours:
    """[start, end) in local clock time; it may run past midnight (22:00-07:00)."""

    start: dt.time
    end: dt.time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        parts = text.replace("–", "-").split("-")
        if len(parts) != 2:
            raise ReminderError(f"cannot read the quiet hours {text!r}: use HH:MM-HH:MM")
        start, end = parse_clock(parts[0]), parse_clock(parts[1])
        if start == end:
            raise ReminderError("quiet hours need a start and an end that differ")
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def holds(self, local: dt.datetime) -> bool:
        clock = local.time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end

    def ends_after(self, local: pendulum.DateTime) -> pendulum.DateTime:
        """The first moment after `local` (which is inside the range) when it is over."""
        zone = local.timezone or pendulum.UTC
        day = local.date()
        for offset in (0, 1):
            date = day + dt.timedelta(days=offset)
            end = pendulum.datetime(
                date.year, date.month, date.day, self.end.hour, self.end.minute, tz=zone
            )
            if end > local:
                return end
        raise AssertionError("a quiet range always ends within a day")


@dataclass(frozen=True)
class ReminderSettings:
    at: dt.time | None = None  # None: no reminder
    quiet: QuietHours | None = None


def reminder_moment(
    day: dt.date, at: dt.time, zone: pendulum.Timezone | pendulum.FixedTimezone, start_hour: int
) -> pendulum.DateTime | None:
    """When the reminder for practice day `day` is due (aware), or None when that clock time
    does not fall inside the day (it can only miss on a day that changes its clocks)."""
    date = day if at.hour >= start_hour else day + dt.timedelta(days=1)
    moment = pendulum.datetime(date.year, date.month, date.day, at.hour, at.minute, tz=zone)
    start, end = day_bounds(day, zone, start_hour)
    return moment if start <= moment < end else None
