"""Stimuli: the go-to pleasures a person tracks. Names are unique ignoring case."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.domain.records import Stimulus, StimulusKind
from app.domain.text import clean_name, name_key
from app.storage import convert
from app.storage.database import Database
from app.storage.models import ExposureRow, StimulusRow


def find_row(session: Session, name: str) -> StimulusRow | None:
    return session.exec(select(StimulusRow).where(StimulusRow.name_key == name_key(name))).first()


def ensure_row(session: Session, name: str, now: dt.datetime) -> StimulusRow:
    """The stimulus called `name` (any case), created if new. Call inside a write."""
    cleaned = clean_name(name)
    row = find_row(session, cleaned)
    if row is None:
        row = StimulusRow(name=cleaned, name_key=name_key(cleaned), created_at=now)
        session.add(row)
        session.flush()
    return row


def ensure(db: Database, name: str, now: dt.datetime) -> Stimulus:
    with db.write() as session:
        return convert.stimulus(ensure_row(session, name, now))


def find(db: Database, name: str) -> Stimulus | None:
    with db.read() as session:
        row = find_row(session, name)
        return convert.stimulus(row) if row else None


def list_active(db: Database) -> list[Stimulus]:
    """Stimuli for pickers, most recently used first (never-used ones after, by name).
    The latest use is one index lookup per stimulus, whatever the size of the history."""
    latest = (
        select(func.max(ExposureRow.occurred_at))
        .where(ExposureRow.stimulus_id == StimulusRow.id)
        .correlate(StimulusRow)
        .scalar_subquery()
    )
    with db.read() as session:
        rows = session.exec(
            select(StimulusRow)
            .where(col(StimulusRow.archived).is_(False))
            .order_by(latest.desc().nulls_last(), col(StimulusRow.name_key))
        ).all()
        return [convert.stimulus(row) for row in rows]


def set_kind(db: Database, stimulus_id: int, kind: StimulusKind) -> None:
    with db.write() as session:
        row = session.get(StimulusRow, stimulus_id)
        if row is not None:
            row.kind = kind.value
