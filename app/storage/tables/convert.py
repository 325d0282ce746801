"""Rows to domain values, in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.domain import bounds
from app.domain.checkin import CheckInProgress
from app.domain.records import (
    CheckIn,
    Exposure,
    ExposureSource,
    Outcome,
    Reframe,
    Stimulus,
    StimulusKind,
    Timer,
    TimerEnd,
)
from app.storage.tables.models import CheckInRow, ExposureRow, ReframeRow, StimulusRow, TimerRow


def stimulus(row: StimulusRow) -> Stimulus:
    assert row.id is not None
    return stimulus_of(row.id, row.name, row.kind, row.archived)


def stimulus_of(stimulus_id: int, name: str, kind: str, archived: bool) -> Stimulus:
    """A stimulus from its columns, for a long list read without building row objects."""
    return Stimulus(id=stimulus_id, name=name, kind=StimulusKind(kind), archived=bool(archived))


def exposure(row: ExposureRow, name: str) -> Exposure:
    assert row.id is not None
    return Exposure(
        id=row.id,
        stimulus_id=row.stimulus_id,
        stimulus_name=name,
        occurred_at=_held(row.occurred_at),
        enjoyment=row.enjoyment,
        craving=row.craving,
        note=row.note,
        source=ExposureSource(row.source),
        utc_offset=row.utc_offset,
    )


def timer(row: TimerRow, name: str) -> Timer:
    """A stored time outside the years teeter can show (a poisoned file) is held at the
    edge of that span, so every screen and command can still place it in a day."""
    assert row.id is not None
    return Timer(
        id=row.id,
        stimulus_id=row.stimulus_id,
        stimulus_name=name,
        started_at=_held(row.started_at),
        ends_at=_held(row.ends_at),
        ended_at=_held(row.ended_at) if row.ended_at is not None else None,
        end_reason=TimerEnd(row.end_reason) if row.end_reason else None,
        urge=row.urge,
        urge_asked=row.urge_asked,
    )


def reframe(row: ReframeRow) -> Reframe:
    assert row.id is not None
    return Reframe(
        id=row.id,
        occurred_at=row.occurred_at,
        stimulus_id=row.stimulus_id,
        label=row.label,
        craving_before=row.craving_before,
        craving_after=row.craving_after,
        outcome=Outcome(row.outcome) if row.outcome else None,
        surf_minutes=row.surf_minutes,
        utc_offset=row.utc_offset,
    )


def checkin(row: CheckInRow, steps: Iterable[tuple[str, str]]) -> CheckIn:
    """`steps`: the (step, state) pairs of its `checkin_step` rows."""
    assert row.id is not None
    progress = CheckInProgress.from_stored(steps)
    return CheckIn(
        id=row.id,
        day=row.day,
        progress=progress,
        started_at=row.started_at,
        completed_at=row.completed_at,
    )


def _held(when: dt.datetime) -> dt.datetime:
    if bounds.within(when):
        return when
    edge = bounds.EARLIEST if when.year < bounds.EARLIEST.year else bounds.LATEST
    held = edge - dt.timedelta(days=1) if edge is bounds.LATEST else edge
    return held if when.tzinfo is not None else held.replace(tzinfo=None)
