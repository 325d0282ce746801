"""What the watcher must send now, and when it must next look: a pure function of "now"
and stored facts, so it is tested with any clock and survives suspend and clock jumps (it
recomputes from stored times; nothing is counted).

Each notice has a key. Sending is claimed in the database under that key (whoever inserts
it first sends), so a notice goes out exactly once even with two watchers or a restart.

Timers: a desktop notice a couple of seconds after the stored end (an open teeter, which
asks in its own window, gets the first chance to claim the question), and none for an end
older than twelve hours: a laptop that wakes next morning does not announce last night's
coffee. Quiet hours hold back the check-in reminder only: a timer is the person's own
explicit request to be told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pendulum

from app.domain.days import day_bounds, local_day
from app.domain.records import Timer, TimerEnd
from app.domain.reminders import ReminderSettings, reminder_moment

OPEN_APP_GRACE = dt.timedelta(seconds=2)
NOTIFY_LIMIT = dt.timedelta(hours=12)
REMINDER_LATE = dt.timedelta(hours=3)
"""A reminder the watcher could not send at its time (asleep, quiet hours) may go out up to
three hours late, within its own day; after that the day's reminder is simply not sent."""


def timer_key(timer_id: int) -> str:
    """The claim for a timer's urge question, whoever puts it: a window or a notification."""
    return f"urge-question:{timer_id}"


def reminder_key(day: dt.date) -> str:
    return f"checkin-reminder:{day.isoformat()}"


@dataclass(frozen=True)
class TimerNotice:
    key: str
    timer: Timer


@dataclass(frozen=True)
class ReminderNotice:
    key: str
    day: dt.date


Notice = TimerNotice | ReminderNotice


@dataclass(frozen=True)
class Plan:
    due: tuple[Notice, ...]
    wake_at: dt.datetime | None  # the next moment something may fall due; None: nothing


def plan(
    now: pendulum.DateTime,
    timers: Iterable[Timer],
    claimed: Collection[str],
    reminder: ReminderSettings,
    checkin_complete: bool,
    day_start_hour: int,
) -> Plan:
    """`timers`: open ones and ones that ran out; `claimed`: keys already sent or asked;
    `checkin_complete`: whether the practice day `now` falls in has a completed check-in."""
    due: list[Notice] = []
    wakes: list[dt.datetime] = []
    for timer in timers:
        key = timer_key(timer.id)
        if key in claimed or timer.urge_asked or timer.end_reason not in (None, TimerEnd.RAN_OUT):
            continue
        send_at = timer.ends_at + OPEN_APP_GRACE
        if now < send_at:
            wakes.append(send_at)
        elif now <= timer.ends_at + NOTIFY_LIMIT:
            due.append(TimerNotice(key, timer))
    if reminder.at is not None:
        notice, wake = _reminder(now, reminder, claimed, checkin_complete, day_start_hour)
        if notice is not None:
            due.append(notice)
        if wake is not None:
            wakes.append(wake)
    return Plan(tuple(due), min(wakes, default=None))


def _reminder(
    now: pendulum.DateTime,
    reminder: ReminderSettings,
    claimed: Collection[str],
    checkin_complete: bool,
    hour: int,
) -> tuple[ReminderNotice | None, dt.datetime | None]:
    assert reminder.at is not None
    zone = now.timezone or pendulum.UTC
    today = local_day(now, zone, hour)
    following = _next_moment(today + dt.timedelta(days=1), reminder, zone, hour)
    moment = reminder_moment(today, reminder.at, zone, hour)
    key = reminder_key(today)
    if moment is None or key in claimed or checkin_complete:
        return None, following
    if now < moment:
        return None, moment
    last_chance = min(moment + REMINDER_LATE, day_bounds(today, zone, hour)[1])
    if now >= last_chance:
        return None, following
    quiet = reminder.quiet
    if quiet is not None and quiet.holds(now):
        over = quiet.ends_after(now)
        return None, over if over < last_chance else following
    return ReminderNotice(key, today), following


def _next_moment(
    day: dt.date,
    reminder: ReminderSettings,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
    hour: int,
) -> dt.datetime | None:
    assert reminder.at is not None
    for offset in range(3):  # a clock change can skip the time on one day, never on two
        found = reminder_moment(day + dt.timedelta(days=offset), reminder.at, zone, hour)
        if found is not None:
            return found
    return None
