"""Spacing timers. The end time is stored, so a timer survives quitting, restarts and sleep:
time left is always `ends_at - now`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from app.domain.durations import extended_end
from app.domain.ratings import check_rating
from app.domain.records import StimulusKind, Timer, TimerEnd
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import StimulusRow, TimerRow
from app.storage.tables.stimuli import ensure_row, find_row


def active(db: Database) -> list[Timer]:
    """Timers not yet ended (including ones that ran out but were not yet closed), soonest
    end first."""
    query = (
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(col(TimerRow.ended_at).is_(None))
        .order_by(col(TimerRow.ends_at), col(TimerRow.id))
    )
    with db.read() as session:
        return [convert.timer(row, name) for row, name in session.exec(query).all()]


def with_name(session: Session, timer_id: int) -> tuple[TimerRow, str] | None:
    """A timer's row with its stimulus's name; None if it never was (or was deleted)."""
    found = session.exec(
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(TimerRow.id == timer_id)
    ).first()
    return (found[0], found[1]) if found is not None else None


def _running(session: Session, timer_id: int) -> tuple[TimerRow, str] | None:
    """A timer not yet ended, with its stimulus's name; None if it ended or never was."""
    found = with_name(session, timer_id)
    return found if found is not None and found[0].ended_at is None else None


def finish(db: Database, timer_id: int, reason: TimerEnd, now: dt.datetime) -> Timer | None:
    """End a timer once. A timer that ran out is stamped with its own end time, not with
    the moment teeter noticed. Returns None when it had already ended."""
    with db.write() as session:
        found = _running(session, timer_id)
        if found is None:
            return None
        row, name = found
        # a clock set back behind the timer's start: it ended as it began, never before
        started = convert.timer(row, name).started_at
        row.ended_at = row.ends_at if reason is TimerEnd.RAN_OUT else max(now, started)
        row.end_reason = reason.value
        session.add(row)
        session.flush()
        return convert.timer(row, name)


def record_urge(db: Database, timer_id: int, urge: int | None) -> None:
    """The answer to "how strong is the urge now?" (None when skipped); asked only once."""
    if urge is not None:
        check_rating(urge, "urge")
    with db.write() as session:
        row = session.get(TimerRow, timer_id)
        if row is not None:
            row.urge = urge
            row.urge_asked = True
            session.add(row)


class AlreadyRunning(Exception):
    """A stimulus already has a timer whose end has not passed yet."""

    def __init__(self, timer: Timer) -> None:
        super().__init__(f"{timer.stimulus_name} already has a timer running")
        self.timer = timer


def start(
    db: Database,
    stimulus: str,
    duration: dt.timedelta,
    now: dt.datetime,
    kind: StimulusKind | None = None,
) -> Timer:
    """Start a timer (creating the stimulus if new, see `stimuli.ensure_row` for `kind`), or
    raise AlreadyRunning when the stimulus has one still running: the one way every screen
    and command starts a timer. The stimulus is found by its name key (`find_row`), and
    check and insert share one write transaction, so two starts at once cannot both
    succeed. A timer that ran out but was not closed yet does not count: it waits for its
    urge question."""
    with db.write() as session:
        existing = find_row(session, stimulus)
        if existing is not None:
            running = session.exec(
                select(TimerRow)
                .where(
                    TimerRow.stimulus_id == existing.id,
                    col(TimerRow.ended_at).is_(None),
                    TimerRow.ends_at > now,
                )
                .order_by(col(TimerRow.ends_at).desc())
            ).first()
            if running is not None:
                raise AlreadyRunning(convert.timer(running, existing.name))
        stimulus_row = ensure_row(session, stimulus, now, kind)
        row = TimerRow(stimulus_id=stimulus_row.id or 0, started_at=now, ends_at=now + duration)
        session.add(row)
        session.flush()
        return convert.timer(row, stimulus_row.name)


def ended_between(db: Database, start: dt.datetime, end: dt.datetime) -> list[Timer]:
    """Timers that ended in [start, end), in the order they ended."""
    query = (
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(TimerRow.ended_at >= start, TimerRow.ended_at < end)  # type: ignore[operator]
        .order_by(col(TimerRow.ended_at), col(TimerRow.id))
    )
    with db.read() as session:
        return [convert.timer(row, name) for row, name in session.exec(query).all()]


def started_between(db: Database, start: dt.datetime, end: dt.datetime) -> list[Timer]:
    query = (
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(TimerRow.started_at >= start, TimerRow.started_at < end)
        .order_by(col(TimerRow.started_at))
    )
    with db.read() as session:
        return [convert.timer(row, name) for row, name in session.exec(query).all()]


def extend(db: Database, timer_id: int, by: dt.timedelta) -> Timer | None:
    """Move a running timer's end later by `by`. None when it has already ended;
    DurationError (nothing changed) when it would then last more than 7 days in all."""
    with db.write() as session:
        found = _running(session, timer_id)
        if found is None:
            return None
        row, name = found
        row.ends_at = extended_end(row.started_at, row.ends_at, by)
        session.add(row)
        session.flush()
        return convert.timer(row, name)


def due_unasked(db: Database, now: dt.datetime) -> list[Timer]:
    """Timers owed an urge question: still open but past their end (they need closing as
    ran out), or closed as ran out (by teeter or the shell) and not asked yet. Oldest end
    first. One indexed query, cheap enough to run every second."""
    query = (
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(
            col(TimerRow.urge_asked).is_(False),
            or_(
                and_(col(TimerRow.ended_at).is_(None), col(TimerRow.ends_at) <= now),
                col(TimerRow.end_reason) == TimerEnd.RAN_OUT.value,
            ),
        )
        .order_by(col(TimerRow.ends_at), col(TimerRow.id))
    )
    with db.read() as session:
        return [convert.timer(row, name) for row, name in session.exec(query).all()]


def recent_endings(db: Database, since: dt.datetime) -> list[Timer]:
    """Timers that ended at or after `since` (however they ended), in the order they ended."""
    query = (
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(TimerRow.ended_at >= since)  # type: ignore[operator]
        .order_by(col(TimerRow.ended_at), col(TimerRow.id))
    )
    with db.read() as session:
        return [convert.timer(row, name) for row, name in session.exec(query).all()]


def reopen(db: Database, timer_id: int) -> Timer | None:
    """Undo ending a timer early or cancelling it: it runs on to its stored end as if never
    touched. None when that would be wrong: it ran out or is open already, or its stimulus
    has another timer open by now (one running timer per stimulus)."""
    with db.write() as session:
        found = with_name(session, timer_id)
        if found is None:
            return None
        row, name = found
        undoable = {TimerEnd.ENDED_EARLY.value, TimerEnd.CANCELLED.value}
        if row.ended_at is None or row.end_reason not in undoable:
            return None
        other = session.exec(
            select(TimerRow.id).where(
                TimerRow.stimulus_id == row.stimulus_id,
                col(TimerRow.ended_at).is_(None),
                TimerRow.id != timer_id,
            )
        ).first()
        if other is not None:
            return None
        row.ended_at, row.end_reason = None, None
        session.add(row)
        session.flush()
        return convert.timer(row, name)
