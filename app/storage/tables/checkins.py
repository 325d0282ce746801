"""Check-ins: one per local day, each step pending, done or skipped. A step's state is a
row of `checkin_step` (none: pending), so the steps themselves are the domain's list."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from app.domain.checkin import Step, StepState
from app.domain.records import CheckIn
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import CheckInRow, CheckInStepRow


def for_day(db: Database, day: dt.date) -> CheckIn | None:
    with db.read() as session:
        row = session.exec(select(CheckInRow).where(CheckInRow.day == day)).first()
        return _checkin(session, row) if row else None


def mark_step(
    db: Database, day: dt.date, step: Step, state: StepState, now: dt.datetime
) -> CheckIn:
    """Record how a step ended. The day's row is created by its first step; the check-in is
    complete (and stamped) once no step is pending."""
    with db.write() as session:
        row = session.exec(select(CheckInRow).where(CheckInRow.day == day)).first()
        if row is None:
            row = CheckInRow(day=day, started_at=now)
            session.add(row)
            session.flush()
        assert row.id is not None
        kept = session.get(CheckInStepRow, (row.id, step.value))
        if state is StepState.PENDING:
            if kept is not None:
                session.delete(kept)
        elif kept is None:
            session.add(CheckInStepRow(checkin_id=row.id, step=step.value, state=state.value))
        else:
            kept.state = state.value
            session.add(kept)
        session.flush()
        checkin = _checkin(session, row)
        if checkin.progress.complete and row.completed_at is None:
            row.completed_at = now
            session.add(row)
            session.flush()
            checkin = _checkin(session, row)
        return checkin


def _checkin(session: Session, row: CheckInRow) -> CheckIn:
    steps = session.exec(
        select(CheckInStepRow.step, CheckInStepRow.state).where(
            col(CheckInStepRow.checkin_id) == row.id
        )
    ).all()
    return convert.checkin(row, steps)
