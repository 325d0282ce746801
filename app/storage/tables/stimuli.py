"""Stimuli: the go-to pleasures a person tracks. Names are unique ignoring case."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.domain.records import Stimulus, StimulusCounts, StimulusEntry, StimulusKind
from app.domain.text import StimulusNameError, clean_name, name_key
from app.storage.file import rows
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import (
    ExperimentStimulusRow,
    ExposureRow,
    ReframeRow,
    StimulusRow,
    TimerRow,
)


def find_row(session: Session, name: str) -> StimulusRow | None:
    return session.exec(select(StimulusRow).where(StimulusRow.name_key == name_key(name))).first()


def ensure_row(
    session: Session, name: str, now: dt.datetime, kind: StimulusKind | None = None
) -> StimulusRow:
    """The stimulus called `name` (any case), created if new. Call inside a write. What a
    new stimulus is, and which kind it gets, is defined once, in `rows.ensure_stimulus`."""
    stimulus_id, _, _ = rows.ensure_stimulus(driver_connection(session), name, now, kind)
    row = session.get(StimulusRow, stimulus_id, populate_existing=True)
    assert row is not None
    return row


def driver_connection(session: Session) -> sqlite3.Connection:
    """The session's own driver connection, inside its transaction (for `rows`): sqlite3's,
    or psycopg's wrapped to take the same SQL (`portable.ServerSql`)."""
    raw = session.connection().connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        return raw
    from app.storage.file.portable import ServerSql

    return ServerSql(raw)  # type: ignore[return-value]


def ensure(db: Database, name: str, now: dt.datetime, kind: StimulusKind | None = None) -> Stimulus:
    with db.write() as session:
        return convert.stimulus(ensure_row(session, name, now, kind))


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


def kinds(db: Database, ids: Collection[int] | None = None) -> dict[int, StimulusKind]:
    """Each stimulus's kind by id (every one's, or those of `ids`), in one read: what the
    safety rule needs beside names."""
    query = select(StimulusRow.id, StimulusRow.kind)
    if ids is not None:
        query = query.where(col(StimulusRow.id).in_(ids))
    with db.read() as session:
        rows = session.exec(query).all()
        return {stimulus_id: StimulusKind(kind) for stimulus_id, kind in rows if stimulus_id}


def set_kind(db: Database, stimulus_id: int, kind: StimulusKind) -> None:
    with db.write() as session:
        row = session.get(StimulusRow, stimulus_id)
        if row is not None:
            row.kind = kind.value


# --- managing stimuli (the stimuli screen) ----------------------------------------------
class NameTaken(StimulusNameError):
    """Another stimulus already has this name, ignoring case."""

    def __init__(self, name: str) -> None:
        super().__init__(f'there is already a stimulus called "{name}" (names ignore case)')


class StimulusNotFound(LookupError):
    """The stimulus was deleted meanwhile (another teeter, or the shell)."""

    def __init__(self, stimulus_id: int) -> None:
        super().__init__(f"stimulus {stimulus_id} no longer exists")


class CountsChanged(Exception):
    """Something was recorded for the stimulus after the confirmation was shown."""

    def __init__(self, expected: StimulusCounts, found: StimulusCounts) -> None:
        super().__init__("something was recorded for it meanwhile; nothing was deleted")
        self.expected = expected
        self.found = found


def list_all(db: Database) -> list[StimulusEntry]:
    """Every stimulus, archived ones too, by name, with how many exposures each has: one
    statement, each count an index search on (stimulus_id, occurred_at), read as columns
    (500 row objects cost more than the counts)."""
    exposures = (
        select(func.count())
        .where(col(ExposureRow.stimulus_id) == col(StimulusRow.id))
        .correlate(StimulusRow)
        .scalar_subquery()
    )
    query = sa.select(
        col(StimulusRow.id),
        col(StimulusRow.name),
        col(StimulusRow.kind),
        col(StimulusRow.archived),
        exposures,
    ).order_by(col(StimulusRow.name_key))
    with db.read() as session:
        return [
            StimulusEntry(convert.stimulus_of(sid, name, kind, archived), count)
            for sid, name, kind, archived, count in session.connection().execute(query).all()
        ]


def get(db: Database, stimulus_id: int) -> Stimulus | None:
    with db.read() as session:
        row = session.get(StimulusRow, stimulus_id)
        return convert.stimulus(row) if row else None


def create(db: Database, name: str, kind: StimulusKind, now: dt.datetime) -> Stimulus:
    """A new stimulus; refuses a name already taken (any case) instead of reusing it."""
    cleaned = clean_name(name)
    with db.write() as session:
        if find_row(session, cleaned) is not None:
            raise NameTaken(cleaned)
        row = StimulusRow(name=cleaned, name_key=name_key(cleaned), kind=kind.value, created_at=now)
        session.add(row)
        session.flush()
        return convert.stimulus(row)


def rename(db: Database, stimulus_id: int, name: str, kind: StimulusKind | None = None) -> Stimulus:
    """Same id, new name (and `kind`, when given, in the same write): every exposure, timer
    and reframe follows. Changing only the case of the name is allowed; taking another
    stimulus's name is not."""
    cleaned = clean_name(name)
    with db.write() as session:
        row = _existing(session, stimulus_id)
        other = find_row(session, cleaned)
        if other is not None and other.id != stimulus_id:
            raise NameTaken(cleaned)
        row.name = cleaned
        row.name_key = name_key(cleaned)
        if kind is not None:
            row.kind = kind.value
        session.add(row)
        return convert.stimulus(row)


def set_archived(db: Database, stimulus_id: int, archived: bool) -> Stimulus:
    """Archived stimuli keep their history and leave the pickers (`list_active`)."""
    with db.write() as session:
        row = _existing(session, stimulus_id)
        row.archived = archived
        session.add(row)
        return convert.stimulus(row)


def counts(db: Database, stimulus_id: int) -> StimulusCounts:
    with db.read() as session:
        return _counts(session, stimulus_id)


def delete(
    db: Database, stimulus_id: int, expected: StimulusCounts | None = None
) -> StimulusCounts:
    """Delete a stimulus and everything recorded for it (the foreign keys cascade), in one
    transaction. With `expected` (what the confirmation showed), refuse if anything was
    recorded since, so exactly what the person agreed to is deleted."""
    with db.write() as session:
        row = _existing(session, stimulus_id)
        found = _counts(session, stimulus_id)
        if expected is not None and found != expected:
            raise CountsChanged(expected, found)
        session.delete(row)
        return found


def _existing(session: Session, stimulus_id: int) -> StimulusRow:
    row = session.get(StimulusRow, stimulus_id)
    if row is None:
        raise StimulusNotFound(stimulus_id)
    return row


def recorded_for(session: Session, stimulus_id: int) -> StimulusCounts:
    """What is recorded for a stimulus, inside a caller's transaction."""
    return _counts(session, stimulus_id)


def _counts(session: Session, stimulus_id: int) -> StimulusCounts:
    def count(column: Any) -> int:
        return session.exec(select(func.count()).where(column == stimulus_id)).one()

    return StimulusCounts(
        exposures=count(col(ExposureRow.stimulus_id)),
        timers=count(col(TimerRow.stimulus_id)),
        reframes=count(col(ReframeRow.stimulus_id)),
        experiments=count(col(ExperimentStimulusRow.stimulus_id)),
    )
