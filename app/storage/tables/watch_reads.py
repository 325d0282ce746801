"""What `teeter watch` needs to plan, read in one place: timers that are running or ran out
unasked, which of their questions (and today's reminder) are claimed, the reminder settings
and whether today's check-in is complete."""

from __future__ import annotations

from dataclasses import dataclass

import pendulum
from sqlalchemy import or_
from sqlmodel import col, select

from app.clock import zone_of
from app.domain.days import local_day
from app.domain.records import StimulusKind, Timer, TimerEnd
from app.domain.reminders import ReminderSettings
from app.domain.schedule import reminder_key, timer_key
from app.storage.file.database import Database
from app.storage.tables import checkins, claims, convert, notify_settings, settings
from app.storage.tables.models import StimulusRow, TimerRow


@dataclass(frozen=True)
class WatchState:
    timers: tuple[Timer, ...]
    kinds: dict[int, StimulusKind]  # stimulus id -> kind, for the words of a notice
    claimed: frozenset[str]
    reminder: ReminderSettings
    checkin_complete: bool
    day_start_hour: int
    hide_names: bool


def read(db: Database, now: pendulum.DateTime) -> WatchState:
    query = (
        select(TimerRow, StimulusRow.name, StimulusRow.kind)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(
            col(TimerRow.urge_asked).is_(False),
            or_(
                col(TimerRow.ended_at).is_(None),
                col(TimerRow.end_reason) == TimerEnd.RAN_OUT.value,
            ),
        )
        .order_by(col(TimerRow.ends_at), col(TimerRow.id))
    )
    with db.read() as session:
        found = session.exec(query).all()
    timers = tuple(convert.timer(row, name) for row, name, _ in found)
    kinds = {row.stimulus_id: StimulusKind(kind) for row, _, kind in found}
    hour = settings.day_start_hour(db)
    today = local_day(now, zone_of(now), hour)
    keys = [timer_key(t.id) for t in timers] + [reminder_key(today)]
    checkin = checkins.for_day(db, today)
    return WatchState(
        timers=timers,
        kinds=kinds,
        claimed=frozenset(claims.taken(db, keys)),
        reminder=notify_settings.reminder(db),
        checkin_complete=checkin is not None and checkin.progress.complete,
        day_start_hour=hour,
        hide_names=notify_settings.hide_names(db),
    )
