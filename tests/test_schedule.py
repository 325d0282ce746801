"""The watcher's plan as a pure function of an injected "now": what is due, exactly once,
the next due moment, quiet hours, the day-start hour and clock changes."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from app.domain.records import Timer, TimerEnd
from app.domain.reminders import QuietHours, ReminderError, ReminderSettings, parse_clock
from app.domain.schedule import (
    NOTIFY_LIMIT,
    OPEN_APP_GRACE,
    ReminderNotice,
    TimerNotice,
    plan,
    reminder_key,
    timer_key,
)
from app.domain.urges import URGE_WINDOW, asks_about_now, is_end_answer

PARIS = pendulum.timezone("Europe/Paris")
NOW = pendulum.datetime(2026, 11, 24, 9, 30, tz=PARIS)
NONE = ReminderSettings()


def timer(ends_in: dt.timedelta, *, id: int = 1, **fields) -> Timer:  # type: ignore[no-untyped-def]
    end = NOW.in_timezone("UTC") + ends_in
    return Timer(
        id=id,
        stimulus_id=1,
        stimulus_name="coffee",
        started_at=end - dt.timedelta(hours=1),
        ends_at=end,
        **fields,
    )


def at(hour: int, minute: int = 0, day: int = 24, month: int = 11) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=PARIS)


def test_a_running_timer_wakes_the_watcher_just_after_its_end() -> None:
    running = timer(dt.timedelta(minutes=5))
    found = plan(NOW, [running], set(), NONE, False, 4)
    assert found.due == ()
    assert found.wake_at == running.ends_at + OPEN_APP_GRACE


def test_a_timer_is_due_after_the_grace_then_never_again_once_claimed() -> None:
    ended = timer(-OPEN_APP_GRACE)
    [notice] = plan(NOW, [ended], set(), NONE, False, 4).due
    assert notice == TimerNotice(timer_key(1), ended)
    nothing = plan(NOW, [], set(), NONE, False, 4)
    assert plan(NOW, [ended], {timer_key(1)}, NONE, False, 4) == nothing
    assert plan(NOW, [timer(-OPEN_APP_GRACE, urge_asked=True)], set(), NONE, False, 4).due == ()


def test_ended_early_cancelled_and_long_past_timers_are_not_announced() -> None:
    early = timer(-dt.timedelta(minutes=1), end_reason=TimerEnd.ENDED_EARLY)
    cancelled = timer(-dt.timedelta(minutes=1), id=2, end_reason=TimerEnd.CANCELLED)
    stale = timer(-NOTIFY_LIMIT - dt.timedelta(seconds=1), id=3)
    just = timer(-NOTIFY_LIMIT, id=4)
    found = plan(NOW, [early, cancelled, stale, just], set(), NONE, False, 4)
    assert [n.timer.id for n in found.due] == [4]  # type: ignore[union-attr]
    assert found.wake_at is None


def test_the_soonest_of_several_moments_is_the_wake_time() -> None:
    later, sooner = timer(dt.timedelta(hours=2)), timer(dt.timedelta(minutes=3), id=2)
    reminder = ReminderSettings(at=dt.time(9, 45))
    found = plan(NOW, [later, sooner], set(), reminder, False, 4)
    assert found.wake_at == sooner.ends_at + OPEN_APP_GRACE
    found = plan(NOW, [later], set(), reminder, False, 4)
    assert found.wake_at == at(9, 45)


def test_the_reminder_is_due_once_a_day_and_not_after_the_check_in() -> None:
    reminder = ReminderSettings(at=dt.time(20, 30))
    assert plan(at(20, 29), [], set(), reminder, False, 4).due == ()
    [notice] = plan(at(20, 30), [], set(), reminder, False, 4).due
    assert notice == ReminderNotice(reminder_key(dt.date(2026, 11, 24)), dt.date(2026, 11, 24))
    claimed = {notice.key}
    again = plan(at(21, 0), [], claimed, reminder, False, 4)
    assert again.due == () and again.wake_at == at(20, 30, day=25)
    done = plan(at(20, 30), [], set(), reminder, True, 4)
    assert done.due == () and done.wake_at == at(20, 30, day=25)


def test_a_late_reminder_goes_out_within_three_hours_and_its_own_day() -> None:
    reminder = ReminderSettings(at=dt.time(20, 30))
    assert plan(at(23, 29), [], set(), reminder, False, 4).due != ()
    assert plan(at(23, 31), [], set(), reminder, False, 4).due == ()
    late_night = ReminderSettings(at=dt.time(2, 0))  # belongs to the day that began at 04:00
    [notice] = plan(at(2, 30, day=25), [], set(), late_night, False, 4).due
    assert notice.day == dt.date(2026, 11, 24)  # type: ignore[union-attr]
    assert plan(at(3, 59, day=25), [], set(), late_night, False, 4).due != ()
    assert plan(at(4, 0, day=25), [], set(), late_night, False, 4).due == ()  # a new day


def test_the_day_start_hour_decides_which_day_a_reminder_belongs_to() -> None:
    reminder = ReminderSettings(at=dt.time(1, 0))
    early_start = plan(at(1, 0, day=25), [], set(), reminder, False, 0)
    assert [n.day for n in early_start.due] == [dt.date(2026, 11, 25)]  # type: ignore[union-attr]
    usual = plan(at(1, 0, day=25), [], set(), reminder, False, 4)
    assert [n.day for n in usual.due] == [dt.date(2026, 11, 24)]  # type: ignore[union-attr]


def test_quiet_hours_hold_the_reminder_back_but_never_a_timer() -> None:
    quiet = QuietHours.parse("21:00-07:00")
    reminder = ReminderSettings(at=dt.time(20, 30), quiet=quiet)
    inside = plan(at(20, 30), [], set(), reminder, False, 4)
    assert inside.due != ()
    held = ReminderSettings(at=dt.time(21, 30), quiet=quiet)
    ended = timer(at(21, 30) - NOW - OPEN_APP_GRACE)
    found = plan(at(21, 30), [ended], set(), held, False, 4)
    assert [type(n) for n in found.due] == [TimerNotice]
    assert found.wake_at == at(21, 30, day=25)  # quiet ends at 07:00, past the day and 3 h


def test_a_reminder_in_short_quiet_hours_goes_out_when_they_end() -> None:
    reminder = ReminderSettings(at=dt.time(13, 0), quiet=QuietHours.parse("12:30-14:00"))
    found = plan(at(13, 0), [], set(), reminder, False, 4)
    assert found.due == () and found.wake_at == at(14, 0)
    assert plan(at(14, 0), [], set(), reminder, False, 4).due != ()


def test_clock_changes_move_the_reminder_with_the_wall_clock() -> None:
    reminder = ReminderSettings(at=dt.time(2, 30))  # a time that does not exist on 29 March
    before = plan(at(12, 0, day=28, month=3), [], set(), reminder, False, 4)
    assert before.wake_at == pendulum.datetime(2026, 3, 29, 3, 30, tz=PARIS)
    assert before.wake_at.utcoffset() == dt.timedelta(hours=2)  # type: ignore[union-attr]
    evening = ReminderSettings(at=dt.time(20, 30))
    autumn = plan(at(12, 0, day=25, month=10), [], set(), evening, False, 4)
    assert autumn.wake_at == pendulum.datetime(2026, 10, 25, 20, 30, tz=PARIS)
    assert autumn.wake_at.utcoffset() == dt.timedelta(hours=1)  # type: ignore[union-attr]


def test_a_clock_jump_only_changes_the_answer_through_now() -> None:
    running = timer(dt.timedelta(hours=2))
    asleep = plan(NOW.add(hours=8), [running], set(), NONE, False, 4)
    assert asleep.due == (TimerNotice(timer_key(1), running),)
    set_back = plan(NOW.subtract(hours=1), [running], set(), NONE, False, 4)
    assert set_back.due == () and set_back.wake_at == running.ends_at + OPEN_APP_GRACE


def test_the_urge_window() -> None:
    end = NOW.in_timezone("UTC")
    assert is_end_answer(end, end + URGE_WINDOW)
    assert not is_end_answer(end, end + URGE_WINDOW + dt.timedelta(seconds=1))
    assert asks_about_now(end, end + dt.timedelta(hours=29))


@pytest.mark.parametrize("text", ["25:00", "9", "", "noon", "7:5"])
def test_bad_clock_times_are_refused(text: str) -> None:
    with pytest.raises(ReminderError):
        parse_clock(text)


@pytest.mark.parametrize("text", ["22:00", "22:00-22:00", "x-07:00"])
def test_bad_quiet_hours_are_refused(text: str) -> None:
    with pytest.raises(ReminderError):
        QuietHours.parse(text)
