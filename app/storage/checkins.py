"""Check-ins: one per local day, each step pending, done or skipped."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from app.domain.checkin import Step, StepState
from app.domain.records import CheckIn
from app.storage import convert
from app.storage.database import Database
from app.storage.models import CheckInRow


def for_day(db: Database, day: dt.date) -> CheckIn | None:
    with db.read() as session:
        row = session.exec(select(CheckInRow).where(CheckInRow.day == day)).first()
        return convert.checkin(row) if row else None


def mark_step(
    db: Database, day: dt.date, step: Step, state: StepState, now: dt.datetime
) -> CheckIn:
    """Record how a step ended. The day's row is created by its first step; the check-in is
    complete (and stamped) once no step is pending."""
    with db.write() as session:
        row = session.exec(select(CheckInRow).where(CheckInRow.day == day)).first()
        if row is None:
            row = CheckInRow(day=day, started_at=now)
        setattr(row, step.value, state.value)
        session.add(row)
        session.flush()
        checkin = convert.checkin(row)
        if checkin.progress.complete and row.completed_at is None:
            row.completed_at = now
            session.flush()
            checkin = convert.checkin(row)
        return checkin
